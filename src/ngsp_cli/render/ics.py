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
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from ngsp_cli.ids import slug
from ngsp_cli.model import Meeting, MeetingStatus
from ngsp_cli.services import documents
from ngsp_cli.store.folder import Snapshot

DEFAULT_MINUTES = 60
"""Length of a timed meeting without duration_minutes."""


def uid(snap: Snapshot, meeting: Meeting) -> str:
    return f"{meeting.id}@{slug(snap.partnership.name) or 'partnership'}.ngsp"


def _description(snap: Snapshot, meeting: Meeting) -> str:
    info = documents.meeting_info(snap, meeting)
    lines = [f"{info.kind_label} of the {snap.partnership.name}."]
    rows = documents.agenda_rows(snap, meeting)
    if rows:
        lines += ["", "Agenda:"] + [f"{r.number}. {r.title}" for r in rows]
    contact = documents.contact(snap)
    if contact is not None:
        reach = ", ".join(part for part in (contact.email, contact.phone) if part)
        lines += ["", f"Questions: {contact.name}, {contact.organization}" + (f", {reach}" if reach else "")]
    return "\n".join(lines)


def build(snap: Snapshot, meeting: Meeting, as_of: dt.date | None = None) -> bytes:
    """The calendar file of one meeting. DTSTAMP is `as_of` at midnight UTC when given, else now."""
    cal = Calendar()
    cal.add("prodid", "-//ngsp//Next Gen sector partnership toolkit//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")

    event = Event()
    event.add("uid", uid(snap, meeting))
    stamp = (
        dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
        if as_of is not None
        else dt.datetime.now(dt.UTC).replace(microsecond=0)
    )
    event.add("dtstamp", stamp)
    event.add("summary", meeting.title)
    if meeting.time:
        hours, minutes = (int(part) for part in meeting.time.split(":"))
        zone = snap.partnership.settings.timezone
        start = dt.datetime.combine(
            meeting.date, dt.time(hours, minutes), tzinfo=ZoneInfo(zone) if zone else None
        )
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=meeting.duration_minutes or DEFAULT_MINUTES))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", _description(snap, meeting))
    event.add("status", "CANCELLED" if meeting.status is MeetingStatus.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    contact = documents.contact(snap)
    if contact is not None and contact.email:
        organizer = vCalAddress(f"mailto:{contact.email}")
        organizer.params["cn"] = vText(contact.name)
        event.add("organizer", organizer)
    cal.add_component(event)
    if meeting.time and snap.partnership.settings.timezone:
        # The time zone's rules around the meeting only, so the file stays short.
        cal.add_missing_timezones(
            first_date=dt.date(meeting.date.year, 1, 1), last_date=dt.date(meeting.date.year + 1, 12, 31)
        )
    data: bytes = cal.to_ical()
    return data
