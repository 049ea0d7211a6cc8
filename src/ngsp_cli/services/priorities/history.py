"""Priorities over time: when each was selected, the latest vote, and setting a status by hand.

A priority's file holds its latest state (`status`, `since`, `meeting`, `votes`)
and, under `history`, every earlier vote and status change, oldest first.
`ngsp prioritize` adds a vote; `ngsp priority status` sets a status by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ngsp_cli import clock
from ngsp_cli.errors import UsageError
from ngsp_cli.model import (
    ActionTeam,
    Meeting,
    Priority,
    PriorityChange,
    PriorityStatus,
)
from ngsp_cli.rules import PartnershipAt
from ngsp_cli.rules.priority_dates import status_day
from ngsp_cli.services.dates import not_in_future
from ngsp_cli.services.lookup import resolve_priority
from ngsp_cli.store import folder as store
from ngsp_cli.store.files import locked
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.store.write import save
from ngsp_cli.text import plural


def state_before_change(priority: Priority, day: dt.date) -> PriorityChange:
    """The priority's current state as a dated history entry, kept when a vote or a status
    command changes it. Only a state that came from a vote carries the vote's meeting and tally."""
    from_vote = priority.since is None
    return PriorityChange(
        date=day,
        status=priority.status,
        meeting=priority.meeting if from_vote else None,
        votes=priority.votes if from_vote else None,
        decided_by=priority.decided_by if from_vote else None,
    )


def active_teams_on(snap: Snapshot, priority_id: str, as_of: dt.date) -> list[ActionTeam]:
    """The action teams working on the priority on the date (formed by then and active then), by id."""
    return [t for t in PartnershipAt(snap, as_of).active_teams if t.priority == priority_id]


@locked
def set_status(
    root: Path,
    ref: str,
    status: PriorityStatus,
    *,
    on: dt.date | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> tuple[Priority, bool]:
    """Set a priority's status on a day (today or earlier); the state before it goes to `history`.

    Parking a priority (or making it a candidate again) that an active action
    team works on is refused unless `force`, as `ngsp prioritize` refuses it.
    A day before the priority's current status was set is refused too.
    Returns the priority and whether the file changed.
    """
    day = not_in_future(
        on, today, "a priority's status", "--date", "use the day the business leaders decided it"
    )
    snap = store.load(root, kinds=(Meeting, Priority, ActionTeam), check_references=False)
    priority = snap.priorities[resolve_priority(snap, ref)]
    rel = f"{Priority.folder}/{priority.id}.yaml"
    if priority.status is status:
        return priority, False
    # Teams at work on the day of the change, or now.
    now = max(day, today or clock.today())
    found = {t.id: t for d in (day, now) for t in active_teams_on(snap, priority.id, d)}
    busy = [found[team_id] for team_id in sorted(found)]
    if busy and status in (PriorityStatus.parked, PriorityStatus.candidate) and not force:
        team = busy[0]
        raise UsageError(
            f"'{priority.title}' has the active action team {team.name} ({team.id}); "
            f"it was not {status.value}",
            file=rel,
            field="status",
            hint=f"if the business leaders dropped it, pause or close the team first "
            f"('ngsp team status {team.id} paused' or 'done'), or pass --force to set it anyway",
        )
    current_day = status_day(snap, priority)
    if current_day is not None and day < current_day:
        raise UsageError(
            f"'{priority.title}' became {priority.status.value} on {current_day.isoformat()}; "
            f"a change on {day.isoformat()} would come before it",
            file=rel,
            field="since",
            hint=f"give --date {current_day.isoformat()} or later",
        )
    updated = priority.model_copy(deep=True)
    updated.id = priority.id
    if current_day is not None:
        updated.history = [*priority.history, state_before_change(priority, current_day)]
    updated.status = status
    updated.since = day
    save(root, updated)
    return updated, True


def describe_history(snap: Snapshot, priority: Priority, as_of: dt.date | None = None) -> list[str]:
    """One line per state of the priority up to `as_of` (default: all), oldest first, in plain words."""
    lines = [
        _line(snap, c.date, c.status, c.meeting, c)
        for c in priority.history
        if as_of is None or c.date <= as_of
    ]
    day = status_day(snap, priority)
    if as_of is None or day is None or day <= as_of:
        meeting = priority.meeting if priority.since is None else None
        lines.append(_line(snap, day, priority.status, meeting, priority))
    return lines


def _line(
    snap: Snapshot,
    day: dt.date | None,
    status: PriorityStatus,
    meeting: str | None,
    state: Priority | PriorityChange,
) -> str:
    when = day.isoformat() if day else "undated"
    if status is PriorityStatus.done and meeting:  # no vote finishes a priority: set by hand, undated
        return f"{when}: done (set by hand; its file gives no day, so it counts from its vote at {meeting})"
    if meeting and state.votes is not None:
        tally = state.votes
        rank = f", rank {tally.rank}" if tally.rank else ""
        return (
            f"{when}: {status.value} by the vote at {meeting} "
            f"({plural(tally.business_points, 'business dot')} from "
            f"{plural(tally.business_voters, 'business leader')}{rank})"
        )
    return f"{when}: {status.value}" + (f" (meeting {meeting})" if meeting else " (set by hand)")
