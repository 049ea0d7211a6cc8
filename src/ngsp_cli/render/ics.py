"""Calendar invites (.ics) for meetings: the one home of the icalendar library.

A meeting with a time becomes a timed event; its clock time is read in the
partnership's `settings.timezone` (an IANA name such as America/Chicago) and
written with that time zone, or, when no time zone is set, as "floating" local
time that every calendar shows as written.  A meeting without a time becomes an
all-day event.  The UID is stable per meeting and partnership, so sending the
invite again updates the event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from ngsp_cli import clock
from ngsp_cli.ids import slug
from ngsp_cli.model import Meeting, MeetingStatus
from ngsp_cli.rules import facts
from ngsp_cli.services import documents
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import partnership_in_text

DEFAULT_MINUTES = 60
"""Length of a timed meeting without duration_minutes."""


def uid(snap: Snapshot, meeting: Meeting) -> str:
    return f"{meeting.id}@{slug(snap.partnership.name) or 'partnership'}.ngsp"


def _description(snap: Snapshot, meeting: Meeting) -> str:
    info = documents.meeting_info(snap, meeting)
    lines = [f"{info.kind_label} of {partnership_in_text(snap.partnership.name)}."]
    rows = documents.agenda_rows(snap, meeting)
    if rows:
        lines += ["", "Agenda:"] + [f"{r.number}. {r.title}" for r in rows]
    contact = documents.contact(snap)
    if contact is not None:
        reach = ", ".join(part for part in (contact.email, contact.phone) if part)
        lines += ["", f"Questions: {contact.name}, {contact.organization}" + (f", {reach}" if reach else "")]
    return "\n".join(lines)


def stamp_of(as_of: dt.date | None = None) -> dt.datetime:
    """DTSTAMP: `as_of` at midnight UTC when given (reproducible files), else now."""
    if as_of is not None:
        return dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    return clock.now_utc()


def event(snap: Snapshot, meeting: Meeting, stamp: dt.datetime) -> Event:
    """The calendar event of one meeting; the invite and the whole calendar both use it."""
    item = Event()
    item.add("uid", uid(snap, meeting))
    item.add("dtstamp", stamp)
    item.add("summary", meeting.title)
    if meeting.time:
        hours, minutes = (int(part) for part in meeting.time.split(":"))
        zone = snap.partnership.settings.timezone
        start = dt.datetime.combine(
            meeting.date, dt.time(hours, minutes), tzinfo=ZoneInfo(zone) if zone else None
        )
        item.add("dtstart", start)
        item.add("dtend", start + dt.timedelta(minutes=meeting.duration_minutes or DEFAULT_MINUTES))
    else:
        item.add("dtstart", meeting.date)
        item.add("dtend", meeting.date + dt.timedelta(days=1))
    if meeting.location:
        item.add("location", meeting.location)
    item.add("description", _description(snap, meeting))
    item.add("status", "CANCELLED" if meeting.status is MeetingStatus.cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    contact = documents.contact(snap)
    if contact is not None and contact.email:
        organizer = vCalAddress(f"mailto:{contact.email}")
        organizer.params["cn"] = vText(contact.name)
        item.add("organizer", organizer)
    return item


def _calendar(
    snap: Snapshot, meetings: Sequence[Meeting], stamp: dt.datetime, name: str | None = None
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//ngsp//Next Gen sector partnership toolkit//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(event(snap, meeting, stamp))
    timed = [m.date for m in meetings if m.time]
    if timed and snap.partnership.settings.timezone:
        # The time zone's rules around the meetings only, so the file stays short.
        cal.add_missing_timezones(
            first_date=dt.date(min(timed).year, 1, 1), last_date=dt.date(max(timed).year + 1, 12, 31)
        )
    data: bytes = cal.to_ical()
    return data


def build(snap: Snapshot, meeting: Meeting, as_of: dt.date | None = None) -> bytes:
    """The calendar file of one meeting. DTSTAMP is `as_of` at midnight UTC when given, else now."""
    return _calendar(snap, [meeting], stamp_of(as_of))


def calendar(
    snap: Snapshot, meetings: Sequence[Meeting] | None = None, as_of: dt.date | None = None
) -> bytes:
    """One calendar file with every meeting (or `meetings`), by date, named after the partnership."""
    chosen = list(meetings) if meetings is not None else facts.meetings_by_date(snap)
    return _calendar(snap, chosen, stamp_of(as_of), name=snap.partnership.name)
