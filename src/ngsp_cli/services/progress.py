"""Checklist rules: how a playbook's `computed:` items are ticked from the partnership's own data.

Each rule has an id (used in playbook files as `computed: RULE`), optional
integer parameters (`params: {min: 2}`) and a plain-words description that
`ngsp playbook --rules` shows.  A rule answers done / not done with a short
detail sentence; it never guesses what the folder cannot know (those items are
`manual: true` in the playbook).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ngsp_cli.model import Meeting, MeetingKind, MeetingStatus, PriorityStatus, TeamStatus
from ngsp_cli.services import facts
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import plural as _plural

if TYPE_CHECKING:
    from ngsp_cli.playbook.models import ChecklistItem, Phase, Step


@dataclass(frozen=True)
class Verdict:
    done: bool
    detail: str


RuleFunc = Callable[..., Verdict]


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    func: RuleFunc
    params: Mapping[str, int | None] = field(default_factory=dict)  # name -> default (None: from settings)

    def usage(self) -> str:
        if not self.params:
            return f"'{self.id}' takes no params"
        names = ", ".join(f"{name}: N" for name in self.params)
        return f"'{self.id}' takes params {{{names}}} (whole numbers)"


RULES: dict[str, Rule] = {}


def rule(rule_id: str, description: str, **params: int | None) -> Callable[[RuleFunc], RuleFunc]:
    def register(func: RuleFunc) -> RuleFunc:
        RULES[rule_id] = Rule(rule_id, description, func, params)
        return func

    return register


def check_params(rule_id: str, params: Mapping[str, Any]) -> dict[str, int]:
    """The rule's parameters as whole numbers; ValueError in plain words when they are wrong."""
    spec = RULES[rule_id]
    out: dict[str, int] = {}
    for name, value in params.items():
        if name not in spec.params:
            raise ValueError(f"'{name}' is not a parameter of the rule '{rule_id}'")
        try:
            number = int(str(value))
        except ValueError:
            raise ValueError(f"'{name}' must be a whole number, not '{value}'") from None
        if number < 0:
            raise ValueError(f"'{name}' must not be negative")
        out[name] = number
    return out


# --- helpers -------------------------------------------------------------------------------------


def _all_teams(count: int, has: str, have: str) -> str:
    """'the only active team has ...' for one team, 'all 3 active teams have ...' for more."""
    return f"the only active team {has}" if count == 1 else f"all {count} active teams {have}"


def _active(meetings: list[Meeting]) -> list[Meeting]:
    return [m for m in meetings if m.status is not MeetingStatus.cancelled]


def launch_meeting(snap: Snapshot) -> Meeting | None:
    """The partnership's launch meeting (the latest one not cancelled)."""
    launches = _active([m for m in facts.meetings_by_date(snap) if m.kind is MeetingKind.launch])
    return launches[-1] if launches else None


def _priority_known(snap: Snapshot, priority_id: str, as_of: dt.date | None) -> bool:
    """The priority existed on `as_of`: named at a meeting on or before that day (or at none)."""
    if as_of is None:
        return True
    priority = snap.priorities.get(priority_id)
    meeting = snap.meetings.get(priority.meeting) if priority and priority.meeting else None
    return meeting is None or meeting.date <= as_of


def _team_known(snap: Snapshot, team_id: str, as_of: dt.date | None) -> bool:
    """The team existed on `as_of`: formed on or before that day, for a priority known by then."""
    if as_of is None:
        return True
    team = snap.teams[team_id]
    if team.formed is not None and team.formed > as_of:
        return False
    return _priority_known(snap, team.priority, as_of)


def selected_priorities(snap: Snapshot, as_of: dt.date | None = None) -> list[str]:
    wanted = {PriorityStatus.selected, PriorityStatus.done}
    return sorted(
        pid for pid, p in snap.priorities.items() if p.status in wanted and _priority_known(snap, pid, as_of)
    )


def active_teams(snap: Snapshot, as_of: dt.date | None = None) -> list[str]:
    return sorted(
        tid
        for tid, t in snap.teams.items()
        if t.status is TeamStatus.active and _team_known(snap, tid, as_of)
    )


