"""The rules phase checklists name (`computed: RULE` in playbooks/phases/*.yaml).

Each answers met (the item is done) or not-met with a short detail that
states the numbers it counted, in the unit its checklist sentence names. A
rule never guesses what the folder cannot know (those items are
`manual: true`).
"""

from __future__ import annotations

from pydantic import Field

from ngsp_cli.model import MeetingKind, MeetingStatus, TeamStatus
from ngsp_cli.rules import facts
from ngsp_cli.rules.answers import LATE, NOT_DUE, REPORTED
from ngsp_cli.rules.priority_dates import last_vote
from ngsp_cli.rules.registry import Finding, Params, rule, verdict
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural


class MinParams(Params):
    min: int = Field(1, ge=0, description="how many are wanted")


class PublicMinParams(Params):
    min: int = Field(5, ge=0, description="how many public partner organizations are wanted")


class ChampionMinParams(Params):
    min: int | None = Field(None, ge=0, description="default: settings.recommended_champions")


class DaysParams(Params):
    days: int = Field(120, ge=1, description="how many days back")


class RecentMeetingsParams(Params):
    meetings: int | None = Field(None, ge=1, description="default: settings.recent_meetings")


class UpdateParams(Params):
    days: int | None = Field(None, ge=1, description="default: settings.stale_after_days")


class JoinedParams(Params):
    days: int = Field(365, ge=1, description="the window, in days")


def _all_teams(count: int, has: str, have: str) -> str:
    """'the only active team has ...' for one team, 'all 3 active teams have ...' for more."""
    return f"the only active team {has}" if count == 1 else f"all {count} active teams {have}"


@rule("conveners-named", "partnership.yaml names at least one convener organization")
def _conveners(view: PartnershipAt, params: Params) -> Finding:
    names = [
        view.snap.organizations[o].name if o in view.snap.organizations else o
        for o in view.snap.partnership.conveners
    ]
    if names:
        return verdict(True, ", ".join(names), conveners=len(names))
    return verdict(False, "no convener organization is named in partnership.yaml", conveners=0)


@rule(
    "public-partners-at-least",
    "at least `min` public partner organizations are at the table",
    PublicMinParams,
)
def _public_partners(view: PartnershipAt, params: PublicMinParams) -> Finding:
    count = len(view.public_partners)
    recorded = plural(count, "public partner organization")
    return verdict(count >= params.min, f"{recorded} at the table ({params.min} wanted)", organizations=count)


@rule("convener-team-met", "a support (convener) team meeting has been held")
def _convener_team_met(view: PartnershipAt, params: Params) -> Finding:
    held = view.held([MeetingKind.convener_team])
    if held:
        return verdict(True, f"first met {held[0].date.isoformat()}", meetings=len(held))
    return verdict(False, "no support team meeting is recorded as held", meetings=0)


@rule("industry-defined", "partnership.yaml names the industry and at least one NAICS code")
def _industry(view: PartnershipAt, params: Params) -> Finding:
    p = view.snap.partnership
    if p.industry and p.naics:
        return verdict(True, f"{p.industry} (NAICS {', '.join(p.naics)})")
    return verdict(False, "add the industry's NAICS codes under 'naics:' in partnership.yaml")


@rule("region-defined", "partnership.yaml lists the counties (or parishes) of the region")
def _region(view: PartnershipAt, params: Params) -> Finding:
    p = view.snap.partnership
    if p.counties:
        return verdict(True, f"{p.region}: {plural(len(p.counties), 'county', 'counties')}")
    return verdict(False, "list the region's counties under 'counties:' in partnership.yaml")


@rule(
    "champions-at-least",
    "at least `min` business leaders at the table have the champion or co-chair role "
    "(default: settings.recommended_champions)",
    ChampionMinParams,
)
def _champions(view: PartnershipAt, params: ChampionMinParams) -> Finding:
    wanted = params.min if params.min is not None else view.settings.recommended_champions
    count = len(view.business_champions)
    return verdict(
        count >= wanted, f"{plural(count, 'business champion')} ({wanted} recommended)", champions=count
    )


