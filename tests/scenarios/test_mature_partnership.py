"""Scenario (f): a partnership three years in, with churn.

Built through the CLI from January 2024 to December 2026: a launch, six full
partnership meetings (one in January 2025 with a public majority), a business
that leaves (a hand-written `left:` date) and two that join, teams closed and
paused with open tasks, and a new team without an update yet.
Findings 7 (one definition of overdue) and 8 (a rule's window is in its sentence).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from partnership_on_calendar import Partnership, cli_runner

FOUNDERS = {  # business: its leader
    "Acme Tools": "Ann Lee",
    "Bolt Works": "Cy Park",
    "Cedar Plastics": "Dee Ruiz",
    "Delta Machining": "Eli Moss",
    "Echo Foundry": "Fay Wong",
    "Fern Robotics": "Gus Hale",
}
PUBLIC_PEOPLE = {  # person: organization
    "Bo Diaz": "valley-workforce-board",
    "Kim Roy": "valley-college",
    "Ray Fox": "valley-college",
    "Sue Lam": "valley-college",
    "Lu Chen": "valley-edc",
    "Tim Oak": "valley-chamber",
    "Zoe Ash": "county-commission",
}
# Full partnership meetings: (date, business leaders who came, public partners who came)
ANN_CY_ELI = ["ann-lee", "cy-park", "eli-moss"]
FULL_MEETINGS = [
    ("2024-07-16", [*ANN_CY_ELI, "dee-ruiz", "fay-wong"], ["bo-diaz", "kim-roy"]),
    ("2025-01-14", [*ANN_CY_ELI, "dee-ruiz"], [p.lower().replace(" ", "-") for p in PUBLIC_PEOPLE]),
    ("2025-06-10", [*ANN_CY_ELI, "fay-wong", "gus-hale", "hal-cho"], ["bo-diaz", "kim-roy"]),
    ("2025-11-18", [*ANN_CY_ELI, "fay-wong", "hal-cho"], ["bo-diaz", "lu-chen"]),
    ("2026-05-12", [*ANN_CY_ELI, "ivy-ng", "hal-cho"], ["bo-diaz", "kim-roy", "lu-chen"]),
    ("2026-11-10", [*ANN_CY_ELI, "fay-wong", "gus-hale", "ivy-ng"], ["bo-diaz", "kim-roy"]),
]


def _votes(tmp: Path, name: str, rows: list[str]) -> str:
    path = tmp / name
    path.write_text("voter,priority,points\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _full_meeting(p: Partnership, day: str, business: list[str], public: list[str]) -> str:
    meeting = str(p.json("meeting", "new", "full-partnership", "--date", day, "--invite-all-business")["id"])
    p.on(day)("meeting", "attend", meeting, *business, *public)
    return meeting


def build_until(p: Partnership, tmp: Path, stop: str) -> Partnership:
    """Every step up to (and including) the day `stop`."""
    p.on("2024-01-10").init(
        "Valley Makers", "--industry", "Manufacturing", "--region", "Test Valley",
        "--convener", "Valley Workforce Board", "--convener-kind", "workforce", "--county", "Adams",
    )  # fmt: skip
    p.edit("partnership.yaml", naics=["3332"])
    for name, kind in (("Valley College", "education"), ("Valley EDC", "economic-development"),
                       ("Valley Chamber", "community"), ("County Commission", "government")):  # fmt: skip
        p.org(name, kind)
    for name, org in PUBLIC_PEOPLE.items():
        p.person(name, org, "convener" if name == "Bo Diaz" else "public-partner")
    p.on("2024-02-01")
    for business, leader in FOUNDERS.items():
        roles = ("business-leader", "champion") if leader in ("Ann Lee", "Cy Park") else ("business-leader",)
        p.person(leader, p.org(business), *roles)
    launch = p.json("meeting", "new", "launch", "--date", "2024-03-12", "--invite-all-business",
                    "--invite", "bo-diaz", "--invite", "kim-roy")["id"]  # fmt: skip
    p.on("2024-03-12")("meeting", "attend", launch, *[n.lower().replace(" ", "-") for n in FOUNDERS.values()],
                       "bo-diaz", "kim-roy")  # fmt: skip
    for title in ("Hiring pipeline", "Supplier network", "Shared training"):
        p("meeting", "candidate", launch, title)
    votes = [
        "ann-lee,hiring-pipeline,3",
        "cy-park,shared-training,3",
        "dee-ruiz,supplier-network,3",
        "eli-moss,hiring-pipeline,2",
        "eli-moss,supplier-network,1",
        "fay-wong,shared-training,1",
    ]
    p("prioritize", launch, "--votes", _votes(tmp, "launch.csv", votes), "--top", "3")
    p("team", "new", "hiring-pipeline", "--champion", "ann-lee", "--support", "kim-roy",
      "--goal", "20 hires a year", "--measure", "hires")  # fmt: skip
    p("team", "new", "supplier-network", "--champion", "dee-ruiz", "--support", "lu-chen")
    p("team", "new", "shared-training", "--champion", "cy-park", "--support", "ray-fox")
    p("team", "task", "add", "supplier-network", "Supplier directory", "--due", "2025-05-01")
    p("team", "task", "add", "shared-training", "Trainer roster", "--due", "2025-12-01")
    for day, business, public in FULL_MEETINGS[:2]:
        _full_meeting(p, day, business, public)
    if stop == "2025-02-01":
        return p.on(stop)
    p.edit("organizations/cedar-plastics.yaml", left="2025-03-31")  # Cedar Plastics leaves
    p.on("2025-05-01")
    p.person("Hal Cho", p.org("Gamma Castings"), "business-leader")  # a newcomer
    _full_meeting(p, *FULL_MEETINGS[2])
    p("team", "status", "supplier-network", "done")  # closed with its directory task still open
    _full_meeting(p, *FULL_MEETINGS[3])
    p.on("2026-01-15")("team", "status", "shared-training", "paused")
    p.edit("priorities/shared-training.yaml", status="parked")  # by hand: the industry parked it
    p.on("2026-02-01")
    p.person("Ivy Ng", p.org("Harbor Metals"), "business-leader")  # another newcomer
    p("team", "task", "add", "hiring-pipeline", "Apprentice guide", "--due", "2026-06-01", "--quick-win")
    p("team", "task", "add", "hiring-pipeline", "Job fair", "--due", "2026-10-01")
    _full_meeting(p, *FULL_MEETINGS[4])
    p.on("2026-07-01")("team", "task", "done", "hiring-pipeline", "t1")
    meeting = _full_meeting(p, *FULL_MEETINGS[5])
    p("meeting", "candidate", meeting, "Apprenticeships")
    p.on("2026-10-20")("team", "update", "hiring-pipeline", "Twelve hires this year")
    p.on("2026-11-10")
    p(
        "prioritize",
        meeting,
        "--votes",
        _votes(tmp, "refresh.csv", ["ivy-ng,apprenticeships,3"]),
        "--top",
        "1",
    )
    p("team", "new", "apprenticeships", "--champion", "ivy-ng", "--support", "kim-roy",
      "--goal", "10 apprentices", "--measure", "apprentices placed")  # fmt: skip
    return p.on(stop)


def test_a_public_majority_meeting_shows_within_the_window_its_sentence_names(
    partnership: Partnership, tmp_path: Path
) -> None:
    """2025-02-01: the last three full meetings include January's, where the public outnumbered business."""
    p = build_until(partnership, tmp_path, "2025-02-01")
    # No team has reported since forming in March 2024; no business has joined since the launch.
    assert p.scorecard() == ("move-to-action", 0.5, "?PMMMNN")
    found = p.indicators()
    assert found["business-outnumber-public"]["status"] == "partial"
    assert found["business-outnumber-public"]["evidence"] == (
        "Business leaders outnumbered public partners at 2 of the last 3 meetings: "
        "6 of 8 attendees at the 2024-03-12 launch meeting were business leaders (2 public partners); "
        "5 of 7 attendees at the 2024-07-16 full partnership meeting were business leaders "
        "(2 public partners); "
        "4 of 11 attendees at the 2025-01-14 full partnership meeting were business leaders "
        "(7 public partners)."
    )
    assert p.item("sustain", "business-majority-at-meetings") == (
        "todo",
        "2 of the last 3 full meetings had a business majority; 2025-01-14: 4 business leaders, "
        "7 public partners",
    )


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Partnership]:
    """Built once for the tests that only read it (each command still runs through the CLI)."""
    tmp = tmp_path_factory.mktemp("three-years")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NO_COLOR", "1")
        env.setenv("COLUMNS", "100")
        env.delenv("NGSP_DIR", raising=False)
        p = build_until(Partnership(cli_runner(), tmp / "valley", env), tmp, "2026-12-01")
        yield p


