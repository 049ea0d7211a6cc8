"""Finding a meeting and the people a command names, and what every change of a meeting shares.

Every change loads the one meeting, changes it and saves it through
`store.write.save`, so whatever a person wrote in the file by hand (comments,
notes, key order) stays as it was.  Planning a meeting is in `planning`, recording
what happened at it in `recording`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ngsp_cli.errors import NotFoundError, UsageError
from ngsp_cli.model import Meeting, MeetingStatus, Organization, Person
from ngsp_cli.services.lookup import resolve, resolve_person
from ngsp_cli.store import folder as store

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def find_meeting(snap: store.Snapshot, ref: str) -> Meeting:
    """A meeting by id, title, or date (when only one meeting falls on it)."""
    ref = ref.strip()
    if _DATE.match(ref) and ref not in snap.meetings:
        on_day = sorted(mid for mid, m in snap.meetings.items() if m.date.isoformat() == ref)
        if len(on_day) == 1:
            return snap.meetings[on_day[0]]
        if len(on_day) > 1:
            raise NotFoundError(
                f"{len(on_day)} meetings fall on {ref}: {', '.join(on_day)}",
                hint="use the meeting's id instead of its date",
            )
    return snap.meetings[resolve(snap.meetings, ref, "meeting", "ngsp meeting list")]


def resolve_people(snap: store.Snapshot, refs: Iterable[str]) -> list[str]:
    """Person ids for ids or names, in the order given, without repeats."""
    return list(dict.fromkeys(resolve_person(snap, ref) for ref in refs))


def load_meeting(root: Path, ref: str) -> tuple[store.Snapshot, Meeting]:
    """The folder's people and meetings, and the meeting `ref` names, to change it."""
    snap = store.load(root, kinds=(Organization, Person, Meeting), check_references=False)
    return snap, find_meeting(snap, ref)


def meeting_file(meeting: Meeting) -> str:
    """'meetings/<id>.yaml', as errors name the file."""
    return f"{Meeting.folder}/{meeting.id}.yaml"


def not_cancelled(meeting: Meeting, doing: str) -> None:
    if meeting.status is MeetingStatus.cancelled:
        raise UsageError(
            f"{meeting.title} ({meeting.id}) was cancelled, so it cannot be {doing}",
            file=meeting_file(meeting),
            field="status",
            hint=f"plan a new meeting with 'ngsp meeting new', or put this one back with "
            f"'ngsp meeting cancel {meeting.id} --undo'",
        )


def required_text(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError(f"the {what} is empty", hint="write the text in quotes after the meeting")
    return text
