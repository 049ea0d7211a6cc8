"""Checklist rules of phases 3 and 4: champions, the launch meeting and the first priorities.

The phase files name them (`computed: RULE` in playbooks/phases/*.yaml).
"""

from __future__ import annotations

from pydantic import Field

from ngsp_cli.rules.registry import Finding, Params, rule, verdict
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural


class MinParams(Params):
    min: int = Field(1, ge=0, description="how many are wanted")


class ChampionMinParams(Params):
    min: int | None = Field(None, ge=0, description="default: settings.recommended_champions")


@rule(
    "champions-at-least",
    "at least `min` business leaders at the table lead: co-chairs, the champion role, or champions of "
    "active action teams (default: settings.recommended_champions)",
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
    return _business_majority(view, view.launch.invitees, "invited")


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
    return _business_majority(view, launch.attendees, "came")


def _business_majority(view: PartnershipAt, people: list[str], did: str) -> Finding:
    """Met when business leaders outnumber public partners among `people`."""
    count = view.headcount(people)
    return verdict(
        count.business_outnumber_public,
        f"{plural(count.business, 'business leader')} and {plural(count.public, 'public partner')} {did}",
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