@rule("launch-meeting-planned", "a launch meeting is recorded (planned or held, not cancelled)")
def _launch_planned(view: PartnershipAt, params: Params) -> Finding:
    if view.launch is None:
        return verdict(False, "no launch meeting is recorded")
    return verdict(True, f"launch on {view.launch.date.isoformat()}")


@rule("launch-invitees-business-majority", "business leaders outnumber public partners among launch invitees")
def _launch_invitees(view: PartnershipAt, params: Params) -> Finding:
    if view.launch is None:
        return verdict(False, "no launch meeting is recorded")
    count = view.headcount(view.launch.invitees)
    return verdict(
        count.business_outnumber_public,
        f"{plural(count.business, 'business leader')} and {plural(count.public, 'public partner')} invited",
        business=count.business,
        public=count.public,
    )


@rule("launch-meeting-held", "the launch meeting was held (marked held, or past with attendance)")
def _launch_held(view: PartnershipAt, params: Params) -> Finding:
    launch = view.launch_held
    if launch is not None:
        return verdict(
            True,
            f"held {launch.date.isoformat()}, {plural(len(set(launch.attendees)), 'attendee')}",
            attendees=len(set(launch.attendees)),
        )
    if view.launch is None:
        return verdict(False, "no launch meeting is recorded")
    return verdict(False, f"planned for {view.launch.date.isoformat()}, not held yet")


@rule("launch-attendees-business-majority", "business leaders outnumbered public partners at the launch")
def _launch_attendees(view: PartnershipAt, params: Params) -> Finding:
    launch = view.launch_held
    if launch is None or not launch.attendees:
        return verdict(False, "no launch attendance is recorded")
    count = view.headcount(launch.attendees)
    return verdict(
        count.business_outnumber_public,
        f"{plural(count.business, 'business leader')} and {plural(count.public, 'public partner')} came",
        business=count.business,
        public=count.public,
    )


@rule("candidates-recorded", "opportunities named by industry are recorded on a meeting, or priorities exist")
def _candidates(view: PartnershipAt, params: Params) -> Finding:
    count = sum(len(m.candidates) for m in view.meetings if m.date <= view.as_of)
    known = len(view.priorities)
    if count or known:
        return verdict(
            True,
            f"{plural(count, 'candidate')} on meetings, {plural(known, 'priority', 'priorities')}",
            candidates=count,
            priorities=known,
        )
    return verdict(False, "no candidate priorities are recorded yet", candidates=0, priorities=0)


@rule("priorities-selected", "at least `min` priorities are selected (or done)", MinParams)
def _priorities(view: PartnershipAt, params: MinParams) -> Finding:
    count = len(view.selected_priorities)
    if count == 0:
        return verdict(False, "no priority is selected yet", priorities=0)
    return verdict(
        count >= params.min, f"{plural(count, 'priority', 'priorities')} selected", priorities=count
    )


@rule("action-teams-formed", "every selected priority has an active (or finished) action team")
def _teams_formed(view: PartnershipAt, params: Params) -> Finding:
    selected = view.selected_priorities
    if not selected:
        return verdict(False, "no priority is selected yet")
    covered = {t.priority for t in view.teams if t.status is not TeamStatus.paused}
    missing = [p.title for p in selected if p.id not in covered]
    if missing:
        return verdict(False, "no action team yet for: " + "; ".join(missing), missing=len(missing))
    return verdict(
        True,
        f"{plural(len(selected), 'selected priority', 'selected priorities')}, each with a team",
        priorities=len(selected),
    )


