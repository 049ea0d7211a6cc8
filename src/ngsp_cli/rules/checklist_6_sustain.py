"""Checklist rules of phase 6: meetings kept up with a business majority, updates and tasks
on time, newcomers, fresh priorities.

The phase files name them (`computed: RULE` in playbooks/phases/*.yaml).
"""

from __future__ import annotations

from pydantic import Field

from ngsp_cli.rules import facts
from ngsp_cli.rules.answers import LATE, NOT_DUE, REPORTED
from ngsp_cli.rules.priority_dates import last_vote
from ngsp_cli.rules.registry import Finding, Params, rule, verdict
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural


class DaysParams(Params):
    days: int = Field(120, ge=1, description="how many days back")


class RecentMeetingsParams(Params):
    meetings: int | None = Field(None, ge=1, description="default: settings.recent_meetings")


class UpdateParams(Params):
    days: int | None = Field(None, ge=1, description="default: settings.stale_after_days")


class JoinedParams(Params):
    days: int = Field(365, ge=1, description="the window, in days")


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
    return _none_past_due(len(overdue), "task", teams)


@rule("action-items-on-time", "no open action item of a held meeting is past its due date")
def _items_on_time(view: PartnershipAt, params: Params) -> Finding:
    overdue = view.overdue_action_items
    where = "; ".join(dict.fromkeys(meeting.title for meeting, _ in overdue))
    return _none_past_due(len(overdue), "action item", f"from {where}" if where else "")


def _none_past_due(overdue: int, noun: str, where: str) -> Finding:
    """Met when nothing is past due: '2 tasks past due (Welding pipeline)'."""
    return verdict(
        not overdue, f"{plural(overdue, noun)} past due" + (f" ({where})" if where else ""), overdue=overdue
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