# --- rules ---------------------------------------------------------------------------------------


@rule("conveners-named", "partnership.yaml names at least one convener organization")
def _conveners(snap: Snapshot, as_of: dt.date) -> Verdict:
    names = [snap.organizations[c].name if c in snap.organizations else c for c in snap.partnership.conveners]
    if names:
        return Verdict(True, "convened by " + ", ".join(names))
    return Verdict(False, "no convener is named in partnership.yaml")


@rule("public-partners-at-least", "at least `min` people of public partner organizations are recorded", min=5)
def _public_partners(snap: Snapshot, as_of: dt.date, min: int = 5) -> Verdict:
    count = sum(1 for pid in snap.people if not snap.is_business(pid))
    # People, not organizations: `org list` counts the public partner organizations.
    recorded = _plural(count, "person", "people")
    return Verdict(count >= min, f"{recorded} of public partners recorded ({min} wanted)")


@rule("convener-team-met", "a support (convener) team meeting has been held")
def _convener_team_met(snap: Snapshot, as_of: dt.date) -> Verdict:
    held = facts.held_meetings(snap, as_of, [MeetingKind.convener_team])
    if held:
        return Verdict(True, f"first met {held[0].date.isoformat()}")
    return Verdict(False, "no support team meeting is recorded as held")


@rule("industry-defined", "partnership.yaml names the industry and at least one NAICS code")
def _industry(snap: Snapshot, as_of: dt.date) -> Verdict:
    p = snap.partnership
    if p.industry and p.naics:
        return Verdict(True, f"{p.industry} (NAICS {', '.join(p.naics)})")
    return Verdict(False, "add the industry's NAICS codes under 'naics:' in partnership.yaml")


@rule("region-defined", "partnership.yaml lists the counties (or parishes) of the region")
def _region(snap: Snapshot, as_of: dt.date) -> Verdict:
    counties = snap.partnership.counties
    if counties:
        return Verdict(True, f"{snap.partnership.region}: {_plural(len(counties), 'county', 'counties')}")
    return Verdict(False, "list the region's counties under 'counties:' in partnership.yaml")


@rule(
    "champions-at-least",
    "at least `min` business leaders have the champion or co-chair role "
    "(default: settings.recommended_champions)",
    min=None,
)
def _champions(snap: Snapshot, as_of: dt.date, min: int | None = None) -> Verdict:
    wanted = min if min is not None else snap.partnership.settings.recommended_champions
    count = len(facts.business_champions(snap))
    return Verdict(count >= wanted, f"{_plural(count, 'business champion')} ({wanted} recommended)")


@rule("launch-meeting-planned", "a launch meeting is recorded (planned or held, not cancelled)")
def _launch_planned(snap: Snapshot, as_of: dt.date) -> Verdict:
    launch = launch_meeting(snap)
    if launch is None:
        return Verdict(False, "no launch meeting is recorded")
    return Verdict(True, f"launch on {launch.date.isoformat()}")


@rule("launch-invitees-business-majority", "business leaders outnumber public partners among launch invitees")
def _launch_invitees(snap: Snapshot, as_of: dt.date) -> Verdict:
    launch = launch_meeting(snap)
    if launch is None:
        return Verdict(False, "no launch meeting is recorded")
    count = facts.headcount(snap, launch.invitees)
    return Verdict(
        count.business_outnumber_public,
        f"{_plural(count.business, 'business leader')} and {_plural(count.public, 'public partner')} invited",
    )


@rule("launch-meeting-held", "the launch meeting was held (marked held, or past with attendance)")
def _launch_held(snap: Snapshot, as_of: dt.date) -> Verdict:
    launch = launch_meeting(snap)
    if launch is None:
        return Verdict(False, "no launch meeting is recorded")
    if facts.is_held(launch, as_of) and launch.date <= as_of:
        return Verdict(True, f"held {launch.date.isoformat()}, {_plural(len(launch.attendees), 'attendee')}")
    return Verdict(False, f"planned for {launch.date.isoformat()}, not held yet")