@rule(
    "teams-have-business-champion", "every active action team has at least one business champion at the table"
)
def _teams_champion(view: PartnershipAt, params: Params) -> Finding:
    teams = view.active_teams
    if not teams:
        return verdict(False, "no active action team yet", teams=0)
    lacking = [t.name for t in teams if not view.has_business_champion(t)]
    if lacking:
        return verdict(
            False, "no business champion: " + "; ".join(lacking), teams=len(teams), lacking=len(lacking)
        )
    return verdict(
        True,
        _all_teams(len(teams), "has a business champion", "have a business champion"),
        teams=len(teams),
        lacking=0,
    )


@rule("teams-have-goals", "every active action team has a goal and at least one measure")
def _teams_goals(view: PartnershipAt, params: Params) -> Finding:
    teams = view.active_teams
    if not teams:
        return verdict(False, "no active action team yet", teams=0)
    lacking = [t.name for t in teams if not (t.goal and t.measures)]
    if lacking:
        return verdict(False, "goal or measures missing: " + "; ".join(lacking), teams=len(teams))
    return verdict(
        True, _all_teams(len(teams), "has a goal and measures", "have a goal and measures"), teams=len(teams)
    )


@rule("quick-wins-planned", "at least one task of an action team is marked as a quick win")
def _quick_wins(view: PartnershipAt, params: Params) -> Finding:
    count = sum(1 for t in view.teams for task in t.tasks if task.quick_win)
    return verdict(count > 0, f"{plural(count, 'quick win')} among the teams' tasks", quick_wins=count)


@rule("full-partnership-meeting-planned", "a full partnership meeting after the launch is planned or held")
def _full_planned(view: PartnershipAt, params: Params) -> Finding:
    after = view.launch.date if view.launch else None
    meetings = [
        m
        for m in view.meetings
        if m.kind is MeetingKind.full_partnership
        and m.status is not MeetingStatus.cancelled
        and (after is None or m.date > after)
    ]
    if not meetings:
        return verdict(False, "no full partnership meeting after the launch is recorded")
    upcoming = [m for m in meetings if m.date >= view.as_of]
    shown = upcoming[0] if upcoming else meetings[-1]
    return verdict(True, f"{shown.title} on {shown.date.isoformat()}")


@rule(
    "full-partnership-meeting-held-recently",
    "a full partnership meeting (or the launch) was held in the last `days` days",
    DaysParams,
)
def _full_recent(view: PartnershipAt, params: DaysParams) -> Finding:
    held = view.held(facts.BUSINESS_TABLES)
    if not held:
        return verdict(False, "no full partnership meeting has been held")
    last = held[-1]
    age = (view.as_of - last.date).days
    return verdict(
        age <= params.days,
        f"last one {last.date.isoformat()} ({plural(age, 'day')} ago; {params.days} allowed)",
        days=age,
    )


@rule(
    "business-majority-at-meetings",
    "business leaders outnumbered public partners at each of the last `meetings` full partnership "
    "meetings (and launch) with attendance recorded (default: settings.recent_meetings)",
    RecentMeetingsParams,
)
def _business_majority(view: PartnershipAt, params: RecentMeetingsParams) -> Finding:
    window = params.meetings or view.settings.recent_meetings
    held = view.attended()[-window:]
    if not held:
        return verdict(False, "no full meeting with recorded attendance yet", meetings=0)
    short = [m for m in held if not view.headcount(m.attendees).business_outnumber_public]
    looked = f"the last {plural(len(held), 'full meeting')}" if len(held) > 1 else "the only full meeting"
    if len(held) < window and len(held) > 1:
        looked = f"all {plural(len(held), 'full meeting')} so far"
    if short:
        worst = short[-1]
        count = view.headcount(worst.attendees)
        return verdict(
            False,
            f"{len(held) - len(short)} of {looked} had a business majority; "
            f"{worst.date.isoformat()}: {plural(count.business, 'business leader')}, "
            f"{plural(count.public, 'public partner')}",
            meetings=len(held),
            short=len(short),
        )
    return verdict(True, f"business majority at {looked}", meetings=len(held), short=0)


