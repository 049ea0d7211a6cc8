"""Scenario (g): a refresh vote a year after the launch, a team paused and taken up again, a
champion who leaves.

Built through the CLI from January 2025 to April 2026. Every screen asked about a day
between the launch and the refresh vote must show that day: the launch tally, the teams
formed by then with the status they had then, the tasks and updates written by then, and
only the champions still at the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from partnership_on_calendar import Partnership

LAUNCH_VOTES = """voter,priority,points
ann-lee,hiring-pipeline,3
cy-park,hiring-pipeline,2
dee-ruiz,supplier-network,3
kim-roy,supplier-network,2
"""
REFRESH_VOTES = """voter,priority,points
ann-lee,apprenticeships,3
cy-park,hiring-pipeline,2
"""


def _build(p: Partnership, tmp: Path) -> dict[str, str]:
    """Every step, in calendar order; the ids of the two full meetings."""
    p.on("2025-01-06").init(
        "Valley Makers", "--industry", "Manufacturing", "--region", "Test Valley",
        "--convener", "Valley Workforce Board", "--convener-kind", "workforce",
    )  # fmt: skip
    p.person("Bo Diaz", "valley-workforce-board", "convener")
    p.person("Kim Roy", p.org("Valley College", "education"), "public-partner")
    p.on("2025-02-03")
    p.person("Ann Lee", p.org("Acme Tools"), "business-leader", "co-chair")
    p.person("Cy Park", p.org("Bolt Works"), "business-leader")
    p.person("Dee Ruiz", p.org("Cedar Plastics"), "business-leader", "champion")
    p.edit("partnership.yaml", co_chairs=["ann-lee"], naics=["3332"])
    launch = str(p.json("meeting", "new", "launch", "--date", "2025-03-04", "--invite-all-business",
                        "--invite", "bo-diaz", "--invite", "kim-roy")["id"])  # fmt: skip
    p.on("2025-03-04")("meeting", "attend", launch, "ann-lee", "cy-park", "dee-ruiz", "bo-diaz", "kim-roy")
    for title in ("Hiring pipeline", "Supplier network"):
        p("meeting", "candidate", launch, title)
    (tmp / "launch.csv").write_text(LAUNCH_VOTES, encoding="utf-8")
    p("prioritize", launch, "--votes", str(tmp / "launch.csv"), "--top", "2")
    p("team", "new", "hiring-pipeline", "--champion", "ann-lee", "--support", "kim-roy")
    p("team", "new", "supplier-network", "--champion", "dee-ruiz", "--support", "bo-diaz")
    p.on("2025-04-01")("team", "task", "add", "hiring-pipeline", "Job fair", "--due", "2025-10-01")
    p.on("2025-05-01")("team", "update", "hiring-pipeline", "First employer call held")
    p.on("2025-06-02")("team", "status", "supplier-network", "paused")
    p.on("2025-09-01")("team", "status", "supplier-network", "active")
    p.edit("organizations/cedar-plastics.yaml", left="2025-12-31")  # Dee's business leaves
    p.on("2026-02-02")
    refresh = str(p.json("meeting", "new", "full-partnership", "--date", "2026-03-03",
                         "--invite-all-business")["id"])  # fmt: skip
    p.on("2026-03-03")("meeting", "attend", refresh, "ann-lee", "cy-park", "kim-roy")
    for title in ("Apprenticeships", "Hiring pipeline"):
        p("meeting", "candidate", refresh, title)
    (tmp / "refresh.csv").write_text(REFRESH_VOTES, encoding="utf-8")
    p("prioritize", refresh, "--votes", str(tmp / "refresh.csv"), "--top", "2")
    p.on("2026-04-01")
    return {"launch": launch, "refresh": refresh}


@pytest.fixture
def valley(partnership: Partnership, tmp_path: Path) -> tuple[Partnership, dict[str, str]]:
    return partnership, _build(partnership, tmp_path)


def test_teams_formed_before_a_refresh_vote_stand_on_the_days_before_it(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, _ = valley
    # 2025-07-01: both teams formed at the launch; the supplier team paused on 2025-06-02.
    teams = {t["id"]: t["status"] for t in p.json("team", "list", "--as-of", "2025-07-01")}
    assert teams == {"hiring-pipeline": "active", "supplier-network": "paused"}
    portfolio = p.json("portfolio", str(p.root), "--as-of", "2025-07-01")["partnerships"][0]
    # Champions that day: co-chair Ann, champion Dee (the hiring team's champion is Ann too).
    assert (portfolio["teams_active"], portfolio["champions"]) == (1, 2)
    # 2025-10-01: the supplier team was taken up again on 2025-09-01.
    teams = {t["id"]: t["status"] for t in p.json("team", "list", "--as-of", "2025-10-01")}
    assert teams == {"hiring-pipeline": "active", "supplier-network": "active"}


def test_a_teams_file_as_it_stood_on_a_day(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, _ = valley
    before_pause = p.json("team", "show", "supplier-network", "--as-of", "2025-05-15")
    assert (before_pause["status"], before_pause.get("since"), before_pause.get("history", [])) == (
        "active", "2025-03-04", [],
    )  # fmt: skip
    paused = p.json("team", "show", "supplier-network", "--as-of", "2025-07-01")
    assert (paused["status"], paused["since"]) == ("paused", "2025-06-02")
    assert paused["history"] == [{"date": "2025-03-04", "status": "active"}]
    now = p.json("team", "show", "supplier-network")
    assert (now["status"], now["since"], len(now["history"])) == ("active", "2025-09-01", 2)
    # The hiring team on 2025-03-20: no job fair yet (added 2025-04-01), no update yet.
    early = p.json("team", "show", "hiring-pipeline", "--as-of", "2025-03-20")
    assert (early["open_tasks"], early["last_update"], early.get("updates", [])) == (0, None, [])
    shown = p("team", "show", "hiring-pipeline", "--as-of", "2025-03-20")
    assert "Job fair" not in shown
    assert "First employer call" not in shown
    later = p("team", "show", "hiring-pipeline", "--as-of", "2025-11-01")
    assert "Job fair (due 2025-10-01 OVERDUE)" in later
    assert "2025-05-01: First employer call held" in later


def test_check_and_report_read_the_tally_of_the_day_not_of_the_refresh(
    valley: tuple[Partnership, dict[str, str]], tmp_path: Path
) -> None:
    p, _ = valley
    # The launch vote: hiring 3 + 2 business dots (Ann, Cy); suppliers 3 business (Dee) + 2 public (Kim).
    votes = p.indicators("--as-of", "2025-07-01")["priorities-from-business"]
    assert votes["evidence"].startswith(
        "2 of 2 selected priorities received business leaders' votes (most: 'Hiring pipeline', "
        "5 dots from 2 business leaders)"
    )
    report = p.report("--as-of", "2025-07-01")
    assert "| Hiring pipeline | " in report
    assert "| 5 (#1) |" in report
    assert "Apprenticeships" not in report
    # After the refresh vote: hiring got 2 dots from Cy, apprenticeships 3 from Ann.
    votes = p.indicators()["priorities-from-business"]
    assert "(most: 'Apprenticeships', 3 dots from 1 business leader)" in votes["evidence"]
    assert "| 2 (#2) |" in p.report()


def test_a_priority_lists_the_teams_active_on_the_day(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, _ = valley
    paused = p.json("priority", "show", "supplier-network", "--as-of", "2025-07-01")
    assert paused["active_teams"] == []
    assert p.json("priority", "show", "supplier-network", "--as-of", "2025-10-01")["active_teams"] == [
        "supplier-network"
    ]
    listed = {row["id"]: row["active_teams"] for row in p.json("priority", "list", "--as-of", "2025-03-03")}
    assert listed == {}  # nothing was named before the launch


def test_invitations_are_signed_by_the_champions_at_the_table_that_day(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, ids = valley
    # On 2025-02-10 the co-chair Ann and the champion Dee lead.
    early = p("invite", ids["launch"], "--out", "-", "--as-of", "2025-02-10")
    assert "**Ann Lee**" in early
    assert "**Dee Ruiz**" in early
    # Dee's business left on 2025-12-31: from then on Ann signs alone.
    later = p("invite", ids["refresh"], "--out", "-", "--as-of", "2026-02-10")
    assert "**Ann Lee**" in later
    assert "Dee Ruiz" not in later


def test_the_launch_memo_shows_the_launch_vote_and_labels_a_later_one(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, ids = valley
    memo = p("memo", ids["launch"], "--out", "-", "--as-of", "2026-04-01")
    # Named at the launch: the launch tally, rank and status, whatever the refresh vote gave later.
    assert "| 1 | **Hiring pipeline** | 5 (2) | 0 (0) | Hiring pipeline: Ann Lee |" in memo
    # Named later: its own vote's rank and dots, and the memo says which vote they come from.
    labelled = "**Apprenticeships** *(rank and dots from the vote of Mar 3, 2026)*"
    assert f"| 1 | {labelled} | 3 (1) | 0 (0) |" in memo
    # Dee left: the supplier team's row names no champion who is gone (she stays among who came).
    assert "| Supplier network |\n" in memo
    assert "Supplier network: Dee Ruiz" not in memo


def test_a_memo_is_not_written_before_its_meeting(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, ids = valley
    refused = p.refused("memo", ids["refresh"], "--out", "-", "--as-of", "2026-02-10")
    assert refused.exit_code == 2
    assert "is on 2026-03-03, after 2026-02-10" in refused.output


def test_a_team_taken_up_again_gets_its_reporting_window_anew(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    """The supplier team (no update ever) paused on 2025-06-02 and was taken up again on 2025-09-01."""
    p, _ = valley
    month_later = {t["id"]: t["reporting"] for t in p.json("team", "list", "--as-of", "2025-10-01")}
    assert month_later["supplier-network"] == "not-due"  # 30 days since it was taken up again
    flags = p.status("--as-of", "2025-11-15")["team_flags"]
    assert {"team": "supplier-network", "kind": "stale", "message": (
        "Supplier network has no progress update since it was taken up again on 2025-09-01 "
        "(75 days; the limit is 60 days)"
    )} in flags  # fmt: skip


def test_an_opportunity_is_listed_as_one_until_a_vote_makes_it_a_priority(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    """Apprenticeships, also named at the launch (by hand, later), became a priority at the refresh vote."""
    p, ids = valley
    p("meeting", "candidate", ids["launch"], "Apprenticeships")
    named = "## Opportunities named at the meeting"
    before_the_refresh = p("memo", ids["launch"], "--out", "-", "--as-of", "2025-07-01")
    assert f"{named}\n\n- **Apprenticeships**" in before_the_refresh
    after_it = p("memo", ids["launch"], "--out", "-", "--as-of", "2026-04-01")
    assert named not in after_it
    assert "| 1 | **Apprenticeships** *(rank and dots from the vote of Mar 3, 2026)*" in after_it
