"""A priority's dates: when its status was set, when it was first selected, its status on a day.

Reads only. The judgments (`rules.view.PartnershipAt`) and the commands that change a
priority (`services.priorities`) ask these, so both see the same history.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ngsp_cli.model import Priority, PriorityStatus, VoteTally
from ngsp_cli.store.folder import Snapshot


def status_day(snap: Snapshot, priority: Priority) -> dt.date | None:
    """The day the priority's current status was set: `since`, else the day of its latest vote."""
    if priority.since is not None:
        return priority.since
    meeting = snap.meetings.get(priority.meeting or "")
    return meeting.date if meeting is not None else None


class Selection(NamedTuple):
    """When a priority was first selected, and how (a vote at a meeting, or by hand)."""

    day: dt.date
    meeting: str | None


def first_selected(snap: Snapshot, priority: Priority) -> Selection | None:
    """The earliest known day the priority was selected (None: never, or no date is known)."""
    found: list[Selection] = [
        Selection(change.date, change.meeting)
        for change in priority.history
        if change.status is PriorityStatus.selected
    ]
    if priority.status is PriorityStatus.selected:
        day = status_day(snap, priority)
        if day is not None:
            found.append(Selection(day, priority.meeting if priority.since is None else None))
    return min(found, key=lambda s: s.day) if found else None


def status_on(snap: Snapshot, priority: Priority, as_of: dt.date) -> PriorityStatus | None:
    """The priority's status on `as_of` (None: it was not yet named then).

    Dated states only: an undated current status (a hand-written file) counts as always.
    """
    states = [(change.date, change.status) for change in priority.history]
    states.append((status_day(snap, priority) or dt.date.min, priority.status))
    known = [status for day, status in sorted(states, key=lambda s: s[0]) if day <= as_of]
    return known[-1] if known else None


def tally_at(priority: Priority, meeting_id: str) -> VoteTally | None:
    """The priority's tally at the vote of one meeting: its latest vote, or one kept in its history."""
    if priority.meeting == meeting_id and priority.votes is not None:
        return priority.votes
    for change in reversed(priority.history):
        if change.meeting == meeting_id and change.votes is not None:
            return change.votes
    return None


class DatedTally(NamedTuple):
    """A priority's tally and the day of the vote that gave it (`date.min`: of no recorded meeting)."""

    day: dt.date
    votes: VoteTally
    meeting: str | None = None


def dated_tally_on(snap: Snapshot, priority: Priority, as_of: dt.date) -> DatedTally | None:
    """The tally of the priority's latest vote on or before the date (a tally written by hand,
    of no recorded meeting, counts as always)."""
    dated = [
        DatedTally(change.date, change.votes, change.meeting)
        for change in priority.history
        if change.votes is not None
    ]
    if priority.votes is not None:
        meeting = snap.meetings.get(priority.meeting or "")
        day = meeting.date if meeting is not None else dt.date.min
        dated.append(DatedTally(day, priority.votes, priority.meeting))
    known = [tally for tally in sorted(dated, key=lambda item: item.day) if tally.day <= as_of]
    return known[-1] if known else None


def tally_on(snap: Snapshot, priority: Priority, as_of: dt.date) -> VoteTally | None:
    """The votes of `dated_tally_on`."""
    found = dated_tally_on(snap, priority, as_of)
    return found.votes if found is not None else None


def priority_at(snap: Snapshot, priority: Priority, as_of: dt.date) -> Priority | None:
    """The priority as it stood on `as_of` (None: not named yet): its status then and since when,
    the tally of its latest vote by then, and the history before it. The priority itself when
    its current state had begun by then."""
    history = sorted(priority.history, key=lambda change: change.date)
    current_day = status_day(snap, priority) or dt.date.min
    if current_day <= as_of:
        return priority
    earlier = [index for index, change in enumerate(history) if change.date <= as_of]
    if not earlier:
        return None
    state = history[earlier[-1]]
    tally = dated_tally_on(snap, priority, as_of)
    dated = priority.model_copy(
        update={
            "status": state.status,
            "since": None if state.meeting else state.date,  # a vote's state is dated by its meeting
            "meeting": tally.meeting if tally else state.meeting,
            "votes": tally.votes if tally else None,
            "decided_by": state.decided_by,
            "history": history[: earlier[-1]],
        }
    )
    dated.id = priority.id
    return dated


class LastVote(NamedTuple):
    day: dt.date
    meeting: str


def last_vote(snap: Snapshot, as_of: dt.date) -> LastVote | None:
    """The latest prioritization vote on or before `as_of` (votes of a meeting, or a tally of a priority)."""
    votes: list[LastVote] = [
        LastVote(m.date, m.id) for m in snap.meetings.values() if m.votes and m.date <= as_of
    ]
    for priority in snap.priorities.values():
        if priority.votes is not None and priority.meeting in snap.meetings:
            votes.append(LastVote(snap.meetings[priority.meeting].date, priority.meeting))
        votes += [LastVote(c.date, c.meeting) for c in priority.history if c.meeting and c.votes]
    votes = [v for v in votes if v.day <= as_of]
    return max(votes, key=lambda v: (v.day, v.meeting)) if votes else None
