"""Facts about a partnership that several commands share (status, check, report, documents).

Every function takes a loaded Snapshot and, where the answer depends on the
day, an explicit `as_of` date, so results are reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ngsp_cli.model import (
    ActionItem,
    ActionTeam,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Organization,
    Person,
    Role,
    Rsvp,
    Task,
    TaskStatus,
    TeamStatus,
)
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import plural

# The meetings where the whole industry sits at the table: their attendance is
# where business leaders should outnumber public partners.
BUSINESS_TABLES = (MeetingKind.launch, MeetingKind.full_partnership)


@dataclass(frozen=True)
class Headcount:
    """How many of a group of people come from businesses and from public partners."""

    business: int
    public: int

    @property
    def total(self) -> int:
        return self.business + self.public

    @property
    def business_share(self) -> float | None:
        return self.business / self.total if self.total else None

    @property
    def business_outnumber_public(self) -> bool:
        return self.business > self.public


def headcount(snap: Snapshot, person_ids: Iterable[str]) -> Headcount:
    ids = list(dict.fromkeys(person_ids))
    business = sum(1 for pid in ids if snap.is_business(pid))
    return Headcount(business=business, public=len(ids) - business)


def is_held(meeting: Meeting, as_of: dt.date) -> bool:
    """Held = marked held, or in the past with attendance recorded."""
    if meeting.status is MeetingStatus.held:
        return True
    return meeting.status is MeetingStatus.planned and meeting.date < as_of and bool(meeting.attendees)


def meetings_by_date(snap: Snapshot) -> list[Meeting]:
    return sorted(snap.meetings.values(), key=lambda m: (m.date, m.time or "", m.id))


def held_meetings(
    snap: Snapshot, as_of: dt.date, kinds: Iterable[MeetingKind] | None = None
) -> list[Meeting]:
    wanted = set(kinds) if kinds is not None else None
    return [
        m
        for m in meetings_by_date(snap)
        if m.date <= as_of and is_held(m, as_of) and (wanted is None or m.kind in wanted)
    ]


def upcoming_meetings(
    snap: Snapshot, as_of: dt.date, kinds: Iterable[MeetingKind] | None = None
) -> list[Meeting]:
    wanted = set(kinds) if kinds is not None else None
    return [
        m
        for m in meetings_by_date(snap)
        if m.status is MeetingStatus.planned and m.date >= as_of and (wanted is None or m.kind in wanted)
    ]


def unrecorded_meetings(snap: Snapshot, as_of: dt.date) -> list[Meeting]:
    """Past meetings still marked planned with no attendance: held or not, nobody recorded it."""
    return [
        m
        for m in meetings_by_date(snap)
        if m.status is MeetingStatus.planned and m.date < as_of and not m.attendees
    ]


def next_meeting(snap: Snapshot, as_of: dt.date) -> Meeting | None:
    upcoming = upcoming_meetings(snap, as_of)
    return upcoming[0] if upcoming else None


def last_held_meeting(snap: Snapshot, as_of: dt.date) -> Meeting | None:
    held = held_meetings(snap, as_of)
    return held[-1] if held else None


def meeting_headcount(snap: Snapshot, meeting: Meeting) -> Headcount:
    """Attendance when it was recorded, otherwise the invitation list."""
    return headcount(snap, meeting.attendees or meeting.invitees)


def answered(snap: Snapshot, meeting: Meeting, answer: Rsvp = Rsvp.yes) -> Headcount:
    """Business leaders and public partners who gave `answer` to the meeting's invitation."""
    return headcount(snap, [pid for pid, said in meeting.rsvp.items() if said is answer])


