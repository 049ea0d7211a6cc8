"""Checklist rules of phase 5: action teams with champions, goals and quick wins, the next full meeting.

The phase files name them (`computed: RULE` in playbooks/phases/*.yaml).
"""

from __future__ import annotations

from ngsp_cli.model import MeetingKind, MeetingStatus, TeamStatus
from ngsp_cli.rules.registry import Finding, Params, rule, verdict
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural


def _all_teams(count: int, has: str, have: str) -> str:
    """'the only active team has ...' for one team, 'all 3 active teams have ...' for more."""
    return f"the only active team {has}" if count == 1 else f"all {count} active teams {have}"


@rule("action-teams-formed", "every selected priority has an active (or finished) action team")
def _teams_formed(view: PartnershipAt, params: Params) -> Finding:
    selected = view.selected_priorities
    if not selected:
        return verdict(False, "no priority is selected yet")
    # A team at work on it, or one that finished its work (the team is done).
    working = {t.priority for t in view.active_teams}
    finished = {t.priority for t in view.teams if t.status is TeamStatus.done}
    missing = [p.title for p in selected if p.id not in working | finished]
    if missing:
        lacking = "; ".join(missing)
        return verdict(False, f"no action team at work (or finished) for: {lacking}", missing=len(missing))
    at_work = sum(1 for p in selected if p.id in working)
    count = plural(len(selected), "selected priority", "selected priorities")
    detail = f"{count}: {at_work} with an active team"
    if at_work < len(selected):
        detail += f", {len(selected) - at_work} whose team finished its work"
    return verdict(True, detail, priorities=len(selected))


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
        and (view.is_held(m) or view.planned_by_then(m))
    ]
    if not meetings:
        return verdict(False, "no full partnership meeting after the launch is recorded")
    upcoming = [m for m in meetings if m.date >= view.as_of]
    shown = upcoming[0] if upcoming else meetings[-1]
    return verdict(True, f"{shown.title} on {shown.date.isoformat()}")
