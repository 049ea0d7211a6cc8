"""What goes into the documents conveners send: agenda, invitation, follow-up memo.

Each builder turns a loaded Snapshot and one meeting into a plain dictionary of
small frozen dataclasses.  The same context feeds the Jinja templates (md, html)
and the Word builder, so every format says the same thing.  Nothing here reads
the clock: answers that depend on the day use the `as_of` date passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from ngsp_cli.errors import NotFoundError, UsageError
from ngsp_cli.model import (
    ActionItem,
    ActionTeam,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Person,
    PriorityStatus,
    Role,
    TeamStatus,
)
from ngsp_cli.rules import PartnershipAt, facts
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import partnership_in_text

DOCUMENTS = ("agenda", "invite", "memo", "signin")
"""The documents of a meeting, by command name."""

WALK_IN_LINES = 8
"""Blank lines of a sign-in sheet for people who are not on the list."""

KIND_LABELS = {
    MeetingKind.launch: "Launch meeting",
    MeetingKind.full_partnership: "Full partnership meeting",
    MeetingKind.action_team: "Action team meeting",
    MeetingKind.convener_team: "Support team meeting",
    MeetingKind.other: "Meeting",
}

CATEGORY_LABELS = {
    "talent": "Talent",
    "infrastructure": "Infrastructure",
    "policy": "Policy",
    "innovation": "Innovation",
    "supply-chain": "Supply chain",
    "image": "Industry image",
    "networking": "Networking",
    "other": "Other",
}


@dataclass(frozen=True)
class PersonInfo:
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


@dataclass(frozen=True)
class PartnershipInfo:
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


@dataclass(frozen=True)
class MeetingInfo:
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


@dataclass(frozen=True)
class AgendaRow:
    number: int
    title: str
    minutes: int | None
    lead: str | None
    notes: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class ActionRow:
    """An action item of a meeting, with its owner's name and whether it is late."""

    text: str
    owner: str | None
    owner_org: str | None
    due: dt.date | None
    done: bool
    overdue: bool
    meeting: str
    meeting_kind: str
    meeting_date: dt.date

    @property
    def source(self) -> str:
        """Where the item was agreed, short: 'Launch meeting, Sep 17, 2026'."""
        return f"{self.meeting_kind}, {self.meeting_date:%b} {self.meeting_date.day}, {self.meeting_date:%Y}"

    @property
    def status(self) -> str:
        return "done" if self.done else ("overdue" if self.overdue else "open")


@dataclass(frozen=True)
class TaskRow:
    """An open task of an action team."""

    team: str
    text: str
    owner: str | None
    due: dt.date | None
    overdue: bool
    quick_win: bool


@dataclass(frozen=True)
class UpdateRow:
    team: str
    date: dt.date
    text: str
    by: str | None


@dataclass(frozen=True)
class PriorityRow:
    """A priority with the dots it received; business and public votes stay apart."""

    id: str
    title: str
    description: str | None
    category: str
    status: str
    rank: int | None
    business_points: int | None
    business_voters: int | None
    public_points: int | None
    public_voters: int | None
    team: str | None
    champions: list[str]
    from_this_meeting: bool

    @property
    def has_votes(self) -> bool:
        return self.business_points is not None


@dataclass(frozen=True)
class CandidateRow:
    title: str
    description: str | None
    category: str


@dataclass(frozen=True)
class Attendance:
    """Who came (or, before the meeting, who is invited), business leaders first."""

    business: list[PersonInfo]
    public: list[PersonInfo]
    invited_business: int
    invited_public: int
    recorded: bool = field(default=True)
    # Whether the business share matters: the support team (the conveners and the
    # other public partners) meets without business leaders by design.
    industry_table: bool = field(default=True)
    # Answers to the invitation ('ngsp meeting rsvp'): who said yes, and how many answered.
    said_yes_business: int = 0
    said_yes_public: int = 0
    answered: int = 0

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
    def business_outnumber_public(self) -> bool:
        return self.business_count > self.public_count

    @property
    def people(self) -> list[PersonInfo]:
        return [*self.business, *self.public]


# --- picking the meeting ---------------------------------------------------------------


