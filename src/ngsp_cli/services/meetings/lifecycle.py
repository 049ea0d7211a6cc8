"""Meetings from plan to record: create from the playbook's outline, then attendance, notes,
decisions, action items and candidate priorities.

Every change loads the one meeting, changes it and saves it through
`store.write.save`, so whatever a person wrote in the file by hand (comments,
notes, key order) stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from ngsp_cli import clock
from ngsp_cli.errors import InputError, NotFoundError, UsageError
from ngsp_cli.ids import new_id, slug
from ngsp_cli.model import (
    ActionItem,
    ActionTeam,
    AgendaItem,
    CandidatePriority,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Organization,
    Person,
    PriorityCategory,
    Rsvp,
)
from ngsp_cli.playbook.models import Playbook
from ngsp_cli.rules import facts
from ngsp_cli.services.dates import writing_day
from ngsp_cli.services.lookup import resolve, resolve_person, resolve_team
from ngsp_cli.store import folder as store
from ngsp_cli.store.files import locked
from ngsp_cli.store.write import save

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DEFAULT_TITLES = {
    MeetingKind.launch: "Launch meeting",
    MeetingKind.full_partnership: "Full partnership meeting",
    MeetingKind.action_team: "Action team meeting",
    MeetingKind.convener_team: "Support team meeting",
    MeetingKind.other: "Meeting",
}


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


def _business_leaders(snap: store.Snapshot, as_of: dt.date | None = None) -> list[Person]:
    """Business leaders at the table today (not those who left), by name."""
    from ngsp_cli.rules import PartnershipAt

    return PartnershipAt(snap, as_of or clock.today()).business_people


def _at_the_table(snap: store.Snapshot, ids: list[str], as_of: dt.date | None = None) -> list[str]:
    """`ids`, refused when one of them left the partnership (or their organization did)."""
    from ngsp_cli.rules import PartnershipAt

    view = PartnershipAt(snap, as_of or clock.today())
    for pid in ids:
        person = snap.people[pid]
        if not view.person_present(person):
            org = snap.organizations.get(person.org)
            day: dt.date | None = person.left
            if person.left is not None:
                who, undo = person.name, f"ngsp person leave {pid} --undo"
            else:
                who = org.name if org else person.org
                day = org.left if org else None
                undo = f"ngsp org leave {person.org} --undo"
            when = f" on {day.isoformat()}" if day else ""
            raise UsageError(
                f"{person.name} cannot be invited: {who} left the partnership{when}",
                file=f"people/{pid}.yaml",
                field="left",
                hint=f"if they came back, first run '{undo}'",
            )
    return ids


def _load(root: Path, *, with_teams: bool = False) -> store.Snapshot:
    kinds: tuple[type, ...] = (Organization, Person, Meeting) + ((ActionTeam,) if with_teams else ())
    return store.load(root, kinds=kinds, check_references=False)


def _rel(meeting: Meeting) -> str:
    return f"{Meeting.folder}/{meeting.id}.yaml"


@locked
def new_meeting(
    root: Path,
    playbook: Playbook,
    kind: MeetingKind,
    date: dt.date,
    *,
    time: str | None = None,
    duration_minutes: int | None = None,
    location: str | None = None,
    title: str | None = None,
    invite: Iterable[str] = (),
    invite_all_business: bool = False,
    team: str | None = None,
    as_of: dt.date | None = None,
    force: bool = False,
) -> Meeting:
    """Create meetings/<date>-<slug>.yaml with the agenda outline the playbook gives for `kind`.

    A meeting of the same day, kind, team and title (what `ngsp check` reports as a duplicate)
    is refused unless `force`.
    """
    from ngsp_cli.services.assessment.status import current_phase

    day = writing_day(as_of)
    snap = store.load(root, check_references=False)
    outline = playbook.outline(kind, prefer=current_phase(snap, playbook, day))
    team_id = None
    if team is not None:
        team_id = resolve_team(snap, team)
    invitees = _at_the_table(snap, resolve_people(snap, invite), as_of)
    if invite_all_business:
        invitees = list(dict.fromkeys([*(p.id for p in _business_leaders(snap, as_of)), *invitees]))
    if title is None:
        title = outline.title if outline else DEFAULT_TITLES[kind]
        if team_id is not None:
            title = f"{snap.teams[team_id].name}: {title.lower()}"
    items = outline.items if outline is not None else []
    agenda = [AgendaItem(title=i.title, minutes=i.minutes, lead=i.lead, notes=i.notes) for i in items]
    if duration_minutes is None and outline is not None and outline.minutes:
        duration_minutes = outline.minutes
    # A bad typed value (--time 25:00) fails here; the command line names its option.
    meeting = Meeting(
        kind=kind,
        title=title,
        date=date,
        time=time,
        duration_minutes=duration_minutes,
        location=location,
        team=team_id,
        agenda=agenda,
        invitees=invitees,
    )
    if not force:
        same = same_meeting(snap, meeting)
        if same is not None:
            raise InputError(
                f"{meeting.title} on {date.isoformat()} is already planned in {_rel(same)}",
                file=_rel(same),
                hint="edit that meeting, give this one another --title, or add --force to plan a second one",
            )
    meeting.id = new_id(title, set(snap.meetings), prefix=f"{date.isoformat()}-")
    save(root, meeting, create=True)
    return meeting


def same_meeting(snap: store.Snapshot, meeting: Meeting) -> Meeting | None:
    """A recorded meeting that `ngsp check` would take for the same one (date, kind, team, title)."""
    for other in facts.meetings_by_date(snap):
        if (other.date, other.kind, other.team) == (meeting.date, meeting.kind, meeting.team) and slug(
            other.title
        ) == slug(meeting.title):
            return other
    return None


def _edit(root: Path, ref: str) -> tuple[store.Snapshot, Meeting]:
    snap = _load(root)
    return snap, find_meeting(snap, ref)


@locked
def attend(
    root: Path, ref: str, people: Iterable[str], *, as_of: dt.date | None = None
) -> tuple[Meeting, list[str]]:
    """Add attendees (ids or names) once the meeting's day has come; the meeting becomes held.

    Returns the meeting and the ids that were newly added.
    """
    snap, meeting = _edit(root, ref)
    ids = resolve_people(snap, people)
    if meeting.status is MeetingStatus.cancelled:
        raise InputError(
            f"{meeting.title} was cancelled",
            file=_rel(meeting),
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
            f"{meeting.title} is on {meeting.date.isoformat()}, after today ({today.isoformat()}), {why}; "
            "nothing was written",
            file=_rel(meeting),
            field="date",
            hint=f"{hint}, or fix its 'date:' if it was moved earlier",
        )


@locked
def invite(
    root: Path, ref: str, people: Iterable[str], *, all_business: bool = False
) -> tuple[Meeting, list[str]]:
    """Add invitees (ids or names, or every business leader) to a meeting."""
    snap, meeting = _edit(root, ref)
    _not_cancelled(meeting, "sent invitations")
    ids = _at_the_table(snap, resolve_people(snap, people))
    if all_business:
        ids = [*(p.id for p in _business_leaders(snap)), *ids]
    added = [pid for pid in dict.fromkeys(ids) if pid not in meeting.invitees]
    meeting.invitees = [*meeting.invitees, *added]
    save(root, meeting)
    return meeting, added


@locked
def add_note(root: Path, ref: str, text: str, *, as_of: dt.date | None = None) -> Meeting:
    """Add a paragraph to the meeting's notes (what happened: once its day has come)."""
    text = _text(text, "note")
    today = writing_day(as_of)
    _, meeting = _edit(root, ref)
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
    text = _text(text, "decision")
    today = writing_day(as_of)
    _, meeting = _edit(root, ref)
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
    text = _text(text, "action item")
    snap, meeting = _edit(root, ref)
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
    title = _text(title, "candidate title")
    _, meeting = _edit(root, ref)
    taken = {c.id for c in meeting.candidates}
    if any(c.title.casefold() == title.casefold() for c in meeting.candidates):
        raise InputError(
            f"'{title}' is already a candidate of this meeting",
            file=_rel(meeting),
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


def _text(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError(f"the {what} is empty", hint="write the text in quotes after the meeting")
    return text


# --- changing a planned meeting ----------------------------------------------------------
#
# Rescheduling keeps the meeting's id, and so its file name, even though the name starts
# with the day it was first planned for.  The id is what everything else holds on to: the
# calendar invite's UID is made from it, so a new .ics sent after a change replaces the
# event in people's calendars instead of adding a second one; priorities name the meeting
# they came from by it; documents in out/ and commands people keep in notes use it; and a
# folder kept in git shows the change as an edit of one file, not a delete and an add.
# Renaming would have to rewrite all of that at once and would still break calendars.
# The date inside the file is the one every command reads.


def _not_cancelled(meeting: Meeting, doing: str) -> None:
    if meeting.status is MeetingStatus.cancelled:
        raise UsageError(
            f"{meeting.title} ({meeting.id}) was cancelled, so it cannot be {doing}",
            file=_rel(meeting),
            field="status",
            hint=f"plan a new meeting with 'ngsp meeting new', or put this one back with "
            f"'ngsp meeting cancel {meeting.id} --undo'",
        )


@locked
def edit_meeting(
    root: Path,
    ref: str,
    *,
    date: dt.date | None = None,
    time: str | None = None,
    duration_minutes: int | None = None,
    location: str | None = None,
    title: str | None = None,
    kind: MeetingKind | None = None,
    invite: Iterable[str] = (),
    uninvite: Iterable[str] = (),
) -> tuple[Meeting, list[str]]:
    """Change a meeting's day, time, place, title, kind or invitees; the id stays (see above).

    Returns the meeting and the names of the fields that changed (empty: nothing did).
    """
    snap, found = _edit(root, ref)
    meeting = found.model_copy(deep=True)
    _not_cancelled(meeting, "changed")
    if date is not None and meeting.status is MeetingStatus.held and date != meeting.date:
        raise UsageError(
            f"{meeting.title} was held on {meeting.date.isoformat()}; a held meeting keeps its day",
            file=_rel(meeting),
            field="date",
            hint="fix 'date:' in the file if it was recorded on the wrong day",
        )
    added = _at_the_table(snap, resolve_people(snap, invite))
    removed = resolve_people(snap, uninvite)
    both = [pid for pid in added if pid in removed]
    if both:
        raise UsageError(
            f"{snap.people[both[0]].name} is both invited and uninvited",
            hint="use --invite or --uninvite for a person, not both",
        )
    not_invited = [pid for pid in removed if pid not in meeting.invitees]
    if not_invited:
        raise UsageError(
            f"{snap.people[not_invited[0]].name} is not invited to {meeting.title}",
            file=_rel(meeting),
            field="invitees",
            hint=f"see who is invited with 'ngsp meeting show {meeting.id}'",
        )
    before = meeting.model_dump()
    changes: dict[str, object] = {
        "date": date,
        "time": time,
        "duration_minutes": duration_minutes,
        "location": location,
        "title": _text(title, "title") if title is not None else None,
        "kind": kind,
    }
    for name, value in changes.items():
        if value is not None:
            setattr(meeting, name, value)
    if added or removed:
        kept = [pid for pid in meeting.invitees if pid not in removed]
        meeting.invitees = [*kept, *(pid for pid in added if pid not in kept)]
    after = meeting.model_dump()
    changed = [name for name in after if after[name] != before[name]]
    if changed:
        same = same_meeting(snap, meeting)
        if same is not None and same.id != meeting.id:
            raise InputError(
                f"{meeting.title} on {meeting.date.isoformat()} is already planned in {_rel(same)}",
                file=_rel(same),
                hint="change that meeting instead, or give this one another --title",
            )
        save(root, meeting)
    return meeting, changed


@locked
def cancel_meeting(root: Path, ref: str, *, reason: str | None = None, undo: bool = False) -> Meeting:
    """Mark a planned meeting cancelled (kept in the folder's history), or put it back (`undo`).

    The reason, if given, is added to the meeting's notes.
    """
    _, found = _edit(root, ref)
    meeting = found.model_copy(deep=True)
    if undo:
        if meeting.status is not MeetingStatus.cancelled:
            raise UsageError(
                f"{meeting.title} is {meeting.status.value}, not cancelled",
                file=_rel(meeting),
                field="status",
                hint="there is nothing to undo",
            )
        meeting.status = MeetingStatus.planned
        save(root, meeting)
        return meeting
    if meeting.status is MeetingStatus.cancelled:
        raise UsageError(
            f"{meeting.title} is already cancelled",
            file=_rel(meeting),
            field="status",
            hint=f"put it back with 'ngsp meeting cancel {meeting.id} --undo'",
        )
    if meeting.status is MeetingStatus.held or meeting.attendees:
        raise UsageError(
            f"{meeting.title} was held: attendance is recorded",
            file=_rel(meeting),
            field="status",
            hint="a held meeting cannot be cancelled; fix 'attendees:' and 'status:' in the file "
            "if it was recorded by mistake",
        )
    meeting.status = MeetingStatus.cancelled
    if reason is not None and reason.strip():
        line = f"Cancelled: {reason.strip()}"
        meeting.notes = f"{meeting.notes}\n\n{line}" if meeting.notes else line
    save(root, meeting)
    return meeting


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
                file=_rel(meeting),
                field="action_items",
                hint=f"use the item's number: {listing}",
            )
    raise NotFoundError(
        f"{meeting.title} has no action item '{ref}'",
        file=_rel(meeting),
        field="action_items",
        hint=f"use the item's number as 'ngsp meeting show {meeting.id}' lists them: {listing}",
    )


@locked
def mark_action(root: Path, ref: str, item_ref: str, *, done: bool = True) -> tuple[Meeting, ActionItem]:
    """Mark a meeting's action item done, or open again (`done=False`)."""
    _, found = _edit(root, ref)
    meeting = found.model_copy(deep=True)
    index = find_action(meeting, item_ref)
    item = meeting.action_items[index]
    if item.done is done:
        state = "done" if done else "open"
        raise UsageError(
            f"action item {index + 1} of {meeting.title} is already {state}",
            file=_rel(meeting),
            field=f"action_items.{index}",
            hint="nothing to change; 'ngsp meeting show' lists the items and their state",
        )
    updated = item.model_copy(update={"done": done})
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
    snap, found = _edit(root, ref)
    meeting = found.model_copy(deep=True)
    _not_cancelled(meeting, "answered")
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
