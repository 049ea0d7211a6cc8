"""The rules indicators.yaml names: evidence for the Next Gen indicators, from the partnership at a date.

Each returns met, partial, not-met or unknown (no evidence in the folder, or
not measurable yet, and the evidence sentence says which), the evidence
sentence with the numbers it counted, and a hint of what to do next.
"""

from __future__ import annotations

from pydantic import Field

from ngsp_cli.model import Meeting, MeetingKind, Organization, OrgKind
from ngsp_cli.rules import words
from ngsp_cli.rules.answers import LATE, NOT_DUE, REPORTED, TeamReporting
from ngsp_cli.rules.facts import Headcount
from ngsp_cli.rules.registry import Finding, NoParams, Params, Status, grade, rule
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural

_KIND_WORDS = {
    MeetingKind.launch: "launch meeting",
    MeetingKind.full_partnership: "full partnership meeting",
    MeetingKind.action_team: "action team meeting",
    MeetingKind.convener_team: "convener team meeting",
    MeetingKind.other: "meeting",
}
_SYSTEM_WORDS = {
    OrgKind.workforce: "workforce",
    OrgKind.education: "education",
    OrgKind.economic_development: "economic development",
    OrgKind.community: "community",
    OrgKind.government: "government",
    OrgKind.other: "other",
}
SELF_ASSESSED = "self-assessed"


class OutnumberParams(Params):
    meetings: int | None = Field(None, ge=1, description="default: settings.recent_meetings")
    kinds: list[MeetingKind] = Field(
        default_factory=lambda: [MeetingKind.launch, MeetingKind.full_partnership]
    )


class SupportParams(Params):
    systems: list[OrgKind] = Field(
        default_factory=lambda: [OrgKind.workforce, OrgKind.education, OrgKind.economic_development]
    )
    min_systems: int | None = Field(None, ge=1, description="default: all of `systems`")


class PlanParams(Params):
    days: int | None = Field(None, ge=1, description="default: settings.stale_after_days")


class JoiningParams(Params):
    window_days: int = Field(365, ge=1)
    met_at: int = Field(2, ge=1, description="new businesses in the window for 'met'")
    grace_days: int = Field(0, ge=0, description="businesses joining this soon after the launch are founders")
    min_age_days: int = Field(180, ge=0, description="younger partnerships with no newcomer are 'unknown'")


@rule("business-outnumber-public", "attendance of the last held meetings of the given kinds", OutnumberParams)
def business_outnumber_public(view: PartnershipAt, params: OutnumberParams) -> Finding:
    count = params.meetings or view.settings.recent_meetings
    held = view.attended(params.kinds)
    kinds = " or ".join(_KIND_WORDS[k] for k in params.kinds) or "meeting"
    if not held:
        return Finding(
            Status.unknown,
            f"No {kinds} with recorded attendance has been held yet.",
            "After each meeting, record who came with 'ngsp meeting attend MEETING PERSON...'.",
        )
    recent = held[-count:]
    heads = [(m, view.headcount(m.attendees)) for m in recent]
    good = sum(h.business_outnumber_public for _, h in heads)

    def one(meeting: Meeting, head: Headcount) -> str:
        return (
            f"{words.of(head.business, head.total, 'attendee')} at the {meeting.date.isoformat()} "
            f"{_KIND_WORDS[meeting.kind]} "
            f"{words.has(head.business, 'was a business leader', 'were business leaders')} "
            f"({plural(head.public, 'public partner')})"
        )

    if len(heads) == 1:
        evidence = one(*heads[0]) + "."
    else:
        evidence = (
            f"Business leaders outnumbered public partners at {good} of the last {len(heads)} meetings: "
            + "; ".join(one(m, h) for m, h in heads)
            + "."
        )
    status = grade(good, len(heads))
    if status is Status.met:
        hint = "Keep the invitations coming from the business champions so the balance holds."
    else:
        hint = (
            "Ask the champions to personally invite more business peers, and send fewer staff "
            "per public organization, so business leaders are the majority in the room."
        )
    return Finding(status, evidence, hint)