def choose_meeting(snap: Snapshot, ref: str | None, document: str, as_of: dt.date) -> Meeting:
    """The meeting `ref` names, or the default of the document.

    The agenda and the invitation default to the next planned meeting; the memo to
    the last meeting held.
    """
    if ref:
        from ngsp_cli.services.meetings.lifecycle import find_meeting

        named = find_meeting(snap, ref)
        if named.status is MeetingStatus.cancelled:
            raise UsageError(
                f"{named.title} on {named.date.isoformat()} was cancelled, so it has no {document}",
                file=f"meetings/{named.id}.yaml",
                field="status",
                hint=f"plan a new meeting with 'ngsp meeting new', or put this one back with "
                f"'ngsp meeting cancel {named.id} --undo'",
            )
        return named
    if document == "memo":
        found = PartnershipAt(snap, as_of).last_held
        if found is None:
            raise NotFoundError(
                f"no meeting has been held by {as_of.isoformat()}, so there is nothing to write a memo about",
                hint="name the meeting (ngsp memo MEETING), or record who came with 'ngsp meeting attend'",
            )
        return found
    found = PartnershipAt(snap, as_of).next_meeting
    if found is None:
        raise NotFoundError(
            f"no meeting is planned on or after {as_of.isoformat()}",
            hint=f"name the meeting (ngsp {document} MEETING), or plan one with 'ngsp meeting new'",
        )
    return found


# --- small pieces ----------------------------------------------------------------------


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


def _name(snap: Snapshot, person_id: str | None) -> str | None:
    if not person_id:
        return None
    person = snap.people.get(person_id)
    return person.name if person else person_id


def _by_name(people: Iterable[PersonInfo]) -> list[PersonInfo]:
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
        business=_by_name(p for p in people if p.business),
        public=_by_name(p for p in people if not p.business),
        invited_business=invited.business,
        invited_public=invited.public,
        recorded=recorded,
        industry_table=meeting.kind is not MeetingKind.convener_team,
        said_yes_business=said_yes.business,
        said_yes_public=said_yes.public,
        answered=len(meeting.rsvp),
    )


def _action_row(snap: Snapshot, meeting: Meeting, item: ActionItem, as_of: dt.date) -> ActionRow:
    owner = snap.people.get(item.owner) if item.owner else None
    org = snap.organizations.get(owner.org) if owner else None
    return ActionRow(
        text=item.text,
        owner=_name(snap, item.owner),
        owner_org=org.name if org else None,
        due=item.due,
        done=item.done,
        overdue=not item.done and item.due is not None and item.due < as_of,
        meeting=meeting.title,
        meeting_kind=KIND_LABELS[meeting.kind],
        meeting_date=meeting.date,
    )