def public_expected_to_outnumber(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> Headcount | None:
    """Who said yes, when more public partners than business leaders did for a planned
    meeting of the whole industry, still to come; None otherwise."""
    if (
        meeting.status is not MeetingStatus.planned
        or meeting.date < as_of
        or meeting.kind not in BUSINESS_TABLES
    ):
        return None
    expected = answered(snap, meeting)
    return expected if expected.public > expected.business else None


def business_people(snap: Snapshot) -> list[Person]:
    return [p for p in snap.people.values() if snap.is_business(p.id)]


def business_people_sorted(snap: Snapshot) -> list[Person]:
    """People of business organizations, by name."""
    return sorted(business_people(snap), key=lambda p: p.name.casefold())


def business_champions(snap: Snapshot) -> list[Person]:
    """Business leaders who champion the partnership (champions and co-chairs)."""
    champion_roles = {Role.champion, Role.co_chair}
    return sorted(
        (p for p in business_people(snap) if champion_roles & set(p.roles)),
        key=lambda p: p.name.casefold(),
    )


def last_update(team: ActionTeam, as_of: dt.date | None = None) -> dt.date | None:
    """The date of the team's latest progress update (on or before `as_of` when given)."""
    return max((u.date for u in team.updates if as_of is None or u.date <= as_of), default=None)


def team_clock(snap: Snapshot, team: ActionTeam, as_of: dt.date) -> tuple[dt.date | None, str]:
    """Since when a team has been quiet as of a date, and what that date is.

    The latest update on or before `as_of`; without one, the day the team was
    formed; without that, the day of the meeting where its priority was chosen.
    None when the folder knows none of these.
    """
    latest = last_update(team, as_of)
    if latest is not None:
        return latest, f"since {latest.isoformat()}"
    if team.formed is not None:
        return team.formed, f"since it was formed on {team.formed.isoformat()}"
    priority = snap.priorities.get(team.priority)
    meeting = snap.meetings.get(priority.meeting or "") if priority else None
    if meeting is not None:
        return meeting.date, f"since its priority was chosen on {meeting.date.isoformat()}"
    return None, "ever, and its file has no 'formed' date"


def is_open(task: Task) -> bool:
    return task.status is TaskStatus.open


def overdue_tasks(snap: Snapshot, as_of: dt.date) -> list[tuple[ActionTeam, Task]]:
    return [
        (team, task)
        for team in sorted(snap.teams.values(), key=lambda t: t.id)
        for task in team.tasks
        if is_open(task) and task.due is not None and task.due < as_of
    ]


def open_action_items(snap: Snapshot, as_of: dt.date) -> list[tuple[Meeting, ActionItem]]:
    """Action items of held meetings that are not done yet, oldest meeting first."""
    return [
        (meeting, item)
        for meeting in held_meetings(snap, as_of)
        for item in meeting.action_items
        if not item.done
    ]


def overdue_action_items(snap: Snapshot, as_of: dt.date) -> list[tuple[Meeting, ActionItem]]:
    return [
        (meeting, item)
        for meeting, item in open_action_items(snap, as_of)
        if item.due is not None and item.due < as_of
    ]


@dataclass(frozen=True)
class TeamFlag:
    """Something about an action team a convener should act on."""

    team: str
    kind: str  # no-business-champion | stale | overdue-tasks
    message: str


def team_flags(snap: Snapshot, as_of: dt.date, *, stale_after: int | None = None) -> list[TeamFlag]:
    """Active teams without a business champion, without recent updates, or with overdue tasks.

    A team is stale when its clock (`team_clock`) is more than `stale_after`
    days old (default `settings.stale_after_days`), or when it has never sent
    an update and the folder does not say when it started: either way it has
    no recent update.
    """
    stale_days = stale_after or snap.partnership.settings.stale_after_days
    flags: list[TeamFlag] = []
    for team in sorted(snap.teams.values(), key=lambda t: t.id):
        if team.status is not TeamStatus.active:
            continue
        if not any(snap.is_business(pid) for pid in team.champions):
            flags.append(
                TeamFlag(team.id, "no-business-champion",
                         f"{team.name} has no business champion; the method needs one to lead it")
            )  # fmt: skip
        started, since = team_clock(snap, team, as_of)
        if started is None:
            flags.append(
                TeamFlag(team.id, "stale",
                         f"{team.name} has no progress update {since} "
                         f"(the limit is {plural(stale_days, 'day')})")
            )  # fmt: skip
        elif (as_of - started).days > stale_days:
            flags.append(
                TeamFlag(team.id, "stale",
                         f"{team.name} has no progress update {since} "
                         f"({(as_of - started).days} days; the limit is {stale_days})")
            )  # fmt: skip
        overdue = [t for t in team.tasks if is_open(t) and t.due is not None and t.due < as_of]
        if overdue:
            noun = "task is" if len(overdue) == 1 else "tasks are"
            flags.append(
                TeamFlag(team.id, "overdue-tasks",
                         f"{team.name}: {len(overdue)} {noun} past due "
                         f"(oldest due {min(t.due for t in overdue if t.due).isoformat()})")
            )  # fmt: skip
    return flags


FOUNDER_GRACE_DAYS = 30


@dataclass(frozen=True)
class Joining:
    """Which businesses founded the partnership and which joined later, as of a date.

    Businesses that joined at the start (by `founded` + the grace days) are
    founding members, not newcomers; newcomers joined after that and within
    the window before `as_of`.
    """

    founded: dt.date | None
    founders_until: dt.date | None
    window_start: dt.date
    businesses: list[Organization]
    dated: list[Organization]
    founders: list[Organization]
    newcomers: list[Organization]


def business_joining(
    snap: Snapshot, as_of: dt.date, *, window_days: int = 365, grace_days: int = FOUNDER_GRACE_DAYS
) -> Joining:
    """Founding and newly joined businesses by their `joined` dates (the one rule status and check share).

    The start is `partnership.founded`, else the first held launch meeting,
    else the earliest `joined` date.
    """
    businesses = sorted((o for o in snap.organizations.values() if o.is_business), key=lambda o: o.name)
    dated = [o for o in businesses if o.joined is not None and o.joined <= as_of]
    launches = [m.date for m in held_meetings(snap, as_of, [MeetingKind.launch])]
    founded = snap.partnership.founded or (launches[0] if launches else None)
    if founded is None and dated:
        founded = min(o.joined for o in dated if o.joined)
    founders_until = founded + dt.timedelta(days=grace_days) if founded else None
    window_start = as_of - dt.timedelta(days=window_days)
    founders = [o for o in dated if founders_until and o.joined and o.joined <= founders_until]
    newcomers = sorted(
        (
            o
            for o in dated
            if o.joined and (founders_until is None or o.joined > founders_until) and o.joined >= window_start
        ),
        key=lambda o: (o.joined or as_of, o.name),
    )
    return Joining(founded, founders_until, window_start, businesses, dated, founders, newcomers)
