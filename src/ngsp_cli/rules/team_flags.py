"""What needs a convener's attention in the active teams on a date (`PartnershipAt.team_flags`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ngsp_cli.rules.answers import LATE, TeamFlag
from ngsp_cli.text import plural

if TYPE_CHECKING:
    from ngsp_cli.rules.view import PartnershipAt


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
