"""A partnership as it stood on one date: the one place every judgment reads.

`PartnershipAt(snapshot, as_of)` answers each question `status`, `check`,
`team list`, `report`, `memo` and `portfolio` ask about a date, so two screens
can never disagree:

- Nothing dated after `as_of` counts: meetings after it are not held (whatever
  their file says), their attendance, votes and candidates do not exist yet,
  priorities named at them are not known, teams formed after it are not
  formed, a team paused or closed after it was still active (its `history`),
  tasks added after it did not exist and tasks finished after it were still
  open, action items done after it were still open, updates after it were not
  written, meetings put on the calendar after it were not coming up yet
  (`planned_on`), organizations and people who joined after it were not there.
- Who is at the table: an organization counts from its `joined` date until
  its `left` date; a person from their own `joined` date (else their
  organization's) until their own or their organization's `left` date.
  Whoever left on or before `as_of` is not counted in current counts; history
  (past attendance, votes) keeps them.
- Overdue means one thing everywhere (`overdue_tasks`): an open task of an
  active action team whose due date is before `as_of`. Tasks of teams marked
  done or paused are not overdue: the team's work is closed or on hold, and
  the team list shows them with the team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property

from ngsp_cli.model import (
    ActionItem,
    ActionTeam,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Organization,
    Person,
    Priority,
    PriorityStatus,
    Task,
    TaskStatus,
    TeamStatus,
    VoteTally,
)
from ngsp_cli.rules import facts
from ngsp_cli.rules.answers import Joining, TeamFlag, TeamReporting
from ngsp_cli.rules.facts import Headcount
from ngsp_cli.rules.joining import founders_and_newcomers
from ngsp_cli.rules.meeting_dates import action_done_on, meeting_at
from ngsp_cli.rules.priority_dates import first_selected, status_on, tally_on
from ngsp_cli.rules.team_dates import team_at, team_state
from ngsp_cli.rules.team_flags import flag_teams, reporting_of
from ngsp_cli.store.folder import Snapshot

_CHOSEN = frozenset({PriorityStatus.selected, PriorityStatus.done})


def held_on(meeting: Meeting, day: dt.date) -> bool:
    """Held by `day`: on or before it, and marked held or past with attendance recorded."""
    if meeting.date > day:
        return False
    if meeting.status is MeetingStatus.held:
        return True
    return meeting.status is MeetingStatus.planned and meeting.date < day and bool(meeting.attendees)


class PartnershipAt:
    """The partnership in `snap` as it stood on `as_of` (see the module text for the rules)."""

    def __init__(self, snap: Snapshot, as_of: dt.date) -> None:
        self.snap = snap
        self.as_of = as_of
        self.settings = snap.partnership.settings

    # --- who is at the table ------------------------------------------------------------------

    def org_present(self, org: Organization) -> bool:
        """Joined on or before the date (or undated) and not left by then."""
        joined_ok = org.joined is None or org.joined <= self.as_of
        return joined_ok and (org.left is None or org.left > self.as_of)

    def person_present(self, person: Person) -> bool:
        """Joined by the date and neither they nor their organization left by then.

        Their own `joined` date decides when they came: champions are recruited (and invite
        others) before the launch at which their businesses join. A person without one
        counts from their organization's `joined` date.
        """
        org = self.snap.organizations.get(person.org)
        if person.left is not None and person.left <= self.as_of:
            return False
        if org is not None and org.left is not None and org.left <= self.as_of:
            return False
        if person.joined is not None:
            return person.joined <= self.as_of
        return org is None or org.joined is None or org.joined <= self.as_of

    @cached_property
    def organizations(self) -> list[Organization]:
        """Organizations at the table on the date, by name."""
        orgs = (o for o in self.snap.organizations.values() if self.org_present(o))
        return sorted(orgs, key=lambda o: (o.name.casefold(), o.id))

    @cached_property
    def businesses(self) -> list[Organization]:
        return [o for o in self.organizations if o.is_business]

    @cached_property
    def public_partners(self) -> list[Organization]:
        """Public partner organizations (every kind but business) at the table."""
        return [o for o in self.organizations if not o.is_business]

    @cached_property
    def people(self) -> list[Person]:
        people = (p for p in self.snap.people.values() if self.person_present(p))
        return sorted(people, key=lambda p: (p.name.casefold(), p.id))

    @cached_property
    def present_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.people)

    def is_business(self, person_id: str) -> bool:
        return self.snap.is_business(person_id)

    def is_business_lead(self, person_id: str) -> bool:
        """A person of a business who is at the table on the date (a champion who left leads nothing)."""
        return person_id in self.present_ids and self.is_business(person_id)

    @cached_property
    def business_people(self) -> list[Person]:
        return [p for p in self.people if self.is_business(p.id)]

    @cached_property
    def leads(self) -> list[Person]:
        """Who leads on the date: the one definition of a champion that every screen counts.

        People at the table who are co-chairs (listed in partnership.yaml or by role), have the
        champion role, or champion an action team active on the date.
        """
        lead_ids = set(self.snap.partnership.co_chairs)
        lead_ids |= {p.id for p in self.people if facts.CHAMPION_ROLES & set(p.roles)}
        for team in self.active_teams:
            lead_ids |= set(team.champions)
        return [p for p in self.people if p.id in lead_ids]

    @cached_property
    def business_champions(self) -> list[Person]:
        """Business leaders among the leads (see `leads`)."""
        return [p for p in self.leads if self.is_business(p.id)]

    def headcount(self, person_ids: Iterable[str]) -> Headcount:
        return facts.headcount(self.snap, person_ids)

    # --- meetings -------------------------------------------------------------------------------

    @cached_property
    def meetings(self) -> list[Meeting]:
        """Every meeting, by date (planned ones after the date included)."""
        return facts.meetings_by_date(self.snap)

    def planned_by_then(self, meeting: Meeting) -> bool:
        """Put on the calendar on or before the date (a meeting planned later was not coming up yet)."""
        return meeting.planned_on is None or meeting.planned_on <= self.as_of

    def is_held(self, meeting: Meeting) -> bool:
        return held_on(meeting, self.as_of)

    def held(self, kinds: Iterable[MeetingKind] | None = None) -> list[Meeting]:
        wanted = set(kinds) if kinds is not None else None
        return [m for m in self.meetings if self.is_held(m) and (wanted is None or m.kind in wanted)]

    def upcoming(self, kinds: Iterable[MeetingKind] | None = None) -> list[Meeting]:
        """Meetings on or after the date, not cancelled and not held yet (as the date sees them)."""
        wanted = set(kinds) if kinds is not None else None
        return [
            m
            for m in self.meetings
            if m.date >= self.as_of
            and m.status is not MeetingStatus.cancelled
            and not self.is_held(m)
            and self.planned_by_then(m)
            and (wanted is None or m.kind in wanted)
        ]

    @cached_property
    def unrecorded(self) -> list[Meeting]:
        """Past meetings still marked planned with no attendance: held or not, nobody recorded it."""
        return [
            m
            for m in self.meetings
            if m.status is MeetingStatus.planned
            and m.date < self.as_of
            and not m.attendees
            and self.planned_by_then(m)
        ]

    @property
    def next_meeting(self) -> Meeting | None:
        upcoming = self.upcoming()
        return upcoming[0] if upcoming else None

    @property
    def last_held(self) -> Meeting | None:
        held = self.held()
        return held[-1] if held else None

    def attended(self, kinds: Iterable[MeetingKind] = facts.BUSINESS_TABLES) -> list[Meeting]:
        """Held meetings of these kinds with attendance recorded, oldest first."""
        return [m for m in self.held(kinds) if m.attendees]

    @cached_property
    def launch(self) -> Meeting | None:
        """The partnership's launch meeting on the date: the first one held by then, else the latest
        one on the calendar by then and not cancelled, whatever its date."""
        if self.launch_held is not None:
            return self.launch_held
        launches = [
            m
            for m in self.meetings
            if m.kind is MeetingKind.launch
            and m.status is not MeetingStatus.cancelled
            and self.planned_by_then(m)
        ]
        return launches[-1] if launches else None

    @cached_property
    def launch_held(self) -> Meeting | None:
        """The first launch meeting held by the date."""
        held = self.held([MeetingKind.launch])
        return held[0] if held else None

    @cached_property
    def met_after_launch(self) -> bool:
        """A full partnership meeting was held after the launch (by the date)."""
        launch = self.launch
        if launch is None:
            return False
        return any(m.date > launch.date for m in self.held([MeetingKind.full_partnership]))

    # --- priorities and teams -------------------------------------------------------------------

    @cached_property
    def _priority_statuses(self) -> dict[str, PriorityStatus | None]:
        return {pid: status_on(self.snap, p, self.as_of) for pid, p in self.snap.priorities.items()}

    def priority_status(self, priority: Priority) -> PriorityStatus | None:
        """The priority's status on the date (None: not named yet), not after a later vote."""
        return self._priority_statuses.get(priority.id)

    def tally(self, priority: Priority) -> VoteTally | None:
        """The tally of the priority's latest vote on or before the date."""
        return tally_on(self.snap, priority, self.as_of)

    @cached_property
    def priorities(self) -> list[Priority]:
        """Priorities known by the date: named at a vote on or before it (or undated).

        A refresh vote after the date does not hide a priority named earlier (its history).
        """
        return sorted(
            (p for p in self.snap.priorities.values() if self.priority_status(p) is not None),
            key=lambda p: p.id,
        )

    @cached_property
    def selected_priorities(self) -> list[Priority]:
        """Priorities selected (or done) on the date: their status then, not after a later vote."""
        return [p for p in self.priorities if self.priority_status(p) in _CHOSEN]

    def team_formed(self, team: ActionTeam) -> bool:
        """The team existed on the date: formed on or before it; without a `formed` date, its
        priority was selected by then (teams work on selected priorities)."""
        if team.formed is not None:
            return team.formed <= self.as_of
        priority = self.snap.priorities.get(team.priority)
        if priority is None:
            return True
        selected = first_selected(self.snap, priority)
        chosen_by_then = selected is not None and selected.day <= self.as_of
        return chosen_by_then or self.priority_status(priority) in _CHOSEN

    def team_status(self, team: ActionTeam) -> TeamStatus:
        """The team's status on the date, from its dated history (`team_dates.team_state`)."""
        return team_state(team, self.as_of).status

    def team_at(self, team: ActionTeam) -> ActionTeam:
        """The team as it stood on the date (`team_dates.team_at`)."""
        return team_at(team, self.as_of)

    @cached_property
    def teams(self) -> list[ActionTeam]:
        """Teams formed by the date, by id, as they stood on the date (see `team_at`)."""
        return [
            self.team_at(t)
            for t in sorted(self.snap.teams.values(), key=lambda t: t.id)
            if self.team_formed(t)
        ]

    @cached_property
    def active_teams(self) -> list[ActionTeam]:
        return [t for t in self.teams if t.status is TeamStatus.active]

    def champions_at_table(self, team: ActionTeam) -> list[str]:
        """The team's champions still at the table on the date (a champion who left leads nothing)."""
        people = self.snap.people
        return [
            pid
            for pid in dict.fromkeys(team.champions)
            if pid not in people or self.person_present(people[pid])
        ]

    def has_business_champion(self, team: ActionTeam) -> bool:
        return any(self.is_business_lead(pid) for pid in team.champions)

    def updates(self, team: ActionTeam) -> list[dt.date]:
        return sorted(u.date for u in team.updates if u.date <= self.as_of)

    def last_update(self, team: ActionTeam) -> dt.date | None:
        dates = self.updates(team)
        return dates[-1] if dates else None

    def reporting(self, team: ActionTeam, days: int | None = None) -> TeamReporting:
        """Reported (an update within `days`), not due yet or late (`team_flags.reporting_of`)."""
        return reporting_of(self, team, days or self.settings.stale_after_days)

    def team_reporting(self, days: int | None = None) -> list[TeamReporting]:
        """How every active team stands with its updates (the rule check, status and team list share)."""
        return [self.reporting(t, days) for t in self.active_teams]

    def task_open(self, task: Task) -> bool:
        """Open on the date: still open, or finished after it."""
        if task.status is TaskStatus.open:
            return True
        return task.done_on is not None and task.done_on > self.as_of

    def task_done(self, task: Task) -> bool:
        """Done on or before the date (a done task without a date counts as done)."""
        return task.status is TaskStatus.done and (task.done_on is None or task.done_on <= self.as_of)

    def is_overdue(self, task: Task) -> bool:
        return self.task_open(task) and task.due is not None and task.due < self.as_of

    @cached_property
    def overdue_tasks(self) -> list[tuple[ActionTeam, Task]]:
        """THE definition of an overdue task: open, due before the date, of an active team."""
        return [(team, task) for team in self.active_teams for task in team.tasks if self.is_overdue(task)]

    def team_overdue(self, team: ActionTeam) -> list[Task]:
        """A team's overdue tasks; none for a team that is done or paused (see `overdue_tasks`)."""
        if not self.team_formed(team) or self.team_status(team) is not TeamStatus.active:
            return []
        return [task for task in self.team_at(team).tasks if self.is_overdue(task)]

    def meeting_at(self, meeting: Meeting) -> Meeting:
        """The meeting as it stood on the date: its record once its day came (`meeting_at`)."""
        return meeting_at(meeting, self.as_of)

    def action_done(self, item: ActionItem) -> bool:
        """Done on or before the date (an item done without a date counts as done)."""
        return action_done_on(item, self.as_of)

    @cached_property
    def open_action_items(self) -> list[tuple[Meeting, ActionItem]]:
        """Action items of held meetings not done by the date, oldest meeting first."""
        return [(m, item) for m in self.held() for item in m.action_items if not self.action_done(item)]

    @cached_property
    def overdue_action_items(self) -> list[tuple[Meeting, ActionItem]]:
        return [(m, i) for m, i in self.open_action_items if i.due is not None and i.due < self.as_of]

    @cached_property
    def team_flags(self) -> list[TeamFlag]:
        """Active teams without a business champion, late with their update, or with overdue tasks."""
        return flag_teams(self)

    # --- founders and newcomers -----------------------------------------------------------------

    def joining(self, window_days: int = 365, grace_days: int = 0) -> Joining:
        """Founding businesses and newcomers (see `Joining`)."""
        return founders_and_newcomers(self, window_days, grace_days)
