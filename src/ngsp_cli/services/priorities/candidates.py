"""Which meeting a vote is counted for, and which priority file each of its candidates is."""

from __future__ import annotations

from ngsp_cli.errors import NotFoundError
from ngsp_cli.ids import new_id
from ngsp_cli.model import CandidatePriority, Meeting, Priority, PriorityStatus
from ngsp_cli.services.lookup import resolve
from ngsp_cli.store.folder import Snapshot


def find_meeting(snap: Snapshot, ref: str | None) -> Meeting:
    """The meeting named, or the latest meeting that has candidate priorities."""
    if ref:
        return snap.meetings[resolve(snap.meetings, ref, "meeting", "ngsp meeting list")]
    with_candidates = [m for m in snap.meetings.values() if m.candidates]
    if not with_candidates:
        raise NotFoundError(
            "no meeting has candidate priorities yet",
            hint="record what the business leaders named under 'candidates:' in the meeting file",
        )
    return max(with_candidates, key=lambda m: (m.date, m.id))


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def priority_id(snap: Snapshot, meeting: Meeting, candidate: CandidatePriority) -> str:
    """The file id of a candidate's priority.

    A candidate titled like a recorded priority is that priority (a refresh vote
    re-ranks the priorities the partnership already has); otherwise the candidate
    id, unless another priority already has that id.
    """
    same = sorted(
        (p for p in snap.priorities.values() if _same_title(p.title, candidate.title)),
        key=lambda p: (p.meeting != meeting.id, p.id != candidate.id, p.id),
    )
    if same:
        return same[0].id
    for pid in (candidate.id, f"{candidate.id}-{meeting.date.year}"):
        existing = snap.priorities.get(pid)
        if existing is None or existing.meeting in (None, meeting.id):
            return pid
    return new_id(candidate.id, snap.priorities)


def still_selected_elsewhere(snap: Snapshot, meeting: Meeting) -> list[Priority]:
    """Priorities selected at an earlier vote that are not on this meeting's ballot."""
    on_ballot = {priority_id(snap, meeting, c) for c in meeting.candidates}
    out = []
    for priority in sorted(snap.priorities.values(), key=lambda p: p.id):
        if priority.id in on_ballot or priority.status is not PriorityStatus.selected:
            continue
        voted = snap.meetings.get(priority.meeting or "")
        if voted is not None and voted.date < meeting.date:
            out.append(priority)
    return out
