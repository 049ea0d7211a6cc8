"""Recording what happened at a meeting: who came, notes, decisions, action items (and
marking them done), candidate priorities, and the answers to its invitation.

What happened is recorded once the meeting's day has come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError, UsageError
from ngsp_cli.ids import new_id, slug
from ngsp_cli.model import ActionItem, CandidatePriority, Meeting, MeetingStatus, PriorityCategory, Rsvp
from ngsp_cli.services.dates import day_named, not_in_future, writing_day
from ngsp_cli.services.lookup import resolve_person
from ngsp_cli.services.meetings.finding import (
    load_meeting,
    meeting_file,
    not_cancelled,
    required_text,
    resolve_people,
)
from ngsp_cli.store.files import locked
from ngsp_cli.store.write import save


@locked
def attend(
    root: Path, ref: str, people: Iterable[str], *, as_of: dt.date | None = None
) -> tuple[Meeting, list[str]]:
    """Add attendees (ids or names) once the meeting's day has come; the meeting becomes held.

    Returns the meeting and the ids that were newly added.
    """
    snap, meeting = load_meeting(root, ref)
    ids = resolve_people(snap, people)
    if meeting.status is MeetingStatus.cancelled:
        raise InputError(
            f"{meeting.title} was cancelled",
            file=meeting_file(meeting),
            field="status",
            hint="change 'status:' in the file if it took place after all",
        )
    _refuse_before_its_day(
        meeting,
        writing_day(as_of),
        "so nobody has come to it yet",
        "list who is expected with 'ngsp meeting invite'; record who came once the day has come",
    )
    added = [pid for pid in ids if pid not in meeting.attendees]
    meeting.attendees = [*meeting.attendees, *added]
    meeting.status = MeetingStatus.held
    save(root, meeting)
    return meeting, added


def _refuse_before_its_day(meeting: Meeting, today: dt.date, why: str, hint: str) -> None:
    """What happened at a meeting (who came, notes, decisions, votes) is recorded once its day has come."""
    if meeting.date > today:
        raise InputError(
            f"{meeting.title} is on {meeting.date.isoformat()}, after {day_named(today)}, {why}; "
            "nothing was written",
            file=meeting_file(meeting),
            field="date",
            hint=f"{hint}, or fix its 'date:' if it was moved earlier",
        )


@locked
def add_note(root: Path, ref: str, text: str, *, as_of: dt.date | None = None) -> Meeting:
    """Add a paragraph to the meeting's notes (what happened: once its day has come)."""
    text = required_text(text, "note")
    today = writing_day(as_of)
    _, meeting = load_meeting(root, ref)
    _refuse_before_its_day(
        meeting,
        today,
        "so there is nothing to note yet",
        "put what is planned in its agenda (the file's 'agenda:' notes); add notes once the day has come",
    )
    meeting.notes = f"{meeting.notes}\n\n{text}" if meeting.notes else text
    save(root, meeting)
    return meeting


@locked
def add_decision(root: Path, ref: str, text: str, *, as_of: dt.date | None = None) -> Meeting:
    """Record a decision taken at the meeting (once its day has come)."""
    text = required_text(text, "decision")
    today = writing_day(as_of)
    _, meeting = load_meeting(root, ref)
    _refuse_before_its_day(
        meeting, today, "so nothing has been decided at it yet", "record the decision once it is held"
    )
    meeting.decisions = [*meeting.decisions, text]
    save(root, meeting)
    return meeting


@locked
def add_action(
    root: Path, ref: str, text: str, *, owner: str | None = None, due: dt.date | None = None
) -> Meeting:
    """Add an action item with its owner (id or name) and due date."""
    text = required_text(text, "action item")
    snap, meeting = load_meeting(root, ref)
    owner_id = resolve_person(snap, owner) if owner else None
    meeting.action_items = [*meeting.action_items, ActionItem(text=text, owner=owner_id, due=due)]
    save(root, meeting)
    return meeting


