"""How the active teams stand with their updates on a date (`PartnershipAt.reporting`), and what
needs a convener's attention in them (`PartnershipAt.team_flags`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ngsp_cli.model import ActionTeam, TeamStatus
from ngsp_cli.rules.answers import LATE, NOT_DUE, REPORTED, TeamFlag, TeamReporting
from ngsp_cli.rules.team_dates import team_state
from ngsp_cli.text import plural

if TYPE_CHECKING:
    from ngsp_cli.rules.view import PartnershipAt


def quiet_since(view: PartnershipAt, team: ActionTeam) -> tuple[dt.date | None, str]:
    """Since when a team has been quiet: its latest update or the day it was taken up again after
    a pause, whichever is later; else its forming, else its priority's vote."""
    latest = view.last_update(team)
    state = team_state(team, view.as_of)
    resumed = state.since if state.status is TeamStatus.active and state.before > 0 else None
    if resumed is not None and (latest is None or resumed > latest):
        return resumed, f"since it was taken up again on {resumed.isoformat()}"
    if latest is not None:
        return latest, f"since {latest.isoformat()}"
    if team.formed is not None:
        return team.formed, f"since it was formed on {team.formed.isoformat()}"
    priority = view.snap.priorities.get(team.priority)
    meeting = view.snap.meetings.get(priority.meeting or "") if priority else None
    if meeting is not None:
        return meeting.date, f"since its priority was chosen on {meeting.date.isoformat()}"
    return None, "ever, and its file has no 'formed' date"


def reporting_of(view: PartnershipAt, team: ActionTeam, days: int) -> TeamReporting:
    """Reported (an update within `days`), not due yet (newly formed or taken up again within
    `days`, no update since) or late."""
    latest = view.last_update(team)
    started, since = quiet_since(view, team)
    if latest is not None and started == latest:
        state = REPORTED if (view.as_of - latest).days <= days else LATE
        started = None
    elif started is not None and (view.as_of - started).days <= days:
        state = NOT_DUE
    else:
        state = LATE
    return TeamReporting(team, state, latest, started, since, days)


def flag_teams(view: PartnershipAt) -> list[TeamFlag]:
    """Active teams without a business champion, late with their update, or with overdue tasks."""
    flags: list[TeamFlag] = []
    for report in view.team_reporting():
        team = report.team
        if not view.has_business_champion(team):
            flags.append(
                TeamFlag(
                    team.id,
                    "no-business-champion",
                    f"{team.name} has no business champion; the method needs one to lead it",
                )
            )
        if report.state == LATE:
            limit = f"the limit is {plural(report.days, 'day')}"
            if report.started is None and report.last_update is None:
                message = f"{team.name} has no progress update {report.since} ({limit})"
            else:
                quiet = report.started or report.last_update
                age = (view.as_of - quiet).days if quiet else 0
                message = f"{team.name} has no progress update {report.since} ({age} days; {limit})"
            flags.append(TeamFlag(team.id, "stale", message))
        overdue = view.team_overdue(team)
        if overdue:
            oldest = min(t.due for t in overdue if t.due)
            noun = "task is" if len(overdue) == 1 else "tasks are"
            flags.append(
                TeamFlag(
                    team.id,
                    "overdue-tasks",
                    f"{team.name}: {len(overdue)} {noun} past due (oldest due {oldest.isoformat()})",
                )
            )
    return flags