def carried_action_items(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[ActionRow]:
    """Open action items of meetings held before `meeting`, oldest first.

    For an action team's meeting, only the items of that team's earlier meetings.
    """
    return [
        _action_row(snap, earlier, item, as_of)
        for earlier, item in PartnershipAt(snap, as_of).open_action_items
        if earlier.id != meeting.id
        and (earlier.date, earlier.time or "") < (meeting.date, meeting.time or "")
        and (meeting.team is None or earlier.team == meeting.team)
    ]


def _teams_for(snap: Snapshot, meeting: Meeting) -> list[ActionTeam]:
    teams = sorted(snap.teams.values(), key=lambda t: t.name.casefold())
    if meeting.team:
        return [t for t in teams if t.id == meeting.team]
    return [t for t in teams if t.status is TeamStatus.active]


def open_team_tasks(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[TaskRow]:
    """Open tasks of the active action teams (only the meeting's team for a team meeting)."""
    view = PartnershipAt(snap, as_of)
    rows = [
        TaskRow(
            team=team.name,
            text=task.text,
            owner=_name(snap, task.owner),
            due=task.due,
            overdue=view.is_overdue(task),
            quick_win=task.quick_win,
        )
        for team in _teams_for(snap, meeting)
        for task in team.tasks
        if view.task_open(task)
    ]
    return sorted(rows, key=lambda r: (r.due is None, r.due or dt.date.max, r.team.casefold()))


def recent_team_updates(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[UpdateRow]:
    """Progress updates of the last `stale_after_days` days, newest first."""
    since = as_of - dt.timedelta(days=snap.partnership.settings.stale_after_days)
    rows = [
        UpdateRow(team=team.name, date=update.date, text=update.text, by=_name(snap, update.by))
        for team in _teams_for(snap, meeting)
        for update in team.updates
        if since <= update.date <= as_of
    ]
    return sorted(rows, key=lambda r: (r.date, r.team.casefold()), reverse=True)


def priorities(snap: Snapshot, meeting: Meeting) -> list[PriorityRow]:
    """Chosen priorities, and every priority named at this meeting, best ranked first.

    For an action team's meeting, only the team's own priority (and any named there).
    """
    own_team = snap.teams.get(meeting.team) if meeting.team else None
    teams_by_priority: dict[str, list[ActionTeam]] = {}
    for team in sorted(snap.teams.values(), key=lambda t: t.name.casefold()):
        teams_by_priority.setdefault(team.priority, []).append(team)
    chosen = {PriorityStatus.selected, PriorityStatus.done}
    rows: list[PriorityRow] = []
    for prio in snap.priorities.values():
        here = prio.meeting == meeting.id
        if not here and (
            prio.status not in chosen or (own_team is not None and prio.id != own_team.priority)
        ):
            continue
        teams = teams_by_priority.get(prio.id, [])
        champions = list(dict.fromkeys(_name(snap, pid) or pid for t in teams for pid in t.champions))
        votes = prio.votes
        rows.append(
            PriorityRow(
                id=prio.id,
                title=prio.title,
                description=prio.description,
                category=CATEGORY_LABELS.get(prio.category.value, prio.category.value),
                status=prio.status.value,
                rank=votes.rank if votes else None,
                business_points=votes.business_points if votes else None,
                business_voters=votes.business_voters if votes else None,
                public_points=votes.public_points if votes else None,
                public_voters=votes.public_voters if votes else None,
                team=", ".join(t.name for t in teams) or None,
                champions=champions,
                from_this_meeting=here,
            )
        )
    return sorted(
        rows,
        key=lambda r: (
            r.status not in {s.value for s in chosen},
            r.rank is None,
            r.rank or 0,
            -(r.business_points or 0),
            r.title.casefold(),
        ),
    )


def candidates(snap: Snapshot, meeting: Meeting) -> list[CandidateRow]:
    """Opportunities named at the meeting that are not yet priorities of their own."""
    known = {p.id for p in snap.priorities.values()} | {p.title.casefold() for p in snap.priorities.values()}
    return [
        CandidateRow(c.title, c.description, CATEGORY_LABELS.get(c.category.value, c.category.value))
        for c in meeting.candidates
        if c.id not in known and c.title.casefold() not in known
    ]


def signers(snap: Snapshot) -> list[PersonInfo]:
    """Who signs an invitation: business co-chairs first, then the other business champions.

    Peers invite peers: public partners never sign, so the list is empty when the
    partnership has no business champion yet.
    """
    ordered: list[str] = [pid for pid in snap.partnership.co_chairs if snap.is_business(pid)]
    ordered += [p.id for p in facts.business_champions(snap)]
    return [person_info(snap, pid) for pid in dict.fromkeys(ordered)]


def team_champions(snap: Snapshot, meeting: Meeting) -> list[PersonInfo]:
    """The business champions of the meeting's action team (none for other meetings)."""
    team = snap.teams.get(meeting.team) if meeting.team else None
    if team is None:
        return []
    return [person_info(snap, pid) for pid in dict.fromkeys(team.champions) if snap.is_business(pid)]


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


_WHOLE_PARTNERSHIP = {MeetingKind.launch, MeetingKind.full_partnership, MeetingKind.other}


def following_meeting(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> MeetingInfo | None:
    """The next planned meeting for the people of `meeting` (not before `as_of`).

    An action team's next meeting, a support team's next meeting, or else the next
    meeting of the whole partnership.
    """
    later = [
        m
        for m in facts.meetings_by_date(snap)
        if m.status is MeetingStatus.planned
        and m.id != meeting.id
        and m.date >= as_of
        and (m.date, m.time or "") > (meeting.date, meeting.time or "")
    ]
    if meeting.team:
        same = [m for m in later if m.team == meeting.team]
    elif meeting.kind is MeetingKind.convener_team:
        same = [m for m in later if m.kind is MeetingKind.convener_team]
    else:
        same = []
    whole = [m for m in later if m.kind in _WHOLE_PARTNERSHIP]
    found = (same or whole)[:1]
    return meeting_info(snap, found[0]) if found else None


# --- the three documents -----------------------------------------------------------------


def _base(snap: Snapshot, meeting: Meeting, as_of: dt.date, document: str) -> dict[str, Any]:
    return {
        "document": document,
        "as_of": as_of,
        "partnership": partnership_info(snap),
        "meeting": meeting_info(snap, meeting),
        "contact": contact(snap),
    }


def agenda_context(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """The agenda: meeting facts, timed items, open action items, team tasks and recent progress."""
    rows = agenda_rows(snap, meeting)
    return {
        **_base(snap, meeting, as_of, "agenda"),
        "agenda": rows,
        "agenda_minutes": sum(r.minutes or 0 for r in rows),
        "attendance": attendance(snap, meeting),
        "open_action_items": carried_action_items(snap, meeting, as_of),
        "team_tasks": open_team_tasks(snap, meeting, as_of),
        "team_updates": recent_team_updates(snap, meeting, as_of),
    }


def invite_context(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """The invitation: from the business champions, to business leaders of the industry."""
    recipients_ids = [pid for pid in meeting.invitees if snap.is_business(pid)]
    if not recipients_ids:
        recipients_ids = [p.id for p in facts.business_people(snap)]
    rsvp_by = meeting.date - dt.timedelta(days=7)
    return {
        **_base(snap, meeting, as_of, "invite"),
        "agenda": agenda_rows(snap, meeting),
        "signers": team_champions(snap, meeting) or signers(snap),
        "recipients": _by_name(person_info(snap, pid) for pid in dict.fromkeys(recipients_ids)),
        "rsvp_by": rsvp_by if rsvp_by > as_of else None,
        "salutation": f"Dear fellow {snap.partnership.industry.lower()} leader,",
        "selected_priorities": [p for p in priorities(snap, meeting) if p.status == "selected"],
    }


def memo_context(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """The follow-up memo: who came, what industry said, decisions, priorities, actions, next."""
    return {
        **_base(snap, meeting, as_of, "memo"),
        "attendance": attendance(snap, meeting),
        "industry_said": list(meeting.industry_said),
        "decisions": list(meeting.decisions),
        "priorities": priorities(snap, meeting),
        "candidates": candidates(snap, meeting),
        "action_items": [_action_row(snap, meeting, item, as_of) for item in meeting.action_items],
        "carried_items": carried_action_items(snap, meeting, as_of),
        "team_tasks": open_team_tasks(snap, meeting, as_of),
        "team_updates": recent_team_updates(snap, meeting, as_of),
        "next_meeting": following_meeting(snap, meeting, as_of),
        **_memo_sender(snap, meeting),
    }


def _memo_sender(snap: Snapshot, meeting: Meeting) -> dict[str, Any]:
    """Who the memo goes to and who it is from: the team and its champions, or the co-chairs."""
    champions = team_champions(snap, meeting)
    team = snap.teams.get(meeting.team) if meeting.team else None
    if team is not None and champions:
        role = "team champion" if len(champions) == 1 else "team champions"
        return {
            "audience": f"Members of the {team.name} action team",
            "signers": champions,
            "signers_role": role,
        }
    chairs = [s for s in signers(snap) if s.id in snap.partnership.co_chairs]
    return {
        "audience": f"Members and partners of {partnership_in_text(snap.partnership.name)}",
        "signers": chairs,
        "signers_role": "co-chair" if len(chairs) == 1 else "co-chairs",
    }


def signin_context(
    snap: Snapshot, meeting: Meeting, as_of: dt.date, walk_in_lines: int = WALK_IN_LINES
) -> dict[str, Any]:
    """The sign-in sheet: the invitees, business leaders apart from public partners, and blank lines.

    People who left the partnership before the meeting are not listed.
    """
    people = [
        person_info(snap, pid)
        for pid in dict.fromkeys(meeting.invitees)
        if not ((p := snap.people.get(pid)) and p.left is not None and p.left <= meeting.date)
    ]
    return {
        **_base(snap, meeting, as_of, "signin"),
        "business": _by_name(p for p in people if p.business),
        "public": _by_name(p for p in people if not p.business),
        "walk_in_lines": max(1, walk_in_lines),
    }


BUILDERS = {
    "agenda": agenda_context,
    "invite": invite_context,
    "memo": memo_context,
    "signin": signin_context,
}


def build_context(snap: Snapshot, document: str, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    return BUILDERS[document](snap, meeting, as_of)


def describe(value: Any) -> Any:
    """The shape of a context value, for people writing their own templates."""
    if is_dataclass(value) and not isinstance(value, type):
        shape: dict[str, Any] = {f.name: describe(getattr(value, f.name)) for f in fields(value)}
        for name in dir(type(value)):
            if isinstance(getattr(type(value), name, None), property):
                shape[name] = describe(getattr(value, name))
        return shape
    if isinstance(value, list):
        # One item shows the shape; say how many more the template would loop over.
        more = [f"... and {len(value) - 1} more like the first"] if len(value) > 1 else []
        return [describe(value[0]), *more] if value else []
    if isinstance(value, dict):
        return {k: describe(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
