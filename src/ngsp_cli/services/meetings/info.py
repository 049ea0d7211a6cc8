"""The partnership, the meeting and its people as the documents name them.

Small frozen dataclasses built from a loaded Snapshot: who a person is (name, title,
organization, business or public side), the meeting's facts and timed agenda, who is
invited or came, who signs and who takes replies.  The agenda, invitation, memo and
sign-in sheet (`documents`), the calendar invite and the personal invitations share them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from ngsp_cli.model import Meeting, MeetingKind, Person, Role
from ngsp_cli.rules import PartnershipAt, facts
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import partnership_in_text

KIND_LABELS = {
    MeetingKind.launch: "Launch meeting",
    MeetingKind.full_partnership: "Full partnership meeting",
    MeetingKind.action_team: "Action team meeting",
    MeetingKind.convener_team: "Support team meeting",
    MeetingKind.other: "Meeting",
}


class PersonInfo(NamedTuple):
    """A person as a document names them."""

    id: str
    name: str
    title: str | None
    organization: str
    business: bool
    email: str | None = None
    phone: str | None = None

    @property
    def side(self) -> str:
        return "Business" if self.business else "Public partner"

    @property
    def title_and_org(self) -> str:
        return ", ".join(part for part in (self.title, self.organization) if part)


class PartnershipInfo(NamedTuple):
    name: str
    industry: str
    region: str
    counties: list[str]
    conveners: list[str]
    description: str | None

    @property
    def the_name(self) -> str:
        """The partnership as a sentence names it: 'the River Valley Manufacturing partnership'."""
        return partnership_in_text(self.name)


class MeetingInfo(NamedTuple):
    """The facts of a meeting; times are 24-hour 'HH:MM' strings (templates format them)."""

    id: str
    title: str
    kind: str
    kind_label: str
    date: dt.date
    time: str | None
    end_time: str | None
    duration_minutes: int | None
    location: str | None
    status: str
    team: str | None
    notes: str | None


class AgendaRow(NamedTuple):
    number: int
    title: str
    minutes: int | None
    lead: str | None
    notes: str | None
    start: str | None
    end: str | None


class Attendance(NamedTuple):
    """Who came (or, before the meeting, who is invited), business leaders first."""

    business: list[PersonInfo]
    public: list[PersonInfo]
    invited_business: int
    invited_public: int
    recorded: bool = True
    # Whether the business share matters: the support team (the conveners and the
    # other public partners) meets without business leaders by design.
    industry_table: bool = True
    # Answers to the invitation ('ngsp meeting rsvp'): who said yes, and how many answered.
    said_yes_business: int = 0
    said_yes_public: int = 0
    answered: int = 0
    # Of those who came: how many were invited, and how many came without an invitation.
    came_invited: int = 0
    came_uninvited: int = 0

    @property
    def public_expected_to_outnumber(self) -> bool:
        """More public partners than business leaders said yes to a meeting of the industry."""
        return self.industry_table and self.answered > 0 and self.said_yes_public > self.said_yes_business

    @property
    def business_count(self) -> int:
        return len(self.business)

    @property
    def public_count(self) -> int:
        return len(self.public)

    @property
    def total(self) -> int:
        return len(self.business) + len(self.public)

    @property
    def invited_total(self) -> int:
        return self.invited_business + self.invited_public

    @property
    def invited_note(self) -> str:
        """'8 of 8 invited', '4 of 6 invited, and 1 who was not invited' ('' when nobody was invited)."""
        if not self.invited_total:
            return ""
        note = f"{self.came_invited} of {self.invited_total} invited"
        if self.came_uninvited:
            who = "who was" if self.came_uninvited == 1 else "who were"
            note += f", and {self.came_uninvited} {who} not invited"
        return note

    @property
    def business_outnumber_public(self) -> bool:
        return self.business_count > self.public_count

    @property
    def people(self) -> list[PersonInfo]:
        return [*self.business, *self.public]


def person_info(snap: Snapshot, person_id: str) -> PersonInfo:
    person = snap.people.get(person_id)
    if person is None:
        return PersonInfo(id=person_id, name=person_id, title=None, organization="", business=False)
    org = snap.organizations.get(person.org)
    return PersonInfo(
        id=person.id,
        name=person.name,
        title=person.title,
        organization=org.name if org else person.org,
        business=bool(org and org.is_business),
        email=person.email,
        phone=person.phone,
    )


def person_name(snap: Snapshot, person_id: str | None) -> str | None:
    if not person_id:
        return None
    person = snap.people.get(person_id)
    return person.name if person else person_id


def by_organization(people: Iterable[PersonInfo]) -> list[PersonInfo]:
    return sorted(people, key=lambda p: (p.organization.casefold(), p.name.casefold()))


def _add_minutes(clock: str, minutes: int) -> str:
    hours, mins = (int(part) for part in clock.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def partnership_info(snap: Snapshot) -> PartnershipInfo:
    p = snap.partnership
    return PartnershipInfo(
        name=p.name,
        industry=p.industry,
        region=p.region,
        counties=list(p.counties),
        conveners=[snap.organizations[o].name if o in snap.organizations else o for o in p.conveners],
        description=p.description,
    )


def meeting_info(snap: Snapshot, meeting: Meeting) -> MeetingInfo:
    end = None
    if meeting.time and meeting.duration_minutes:
        end = _add_minutes(meeting.time, meeting.duration_minutes)
    team = snap.teams.get(meeting.team) if meeting.team else None
    return MeetingInfo(
        id=meeting.id,
        title=meeting.title,
        kind=meeting.kind.value,
        kind_label=KIND_LABELS[meeting.kind],
        date=meeting.date,
        time=meeting.time,
        end_time=end,
        duration_minutes=meeting.duration_minutes,
        location=meeting.location,
        status=meeting.status.value,
        team=team.name if team else meeting.team,
        notes=meeting.notes,
    )


def agenda_rows(snap: Snapshot, meeting: Meeting) -> list[AgendaRow]:
    """Agenda items with a running clock from the meeting's start (stops at an untimed item)."""
    rows: list[AgendaRow] = []
    clock = meeting.time
    for number, item in enumerate(meeting.agenda, start=1):
        start = clock
        end = _add_minutes(clock, item.minutes) if clock and item.minutes is not None else None
        lead = item.lead
        if lead and lead in snap.people:
            info = person_info(snap, lead)
            lead = f"{info.name} ({info.organization})" if info.organization else info.name
        rows.append(AgendaRow(number, item.title, item.minutes, lead, item.notes, start, end))
        clock = end
    return rows