@rule("launch-attendees-business-majority", "business leaders outnumbered public partners at the launch")
def _launch_attendees(snap: Snapshot, as_of: dt.date) -> Verdict:
    launch = launch_meeting(snap)
    if launch is None or not launch.attendees or launch.date > as_of:
        return Verdict(False, "no launch attendance is recorded")
    count = facts.headcount(snap, launch.attendees)
    return Verdict(
        count.business_outnumber_public,
        f"{_plural(count.business, 'business leader')} and {_plural(count.public, 'public partner')} came",
    )


@rule("candidates-recorded", "opportunities named by industry are recorded on a meeting, or priorities exist")
def _candidates(snap: Snapshot, as_of: dt.date) -> Verdict:
    count = sum(len(m.candidates) for m in snap.meetings.values() if m.date <= as_of)
    known = [pid for pid in snap.priorities if _priority_known(snap, pid, as_of)]
    if count or known:
        return Verdict(True, f"{_plural(count, 'candidate')} on meetings, "
                             f"{_plural(len(known), 'priority', 'priorities')}")  # fmt: skip
    return Verdict(False, "no candidate priorities are recorded yet")


@rule("priorities-selected", "at least `min` priorities are selected (or done)", min=1)
def _priorities(snap: Snapshot, as_of: dt.date, min: int = 1) -> Verdict:
    count = len(selected_priorities(snap, as_of))
    if count == 0:
        return Verdict(False, "no priority is selected yet")
    return Verdict(count >= min, f"{_plural(count, 'priority', 'priorities')} selected")


@rule("action-teams-formed", "every selected priority has an active (or finished) action team")
def _teams_formed(snap: Snapshot, as_of: dt.date) -> Verdict:
    selected = selected_priorities(snap, as_of)
    if not selected:
        return Verdict(False, "no priority is selected yet")
    covered = {
        t.priority
        for tid, t in snap.teams.items()
        if t.status is not TeamStatus.paused and _team_known(snap, tid, as_of)
    }
    missing = [snap.priorities[p].title for p in selected if p not in covered]
    if missing:
        return Verdict(False, "no action team yet for: " + "; ".join(missing))
    return Verdict(
        True, f"{_plural(len(selected), 'selected priority', 'selected priorities')}, each with a team"
    )


@rule("teams-have-business-champion", "every active action team has at least one business champion")
def _teams_champion(snap: Snapshot, as_of: dt.date) -> Verdict:
    teams = active_teams(snap, as_of)
    if not teams:
        return Verdict(False, "no active action team yet")
    lacking = [
        snap.teams[t].name for t in teams if not any(snap.is_business(p) for p in snap.teams[t].champions)
    ]
    if lacking:
        return Verdict(False, "no business champion: " + "; ".join(lacking))
    return Verdict(True, _all_teams(len(teams), "has a business champion", "have a business champion"))


@rule("teams-have-goals", "every active action team has a goal and at least one measure")
def _teams_goals(snap: Snapshot, as_of: dt.date) -> Verdict:
    teams = active_teams(snap, as_of)
    if not teams:
        return Verdict(False, "no active action team yet")
    lacking = [snap.teams[t].name for t in teams if not (snap.teams[t].goal and snap.teams[t].measures)]
    if lacking:
        return Verdict(False, "goal or measures missing: " + "; ".join(lacking))
    return Verdict(True, _all_teams(len(teams), "has a goal and measures", "have a goal and measures"))


@rule("quick-wins-planned", "at least one action team task is marked as a quick win")
def _quick_wins(snap: Snapshot, as_of: dt.date) -> Verdict:
    count = sum(
        1
        for tid, t in snap.teams.items()
        if _team_known(snap, tid, as_of)
        for task in t.tasks
        if task.quick_win
    )
    return Verdict(count > 0, f"{_plural(count, 'quick win')} among the teams' tasks")


