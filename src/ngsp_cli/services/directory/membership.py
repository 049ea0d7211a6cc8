"""Members come and go: people and organizations leave (kept for history) or are removed
(only an entry nothing refers to, such as a typo).

Leaving sets `left:` in the file. Whoever left stays in the history (attendance, votes,
action items, team records) and is not counted, listed or invited after that day. Their
names come off the invitation lists of planned meetings from that day on, so every
invitation, sign-in sheet and count made later is right without a second thought.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.model import Entity, Meeting, MeetingStatus, Organization, Person
from ngsp_cli.services.dates import not_in_future
from ngsp_cli.services.lookup import resolve_org, resolve_person
from ngsp_cli.store import folder as store
from ngsp_cli.store.batch import save_all
from ngsp_cli.store.files import folder_lock
from ngsp_cli.store.references import references_to

_LEAVE_HINT = "use the day they left; a future departure is recorded on that day"


@dataclass
class Departure:
    """What `leave` changed: who left, and the planned meetings they were taken off."""

    organization: Organization | None = None
    people: list[Person] = field(default_factory=list)
    uninvited: dict[str, list[str]] = field(default_factory=dict)  # meeting id -> person ids
    written: list[str] = field(default_factory=list)


def _rel(entity: Entity) -> str:
    return f"{entity.folder}/{entity.id}.yaml"


def _check_day(entity: Organization | Person, on: dt.date) -> None:
    if entity.joined is not None and on < entity.joined:
        raise UsageError(
            f"{entity.name} joined on {entity.joined.isoformat()}, after {on.isoformat()}",
            file=_rel(entity),
            field="--date",
            hint="give the day they left, on or after the day they joined",
        )


def _name(snap: store.Snapshot, person_id: str | None) -> str:
    person = snap.people.get(person_id or "")
    return person.name if person is not None else str(person_id)


def _records_after(snap: store.Snapshot, ids: set[str], day: dt.date) -> list[tuple[dt.date, str, str]]:
    """What the folder records of `ids` after `day`: (date, what, file), earliest first.

    Attending or voting at a meeting, championing a team formed then, writing a team update:
    someone who left on `day` did none of these later.
    """
    found: list[tuple[dt.date, str, str]] = []
    for meeting in snap.meetings.values():
        if meeting.date <= day:
            continue
        rel = _rel(meeting)
        when = f"{meeting.title} ({meeting.id}) on {meeting.date.isoformat()}"
        found += [(meeting.date, f"{_name(snap, pid)} attended {when}", rel) for pid in meeting.attendees
                  if pid in ids]  # fmt: skip
        voters = sorted({v.voter for v in meeting.votes if v.voter in ids})
        found += [(meeting.date, f"{_name(snap, pid)} voted at {when}", rel) for pid in voters]
    for team in snap.teams.values():
        rel = _rel(team)
        if team.formed is not None and team.formed > day:
            found += [
                (team.formed, f"{_name(snap, pid)} champions {team.name} ({team.id}), formed on "
                 f"{team.formed.isoformat()}", rel)
                for pid in team.champions if pid in ids
            ]  # fmt: skip
        for u in team.updates:
            if u.by in ids and u.date > day:
                what = (
                    f"{_name(snap, u.by)} wrote an update of {team.name} ({team.id}) on {u.date.isoformat()}"
                )
                found.append((u.date, what, rel))
    return sorted(found)


def _check_records(snap: store.Snapshot, ids: set[str], day: dt.date) -> None:
    """A leaving day before what the folder records of them is refused, naming the first record."""
    found = _records_after(snap, ids, day)
    if not found:
        return
    _, what, rel = found[0]
    more = f" (and {len(found) - 1} more record{'s' if len(found) > 2 else ''} after {day.isoformat()})"
    raise UsageError(
        f"{what}, after {day.isoformat()}{more if len(found) > 1 else ''}; nothing was written",
        file=rel,
        field="--date",
        hint=f"give a later day: on or after {found[-1][0].isoformat()}, the day of the last record "
        "(or fix that record if it is wrong)",
    )


def _already_left(entity: Organization | Person, command: str) -> None:
    if entity.left is not None:
        raise UsageError(
            f"{entity.name} already left on {entity.left.isoformat()}",
            file=_rel(entity),
            field="left",
            hint=f"to change that day, first undo it with '{command} {entity.id} --undo'",
        )


def _uninvite(snap: store.Snapshot, ids: set[str], on: dt.date) -> tuple[list[Meeting], dict[str, list[str]]]:
    """Planned meetings on or after `on`, without the people who left (and their answers)."""
    changed: list[Meeting] = []
    taken_off: dict[str, list[str]] = {}
    for meeting in sorted(snap.meetings.values(), key=lambda m: (m.date, m.id)):
        if meeting.status is not MeetingStatus.planned or meeting.date < on or meeting.attendees:
            continue
        gone = [pid for pid in meeting.invitees if pid in ids]
        if not gone and not any(pid in ids for pid in meeting.rsvp):
            continue
        copy = meeting.model_copy(deep=True)
        copy.invitees = [pid for pid in meeting.invitees if pid not in ids]
        copy.rsvp = {pid: said for pid, said in meeting.rsvp.items() if pid not in ids}
        changed.append(copy)
        if gone:
            taken_off[meeting.id] = gone
    return changed, taken_off


def leave_person(
    root: Path, ref: str, *, on: dt.date | None = None, today: dt.date | None = None
) -> Departure:
    """Record that a person left on `on` (default today; never after today)."""
    day = not_in_future(on, today, "leaving", "--date", _LEAVE_HINT)
    snap = store.load(root, check_references=False)
    person = snap.people[resolve_person(snap, ref)].model_copy(deep=True)
    _already_left(person, "ngsp person leave")
    _check_day(person, day)
    _check_records(snap, {person.id}, day)
    person.left = day
    meetings, taken_off = _uninvite(snap, {person.id}, day)
    result = save_all(root, updates=[person, *meetings])
    return Departure(people=[person], uninvited=taken_off, written=result.written)


def leave_org(
    root: Path,
    ref: str,
    *,
    on: dt.date | None = None,
    today: dt.date | None = None,
    people_too: bool = True,
) -> Departure:
    """Record that an organization left; with `people_too`, its people who have not left
    yet leave on the same day (all files in one change)."""
    day = not_in_future(on, today, "leaving", "--date", _LEAVE_HINT)
    snap = store.load(root, check_references=False)
    org = snap.organizations[resolve_org(snap, ref)].model_copy(deep=True)
    _already_left(org, "ngsp org leave")
    _check_day(org, day)
    _check_records(snap, {p.id for p in snap.people.values() if p.org == org.id}, day)
    org.left = day
    people: list[Person] = []
    if people_too:
        for person in sorted(snap.people.values(), key=lambda p: p.name.casefold()):
            if person.org == org.id and person.left is None:
                copy = person.model_copy(deep=True)
                copy.left = day
                people.append(copy)
    # Whoever stays on the books still works for an organization that is gone: they are not
    # counted or invited either (see rules.view), so they come off the lists all the same.
    everyone = {p.id for p in snap.people.values() if p.org == org.id}
    meetings, taken_off = _uninvite(snap, everyone, day)
    result = save_all(root, updates=[org, *people, *meetings])
    return Departure(organization=org, people=people, uninvited=taken_off, written=result.written)


def undo_leave(root: Path, kind: type[Organization] | type[Person], ref: str) -> Organization | Person:
    """Clear `left:` (they came back, or it was recorded by mistake)."""
    snap = store.load(root, kinds=(Organization, Person), check_references=False)
    if kind is Organization:
        entity: Organization | Person = snap.organizations[resolve_org(snap, ref)].model_copy(deep=True)
    else:
        entity = snap.people[resolve_person(snap, ref)].model_copy(deep=True)
    if entity.left is None:
        raise UsageError(
            f"{entity.name} has not left",
            file=_rel(entity),
            field="left",
            hint="there is nothing to undo",
        )
    entity.left = None
    save_all(root, updates=[entity])
    return entity


def remove(root: Path, kind: type[Organization] | type[Person], ref: str) -> Organization | Person:
    """Delete the file of an organization or person that nothing refers to (a typo, a duplicate).

    Anything named elsewhere is refused with the list of places: history is kept by
    leaving, not by deleting.
    """
    snap = store.load(root, check_references=False)
    if kind is Organization:
        entity: Organization | Person = snap.organizations[resolve_org(snap, ref)]
        command = "ngsp org leave"
    else:
        entity = snap.people[resolve_person(snap, ref)]
        command = "ngsp person leave"
    places = references_to(snap, kind, entity.id)
    if places:
        shown = [f"{p.file} ({p.field})" for p in places[:8]]
        more = f" and {len(places) - 8} more" if len(places) > 8 else ""
        raise InputError(
            f"{entity.name} is named in {len(places)} "
            f"{'place' if len(places) == 1 else 'places'}: {'; '.join(shown)}{more}",
            file=_rel(entity),
            hint=(
                f"it is kept for that history: it left on {entity.left.isoformat()}"
                if entity.left is not None
                else f"to keep the history, record that they left with '{command} {entity.id}'"
            )
            + "; remove only an entry nothing refers to",
        )
    with folder_lock(root):
        (root / _rel(entity)).unlink()
    return entity
