"""Where the partnership's work stands at a meeting: action items, team tasks and progress,
priorities and the candidates named.

The agenda carries the open items of earlier meetings; the memo reports what was agreed.
Answers that depend on the day use the `as_of` date passed in.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ngsp_cli.model import ActionItem, ActionTeam, Meeting, Priority, PriorityStatus, TeamStatus, VoteTally
from ngsp_cli.rules import PartnershipAt
from ngsp_cli.rules.priority_dates import dated_tally_on, status_on, tally_at
from ngsp_cli.services.meetings.info import KIND_LABELS, person_name
from ngsp_cli.store.folder import Snapshot

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


class ActionRow(NamedTuple):
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


class TaskRow(NamedTuple):
    """An open task of an action team."""

    team: str
    text: str
    owner: str | None
    due: dt.date | None
    overdue: bool
    quick_win: bool


class UpdateRow(NamedTuple):
    team: str
    date: dt.date
    text: str
    by: str | None


class PriorityRow(NamedTuple):
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
    vote_day: dt.date | None = None  # the day of an earlier vote whose dots the row shows

    @property
    def has_votes(self) -> bool:
        return self.business_points is not None


class CandidateRow(NamedTuple):
    title: str
    description: str | None
    category: str


def action_row(snap: Snapshot, meeting: Meeting, item: ActionItem, as_of: dt.date) -> ActionRow:
    """The item as it stood on `as_of`: open until the day it was done (`PartnershipAt.action_done`)."""
    owner = snap.people.get(item.owner) if item.owner else None
    org = snap.organizations.get(owner.org) if owner else None
    done = PartnershipAt(snap, as_of).action_done(item)
    return ActionRow(
        text=item.text,
        owner=person_name(snap, item.owner),
        owner_org=org.name if org else None,
        due=item.due,
        done=done,
        overdue=not done and item.due is not None and item.due < as_of,
        meeting=meeting.title,
        meeting_kind=KIND_LABELS[meeting.kind],
        meeting_date=meeting.date,
    )


def carried_action_items(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[ActionRow]:
    """Open action items of meetings held before `meeting`, oldest first.

    For an action team's meeting, only the items of that team's earlier meetings.
    """
    return [
        action_row(snap, earlier, item, as_of)
        for earlier, item in PartnershipAt(snap, as_of).open_action_items
        if earlier.id != meeting.id
        and (earlier.date, earlier.time or "") < (meeting.date, meeting.time or "")
        and (meeting.team is None or earlier.team == meeting.team)
    ]


def _teams_for(view: PartnershipAt, meeting: Meeting) -> list[ActionTeam]:
    """The meeting's own team, or every team active on the date, as they stood then."""
    teams = sorted(view.teams, key=lambda t: t.name.casefold())
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
            owner=person_name(snap, task.owner),
            due=task.due,
            overdue=view.is_overdue(task),
            quick_win=task.quick_win,
        )
        for team in _teams_for(view, meeting)
        for task in team.tasks
        if view.task_open(task)
    ]
    return sorted(rows, key=lambda r: (r.due is None, r.due or dt.date.max, r.team.casefold()))


def recent_team_updates(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[UpdateRow]:
    """Progress updates of the last `stale_after_days` days, newest first."""
    since = as_of - dt.timedelta(days=snap.partnership.settings.stale_after_days)
    rows = [
        UpdateRow(team=team.name, date=update.date, text=update.text, by=person_name(snap, update.by))
        for team in _teams_for(PartnershipAt(snap, as_of), meeting)
        for update in team.updates
        if since <= update.date <= as_of
    ]
    return sorted(rows, key=lambda r: (r.date, r.team.casefold()), reverse=True)


def priorities(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[PriorityRow]:
    """The priorities named at this meeting, with this meeting's tally and rank and the status its
    vote gave them; then the others selected on the date, with the tally of their latest vote by
    then and the day of that vote (their rank and dots are that vote's, and say so). Nothing
    named after the date is listed; teams are those of the date. For an action team's meeting,
    only the team's own priority (and any named there).
    """
    view = PartnershipAt(snap, as_of)
    own_team = snap.teams.get(meeting.team) if meeting.team else None
    teams_by_priority: dict[str, list[ActionTeam]] = {}
    for team in sorted(view.teams, key=lambda t: t.name.casefold()):
        teams_by_priority.setdefault(team.priority, []).append(team)
    chosen = {PriorityStatus.selected, PriorityStatus.done}
    rows: list[PriorityRow] = []
    for prio in view.priorities:
        # Named here only once the meeting has taken place: an invitation or agenda sent before
        # it shows the priorities as they stand, not the outcome of its own vote.
        voted = meeting.date <= as_of
        votes = tally_at(prio, meeting.id) if voted else None
        here = voted and (votes is not None or prio.meeting == meeting.id)
        vote_day: dt.date | None = meeting.date if votes is not None else None
        if here:
            status = status_on(snap, prio, meeting.date) or view.priority_status(prio) or prio.status
        else:
            status = view.priority_status(prio) or prio.status
            if status not in chosen or (own_team is not None and prio.id != own_team.priority):
                continue
            latest = dated_tally_on(snap, prio, as_of)
            if latest is not None:
                votes = latest.votes
                vote_day = latest.day if latest.day != dt.date.min else None
        rows.append(_row(view, prio, status, votes, teams_by_priority.get(prio.id, []), here, vote_day))
    return sorted(
        rows,
        key=lambda r: (
            r.status not in {s.value for s in chosen},
            not r.from_this_meeting,
            r.rank is None,
            r.rank or 0,
            -(r.business_points or 0),
            r.title.casefold(),
        ),
    )


def _row(
    view: PartnershipAt,
    prio: Priority,
    status: PriorityStatus,
    votes: VoteTally | None,
    teams: list[ActionTeam],
    here: bool,
    vote_day: dt.date | None,
) -> PriorityRow:
    """One priority of the memo, with its teams on the date and their champions still at the table."""
    snap = view.snap
    champions = [person_name(snap, pid) or pid for t in teams for pid in view.champions_at_table(t)]
    return PriorityRow(
        id=prio.id,
        title=prio.title,
        description=prio.description,
        category=CATEGORY_LABELS.get(prio.category.value, prio.category.value),
        status=status.value,
        rank=votes.rank if votes else None,
        business_points=votes.business_points if votes else None,
        business_voters=votes.business_voters if votes else None,
        public_points=votes.public_points if votes else None,
        public_voters=votes.public_voters if votes else None,
        team=", ".join(_team_label(t) for t in teams) or None,
        champions=list(dict.fromkeys(champions)),
        from_this_meeting=here,
        vote_day=None if here else vote_day,
    )


def _team_label(team: ActionTeam) -> str:
    """A team's name, marked when it is not active (on the memo's date)."""
    return team.name if team.status is TeamStatus.active else f"{team.name} ({team.status.value})"


def candidates(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> list[CandidateRow]:
    """Opportunities named at the meeting that are not priorities of their own on the date."""
    named = PartnershipAt(snap, as_of).priorities
    known = {p.id for p in named} | {p.title.casefold() for p in named}
    return [
        CandidateRow(c.title, c.description, CATEGORY_LABELS.get(c.category.value, c.category.value))
        for c in meeting.candidates
        if c.id not in known and c.title.casefold() not in known
    ]