@rule(
    "coordinated-public-support",
    "systems of the public partner organizations taking part, public support of the active teams",
    SupportParams,
)
def coordinated_public_support(view: PartnershipAt, params: SupportParams) -> Finding:
    systems = list(dict.fromkeys(params.systems))
    needed = min(params.min_systems or len(systems), len(systems)) if systems else 0
    public_orgs = _public_partners_taking_part(view)
    if not public_orgs:
        return _no_public_support(view)
    by_kind: dict[OrgKind, int] = {}
    for org in public_orgs:
        by_kind[org.kind] = by_kind.get(org.kind, 0) + 1
    covered = [s for s in systems if s in by_kind]
    missing = [s for s in systems if s not in by_kind]
    listing = ", ".join(
        f"{_SYSTEM_WORDS[k]} ({by_kind[k]})"
        for k in sorted(by_kind, key=lambda k: (k not in systems, k.value))
    )
    evidence = f"Public partners from {words.of(len(covered), len(systems), 'system')} take part: {listing}"
    active_teams = view.active_teams
    unsupported = [t for t in active_teams if not t.support and not t.staff_lead]
    if active_teams:
        evidence += (
            "; "
            + words.of(len(active_teams) - len(unsupported), len(active_teams), "active action team")
            + f" {words.has(len(active_teams) - len(unsupported), total=len(active_teams))}"
            + " public support staff"
        )
    evidence += "."
    hints = []
    if missing:
        hints.append("bring in " + " and ".join(_SYSTEM_WORDS[s] for s in missing) + " partners")
    if unsupported:
        hints.append("name a public staff lead for " + ", ".join(t.name for t in unsupported))
    if len(covered) >= needed and not unsupported:
        return Finding(
            Status.met,
            evidence,
            "Keep the support team meeting between partnership meetings so partners answer as one.",
        )
    status = Status.not_met if len(covered) <= 1 and needed > 1 else Status.partial
    return Finding(status, evidence, words.sentence(hints))


def _public_partners_taking_part(view: PartnershipAt) -> list[Organization]:
    """Public partners that convene, came to a held meeting or support an active action team."""
    snap = view.snap
    involved_people: set[str] = set()
    for meeting in view.held():
        involved_people.update(meeting.attendees)
    for team in view.active_teams:
        involved_people.update(team.support)
        if team.staff_lead:
            involved_people.add(team.staff_lead)
    involved_orgs = {snap.people[p].org for p in involved_people if p in snap.people}
    involved_orgs |= set(snap.partnership.conveners)
    return [o for o in view.public_partners if o.id in involved_orgs]


def _no_public_support(view: PartnershipAt) -> Finding:
    """No public partner takes part: unknown with no organizations, else not met."""
    if not view.organizations:
        return Finding(
            Status.unknown,
            "No organizations are recorded yet.",
            "Add the public partners with 'ngsp org add NAME --kind workforce' (or education...).",
        )
    return Finding(
        Status.not_met,
        "No public partner takes part yet: none convenes, attended a held meeting or supports "
        "an action team.",
        "Form the support team: workforce, education and economic development partners who convene together.",
    )


@rule(
    "action-plan-current",
    "progress updates of the active action teams within `days` (newly formed teams are not due yet), "
    "and overdue tasks",
    PlanParams,
)
def action_plan_current(view: PartnershipAt, params: PlanParams) -> Finding:
    if not view.teams:
        return Finding(
            Status.unknown,
            "No action teams are recorded yet, so there is no action plan to check.",
            "After the priorities are chosen, form an action team per priority with 'ngsp team new'.",
        )
    active = view.active_teams
    if not active:
        return Finding(
            Status.not_met,
            f"None of the {plural(len(view.teams), 'action team')} is active.",
            "Refresh the priorities at a full partnership meeting and start the next action teams.",
            {"teams": 0},
        )
    reports = view.team_reporting(params.days)
    reported = [r for r in reports if r.state == REPORTED]
    new = [r for r in reports if r.state == NOT_DUE]
    late = [r for r in reports if r.state == LATE]
    overdue = view.overdue_tasks
    numbers = {
        "teams": len(active),
        "reported": len(reported),
        "not_due": len(new),
        "late": len(late),
        "overdue_tasks": len(overdue),
    }
    evidence = _plan_evidence(view, reports[0].days, reported, new, late, len(overdue))
    if not reported and not late and not overdue:
        return Finding(
            Status.unknown,
            f"Not yet measurable: {evidence}",
            "Ask each new team's champion for a short progress update before the next partnership meeting.",
            numbers,
        )
    status = grade(len(reported), len(reported) + len(late)) if reported or late else Status.met
    if status is Status.met and overdue:
        status = Status.partial
    if status is Status.met:
        hint = "Keep a short progress update from each team before every partnership meeting."
    else:
        hints = []
        if late:
            hints.append(
                "ask the champions of " + ", ".join(r.team.name for r in late) + " for a progress update "
                "('ngsp team update TEAM TEXT')"
            )
        if overdue:
            hints.append("re-plan or close the overdue tasks")
        hint = words.sentence(hints)
    return Finding(status, evidence, hint, numbers)


