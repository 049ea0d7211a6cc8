"""Scenario (g), continued: what the screens say about a past day of the Valley partnership.

The same partnership as test_refresh_vote.py (launch 2025-03-04, supplier team paused and taken
up again, Dee Ruiz's business leaving on 2025-12-31, a refresh vote on 2026-03-03), asked about
days before and after each event, against hand counts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from partnership_on_calendar import Partnership
from test_refresh_vote import _build

from ngsp_cli.services.meetings import progress
from ngsp_cli.store.folder import load


@pytest.fixture
def valley(partnership: Partnership, tmp_path: Path) -> tuple[Partnership, dict[str, str]]:
    return partnership, _build(partnership, tmp_path)


def test_an_invitation_before_a_vote_shows_the_priorities_as_they_stand(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, ids = valley
    snap = load(p.root)
    refresh = snap.meetings[ids["refresh"]]
    before = {r.title: r for r in progress.priorities(snap, refresh, dt.date(2026, 2, 10))}
    # Hiring pipeline as the launch vote left it: 5 dots from Ann and Cy, not the refresh's 2 from Cy.
    hiring = before["Hiring pipeline"]
    assert (hiring.from_this_meeting, hiring.business_points, hiring.vote_day) == (
        False, 5, dt.date(2025, 3, 4),
    )  # fmt: skip
    assert "Apprenticeships" not in before
    after = {r.title: r for r in progress.priorities(snap, refresh, dt.date(2026, 4, 1))}
    assert (after["Hiring pipeline"].from_this_meeting, after["Hiring pipeline"].business_points) == (True, 2)


def test_nobody_counts_before_the_day_they_joined(valley: tuple[Partnership, dict[str, str]]) -> None:
    """The business leaders were entered on 2025-02-03 (their `joined` day); public staff on 2025-01-06."""
    p, _ = valley
    early = p.json("portfolio", str(p.root), "--as-of", "2025-01-20")["partnerships"][0]
    assert (early["businesses"], early["business_leaders"], early["champions"]) == (0, 0, 0)
    people = {row["id"] for row in p.json("person", "list", "--as-of", "2025-01-20")}
    assert people == {"bo-diaz", "kim-roy"}
    later = p.json("portfolio", str(p.root), "--as-of", "2025-02-10")["partnerships"][0]
    assert (later["businesses"], later["business_leaders"], later["champions"]) == (3, 3, 2)


def test_a_team_without_a_formed_date_exists_once_its_priority_is_selected(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    """Youth tours, by hand: parked at the launch vote, selected at the refresh vote; its team's
    file has no `formed:` line."""
    p, ids = valley
    p.write(
        "priorities/youth-tours.yaml",
        f"title: Youth tours\nstatus: selected\nmeeting: {ids['refresh']}\n"
        "votes: {business_points: 4, business_voters: 2, rank: 1}\n"
        f"history:\n  - {{date: 2025-03-04, status: parked, meeting: {ids['launch']},"
        " votes: {business_points: 1, business_voters: 1}}\n",
    )
    team = "name: Youth tours\npriority: youth-tours\nchampions: [ann-lee]\n"
    p.write("action-teams/youth-tours.yaml", team)
    teams = {t["id"] for t in p.json("team", "list", "--as-of", "2025-06-01")}
    assert teams == {"hiring-pipeline", "supplier-network"}
    teams = {t["id"] for t in p.json("team", "list", "--as-of", "2026-03-10")}
    assert teams == {"hiring-pipeline", "supplier-network", "youth-tours"}


def test_the_memo_counts_who_came_of_those_invited(valley: tuple[Partnership, dict[str, str]]) -> None:
    """The refresh meeting invited the two business leaders at the table (Ann, Cy); Kim Roy came too."""
    p, ids = valley
    memo = p("memo", ids["refresh"], "--out", "-", "--as-of", "2026-03-04")
    assert "came (2 of 2 invited, and 1 who was not invited)." in memo


def test_a_champion_who_left_is_not_named_as_one(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, _ = valley
    report = p.report("--as-of", "2026-03-13")
    assert "Dee Ruiz" not in report
    assert "Supplier network has no business champion" in report
    shown = p("team", "show", "supplier-network")
    assert "champions  none: a business champion is needed" in shown
    assert "left       Dee Ruiz" in shown
    suppliers = {t["id"]: t for t in p.json("team", "list")}["supplier-network"]
    assert (suppliers["business_champions"], suppliers["champions_gone"]) == ([], ["dee-ruiz"])


def test_the_report_names_the_vote_of_an_earlier_tally(valley: tuple[Partnership, dict[str, str]]) -> None:
    """After the refresh: Apprenticeships 3 (#1) and Hiring 2 (#2) from it; Supplier network 3 (#2)
    from the launch vote, which the row names."""
    p, _ = valley
    report = p.report("--as-of", "2026-04-01")
    assert "| 3 (#1) |" in report
    assert "| 2 (#2) |" in report
    assert "| 3 (#2, vote of Mar 4, 2025) |" in report


def test_priority_screens_and_their_json_show_the_day_asked_about(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, _ = valley
    rows = {r["id"]: r for r in p.json("priority", "list", "--as-of", "2025-07-01")}
    hiring = rows["hiring-pipeline"]
    assert (hiring["status"], hiring["votes"]["business_points"], hiring["history"]) == ("selected", 5, [])
    assert hiring["status_since"] == "2025-03-04"
    table = p("priority", "list", "--as-of", "2025-07-01")
    assert "earlier" not in table
    assert "2025-03-04" in table
    now = p.json("priority", "show", "hiring-pipeline")
    assert (now["votes"]["business_points"], len(now["history"])) == (2, 1)


def test_a_priority_finished_by_hand_without_a_date_is_flagged(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, _ = valley
    p.edit("priorities/supplier-network.yaml", status="done")
    warnings = [w for w in p.check()["warnings"] if w["file"] == "priorities/supplier-network.yaml"]
    assert [w["field"] for w in warnings] == ["since"]
    assert "counts from its vote" in " ".join(p.json("priority", "show", "supplier-network")["history_lines"])


def test_the_checklist_names_a_selected_priority_without_a_team(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    """After the refresh vote Apprenticeships is selected and has no team; the other two have theirs."""
    p, _ = valley
    state, detail = p.item("move-to-action", "action-teams-formed", "--as-of", "2026-04-01")
    assert (state, detail) == ("todo", "no action team at work (or finished) for: Apprenticeships")
    p.on("2026-04-02")("team", "new", "apprenticeships", "--champion", "ann-lee")
    state, detail = p.item("move-to-action", "action-teams-formed")
    assert (state, detail) == ("done", "3 selected priorities: 3 with an active team")


def test_a_meeting_is_coming_up_from_the_day_it_was_planned(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    """The refresh meeting (2026-03-03) was put on the calendar on 2026-02-02."""
    p, ids = valley
    assert p.json("meeting", "show", ids["refresh"])["planned_on"] == "2026-02-02"
    assert p.status("--as-of", "2026-01-15")["upcoming_meetings"] == []
    assert [m["id"] for m in p.status("--as-of", "2026-02-10")["upcoming_meetings"]] == [ids["refresh"]]
    assert "Coming up" not in p.report("--as-of", "2026-01-15")


def test_the_next_full_meeting_is_on_the_calendar_only_once_it_was_planned(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    """After the launch (2025-03-04) the next full meeting, the refresh, was planned on 2026-02-02."""
    p, _ = valley
    state, detail = p.item("move-to-action", "full-partnership-planned", "--as-of", "2025-06-01")
    assert (state, detail) == ("todo", "no full partnership meeting after the launch is recorded")
    state, detail = p.item("move-to-action", "full-partnership-planned", "--as-of", "2026-02-10")
    assert (state, detail) == ("done", "Full partnership meeting - action team plans on 2026-03-03")


def test_changes_dated_in_the_past_respect_the_teams_of_that_day(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, _ = valley
    # The supplier team is closed today, but it was at work on 2025-10-01: parking then is refused.
    p("team", "status", "supplier-network", "done")
    refused = p.refused("priority", "status", "supplier-network", "parked", "--date", "2025-10-01")
    assert "has the active action team Supplier network (supplier-network)" in " ".join(
        refused.output.split()
    )
    # Parked on 2026-03-10 and selected again on 2026-03-20: no team is formed while it was parked.
    p("priority", "status", "supplier-network", "parked", "--date", "2026-03-10", "--force")
    p("priority", "status", "supplier-network", "selected", "--date", "2026-03-20")
    formed = p.refused("team", "new", "supplier-network", "--champion", "ann-lee", "--formed", "2026-03-15")
    assert "on 2026-03-15 the priority 'Supplier network' was parked, not selected" in " ".join(
        formed.output.split()
    )
    p(
        "team",
        "new",
        "supplier-network",
        "--champion",
        "ann-lee",
        "--formed",
        "2026-03-25",
        "--name",
        "Suppliers 2",
    )