@rule(
    "team-updates-recent",
    "no active action team is late with its progress update: each reported within `days` days "
    "(default: settings.stale_after_days) or was formed less than that ago",
    UpdateParams,
)
def _updates_recent(view: PartnershipAt, params: UpdateParams) -> Finding:
    reports = view.team_reporting(params.days)
    if not reports:
        return verdict(False, "no active action team yet", teams=0)
    days = reports[0].days
    reported = [r for r in reports if r.state == REPORTED]
    new = [r for r in reports if r.state == NOT_DUE]
    late = [r for r in reports if r.state == LATE]
    parts = [
        f"{len(reported)} of {plural(len(reports), 'active team')} reported in the last {plural(days, 'day')}"
    ]
    if new:
        parts.append(f"{len(new)} newly formed, not due yet ({'; '.join(r.team.name for r in new)})")
    if late:
        parts.append(f"{len(late)} late ({'; '.join(r.team.name for r in late)})")
    return verdict(
        not late,
        ", ".join(parts),
        teams=len(reports),
        reported=len(reported),
        not_due=len(new),
        late=len(late),
    )


@rule("tasks-on-time", "no open task of an active action team is past its due date")
def _tasks_on_time(view: PartnershipAt, params: Params) -> Finding:
    overdue = view.overdue_tasks
    teams = "; ".join(dict.fromkeys(team.name for team, _ in overdue))
    return verdict(
        not overdue,
        f"{plural(len(overdue), 'task')} past due" + (f" ({teams})" if teams else ""),
        overdue=len(overdue),
    )


@rule("action-items-on-time", "no open action item of a held meeting is past its due date")
def _items_on_time(view: PartnershipAt, params: Params) -> Finding:
    overdue = view.overdue_action_items
    where = "; ".join(dict.fromkeys(meeting.title for meeting, _ in overdue))
    return verdict(
        not overdue,
        f"{plural(len(overdue), 'action item')} past due" + (f" (from {where})" if where else ""),
        overdue=len(overdue),
    )


@rule(
    "new-businesses-joined",
    "a business joined in the last `days` days after the launch (founding members do not count)",
    JoinedParams,
)
def _new_businesses(view: PartnershipAt, params: JoinedParams) -> Finding:
    joining = view.joining(params.days)
    window = f"in the last {plural(params.days, 'day')}"
    if joining.start is None:
        return verdict(
            False,
            "not yet measurable: no launch meeting has been held, so every business "
            "at the table is a founding member",
            newcomers=0,
        )
    count = len(joining.newcomers)
    if count:
        names = ", ".join(o.name for o in joining.newcomers[:3]) + (", ..." if count > 3 else "")
        return verdict(
            True,
            f"{plural(count, 'new business', 'new businesses')} joined {window} ({names})",
            newcomers=count,
        )
    return verdict(
        False,
        f"no business joined {window} after the "
        f"{plural(len(joining.founders), 'founding member')} of {joining.start_label}",
        newcomers=0,
        founders=len(joining.founders),
    )


@rule(
    "priorities-voted-recently",
    "the business leaders voted on the priorities (a prioritization) in the last `days` days",
    JoinedParams,
)
def _priorities_voted(view: PartnershipAt, params: JoinedParams) -> Finding:
    last = last_vote(view.snap, view.as_of)
    if last is None:
        return verdict(False, "no vote on the priorities is recorded yet ('ngsp prioritize')", days_since=-1)
    age = (view.as_of - last.day).days
    said = (
        f"the last vote on the priorities was at {last.meeting} on {last.day.isoformat()} "
        f"({plural(age, 'day')} ago)"
    )
    if age <= params.days:
        return verdict(True, said, days_since=age)
    return verdict(
        False, f"{said}, more than {plural(params.days, 'day')}; refresh them with a new vote", days_since=age
    )
