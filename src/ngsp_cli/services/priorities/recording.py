"""Recording a tally: the votes into the meeting file, and one priority file per candidate.

A candidate titled like an existing priority updates that priority: a later
vote (a refresh) becomes its current tally and the state before it moves to its
`history`; recounting an earlier vote corrects that vote in `history`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.model import (
    ActionTeam,
    CandidatePriority,
    Meeting,
    Priority,
    PriorityChange,
    PriorityStatus,
    TeamStatus,
    Vote,
    VoteTally,
)
from ngsp_cli.rules.priority_dates import status_day
from ngsp_cli.services.dates import day_named, writing_day
from ngsp_cli.services.priorities.candidates import priority_id
from ngsp_cli.services.priorities.history import state_before_change
from ngsp_cli.services.priorities.ranking import Ranked
from ngsp_cli.services.priorities.tally import Tally, tie_unsettled
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.store.write import save
from ngsp_cli.text import plural


def _vote_key(votes: Iterable[Vote]) -> list[tuple[str, str, int]]:
    return sorted((v.voter, v.priority, v.points) for v in votes)


def _votes_of(result: Tally) -> list[Vote]:
    return [Vote(voter=r.voter, priority=r.priority, points=r.points) for r in result.votes]


def replaced_votes(meeting: Meeting, result: Tally) -> int:
    """How many votes recorded in the meeting file the result's votes would replace (0: none or the same)."""
    if not meeting.votes or _vote_key(meeting.votes) == _vote_key(_votes_of(result)):
        return 0
    return len(meeting.votes)


def parked_with_team(snap: Snapshot, meeting: Meeting, result: Tally) -> list[tuple[Priority, ActionTeam]]:
    """Selected priorities the result would park although an active action team works on them."""
    candidates = {c.id: c for c in meeting.candidates}
    out: list[tuple[Priority, ActionTeam]] = []
    for entry in result.ranking:
        if entry.status is not PriorityStatus.parked:
            continue
        existing = snap.priorities.get(priority_id(snap, meeting, candidates[entry.id]))
        if existing is None or existing.status is not PriorityStatus.selected:
            continue
        for team in sorted(snap.teams.values(), key=lambda t: t.id):
            if team.priority == existing.id and team.status is TeamStatus.active:
                out.append((existing, team))
    return out


def votes_would_be_replaced(meeting: Meeting, count: int, source: str) -> UsageError:
    """The error for new votes that would silently overwrite the votes recorded on a meeting."""
    return UsageError(
        f"{meeting.id} already has {plural(count, 'recorded vote')}; the votes of {source} would "
        "replace them, so nothing was written",
        file=f"{Meeting.folder}/{meeting.id}.yaml",
        field="votes",
        hint="check what changes with --dry-run, then pass --replace to replace the recorded votes; "
        "leave out --votes to recount the recorded ones",
    )


def team_would_be_parked(found: list[tuple[Priority, ActionTeam]]) -> UsageError:
    """The error for a recount that would park priorities active action teams work on."""
    listing = "; ".join(f"'{p.title}' ({p.id}) has the active team {t.name} ({t.id})" for p, t in found)
    first = found[0][1]
    return UsageError(
        f"this count would park {plural(len(found), 'priority', 'priorities')} with an active action "
        f"team: {listing}; nothing was written",
        file=f"{Priority.folder}/{found[0][0].id}.yaml",
        field="status",
        hint=f"if the business leaders dropped it, pause or close the team first "
        f"('ngsp team status {first.id} paused' or 'done'); to keep it, settle a tie with --pick "
        "or raise --top",
    )