def test_three_years_in(three_years: Partnership) -> None:
    p = three_years.on("2026-12-01")
    assert p.scorecard() == ("sustain", 0.71, "?MMMMPP")
    found = p.indicators()
    assert {k: v["status"] for k, v in found.items()} == {
        "region-labor-market": "unknown",
        "business-outnumber-public": "met",
        "business-champions": "met",
        "priorities-from-business": "met",
        "coordinated-public-support": "met",
        "action-plan-current": "partial",
        "new-businesses-joining": "partial",
    }
    # Leads: Ann Lee and Cy Park (champions), Ivy Ng (the apprenticeships team's champion).
    assert found["business-champions"]["evidence"] == (
        "3 business leaders lead as co-chair or champion (Ann Lee, Cy Park, Ivy Ng); "
        "2 of 2 active action teams have a business champion."
    )
    assert p.check()["score"] == 0.71  # 4 met, 2 partial of 7: (4 + 1) / 7
    # Hand counts: founders Acme, Bolt, Delta, Echo, Fern (Cedar left 2025-03-31); newcomers Gamma
    # (2025-05-01, more than 365 days ago) and Harbor (2026-02-01, within the year): 7 at the table.
    assert found["new-businesses-joining"]["evidence"] == (
        "1 new business joined in the last 365 days after the launch on 2024-03-12 "
        "(Harbor Metals 2026-02-01); 5 founding businesses, 7 businesses at the table in all."
    )
    # Active teams: hiring (update 2026-10-20) and apprenticeships (formed 2026-11-10, no update yet).
    # Overdue: only the job fair (hiring, due 2026-10-01); the supplier team is done and the training
    # team paused, so their open tasks are not overdue; the apprentice guide was done on 2026-07-01.
    assert found["action-plan-current"]["evidence"] == (
        "1 of 2 active action teams reported progress in the last 60 days; 1 newly formed team is not "
        "due yet (Apprenticeships); 1 task is past due."
    )
    assert p.item("sustain", "business-majority-at-meetings") == (
        "done",
        "business majority at the last 3 full meetings",
    )
    assert p.item("sustain", "tasks-on-time") == ("todo", "1 task past due (Hiring pipeline)")
    report = p("report", "--out", "-")
    # The same 3 champions as the check's sentence: Ann Lee, Cy Park and Ivy Ng (who champions a team).
    assert "| Businesses at the table | 7 (7 business leaders, 3 champions) |" in report
    assert "| Public partner organizations | 5 |" in report
    assert "| Tasks done / open / overdue | 1 / 3 / 1 |" in report


