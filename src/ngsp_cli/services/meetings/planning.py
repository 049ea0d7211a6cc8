"""Planning meetings: a new one from the playbook's outline, who is invited, changing or
cancelling a planned one.

Rescheduling keeps the meeting's id, and so its file name, even though the name starts
with the day it was first planned for.  The id is what everything else holds on to: the
calendar invite's UID is made from it, so a new .ics sent after a change replaces the
event in people's calendars instead of adding a second one; priorities name the meeting
they came from by it; documents in out/ and commands people keep in notes use it; and a
folder kept in git shows the change as an edit of one file, not a delete and an add.
Renaming would have to rewrite all of that at once and would still break calendars.
The date inside the file is the one every command reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ngsp_cli import clock
from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.ids import new_id, slug
from ngsp_cli.model import AgendaItem, Meeting, MeetingKind, MeetingStatus, Person, Priority
from ngsp_cli.playbook.models import AgendaOutline, Playbook
from ngsp_cli.rules import facts
from ngsp_cli.services.dates import writing_day
from ngsp_cli.services.lookup import resolve_team
from ngsp_cli.services.meetings.finding import (
    load_meeting,
    meeting_file,
    not_cancelled,
    required_text,
    resolve_people,
)
from ngsp_cli.services.meetings.info import KIND_LABELS
from ngsp_cli.store import folder as store
from ngsp_cli.store.files import locked
from ngsp_cli.store.write import save
from ngsp_cli.text import and_list


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


def _to_invite(
    snap: store.Snapshot, people: Iterable[str], all_business: bool, as_of: dt.date | None = None
) -> list[str]:
    """The people named (ids or names), after every business leader when `all_business`; no repeats."""
    ids = _at_the_table(snap, resolve_people(snap, people), as_of)
    if all_business:
        return list(dict.fromkeys([*(p.id for p in _business_leaders(snap, as_of)), *ids]))
    return ids


def _title(
    snap: store.Snapshot, kind: MeetingKind, outline: AgendaOutline | None, team_id: str | None
) -> str:
    """The playbook's name for the meeting (else its kind's), after the action team's name."""
    title = outline.title if outline else KIND_LABELS[kind]
    if team_id is not None:
        title = f"{snap.teams[team_id].name}: {title.lower()}"
    return title


