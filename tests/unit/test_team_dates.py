"""A team and its tasks as they stood on a day (`rules.team_dates`)."""

from __future__ import annotations

import datetime as dt

from ngsp_cli.model import ActionTeam, Task, TaskStatus, TeamChange, TeamStatus, TeamUpdate

FORMED, PAUSED, TAKEN_UP = dt.date(2025, 3, 4), dt.date(2025, 6, 2), dt.date(2025, 9, 1)
FINISHED = dt.date(2025, 8, 10)


def _team() -> ActionTeam:
    team = ActionTeam(
        name="Suppliers",
        priority="supplier-network",
        champions=["dee-ruiz"],
        formed=FORMED,
        status=TeamStatus.active,
        since=TAKEN_UP,
        history=[
            TeamChange(date=FORMED, status=TeamStatus.active),
            TeamChange(date=PAUSED, status=TeamStatus.paused),
        ],
        tasks=[
            Task(
                id="t1",
                text="List suppliers",
                added=FORMED,
                status=TaskStatus.done,
                done_on=dt.date(2025, 8, 10),
            ),
            Task(id="t2", text="Call them", added=dt.date(2025, 10, 1)),
        ],
        updates=[TeamUpdate(date=dt.date(2025, 5, 1), text="Started")],
    )
    team.id = "suppliers"
    return team


def test_the_team_on_each_day_of_its_history() -> None:
    from ngsp_cli.rules.team_dates import team_at

    team = _team()
    assert team_at(team, dt.date(2025, 12, 1)) is team  # nothing differs: the team itself
    paused = team_at(team, dt.date(2025, 7, 1))
    assert (paused.id, paused.status, paused.since, paused.history) == (
        "suppliers", TeamStatus.paused, PAUSED, [TeamChange(date=FORMED, status=TeamStatus.active)],
    )  # fmt: skip
    # The first task was finished on 2025-08-10, after the day: open then; the second was not added yet.
    assert [(t.id, t.status, t.done_on) for t in paused.tasks] == [("t1", TaskStatus.open, None)]
    assert [u.text for u in paused.updates] == ["Started"]
    first_weeks = team_at(team, dt.date(2025, 4, 1))
    assert (first_weeks.status, first_weeks.since, first_weeks.history, first_weeks.updates) == (
        TeamStatus.active, FORMED, [], [],
    )  # fmt: skip
    assert team.status is TeamStatus.active  # the team in the snapshot is never changed
    assert team.tasks[0].status is TaskStatus.done
