"""What a convener (or an agenda) needs to know about one action team on a date.

Shared by `team list` and `team show`; every judgment comes from `PartnershipAt`, as in
`status`, `check` and `report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ngsp_cli.model import ActionTeam, Task, TeamStatus, TeamUpdate
from ngsp_cli.rules import PartnershipAt
from ngsp_cli.rules.answers import TeamFlag
from ngsp_cli.store.folder import Snapshot


@dataclass
class TeamSummary:
    """What a convener (or an agenda) needs to know about one team on a date."""

    team: ActionTeam
    priority_title: str
    open_tasks: list[Task]
    overdue_tasks: list[Task]
    done_tasks: list[Task]
    recent_updates: list[TeamUpdate]
    last_update: dt.date | None
    reporting: str | None = None  # reported | not-due | late, for an active team
    flags: list[TeamFlag] = field(default_factory=list)
    formed: bool = True  # the team existed on the date
    champions: list[str] = field(default_factory=list)  # person ids of its champions at the table
    champions_gone: list[str] = field(default_factory=list)  # those who left by the date


def summarize(
    snap: Snapshot, team: ActionTeam, as_of: dt.date, *, since: dt.date | None = None
) -> TeamSummary:
    """Open tasks (soonest due first), overdue ones, and updates since `since` (default 60 days).

    Every judgment comes from `PartnershipAt`, as in `status`, `check` and `report`.
    """
    return summarize_at(PartnershipAt(snap, as_of), team, since=since)


def summarize_at(view: PartnershipAt, team: ActionTeam, *, since: dt.date | None = None) -> TeamSummary:
    """The team as it stood on the view's date (`PartnershipAt.team_at`): its status, tasks (each
    as it stood) and updates then, and the flags `status` shows for it."""
    as_of = view.as_of
    since = since or (as_of - dt.timedelta(days=view.settings.stale_after_days))
    team = view.team_at(team)
    open_tasks = sorted(
        (t for t in team.tasks if view.task_open(t)),
        key=lambda t: (t.due is None, t.due or dt.date.max, t.id),
    )
    prio = view.snap.priorities.get(team.priority)
    active = team.status is TeamStatus.active and view.team_formed(team)
    at_table = view.champions_at_table(team)
    return TeamSummary(
        team=team,
        priority_title=prio.title if prio else team.priority,
        open_tasks=open_tasks,
        overdue_tasks=view.team_overdue(team),
        done_tasks=[t for t in team.tasks if view.task_done(t)],
        recent_updates=[u for u in sorted(team.updates, key=lambda u: u.date) if since <= u.date <= as_of],
        last_update=view.last_update(team),
        reporting=view.reporting(team).state if active else None,
        flags=[f for f in view.team_flags if f.team == team.id],
        formed=view.team_formed(team),
        champions=at_table,
        champions_gone=[pid for pid in dict.fromkeys(team.champions) if pid not in at_table],
    )