def test_one_definition_of_overdue_on_every_screen(three_years: Partnership) -> None:
    """Finding 7: check, status, team list and report count the same overdue tasks."""
    p = three_years.on("2026-12-01")
    # A closed or paused team's tasks are not overdue from the day of its status: on 2025-06-01 the
    # supplier team (closed 2025-06-10) still owed its directory (due 2025-05-01); on 2025-12-15 the
    # training team (paused 2026-01-15) owed its trainer roster (due 2025-12-01).
    for as_of, expected in (("2026-12-01", 1), ("2026-06-15", 1), ("2025-06-01", 1), ("2025-12-15", 1)):
        check = p.indicators("--as-of", as_of)["action-plan-current"]["numbers"]["overdue_tasks"]
        status = p.status("--as-of", as_of)
        listed = sum(len(t["overdue_tasks"]) for t in p.json("team", "list", "--as-of", as_of))
        report = p.json("report", "--as-of", as_of)["summary"]["tasks_overdue"]
        assert (check, len(status["overdue_tasks"]), listed, report) == (expected,) * 4, as_of
    # 2026-06-15: the apprentice guide (due 06-01, done 07-01) was overdue then; the job fair not yet due.
    assert [t["text"] for t in p.status("--as-of", "2026-06-15")["overdue_tasks"]] == ["Apprentice guide"]


