"""Calendar files (.ics): the one home of the icalendar library.

It writes what `services.meetings.calendar` says of each meeting (`CalendarEntry`).

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
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from ngsp_cli import clock

DEFAULT_MINUTES = 60
"""Length of a timed meeting without duration_minutes."""


@dataclass(frozen=True)
class CalendarEntry:
    """One meeting as a calendar shows it; plain values, worked out by the meetings service."""

    uid: str
    title: str
    date: dt.date
    time: str | None  # "HH:MM" local time, None for an all-day event
    duration_minutes: int | None
    timezone: str | None  # IANA name; None writes floating local time
    location: str | None
    description: str
    cancelled: bool
    organizer_name: str | None
    organizer_email: str | None


def stamp_of(as_of: dt.date | None = None) -> dt.datetime:
    """DTSTAMP: `as_of` at midnight UTC when given (reproducible files), else now."""
    if as_of is not None:
        return dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    return clock.now_utc()


def event(entry: CalendarEntry, stamp: dt.datetime) -> Event:
    """The calendar event of one meeting; the invite and the whole calendar both use it."""
    item = Event()
    item.add("uid", entry.uid)
    item.add("dtstamp", stamp)
    item.add("summary", entry.title)
    if entry.time:
        hours, minutes = (int(part) for part in entry.time.split(":"))
        zone = ZoneInfo(entry.timezone) if entry.timezone else None
        start = dt.datetime.combine(entry.date, dt.time(hours, minutes), tzinfo=zone)
        item.add("dtstart", start)
        item.add("dtend", start + dt.timedelta(minutes=entry.duration_minutes or DEFAULT_MINUTES))
    else:
        item.add("dtstart", entry.date)
        item.add("dtend", entry.date + dt.timedelta(days=1))
    if entry.location:
        item.add("location", entry.location)
    item.add("description", entry.description)
    item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    if entry.organizer_email:
        organizer = vCalAddress(f"mailto:{entry.organizer_email}")
        organizer.params["cn"] = vText(entry.organizer_name or entry.organizer_email)
        item.add("organizer", organizer)
    return item


def calendar_file(entries: Sequence[CalendarEntry], stamp: dt.datetime, name: str | None = None) -> bytes:
    """One .ics file holding `entries`, optionally named (the calendar's display name)."""
    cal = Calendar()
    cal.add("prodid", "-//ngsp//Next Gen sector partnership toolkit//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    for entry in entries:
        cal.add_component(event(entry, stamp))
    timed = [e.date for e in entries if e.time and e.timezone]
    if timed:
        # The time zone's rules around the meetings only, so the file stays short.
        cal.add_missing_timezones(
            first_date=dt.date(min(timed).year, 1, 1), last_date=dt.date(max(timed).year + 1, 12, 31)
        )
    data: bytes = cal.to_ical()
    return data