@rule("full-partnership-meeting-planned", "a full partnership meeting after the launch is planned or held")
def _full_planned(snap: Snapshot, as_of: dt.date) -> Verdict:
    launch = launch_meeting(snap)
    after = launch.date if launch else dt.date.min
    meetings = _active(
        [m for m in facts.meetings_by_date(snap) if m.kind is MeetingKind.full_partnership and m.date > after]
    )
    if not meetings:
        return Verdict(False, "no full partnership meeting after the launch is recorded")
    upcoming = [m for m in meetings if m.date >= as_of]
    shown = upcoming[0] if upcoming else meetings[-1]
    return Verdict(True, f"{shown.title} on {shown.date.isoformat()}")


@rule(
    "full-partnership-meeting-held-recently",
    "a full partnership meeting (or the launch) was held in the last `days` days",
    days=120,
)
def _full_recent(snap: Snapshot, as_of: dt.date, days: int = 120) -> Verdict:
    held = facts.held_meetings(snap, as_of, [MeetingKind.full_partnership, MeetingKind.launch])
    if not held:
        return Verdict(False, "no full partnership meeting has been held")
    last = held[-1]
    age = (as_of - last.date).days
    return Verdict(
        age <= days, f"last one {last.date.isoformat()} ({_plural(age, 'day')} ago; {days} allowed)"
    )


@rule("business-majority-at-meetings",
      "business leaders outnumbered public partners at each of the last few full meetings "
      "(settings.recent_meetings)")  # fmt: skip
def _business_majority(snap: Snapshot, as_of: dt.date) -> Verdict:
    recent = snap.partnership.settings.recent_meetings
    held = [m for m in facts.held_meetings(snap, as_of, [MeetingKind.full_partnership, MeetingKind.launch])
            if m.attendees][-recent:]  # fmt: skip
    if not held:
        return Verdict(False, "no full meeting with recorded attendance yet")
    short = [m for m in held if not facts.headcount(snap, m.attendees).business_outnumber_public]
    if short:
        worst = short[-1]
        count = facts.headcount(snap, worst.attendees)
        return Verdict(False, f"{worst.date.isoformat()}: {_plural(count.business, 'business leader')}, "
                              f"{_plural(count.public, 'public partner')}")  # fmt: skip
    return Verdict(
        True,
        "business majority at the last "
        + ("full meeting" if len(held) == 1 else _plural(len(held), "full meeting")),
    )


@rule(
    "team-updates-recent", "every active action team has a progress update within settings.stale_after_days"
)
def _updates_recent(snap: Snapshot, as_of: dt.date) -> Verdict:
    teams = active_teams(snap, as_of)
    if not teams:
        return Verdict(False, "no active action team yet")
    stale = [f for f in facts.team_flags(snap, as_of) if f.kind == "stale"]
    if stale:
        names = "; ".join(snap.teams[f.team].name for f in stale)
        return Verdict(False, f"no recent update from {_plural(len(stale), 'team')}: {names}")
    return Verdict(True, _all_teams(len(teams), "reported progress recently", "reported progress recently"))


@rule("tasks-on-time", "no open action team task is past its due date")
def _tasks_on_time(snap: Snapshot, as_of: dt.date) -> Verdict:
    overdue = facts.overdue_tasks(snap, as_of)
    teams = "; ".join(dict.fromkeys(team.name for team, _ in overdue))
    return Verdict(
        not overdue, f"{_plural(len(overdue), 'task')} past due" + (f" ({teams})" if teams else "")
    )


@rule("action-items-on-time", "no open action item of a held meeting is past its due date")
def _items_on_time(snap: Snapshot, as_of: dt.date) -> Verdict:
    overdue = facts.overdue_action_items(snap, as_of)
    where = "; ".join(dict.fromkeys(meeting.title for meeting, _ in overdue))
    return Verdict(
        not overdue,
        f"{_plural(len(overdue), 'action item')} past due" + (f" (from {where})" if where else ""),
    )


