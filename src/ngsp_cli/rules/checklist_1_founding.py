"""Checklist rules of phases 1 and 2: the support team, the industry and the region.

The phase files name them (`computed: RULE` in playbooks/phases/*.yaml).
"""

from __future__ import annotations

from pydantic import Field

from ngsp_cli.model import MeetingKind
from ngsp_cli.rules.registry import Finding, Params, rule, verdict
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural


class PublicMinParams(Params):
    min: int = Field(5, ge=0, description="how many public partner organizations are wanted")


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
