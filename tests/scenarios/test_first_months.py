"""Scenarios (a)-(d): a partnership's first months, built through the CLI day by day.

Every expected figure is a hand count of what the steps entered.
"""

from __future__ import annotations

from partnership_on_calendar import Partnership

PUBLIC = {  # name: kind, the support team besides the convener
    "Valley College": "education",
    "Valley EDC": "economic-development",
    "Valley Chamber": "community",
    "County Commission": "government",
}


def _new(p: Partnership) -> Partnership:
    p.on("2026-01-05").init(
        "Valley Makers", "--industry", "Manufacturing", "--region", "Test Valley",
        "--convener", "Valley Workforce Board", "--convener-kind", "workforce", "--county", "Adams",
    )  # fmt: skip
    return p


def _support_team(p: Partnership) -> Partnership:
    """Four more public partner organizations with six people; the support team meets once."""
    p.on("2026-01-12")
    for name, kind in list(PUBLIC.items())[:3]:
        p.org(name, kind)
    p.person("Bo Diaz", "valley-workforce-board", "convener")
    for name in ("Kim Roy", "Ray Fox", "Sue Lam"):
        p.person(name, "valley-college", "public-partner")
    p.person("Lu Chen", "valley-edc", "public-partner")
    p.person("Tim Oak", "valley-chamber", "public-partner")
    meeting = p.json("meeting", "new", "convener-team", "--date", "2026-01-20",
                     "--invite", "bo-diaz", "--invite", "kim-roy", "--invite", "lu-chen")["id"]  # fmt: skip
    p.on("2026-01-20")("meeting", "attend", meeting, "bo-diaz", "kim-roy", "lu-chen")
    return p


def test_a_new_and_empty_partnership(partnership: Partnership) -> None:
    p = _new(partnership)
    assert p.scorecard() == ("support-team", 0.0, "????N??")
    items = p.checklist()
    # One organization: the convener the folder was created with.
    assert items["support-team-formed"] == ("todo", "1 public partner organization at the table (5 wanted)")
    assert items["conveners-named"][0] == "done"
    assert items["support-team-met"] == ("todo", "no support team meeting is recorded as held")
    check = p.check()
    assert check["score"] == 0.0
    assert {k: v["status"] for k, v in p.indicators().items()} == {
        "region-labor-market": "unknown",
        "business-outnumber-public": "unknown",
        "business-champions": "unknown",
        "priorities-from-business": "unknown",
        "coordinated-public-support": "not-met",
        "action-plan-current": "unknown",
        "new-businesses-joining": "unknown",
    }
    found = p.indicators()
    assert found["coordinated-public-support"]["evidence"] == (
        "Public partners from 1 of 3 systems take part: workforce (1)."
    )
    assert found["new-businesses-joining"]["evidence"].startswith("No businesses are recorded yet.")


def test_b_support_team_only_counts_organizations_not_people(partnership: Partnership) -> None:
    """Finding 4: the item names public partner organizations, so it counts organizations."""
    p = _support_team(_new(partnership))
    # Hand count: the convener + college + EDC + chamber = 4 organizations; 6 public people.
    assert p.checklist()["support-team-formed"] == (
        "todo",
        "4 public partner organizations at the table (5 wanted)",
    )
    assert p.json("org", "list").__len__() == 4
    assert p.phase() == "support-team"
    p.org("County Commission", "government")
    assert p.item("support-team", "support-team-formed") == (
        "done",
        "5 public partner organizations at the table (5 wanted)",
    )
    assert p.item("support-team", "support-team-met") == ("done", "first met 2026-01-20")
    # The industry's NAICS codes are still missing: the next phase is defining industry and region.
    assert p.phase() == "industry-region"
    p.edit("partnership.yaml", naics=["3332", "3339"])
    assert p.phase() == "prepare-launch"
    statuses = p.statuses()
    assert statuses["coordinated-public-support"] == "met"
    assert p.indicators()["coordinated-public-support"]["evidence"] == (
        "Public partners from 3 of 3 systems take part: economic development (1), education (1), "
        "workforce (1)."
    )
    assert statuses["business-champions"] == "not-met"
    assert p.indicators()["business-champions"]["evidence"] == (
        "None of the 6 people at the table is named co-chair or champion."
    )
    assert p.check()["score"] == 0.14  # 1 met of 7 indicators
    assert p.scorecard() == ("prepare-launch", 0.14, "??N?M??")


def _ready_to_launch(p: Partnership, businesses: dict[str, str]) -> Partnership:
    """Support team in place; businesses entered on 2026-02-02 (their `joined` defaults to that day)."""
    _support_team(_new(p))
    p.org("County Commission", "government")
    p.edit("partnership.yaml", naics=["3332"])
    p.on("2026-02-02")
    for name, leader in businesses.items():
        org = p.org(name)
        p.person(leader, org, "business-leader", *(("champion",) if leader in CHAMPIONS else ()))
    return p