@rule(
    "new-businesses-joined",
    "a business organization joined in the last `days` days, after the founding members",
    days=365,
)
def _new_businesses(snap: Snapshot, as_of: dt.date, days: int = 365) -> Verdict:
    joining = facts.business_joining(snap, as_of, window_days=days)
    count = len(joining.newcomers)
    if count:
        names = ", ".join(o.name for o in joining.newcomers[:3]) + (", ..." if count > 3 else "")
        return Verdict(
            True,
            f"{_plural(count, 'new business', 'new businesses')} joined "
            f"in the last {_plural(days, 'day')} ({names})",
        )
    if joining.founded is not None and joining.founders:
        return Verdict(
            False,
            f"no business joined in the last {_plural(days, 'day')} after the "
            f"{_plural(len(joining.founders), 'founding member')} of {joining.founded.isoformat()}",
        )
    return Verdict(False, f"no business joined in the last {_plural(days, 'day')}")


@rule(
    "priorities-voted-recently",
    "the business leaders voted on the priorities (a prioritization) in the last `days` days",
    days=365,
)
def _priorities_voted(snap: Snapshot, as_of: dt.date, days: int = 365) -> Verdict:
    from ngsp_cli.services.priorities import last_vote

    last = last_vote(snap, as_of)
    if last is None:
        return Verdict(False, "no vote on the priorities is recorded yet ('ngsp prioritize')")
    age = (as_of - last.day).days
    said = (
        f"the last vote on the priorities was at {last.meeting} on {last.day.isoformat()} "
        f"({_plural(age, 'day')} ago)"
    )
    if age <= days:
        return Verdict(True, said)
    return Verdict(False, f"{said}, more than {_plural(days, 'day')}; refresh them with a new vote")


# --- evaluation of a phase -----------------------------------------------------------------------

DONE, TODO, MANUAL = "done", "todo", "manual"


@dataclass(frozen=True)
class ItemResult:
    item: ChecklistItem
    state: str  # done | todo | manual
    detail: str


@dataclass(frozen=True)
class StepResult:
    step: Step
    state: str  # done | todo | manual (the folder cannot tell)


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    items: list[ItemResult]
    steps: list[StepResult]

    @property
    def complete(self) -> bool:
        """Every computed checklist item is done (manual items are the convener's call)."""
        return all(r.state != TODO for r in self.items)

    def evidence(self, step: Step) -> list[str]:
        """What the files show about a step that is not done: the details of its open items."""
        by_id = {r.item.id: r for r in self.items}
        return [by_id[ref].detail for ref in step.done_when if ref in by_id and by_id[ref].state == TODO]

    @property
    def next_step(self) -> Step | None:
        """The first step the data shows is not done; else the first one only people can confirm."""
        for wanted in (TODO, MANUAL):
            for result in self.steps:
                if result.state == wanted:
                    return result.step
        return None


def evaluate_item(item: ChecklistItem, snap: Snapshot, as_of: dt.date) -> ItemResult:
    if item.computed is None:
        if item.id in snap.partnership.checked:
            return ItemResult(item, DONE, "ticked by hand (checked: in partnership.yaml)")
        return ItemResult(
            item, MANUAL, "only you can tell; tick it with 'ngsp playbook --tick " + item.id + "'"
        )
    spec = RULES[item.computed]
    verdict = spec.func(snap, as_of, **check_params(item.computed, item.params))
    return ItemResult(item, DONE if verdict.done else TODO, verdict.detail)


def phase_progress(phase: Phase, snap: Snapshot, as_of: dt.date) -> PhaseProgress:
    items = [evaluate_item(item, snap, as_of) for item in phase.checklist]
    by_id = {r.item.id: r for r in items}
    steps: list[StepResult] = []
    for step in phase.steps:
        states = {by_id[ref].state for ref in step.done_when if ref in by_id}
        if TODO in states:
            state = TODO
        elif not states or MANUAL in states:
            state = MANUAL
        else:
            state = DONE
        steps.append(StepResult(step, state))
    return PhaseProgress(phase, items, steps)


def manual_items(phases: list[Phase]) -> dict[str, ChecklistItem]:
    """The checklist items people tick by hand, by id."""
    return {item.id: item for phase in phases for item in phase.checklist if item.manual}