def attendance(snap: Snapshot, meeting: Meeting) -> Attendance:
    invited = facts.headcount(snap, meeting.invitees)
    said_yes = facts.answered(snap, meeting)
    recorded = bool(meeting.attendees)
    people = [person_info(snap, pid) for pid in dict.fromkeys(meeting.attendees or meeting.invitees)]
    return Attendance(
        business=by_organization(p for p in people if p.business),
        public=by_organization(p for p in people if not p.business),
        invited_business=invited.business,
        invited_public=invited.public,
        recorded=recorded,
        industry_table=meeting.kind is not MeetingKind.convener_team,
        said_yes_business=said_yes.business,
        said_yes_public=said_yes.public,
        answered=len(meeting.rsvp),
        came_invited=len(set(meeting.attendees) & set(meeting.invitees)),
        came_uninvited=len(set(meeting.attendees) - set(meeting.invitees)),
    )


def signers(snap: Snapshot, as_of: dt.date) -> list[PersonInfo]:
    """Who signs an invitation on the date: business co-chairs first, then the other business
    champions (`PartnershipAt.business_champions`, the one definition); whoever left does not sign.

    Peers invite peers: public partners never sign, so the list is empty when the
    partnership has no business champion yet.
    """
    view = PartnershipAt(snap, as_of)
    ordered = [pid for pid in snap.partnership.co_chairs if view.is_business_lead(pid)]
    ordered += [p.id for p in view.business_champions]
    return [person_info(snap, pid) for pid in dict.fromkeys(ordered)]


def team_champions(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[PersonInfo]:
    """The business champions of the meeting's action team still at the table on the date (none
    for other meetings)."""
    team = snap.teams.get(meeting.team) if meeting.team else None
    if team is None:
        return []
    view = PartnershipAt(snap, as_of)
    return [person_info(snap, pid) for pid in dict.fromkeys(team.champions) if view.is_business_lead(pid)]


def contact(snap: Snapshot) -> PersonInfo | None:
    """The convener staff member who takes replies: a convener of a convening organization."""
    conveners = snap.partnership.conveners

    def rank(person: Person) -> tuple[int, int, str]:
        org_rank = conveners.index(person.org) if person.org in conveners else len(conveners)
        return (org_rank, 0 if Role.staff in person.roles else 1, person.name.casefold())

    staff = [p for p in snap.people.values() if Role.convener in p.roles]
    if not staff:
        staff = [p for p in snap.people.values() if p.org in conveners and not snap.is_business(p.id)]
    return person_info(snap, min(staff, key=rank).id) if staff else None