@locked
def add_candidate(
    root: Path,
    ref: str,
    title: str,
    *,
    category: PriorityCategory = PriorityCategory.other,
    description: str | None = None,
) -> tuple[Meeting, CandidatePriority]:
    """Record an opportunity or challenge named at the meeting, as a candidate priority."""
    title = required_text(title, "candidate title")
    _, meeting = load_meeting(root, ref)
    taken = {c.id for c in meeting.candidates}
    if any(c.title.casefold() == title.casefold() for c in meeting.candidates):
        raise InputError(
            f"'{title}' is already a candidate of this meeting",
            file=meeting_file(meeting),
            field="candidates",
            hint="edit that candidate in the file instead",
        )
    candidate = CandidatePriority(
        id=new_id(title, taken) if slug(title) else new_id("candidate", taken),
        title=title,
        description=description,
        category=category,
    )
    meeting.candidates = [*meeting.candidates, candidate]
    save(root, meeting)
    return meeting, candidate


# --- action items ------------------------------------------------------------------------


def find_action(meeting: Meeting, ref: str) -> int:
    """The index of an action item by its number (1, 2, ... as 'meeting show' lists them) or
    the start of its text."""
    ref = ref.strip()
    items = meeting.action_items
    listing = (
        "; ".join(
            f"{n}: {a.text if len(a.text) <= 40 else a.text[:40].rstrip() + '…'}"
            for n, a in enumerate(items, start=1)
        )
        or "none yet"
    )
    if ref.isdigit():
        number = int(ref)
        if 1 <= number <= len(items):
            return number - 1
    else:
        wanted = ref.casefold()
        starting = [i for i, a in enumerate(items) if a.text.casefold().startswith(wanted)] if wanted else []
        if len(starting) == 1:
            return starting[0]
        if len(starting) > 1:
            raise UsageError(
                f"{len(starting)} action items of {meeting.title} start with '{ref}'",
                file=meeting_file(meeting),
                field="action_items",
                hint=f"use the item's number: {listing}",
            )
    raise NotFoundError(
        f"{meeting.title} has no action item '{ref}'",
        file=meeting_file(meeting),
        field="action_items",
        hint=f"use the item's number as 'ngsp meeting show {meeting.id}' lists them: {listing}",
    )


@locked
def mark_action(
    root: Path, ref: str, item_ref: str, *, done: bool = True, on: dt.date | None = None
) -> tuple[Meeting, ActionItem]:
    """Mark a meeting's action item done on a day (default today, never later, not before the
    meeting), or open again (`done=False`)."""
    day = not_in_future(on, None, "a done action item", "--date", "use the day it was done") if done else None
    _, found = load_meeting(root, ref)
    meeting = found.model_copy(deep=True)
    index = find_action(meeting, item_ref)
    item = meeting.action_items[index]
    if item.done is done:
        state = "done" if done else "open"
        raise UsageError(
            f"action item {index + 1} of {meeting.title} is already {state}",
            file=meeting_file(meeting),
            field=f"action_items.{index}",
            hint="nothing to change; 'ngsp meeting show' lists the items and their state",
        )
    if day is not None and day < meeting.date:
        raise UsageError(
            f"{day.isoformat()} is before {meeting.title} ({meeting.date.isoformat()}), where the "
            "action item was agreed; nothing was written",
            file=meeting_file(meeting),
            field="--date",
            hint="use the day it was done, on or after the meeting",
        )
    updated = item.model_copy(update={"done": done, "done_on": day})
    meeting.action_items = [*meeting.action_items[:index], updated, *meeting.action_items[index + 1 :]]
    save(root, meeting)
    return meeting, updated


# --- answers to the invitation -----------------------------------------------------------


@locked
def record_rsvp(root: Path, ref: str, people: Iterable[str], answer: Rsvp) -> tuple[Meeting, list[str]]:
    """Record the answer of people (ids or names) to a meeting's invitation.

    Someone who answers without being on the list (a peer forwarded the invitation) is
    added to the invitees. Returns the meeting and the ids newly added to the invitees.
    """
    snap, found = load_meeting(root, ref)
    meeting = found.model_copy(deep=True)
    not_cancelled(meeting, "answered")
    ids = resolve_people(snap, people)
    if not ids:
        raise UsageError(
            "no person named", hint='name who answered, e.g. ngsp meeting rsvp MEETING "Ann Lee" --yes'
        )
    added = [pid for pid in ids if pid not in meeting.invitees]
    meeting.invitees = [*meeting.invitees, *added]
    meeting.rsvp = {**meeting.rsvp, **dict.fromkeys(ids, answer)}
    save(root, meeting)
    return meeting, added
