"""Meetings in calendars: the invite's .ics and the calendar of every meeting.

What a calendar says of a meeting (its title, time, place, the agenda in the description,
the convener who takes replies as organizer) is worked out here from the folder; the
file itself is written by `render.ics`.  The UID is stable per meeting and partnership,
so sending the invite again updates the event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ngsp_cli.ids import slug
from ngsp_cli.model import Meeting, MeetingStatus
from ngsp_cli.rules import facts
from ngsp_cli.services.meetings import info
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import partnership_in_text

if TYPE_CHECKING:  # icalendar is imported only when a calendar is written
    from ngsp_cli.render.ics import CalendarEntry


def uid(snap: Snapshot, meeting: Meeting) -> str:
    return f"{meeting.id}@{slug(snap.partnership.name) or 'partnership'}.ngsp"


def _description(snap: Snapshot, meeting: Meeting, contact: info.PersonInfo | None) -> str:
    lines = [f"{info.KIND_LABELS[meeting.kind]} of {partnership_in_text(snap.partnership.name)}."]
    rows = info.agenda_rows(snap, meeting)
    if rows:
        lines += ["", "Agenda:"] + [f"{r.number}. {r.title}" for r in rows]
    if contact is not None:
        reach = ", ".join(part for part in (contact.email, contact.phone) if part)
        lines += ["", f"Questions: {contact.name}, {contact.organization}" + (f", {reach}" if reach else "")]
    return "\n".join(lines)


def entry(snap: Snapshot, meeting: Meeting) -> CalendarEntry:
    """What a calendar shows of one meeting."""
    from ngsp_cli.render.ics import CalendarEntry

    contact = info.contact(snap)
    return CalendarEntry(
        uid=uid(snap, meeting),
        title=meeting.title,
        date=meeting.date,
        time=meeting.time,
        duration_minutes=meeting.duration_minutes,
        timezone=snap.partnership.settings.timezone,
        location=meeting.location,
        description=_description(snap, meeting, contact),
        cancelled=meeting.status is MeetingStatus.cancelled,
        organizer_name=contact.name if contact is not None else None,
        organizer_email=contact.email if contact is not None else None,
    )


def build(snap: Snapshot, meeting: Meeting, as_of: dt.date | None = None) -> bytes:
    """The calendar file of one meeting. DTSTAMP is `as_of` at midnight UTC when given, else now."""
    from ngsp_cli.render import ics

    return ics.calendar_file([entry(snap, meeting)], ics.stamp_of(as_of))


def calendar(
    snap: Snapshot, meetings: Sequence[Meeting] | None = None, as_of: dt.date | None = None
) -> bytes:
    """One calendar file with every meeting (or `meetings`), by date, named after the partnership."""
    from ngsp_cli.render import ics

    chosen = list(meetings) if meetings is not None else facts.meetings_by_date(snap)
    entries = [entry(snap, m) for m in chosen]
    return ics.calendar_file(entries, ics.stamp_of(as_of), name=snap.partnership.name)