def test_one_definition_of_a_champion_on_every_screen(three_years: Partnership) -> None:
    """Check, status, report and portfolio count the same champions on a date."""
    p = three_years.on("2026-12-01")
    # Hand counts. 2026-12-01: Ann Lee and Cy Park (role champion) and Ivy Ng (champion of the
    # apprenticeships team, formed 2026-11-10). 2026-06-01: that team did not exist yet; Dee Ruiz
    # champions the supplier team, but his business left on 2025-03-31.
    for as_of, expected in (("2026-12-01", 3), ("2026-06-01", 2)):
        evidence = p.indicators("--as-of", as_of)["business-champions"]["evidence"]
        assert evidence.startswith(f"{expected} business leaders lead as co-chair or champion"), as_of
        assert p.item("prepare-launch", "champions-recruited", "--as-of", as_of)[1].startswith(
            f"{expected} business champions"
        ), as_of
        assert p.json("report", "--as-of", as_of)["summary"]["champions"] == expected, as_of
        portfolio = p.json("portfolio", str(p.root), "--as-of", as_of)
        assert portfolio["partnerships"][0]["champions"] == expected, as_of


def test_the_portfolio_states_what_check_and_report_state(three_years: Partnership) -> None:
    p = three_years.on("2026-12-01")
    for as_of in ("2024-03-13", "2025-02-01", "2026-12-01"):
        row = p.json("portfolio", str(p.root), "--as-of", as_of)["partnerships"][0]
        summary = p.json("report", "--as-of", as_of)["summary"]
        assert row["score"] == p.check("--as-of", as_of)["score"], as_of
        assert row["phase"]["id"] == p.phase("--as-of", as_of), as_of
        for key in ("businesses", "public_partners", "teams_active", "teams_flagged", "tasks_overdue"):
            assert row[key] == summary[key], (as_of, key)
    # Hand counts on 2024-03-13, the day after the launch: 6 businesses, 5 public partner
    # organizations, 3 new teams; nothing due yet.
    early = p.json("portfolio", str(p.root), "--as-of", "2024-03-13")["partnerships"][0]
    assert (early["businesses"], early["public_partners"], early["teams_active"], early["tasks_overdue"]) == (
        6, 5, 3, 0,
    )  # fmt: skip


def test_the_launch_memo_states_what_was_true_on_its_date(three_years: Partnership) -> None:
    p = three_years.on("2026-12-01")
    launch = next(m["id"] for m in p.json("meeting", "list") if m["kind"] == "launch")
    memo = p("memo", launch, "--out", "-", "--as-of", "2024-03-13")
    # Hand counts: the six founders' leaders and two public partners came; all eight were invited.
    assert "6 business leaders and 2 public partners came (8 of 8 invited)." in memo
    # The launch vote: hiring 3 + 2 (Ann, Eli), training 3 + 1 (Cy, Fay), suppliers 3 + 1 (Dee, Eli).
    assert "| **Hiring pipeline** | 5 (2) | 0 (0) |" in memo
    assert "| **Supplier network** | 4 (2) | 0 (0) |" in memo
    assert "Shared training" in memo
    assert "Apprenticeships" not in memo  # named at the 2026-11-10 refresh vote
    # The tasks of the three new teams, as added that day; none of 2026 yet, none overdue.
    assert "| Supplier network | Supplier directory |  | May 1, 2025 |" in memo
    assert "| Shared training | Trainer roster |  | Dec 1, 2025 |" in memo
    assert "Job fair" not in memo
    assert "overdue" not in memo

    later = p("memo", launch, "--out", "-", "--as-of", "2026-12-01")
    assert "6 business leaders and 2 public partners came (8 of 8 invited)." in later
    # Selected since: with the tally of its own vote, which the row names; teams marked by status.
    assert "| 1 | **Apprenticeships** *(rank and dots from the vote of Nov 10, 2026)* | 3 (1) |" in later
    assert "| Supplier network (done) |" in later  # Dee Ruiz's business left on 2025-03-31
    assert "| Shared training (paused): Cy Park |" in later
    # The supplier team closed and the training team paused: only the hiring team's job fair is open.
    assert "| Hiring pipeline | Job fair |  | Oct 1, 2026 **(overdue)** |" in later
    assert "Supplier directory" not in later
    assert "Trainer roster" not in later
