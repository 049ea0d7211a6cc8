"""Scenario (e): action teams formed on one day, reporting or not, and teams without champions.

Findings 1 and 7 of the judgments issue: a team that never reported has not
reported (a newly formed one is "not due yet"), and one definition of overdue.
"""

from __future__ import annotations

from pathlib import Path

from partnership_on_calendar import Partnership
from test_first_months import _ready_to_launch

VOTES = """voter,priority,points
ann-lee,hiring-pipeline,2
ann-lee,supplier-network,1
cy-park,hiring-pipeline,1
cy-park,shared-training,2
dee-ruiz,supplier-network,3
"""


def _three_teams(p: Partnership, tmp: Path) -> Partnership:
    """Launch on 2026-03-10, three priorities voted, three teams formed that day, one update."""
    _ready_to_launch(p, {"Acme Tools": "Ann Lee", "Bolt Works": "Cy Park", "Cedar Plastics": "Dee Ruiz"})
    launch = p.json("meeting", "new", "launch", "--date", "2026-03-10", "--invite-all-business",
                    "--invite", "bo-diaz")["id"]  # fmt: skip
    p.on("2026-03-10")("meeting", "attend", launch, "ann-lee", "cy-park", "dee-ruiz", "bo-diaz")
    for title in ("Hiring pipeline", "Supplier network", "Shared training"):
        p("meeting", "candidate", launch, title)
    votes = tmp / "votes.csv"
    votes.write_text(VOTES, encoding="utf-8")
    p("prioritize", launch, "--votes", str(votes), "--top", "3")
    p("team", "new", "hiring-pipeline", "--champion", "ann-lee", "--support", "kim-roy",
      "--goal", "20 hires", "--measure", "hires")  # fmt: skip
    p("team", "new", "supplier-network", "--champion", "dee-ruiz", "--support", "lu-chen")
    p("team", "new", "shared-training", "--champion", "cy-park", "--support", "ray-fox")
    p("team", "update", "hiring-pipeline", "First call held")
    return p


def test_newly_formed_teams_are_not_due_yet_and_never_counted_as_reported(
    partnership: Partnership, tmp_path: Path
) -> None:
    p = _three_teams(partnership, tmp_path)
    # Two teams lack a goal: the partnership is moving to action.
    assert p.scorecard() == ("move-to-action", 0.71, "?MMMMM?")
    plan = p.indicators()["action-plan-current"]
    assert plan["evidence"] == (
        "1 of 3 active action teams reported progress in the last 60 days; 2 newly formed teams are "
        "not due yet (Shared training, Supplier network)."
    )
    assert plan["numbers"] == {"teams": 3, "reported": 1, "not_due": 2, "late": 0, "overdue_tasks": 0}
    assert plan["status"] == "met"  # every team that is due has reported
    listed = {t["id"]: t for t in p.json("team", "list")}
    assert {k: (t["last_update"], t["reporting"]) for k, t in listed.items()} == {
        "hiring-pipeline": ("2026-03-10", "reported"),
        "shared-training": (None, "not-due"),
        "supplier-network": (None, "not-due"),
    }
    report = p("report", "--out", "-")
    assert report.count("No progress update yet (newly formed, not due yet).") == 2

    # 66 days later only the hiring team has reported again.
    p.on("2026-05-01")("team", "update", "hiring-pipeline", "Ten hires so far")
    p.on("2026-05-15")
    assert p.scorecard() == ("move-to-action", 0.64, "?MMMMP?")
    plan = p.indicators()["action-plan-current"]
    assert plan["status"] == "partial"
    assert plan["evidence"] == (
        "1 of 3 active action teams reported progress in the last 60 days (Shared training: no update "
        "since it was formed on 2026-03-10, 66 days ago; Supplier network: no update since it was formed "
        "on 2026-03-10, 66 days ago)."
    )
    assert p.item("sustain", "team-updates-recent") == (
        "todo",
        "1 of 3 active teams reported in the last 60 days, 2 late (Shared training; Supplier network)",
    )
    flags = {(f["team"], f["kind"]) for f in p.status()["team_flags"]}
    assert flags == {("shared-training", "stale"), ("supplier-network", "stale")}


def test_teams_without_a_business_champion(partnership: Partnership, tmp_path: Path) -> None:
    """(e) Hand edits: one team file loses its champions, another's champion leaves the partnership."""
    p = _three_teams(partnership, tmp_path)
    p.on("2026-04-01")
    p.edit("action-teams/shared-training.yaml", champions=[])
    p.edit("people/dee-ruiz.yaml", left="2026-03-31")
    assert p.item("move-to-action", "teams-have-business-champion") == (
        "todo",
        "no business champion: Shared training; Supplier network",
    )
    listed = {t["id"]: [f["kind"] for f in t["flags"]] for t in p.json("team", "list")}
    assert listed == {
        "hiring-pipeline": [],
        "shared-training": ["no-business-champion"],
        "supplier-network": ["no-business-champion"],
    }
    assert p.scorecard() == ("move-to-action", 0.64, "?MPMMM?")
    champions = p.indicators()["business-champions"]
    assert champions["status"] == "partial"
    assert champions["evidence"] == (
        "2 business leaders lead as co-chair or champion (Ann Lee, Cy Park); "
        "1 of 3 active action teams has a business champion."
    )
    # Before Dee Ruiz left, her team had its champion.
    assert p.item("move-to-action", "teams-have-business-champion", "--as-of", "2026-03-20") == (
        "todo",
        "no business champion: Shared training",
    )