def record(
    snap: Snapshot,
    meeting: Meeting,
    result: Tally,
    *,
    save_votes: bool = True,
    replace: bool = False,
    today: dt.date | None = None,
) -> list[str]:
    """Write the votes into the meeting file and one priority file per candidate; the files written.

    Refuses (UsageError, nothing written) to record the votes of a meeting dated
    after today (`today`: an --as-of, today or earlier), to replace different
    votes already recorded on the meeting unless `replace`, and to park a selected
    priority that an active action team works on.

    A candidate titled like an existing priority updates that priority: a later
    vote (a refresh) becomes its current tally and the state before it moves to
    its `history`; recounting an earlier vote corrects that vote in `history`.
    """
    day = writing_day(today)
    if meeting.date > day:
        raise InputError(
            f"{meeting.title} is on {meeting.date.isoformat()}, after {day_named(day)}, so its "
            "votes cannot have been cast yet; nothing was written",
            file=f"{Meeting.folder}/{meeting.id}.yaml",
            field="date",
            hint="count the votes once the meeting is held (try --dry-run to see a count), "
            "or fix its 'date:' if it was moved earlier",
        )
    if result.undecided:
        raise tie_unsettled(result)
    from ngsp_cli.store.files import folder_lock
    from ngsp_cli.store.folder import load

    with folder_lock(snap.root):
        # Read the folder again under the lock: what another command wrote since
        # `snap` was read is kept, and the checks below see it.
        fresh = load(snap.root, check_references=False)
        return _record(fresh, fresh.meetings.get(meeting.id, meeting), result, save_votes, replace)


def _record(snap: Snapshot, meeting: Meeting, result: Tally, save_votes: bool, replace: bool) -> list[str]:
    replacing = replaced_votes(meeting, result) if save_votes else 0
    if replacing and not replace:
        source = next((r.file for r in result.votes if r.file), None) or "the new votes"
        raise votes_would_be_replaced(meeting, replacing, source)
    busy = parked_with_team(snap, meeting, result)
    if busy:
        raise team_would_be_parked(busy)
    root = snap.root
    written: list[str] = []
    if save_votes:
        votes = _votes_of(result)
        if _vote_key(votes) != _vote_key(meeting.votes):
            updated = meeting.model_copy(deep=True)
            updated.votes = votes
            updated.id = meeting.id
            save(root, updated)
            written.append(f"{Meeting.folder}/{meeting.id}.yaml")
    candidates = {c.id: c for c in meeting.candidates}
    for entry in result.ranking:
        pid = priority_id(snap, meeting, candidates[entry.id])
        existing = snap.priorities.get(pid)
        priority = _priority_after(snap, meeting, candidates[entry.id], entry, existing)
        priority.id = pid
        if existing is None or priority != existing:
            save(root, priority, create=existing is None)
            written.append(f"{Priority.folder}/{pid}.yaml")
    return written


def _priority_after(
    snap: Snapshot, meeting: Meeting, candidate: CandidatePriority, entry: Ranked, existing: Priority | None
) -> Priority:
    """A candidate's priority after the vote: a new one, or `existing` with this vote counted."""
    tally_ = VoteTally(
        business_points=entry.business_points,
        business_voters=entry.business_voters,
        public_points=entry.public_points,
        public_voters=entry.public_voters,
        rank=entry.rank,
    )
    if existing is not None:
        return _with_vote(snap, existing, meeting, tally_, entry)
    return Priority(
        title=candidate.title,
        description=candidate.description,
        category=candidate.category,
        meeting=meeting.id,
        status=entry.status,
        votes=tally_,
        decided_by=entry.decided_by,
    )


def _with_vote(
    snap: Snapshot, existing: Priority, meeting: Meeting, tally_: VoteTally, entry: Ranked
) -> Priority:
    """The priority after the vote of `meeting`: a recount, a refresh, or a correction of an earlier vote."""
    priority = existing.model_copy(deep=True)
    priority.id = existing.id
    status = entry.status if existing.status is not PriorityStatus.done else PriorityStatus.done
    current_day = status_day(snap, existing)
    if existing.meeting != meeting.id and current_day is not None and current_day > meeting.date:
        # An earlier vote counted again after a later one: correct it where it is kept.
        change = PriorityChange(date=meeting.date, status=entry.status, meeting=meeting.id, votes=tally_,
                                decided_by=entry.decided_by)  # fmt: skip
        kept = [c for c in existing.history if c.meeting != meeting.id]
        priority.history = sorted([*kept, change], key=lambda c: c.date)
        return priority
    if existing.meeting != meeting.id and current_day is not None:
        # A refresh: the state before this vote is kept, dated.
        priority.history = [*existing.history, state_before_change(existing, current_day)]
        priority.since = None
    priority.meeting = meeting.id
    priority.votes = tally_
    priority.decided_by = entry.decided_by
    priority.status = status
    return priority
