"""An action team's dates: its status on a day (from `history` and `since`), and the team and
its tasks as they stood on a day.

Reads only. `rules.view.PartnershipAt` asks these, so every screen dates a team the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ngsp_cli.model import ActionTeam, Task, TaskStatus, TeamStatus


class TeamState(NamedTuple):
    """A team's state on a day: how many `history` entries came before it, its status, and the
    day it began (None: undated)."""

    before: int
    status: TeamStatus
    since: dt.date | None


def team_state(team: ActionTeam, as_of: dt.date) -> TeamState:
    """The team's state on `as_of`. An undated status counts as always; before its first dated
    state a formed team was active (every team starts out active)."""
    states = [(change.date, change.status) for change in team.history]
    states.append((team.since or team.formed or dt.date.min, team.status))
    states.sort(key=lambda state: state[0])
    known = [index for index, (day, _) in enumerate(states) if day <= as_of]
    if not known:
        return TeamState(0, TeamStatus.active, None)
    index = known[-1]
    if index == len(team.history):
        return TeamState(index, team.status, team.since)
    return TeamState(index, states[index][1], states[index][0])


def task_at(task: Task, as_of: dt.date) -> Task:
    """The task as it stood on `as_of`: finished after it, it was still open."""
    if task.status is TaskStatus.open or task.done_on is None or task.done_on <= as_of:
        return task
    return task.model_copy(update={"status": TaskStatus.open, "done_on": None})


def team_at(team: ActionTeam, as_of: dt.date) -> ActionTeam:
    """The team as it stood on `as_of`: its status then and since when, the history before it, the
    tasks added by then (each as it stood) and the updates written by then. The team itself
    when nothing differs."""
    state = team_state(team, as_of)
    added = [task for task in team.tasks if task.added is None or task.added <= as_of]
    tasks = [task_at(task, as_of) for task in added]
    updates = [update for update in team.updates if update.date <= as_of]
    same_tasks = len(tasks) == len(team.tasks) and all(d is t for d, t in zip(tasks, added, strict=True))
    same_state = (state.status, state.since, state.before) == (team.status, team.since, len(team.history))
    if same_tasks and same_state and len(updates) == len(team.updates):
        return team
    history = sorted(team.history, key=lambda change: change.date)[: state.before]
    dated = team.model_copy(
        update={
            "status": state.status,
            "since": state.since,
            "tasks": tasks,
            "history": history,
            "updates": updates,
        }
    )
    dated.id = team.id
    return dated
