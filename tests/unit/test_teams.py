"""Action teams: business-led, with tasks, updates and flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ngsp_cli import clock
from ngsp_cli.errors import NotFoundError, UsageError
from ngsp_cli.model import TaskStatus, TeamStatus
from ngsp_cli.rules import PartnershipAt
from ngsp_cli.services.priorities import teams as core
from ngsp_cli.services.priorities.teams import TeamRefused
from ngsp_cli.store import folder as store

DAY = dt.date(2026, 11, 25)


def test_a_team_cannot_be_formed_without_a_champion(example_folder: Path) -> None:
    with pytest.raises(TeamRefused, match="at least one business champion"):
        core.new_team(example_folder, "cna-to-lpn", [], support=["eric-sonnier"], force=True)
    assert not (example_folder / "action-teams/cna-to-lpn-career-pathway.yaml").exists()


def test_a_public_partner_cannot_be_the_champion(example_folder: Path) -> None:
    with pytest.raises(TeamRefused) as caught:
        core.new_team(example_folder, "cna-to-lpn", ["sharon-leblanc"], force=True)
    problem = caught.value.problems[0]
    assert "Sharon LeBlanc (Delta Region Workforce Development Board, workforce) is a public partner" in (
        problem.message
    )
    assert "--support sharon-leblanc" in (problem.hint or "")


def test_every_reason_is_given_at_once(example_folder: Path) -> None:
    with pytest.raises(TeamRefused) as caught:
        core.new_team(example_folder, "telehealth", ["eric-sonnier", "nobody-here"], staff_lead="ghost")
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "no person 'nobody-here'" in messages
    assert "Eric Sonnier" in messages
    assert "no person 'ghost'" in messages
    assert "is parked, not selected" in messages


def test_forming_a_team_with_business_champions_and_public_support(example_folder: Path) -> None:
    team = core.new_team(
        example_folder,
        "More clinical placement slots",
        ["Angela Fontenot"],
        support=["helen-primeaux"],
        staff_lead="anita-dugas",
        name="Placements",
        formed=DAY,
        force=True,
    )
    assert (team.id, team.priority, team.champions) == (
        "placements",
        "clinical-placements",
        ["angela-fontenot"],
    )
    assert team.support == ["helen-primeaux", "anita-dugas"]
    snap = store.load(example_folder)
    assert snap.teams["placements"].formed == DAY
    assert [f.kind for f in PartnershipAt(snap, DAY).team_flags if f.team == "placements"] == []


def test_a_team_cannot_be_formed_on_a_later_day(example_folder: Path) -> None:
    # A team dated in the future would not be flagged as stale until that day.
    before = sorted(p.name for p in (example_folder / "action-teams").iterdir())
    with pytest.raises(UsageError, match="after the --as-of day") as caught:
        core.new_team(
            example_folder,
            "cna-to-lpn",
            ["lisa-arceneaux"],
            formed=DAY + dt.timedelta(days=1),
            today=DAY,
            force=True,
        )
    assert caught.value.problem.field == "--formed"
    assert sorted(p.name for p in (example_folder / "action-teams").iterdir()) == before
    team = core.new_team(example_folder, "cna-to-lpn", ["lisa-arceneaux"], formed=DAY, today=DAY, force=True)
    assert team.formed == DAY


def test_tasks_and_updates(example_folder: Path) -> None:
    root = example_folder
    core.new_team(
        root,
        "cna-to-lpn",
        ["lisa-arceneaux"],
        team_id="pathway",
        formed=DAY - dt.timedelta(days=7),
        force=True,
    )
    formed, start = DAY - dt.timedelta(days=7), DAY - dt.timedelta(days=6)
    _, first = core.add_task(
        root, "pathway", "Survey CNAs", owner="Lisa Arceneaux", due=DAY, quick_win=True, today=start
    )
    _, second = core.add_task(root, "pathway", "Draft the evening track", due=DAY + dt.timedelta(days=30))
    assert (first.id, first.owner, second.id) == ("t1", "lisa-arceneaux", "t2")
    assert (first.added, second.added) == (start, clock.today())

    team, done = core.finish_task(root, "pathway", "Survey", on=DAY)
    assert (done.id, done.status, done.done_on) == ("t1", TaskStatus.done, DAY)
    _, caught_up = core.finish_task(root, "pathway", "t2", on=formed)  # recorded after it was done
    assert (caught_up.added, caught_up.done_on) == (formed, formed)
    with pytest.raises(UsageError, match="already done"):
        core.finish_task(root, "pathway", "t1")
    with pytest.raises(NotFoundError, match="no task 't9'"):
        core.finish_task(root, "pathway", "t9")
    core.add_update(root, "pathway", "Second call", on=DAY, by="lisa-arceneaux")
    core.add_update(root, "pathway", "First call", on=DAY - dt.timedelta(days=7))
    team = store.load(root).teams["pathway"]
    assert [u.text for u in team.updates] == ["First call", "Second call"]
    paused, changed = core.set_status(root, "pathway", TeamStatus.paused, on=DAY)
    assert (paused.status, paused.since, changed) == (TeamStatus.paused, DAY, True)
    assert [(c.date, c.status) for c in paused.history] == [(formed, TeamStatus.active)]
    assert core.set_status(root, "pathway", TeamStatus.paused)[1] is False  # already paused: nothing written
    with pytest.raises(UsageError, match="would come before it"):
        core.set_status(root, "pathway", TeamStatus.done, on=DAY - dt.timedelta(days=1))
    snap = store.load(root)
    on_the_day_before = PartnershipAt(snap, DAY - dt.timedelta(days=1))
    assert on_the_day_before.team_status(snap.teams["pathway"]) is TeamStatus.active
    assert PartnershipAt(snap, DAY).team_status(snap.teams["pathway"]) is TeamStatus.paused


def test_the_example_teams_are_flagged_as_of_late_november(example_folder: Path) -> None:
    snap = store.load(example_folder)
    flags = {(f.team, f.kind) for f in PartnershipAt(snap, DAY).team_flags}
    assert flags == {
        ("rural-acute-care-network", "overdue-tasks"),
        ("clinical-placements", "stale"),
    }
    for team in snap.teams.values():
        assert any(snap.is_business(p) for p in team.champions)
        assert not any(snap.is_business(p) for p in team.support)


def test_a_team_without_dates_was_active_before_its_first_dated_change(example_folder: Path) -> None:
    """A hand-written team file with no `formed` date, paused by command: active before that day."""
    (example_folder / "action-teams/pathway.yaml").write_text(
        "name: Pathway\npriority: cna-to-lpn\nchampions: [lisa-arceneaux]\n", encoding="utf-8"
    )
    paused, _ = core.set_status(example_folder, "pathway", TeamStatus.paused, on=DAY)
    assert (paused.since, paused.history) == (DAY, [])  # no earlier dated state to keep
    snap = store.load(example_folder)
    before = PartnershipAt(snap, DAY - dt.timedelta(days=1))
    assert before.team_status(snap.teams["pathway"]) is TeamStatus.active
    as_it_stood = before.team_at(snap.teams["pathway"])
    assert (as_it_stood.status, as_it_stood.since) == (TeamStatus.active, None)
    assert PartnershipAt(snap, DAY).team_status(snap.teams["pathway"]) is TeamStatus.paused