def _plan_evidence(
    view: PartnershipAt,
    days: int,
    reported: list[TeamReporting],
    new: list[TeamReporting],
    late: list[TeamReporting],
    overdue: int,
) -> str:
    """Which active teams reported in `days`, which are late or not due yet, how many tasks are past due."""
    active = view.active_teams
    evidence = words.of(len(reported), len(active), "active action team") + (
        f" reported progress in the last {plural(days, 'day')}"
    )
    if late:
        described = "; ".join(f"{r.team.name}: {r.describe(view.as_of)}" for r in late[:3])
        evidence += f" ({described}{', ...' if len(late) > 3 else ''})"
    if new:
        evidence += (
            f"; {plural(len(new), 'newly formed team is', 'newly formed teams are')} not due yet "
            f"({', '.join(r.team.name for r in new)})"
        )
    if overdue:
        evidence += f"; {plural(overdue, 'task is', 'tasks are')} past due"
    return evidence + "."


@rule("new-businesses-joining", "businesses that joined after the launch, in a window", JoiningParams)
def new_businesses_joining(view: PartnershipAt, params: JoiningParams) -> Finding:
    joining = view.joining(params.window_days, params.grace_days)
    businesses, newcomers = joining.businesses, joining.newcomers
    hint = "Ask every champion to bring one peer company to the next full partnership meeting."
    if not businesses:
        return Finding(Status.unknown, "No businesses are recorded yet.", hint, {"businesses": 0})
    if joining.start is None:
        return Finding(
            Status.unknown,
            "Not yet measurable: no launch meeting has been held, so the "
            f"{plural(len(businesses), 'business', 'businesses')} at the table are the founding members; "
            "newcomers are businesses that join after the launch.",
            "Hold the launch meeting; businesses that join after it count as newcomers.",
            {"businesses": len(businesses), "newcomers": 0},
        )
    founders = len(joining.founders)
    age = (view.as_of - joining.start).days
    numbers = {"businesses": len(businesses), "founders": founders, "newcomers": len(newcomers)}
    if not newcomers and age < params.min_age_days:
        return Finding(
            Status.unknown,
            f"Not yet measurable: the partnership started with {joining.start_label} "
            f"({plural(age, 'day')} ago) with "
            f"{plural(founders, 'founding business', 'founding businesses')}; "
            "no business has joined since, and it is too early to tell whether new ones keep coming.",
            hint,
            numbers,
        )
    names = ", ".join(f"{o.name} {o.joined.isoformat()}" for o in newcomers[:3] if o.joined)
    evidence = (
        f"{plural(len(newcomers), 'new business', 'new businesses')} joined in the last "
        f"{plural(params.window_days, 'day')} after {joining.start_label}"
        + (f" ({names}{', ...' if len(newcomers) > 3 else ''})" if newcomers else "")
        + f"; {plural(founders, 'founding business', 'founding businesses')}, "
        f"{plural(len(businesses), 'business', 'businesses')} at the table in all."
    )
    if len(newcomers) >= params.met_at:
        return Finding(
            Status.met, evidence, "Welcome the newcomers with a champion as their contact.", numbers
        )
    status = Status.partial if newcomers else Status.not_met
    return Finding(
        status,
        evidence,
        f"Aim for at least {params.met_at} new businesses a year: ask every champion to bring one "
        "peer company to the next full partnership meeting.",
        numbers,
    )


@rule(SELF_ASSESSED, "the folder cannot show it; only the self-assessment ('ngsp assess') answers it")
def self_assessed(view: PartnershipAt, params: NoParams) -> Finding:
    return Finding(
        Status.unknown,
        "The folder cannot show this; only the self-assessment answers it.",
        "Review the answer with the support team at the next self-assessment ('ngsp assess').",
    )