CHAMPIONS = {"Ann Lee", "Cy Park"}


def test_c_launch_with_a_public_majority(partnership: Partnership) -> None:
    p = _ready_to_launch(partnership, {"Acme Tools": "Ann Lee", "Bolt Works": "Cy Park"})
    # Finding 2: one business recorded with an earlier joined date; none is a newcomer before a launch.
    p.json("org", "add", "Cedar Plastics", "--kind", "business", "--joined", "2026-01-15")
    p.person("Dee Ruiz", "cedar-plastics", "business-leader")
    joining = p.indicators()["new-businesses-joining"]
    assert joining["status"] == "unknown"
    assert joining["evidence"].startswith(
        "Not yet measurable: no launch meeting has been held, so the 3 businesses at the table are the "
        "founding members"
    )
    assert p.item("sustain", "new-businesses")[1].startswith("not yet measurable")
    # Champions Ann Lee and Cy Park lead; the support team covers the three systems.
    assert p.scorecard() == ("prepare-launch", 0.29, "??M?M??")
    launch = p.json("meeting", "new", "launch", "--date", "2026-03-10", "--invite-all-business",
                    "--invite", "bo-diaz", "--invite", "kim-roy", "--invite", "ray-fox",
                    "--invite", "lu-chen", "--invite", "tim-oak")["id"]  # fmt: skip
    assert p.phase() == "prepare-launch"
    assert p.checklist()["launch-invitees-business-majority"] == (
        "todo",
        "3 business leaders and 5 public partners invited",
    )
    p.on("2026-03-10")("meeting", "attend", launch, "ann-lee", "cy-park", "bo-diaz", "kim-roy", "ray-fox",
                       "lu-chen")  # fmt: skip
    assert p.scorecard() == ("launch", 0.29, "?NM?M??")
    items = p.checklist()
    assert items["launch-held"] == ("done", "held 2026-03-10, 6 attendees")
    assert items["launch-business-majority"] == ("todo", "2 business leaders and 4 public partners came")
    found = p.indicators()
    assert found["business-outnumber-public"]["status"] == "not-met"
    assert found["business-outnumber-public"]["evidence"] == (
        "2 of 6 attendees at the 2026-03-10 launch meeting were business leaders (4 public partners)."
    )
    # All three businesses were at (or recruited for) the launch: founders, none is a newcomer.
    assert found["new-businesses-joining"]["status"] == "unknown"
    assert "with 3 founding businesses" in found["new-businesses-joining"]["evidence"]
    p.on("2026-04-15")
    p.person("Fay Wong", p.org("Echo Foundry"), "business-leader")
    assert p.scorecard("--as-of", "2026-10-01") == ("launch", 0.36, "?NM?M?P")
    found = p.indicators("--as-of", "2026-10-01")
    assert found["new-businesses-joining"]["status"] == "partial"
    assert found["new-businesses-joining"]["evidence"] == (
        "1 new business joined in the last 365 days after the launch on 2026-03-10 "
        "(Echo Foundry 2026-04-15); 3 founding businesses, 4 businesses at the table in all."
    )


def test_d_launch_held_but_no_votes(partnership: Partnership) -> None:
    p = _ready_to_launch(
        partnership, {"Acme Tools": "Ann Lee", "Bolt Works": "Cy Park", "Cedar Plastics": "Dee Ruiz"}
    )
    launch = p.json("meeting", "new", "launch", "--date", "2026-03-10", "--invite-all-business",
                    "--invite", "bo-diaz")["id"]  # fmt: skip
    p.on("2026-03-10")("meeting", "attend", launch, "ann-lee", "cy-park", "dee-ruiz", "bo-diaz")
    p("meeting", "candidate", launch, "Hiring pipeline", "--category", "talent")
    p("meeting", "candidate", launch, "Supplier network", "--category", "networking")
    status = p.status()
    assert status["phase"]["id"] == "launch"
    assert status["next_step"]["id"] == "record-priorities"
    assert status["next_step"]["evidence"] == ["no priority is selected yet"]
    items = p.checklist()
    assert items["launch-business-majority"] == ("done", "3 business leaders and 1 public partner came")
    assert items["candidates-recorded"] == ("done", "2 candidates on meetings, 0 priorities")
    assert p.statuses() == {
        "region-labor-market": "unknown",
        "business-outnumber-public": "met",
        "business-champions": "met",
        "priorities-from-business": "unknown",
        "coordinated-public-support": "met",
        "action-plan-current": "unknown",
        "new-businesses-joining": "unknown",
    }
    assert p.indicators()["priorities-from-business"]["evidence"] == (
        "No priorities are recorded yet. No self-assessment answer either."
    )
    assert p.check()["score"] == 0.43  # 3 met of 7
    assert p.scorecard() == ("launch", 0.43, "?MM?M??")