def _refuse_same(snap: store.Snapshot, meeting: Meeting, hint: str) -> None:
    """Refuse what `ngsp check` would report as a duplicate of another meeting."""
    same = same_meeting(snap, meeting)
    if same is not None and same.id != meeting.id:
        raise InputError(
            f"{meeting.title} on {meeting.date.isoformat()} is already planned in {meeting_file(same)}",
            file=meeting_file(same),
            hint=hint,
        )


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
    team_id = resolve_team(snap, team) if team is not None else None
    invitees = _to_invite(snap, invite, invite_all_business, as_of)
    if title is None:
        title = _title(snap, kind, outline, team_id)
    items = outline.items if outline is not None else []
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
        agenda=[AgendaItem(title=i.title, minutes=i.minutes, lead=i.lead, notes=i.notes) for i in items],
        invitees=invitees,
        # Screens of earlier days do not list it as coming up; a past meeting recorded late was
        # planned on a day nobody wrote down.
        planned_on=day if date >= day else None,
    )
    if not force:
        _refuse_same(
            snap,
            meeting,
            "edit that meeting, give this one another --title, or add --force to plan a second one",
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


@locked
def invite(
    root: Path, ref: str, people: Iterable[str], *, all_business: bool = False
) -> tuple[Meeting, list[str]]:
    """Add invitees (ids or names, or every business leader) to a meeting."""
    snap, meeting = load_meeting(root, ref)
    not_cancelled(meeting, "sent invitations")
    added = [pid for pid in _to_invite(snap, people, all_business) if pid not in meeting.invitees]
    meeting.invitees = [*meeting.invitees, *added]
    save(root, meeting)
    return meeting, added


def _invitee_changes(
    snap: store.Snapshot, meeting: Meeting, invite: Iterable[str], uninvite: Iterable[str]
) -> tuple[list[str], list[str]]:
    """The people to invite and to take off the list, refused when one is both or is not invited."""
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
            file=meeting_file(meeting),
            field="invitees",
            hint=f"see who is invited with 'ngsp meeting show {meeting.id}'",
        )
    return added, removed


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
    snap, found = load_meeting(root, ref)
    meeting = found.model_copy(deep=True)
    not_cancelled(meeting, "changed")
    if date is not None and meeting.status is MeetingStatus.held and date != meeting.date:
        raise UsageError(
            f"{meeting.title} was held on {meeting.date.isoformat()}; a held meeting keeps its day",
            file=meeting_file(meeting),
            field="date",
            hint="fix 'date:' in the file if it was recorded on the wrong day",
        )
    if date is not None and date > clock.today():
        _refuse_moving_a_record(root, meeting, date)
    added, removed = _invitee_changes(snap, meeting, invite, uninvite)
    before = meeting.model_dump()
    changes: dict[str, object] = {
        "date": date,
        "time": time,
        "duration_minutes": duration_minutes,
        "location": location,
        "title": required_text(title, "title") if title is not None else None,
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
        _refuse_same(snap, meeting, "change that meeting instead, or give this one another --title")
        save(root, meeting)
    return meeting, changed


CANCELLED_PREFIX = "Cancelled: "
"""How the reason a meeting was cancelled starts in its notes."""


def _refuse_moving_a_record(root: Path, meeting: Meeting, day: dt.date) -> None:
    """A meeting with a record (who came, what was decided, votes) has happened: it keeps a past day."""
    priorities = store.load(root, kinds=(Priority,), check_references=False).priorities.values()
    voted_here = any(
        p.meeting == meeting.id or any(c.meeting == meeting.id for c in p.history) for p in priorities
    )
    record = [
        what
        for what, present in (
            ("attendance", meeting.attendees),
            ("decisions", meeting.decisions),
            ("what industry said", meeting.industry_said),
            ("notes", _notes_of_what_happened(meeting)),
            ("votes", meeting.votes or voted_here),
        )
        if present
    ]
    if record:
        raise UsageError(
            f"{meeting.title} has {and_list(record)} recorded, so it has happened; it cannot move to "
            f"{day.isoformat()}, which is after today; nothing was written",
            file=meeting_file(meeting),
            field="date",
            hint="give the day it was held, or plan the next meeting with 'ngsp meeting new'",
        )


def _notes_of_what_happened(meeting: Meeting) -> list[str]:
    """The meeting's notes paragraphs but the reason it was cancelled (`cancel_meeting` writes it)."""
    paragraphs = (meeting.notes or "").split("\n\n")
    return [p for p in paragraphs if p.strip() and not p.startswith(CANCELLED_PREFIX)]


@locked
def cancel_meeting(root: Path, ref: str, *, reason: str | None = None, undo: bool = False) -> Meeting:
    """Mark a planned meeting cancelled (kept in the folder's history), or put it back (`undo`).

    The reason, if given, is added to the meeting's notes; putting it back takes it out again.
    """
    _, found = load_meeting(root, ref)
    meeting = found.model_copy(deep=True)
    if undo:
        if meeting.status is not MeetingStatus.cancelled:
            raise UsageError(
                f"{meeting.title} is {meeting.status.value}, not cancelled",
                file=meeting_file(meeting),
                field="status",
                hint="there is nothing to undo",
            )
        meeting.status = MeetingStatus.planned
        # The reason it was called off goes with the cancellation; other notes stay.
        kept = [p for p in (meeting.notes or "").split("\n\n") if not p.startswith(CANCELLED_PREFIX)]
        meeting.notes = "\n\n".join(kept) or None
        save(root, meeting)
        return meeting
    if meeting.status is MeetingStatus.cancelled:
        raise UsageError(
            f"{meeting.title} is already cancelled",
            file=meeting_file(meeting),
            field="status",
            hint=f"put it back with 'ngsp meeting cancel {meeting.id} --undo'",
        )
    if meeting.status is MeetingStatus.held or meeting.attendees:
        raise UsageError(
            f"{meeting.title} was held: attendance is recorded",
            file=meeting_file(meeting),
            field="status",
            hint="a held meeting cannot be cancelled; fix 'attendees:' and 'status:' in the file "
            "if it was recorded by mistake",
        )
    meeting.status = MeetingStatus.cancelled
    if reason is not None and reason.strip():
        line = f"{CANCELLED_PREFIX}{reason.strip()}"
        meeting.notes = f"{meeting.notes}\n\n{line}" if meeting.notes else line
    save(root, meeting)
    return meeting
