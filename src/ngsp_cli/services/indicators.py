"""Score the Next Gen indicators of one partnership from the evidence in its folder.

Every indicator names a rule (see playbooks/indicators.yaml).  A rule looks at
the folder as of a date and returns a status, an evidence sentence with the
numbers it saw and a hint of what to do next.  When the folder holds no
evidence, the latest self-assessment answer (assessments/) stands in and the
evidence says so; when there is none either, the status is `unknown`.

Scores: met 1, partial 0.5, not-met 0, unknown 0.  Unknown counts as 0 and
stays in the denominator, so missing evidence never raises a score; record
the evidence (or answer `ngsp assess`) to lift it.  A feature's score and the
overall score are weighted means (weight 1 unless an indicator says otherwise),
as fractions from 0 to 1 rounded to two decimals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ngsp_cli.errors import Problem
from ngsp_cli.model import (
    ActionTeam,
    Answer,
    Assessment,
    AssessmentKind,
    Meeting,
    MeetingKind,
    OrgKind,
    Person,
    PriorityStatus,
    Role,
    TeamStatus,
)
from ngsp_cli.playbook.indicators import (
    ChampionParams,
    Indicator,
    IndicatorSet,
    JoiningParams,
    OutnumberParams,
    PlanParams,
    Status,
    SupportParams,
    load_indicators,
)
from ngsp_cli.services import facts
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import noun, plural

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
_ANSWER_STATUS = {
    Answer.yes: Status.met,
    Answer.partly: Status.partial,
    Answer.no: Status.not_met,
    Answer.unknown: Status.unknown,
}


@dataclass(frozen=True)
class Finding:
    """What a rule saw: `unknown` means the folder holds no evidence either way."""

    status: Status
    evidence: str
    hint: str


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    feature: str
    title: str
    question: str
    status: Status
    evidence: str
    hint: str
    source: str  # "folder", "self-assessment" or "none"
    weight: float = 1.0

    @property
    def points(self) -> float:
        return self.status.points

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "evidence": self.evidence,
            "hint": self.hint,
            "title": self.title,
            "source": self.source,
            "points": self.points,
        }


@dataclass(frozen=True)
class FeatureResult:
    id: str
    title: str
    score: float
    indicators: list[IndicatorResult]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "title": self.title,
            "indicators": [i.as_json() for i in self.indicators],
        }


@dataclass
class CheckReport:
    """The outcome of `ngsp check` for one partnership (the JSON contract of docs/cli.md)."""

    partnership: str
    name: str
    as_of: dt.date
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    features: list[FeatureResult] = field(default_factory=list)
    score: float | None = None
    scored: bool = True

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [i for f in self.features for i in f.indicators]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for result in self.indicators:
            out[result.status.value] += 1
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "partnership": self.partnership,
            "name": self.name,
            "as_of": self.as_of.isoformat(),
            "valid": self.valid,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "features": [f.as_json() for f in self.features],
            "score": self.score,
            "counts": self.counts(),
        }


# Helpers -------------------------------------------------------------------------------------


def _names(people: Iterable[Person], limit: int = 3) -> str:
    names = [p.name for p in people]
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


_plural = plural


def _active_teams(snap: Snapshot) -> list[ActionTeam]:
    return [t for t in sorted(snap.teams.values(), key=lambda t: t.id) if t.status is TeamStatus.active]


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _of(part: int, total: int, one: str, many: str | None = None) -> str:
    """'1 of 2 active action teams', '1 of 1 active action team' (the noun follows the total)."""
    return f"{part} of {total} {noun(total, one, many)}"


def _titles(items: Iterable[Any], limit: int = 3) -> str:
    titles = [f"'{p.title}'" for p in items]
    more = f" and {len(titles) - limit} more" if len(titles) > limit else ""
    return ", ".join(titles[:limit]) + more


def _has(part: int, one: str = "has", many: str = "have", *, total: int | None = None) -> str:
    """The verb after `_of`: '1 of 2 teams has', '2 of 3 teams have', '0 of 1 team has' (give `total`)."""
    return one if part == 1 or (part == 0 and total == 1) else many


def _verdict(good: int, total: int) -> Status:
    if total and good == total:
        return Status.met
    return Status.partial if good else Status.not_met


# Rules ---------------------------------------------------------------------------------------


def business_outnumber_public(snap: Snapshot, as_of: dt.date, params: OutnumberParams) -> Finding:
    count = params.meetings or snap.partnership.settings.recent_meetings
    held = [m for m in facts.held_meetings(snap, as_of, params.kinds) if m.attendees]
    kinds = " or ".join(_KIND_WORDS[k] for k in params.kinds) or "meeting"
    if not held:
        return Finding(
            Status.unknown,
            f"No {kinds} with recorded attendance has been held yet.",
            "After each meeting, record who came with 'ngsp meeting attend MEETING PERSON...'.",
        )
    recent = held[-count:]
    heads = [(m, facts.headcount(snap, m.attendees)) for m in recent]
    good = sum(h.business_outnumber_public for _, h in heads)

    def one(meeting: Meeting, head: facts.Headcount) -> str:
        return (
            f"{_of(head.business, head.total, 'attendee')} at the {meeting.date.isoformat()} "
            f"{_KIND_WORDS[meeting.kind]} "
            f"{_has(head.business, 'was a business leader', 'were business leaders')} "
            f"({_plural(head.public, 'public partner')})"
        )

    if len(heads) == 1:
        evidence = one(*heads[0]) + "."
    else:
        evidence = (
            f"Business leaders outnumbered public partners at {good} of the last {len(heads)} meetings: "
            + "; ".join(one(m, h) for m, h in heads)
            + "."
        )
    status = _verdict(good, len(heads))
    if status is Status.met:
        hint = "Keep the invitations coming from the business champions so the balance holds."
    else:
        hint = (
            "Ask the champions to personally invite more business peers, and send fewer staff "
            "per public organization, so business leaders are the majority in the room."
        )
    return Finding(status, evidence, hint)


def business_champions(snap: Snapshot, as_of: dt.date, params: ChampionParams) -> Finding:
    wanted = params.min_champions or snap.partnership.settings.recommended_champions
    lead_roles = {Role.champion, Role.co_chair}
    active_teams = [
        t for t in sorted(snap.teams.values(), key=lambda t: t.id) if t.status is TeamStatus.active
    ]
    lead_ids = set(snap.partnership.co_chairs)
    lead_ids |= {p.id for p in snap.people.values() if lead_roles & set(p.roles)}
    for team in active_teams:
        lead_ids |= set(team.champions)
    leads = sorted((snap.people[i] for i in lead_ids if i in snap.people), key=lambda p: p.name.casefold())
    if not leads:
        if not snap.people:
            return Finding(
                Status.unknown,
                "No people are recorded yet, so the folder cannot show who leads.",
                "Add the business champions with 'ngsp person add NAME --org ORG --role champion'.",
            )
        return Finding(
            Status.not_met,
            f"None of the {_plural(len(snap.people), 'person', 'people')} on file is named "
            "co-chair or champion.",
            f"Recruit {wanted} or more business champions and mark them with the role 'champion' "
            "(or list the co-chairs in partnership.yaml).",
        )
    business = [p for p in leads if snap.is_business(p.id)]
    public = [p for p in leads if not snap.is_business(p.id)]
    public_chairs = [i for i in snap.partnership.co_chairs if i in snap.people and not snap.is_business(i)]
    unled = [t for t in active_teams if not any(snap.is_business(c) for c in t.champions)]
    if business:
        parts = [
            f"{_plural(len(business), 'business leader')} {_has(len(business), 'leads', 'lead')} "
            f"as co-chair or champion ({_names(business)})"
        ]
        if public:
            parts.append(
                f"{_plural(len(public), 'public partner')} also {_has(len(public), 'holds', 'hold')} "
                "a lead role "
                f"({_names(public)})"
            )
    else:
        parts = [f"no business leader is co-chair or champion; the lead roles are held by "
                 f"{_plural(len(public), 'public partner')} ({_names(public)})"]  # fmt: skip
    if active_teams:
        parts.append(
            _of(len(active_teams) - len(unled), len(active_teams), "active action team")
            + f" {_has(len(active_teams) - len(unled), total=len(active_teams))} a business champion"
        )
    evidence = _sentence(parts)
    if not business:
        return Finding(
            Status.not_met,
            evidence,
            "Hand the lead to business: recruit business champions and co-chairs; public partners "
            "support, they do not chair.",
        )
    problems = []
    if len(business) < wanted:
        problems.append(
            f"recruit {_plural(wanted - len(business), 'more business champion')} (aim for {wanted})"
        )
    if public_chairs:
        problems.append("make the co-chairs business leaders; public partners take a support role")
    elif public:
        problems.append("give the lead roles to business leaders; public partners support")
    if unled:
        problems.append("find a business champion for " + ", ".join(t.name for t in unled))
    if problems:
        return Finding(Status.partial, evidence, _sentence(problems))
    return Finding(
        Status.met, evidence, "Thank the champions publicly and plan who takes over when one steps down."
    )


def priorities_from_business(snap: Snapshot, as_of: dt.date, params: BaseModel) -> Finding:
    chosen_statuses = {PriorityStatus.selected, PriorityStatus.done}
    chosen = sorted((p for p in snap.priorities.values() if p.status in chosen_statuses), key=lambda p: p.id)
    if not chosen:
        evidence = (
            f"{_plural(len(snap.priorities), 'priority', 'priorities')} recorded, none selected yet."
            if snap.priorities
            else "No priorities are recorded yet."
        )
        return Finding(
            Status.unknown,
            evidence,
            "Let business leaders vote on the opportunities at the launch meeting, then record the "
            "votes with 'ngsp prioritize --votes FILE'.",
        )
    tallied = [p for p in chosen if p.votes is not None]
    if not tallied:
        return Finding(
            Status.unknown,
            (
                "1 priority is selected but it has no vote tally, so the folder cannot show who chose it."
                if len(chosen) == 1
                else f"{len(chosen)} priorities are selected but none has a vote tally, so the folder "
                "cannot show who chose them."
            ),
            "Record the votes of the launch meeting with 'ngsp prioritize --votes FILE'.",
        )
    by_business = [p for p in tallied if p.votes and p.votes.business_points > 0]
    outvoted = [p for p in by_business if p.votes and p.votes.public_points > p.votes.business_points]
    evidence = (
        _of(len(by_business), len(chosen), "selected priority", "selected priorities")
        + " received business leaders' votes"
    )
    # The first-ranked priority; the recorded rank settles ties the way the vote did.
    top = min(
        by_business,
        key=lambda p: (
            p.votes.rank if p.votes and p.votes.rank else float("inf"),
            -(p.votes.business_points if p.votes else 0),
            -(p.votes.business_voters if p.votes else 0),
        ),
        default=None,
    )
    if top is not None and top.votes is not None:
        evidence += (
            f" (most: '{top.title}', {_plural(top.votes.business_points, 'dot')} from "
            f"{_plural(top.votes.business_voters, 'business leader')})"
        )
    untallied = [p for p in chosen if p.votes is None]
    unvoted = [p for p in tallied if p.votes is not None and p.votes.business_points == 0]
    if untallied:
        evidence += f"; {_plural(len(untallied), 'has', 'have')} no vote tally ({_titles(untallied)})"
    if unvoted:
        evidence += f"; {_plural(len(unvoted), 'got', 'got')} no business dots ({_titles(unvoted)})"
    if outvoted:
        counts = "; ".join(
            f"'{p.title}' {p.votes.public_points} against {p.votes.business_points}"
            for p in outvoted
            if p.votes
        )
        evidence += f"; {len(outvoted)} got more public partner dots than business dots ({counts})"
    evidence += "."
    status = _verdict(len(by_business) - len(outvoted), len(chosen))
    if status is Status.met:
        hint = "Refresh the priorities with a business vote about once a year."
    else:
        hints = []
        if untallied or unvoted:
            hints.append(
                f"priorities without business votes ({_titles(untallied + unvoted)}) are not industry-led: "
                "put them to a business vote at the next full partnership meeting, or park them"
            )
        if outvoted:
            hints.append(
                f"public partners cast more dots than business leaders on {_titles(outvoted)}: ask the "
                "business leaders to confirm these priorities at the next full partnership meeting, with "
                "more business leaders than public staff in the room"
            )
        hint = _sentence(hints)
    return Finding(status, evidence, hint)


def coordinated_public_support(snap: Snapshot, as_of: dt.date, params: SupportParams) -> Finding:
    systems = list(dict.fromkeys(params.systems))
    needed = min(params.min_systems or len(systems), len(systems)) if systems else 0
    active_teams = [
        t for t in sorted(snap.teams.values(), key=lambda t: t.id) if t.status is TeamStatus.active
    ]
    involved_people: set[str] = set()
    for meeting in facts.held_meetings(snap, as_of):
        involved_people.update(meeting.attendees)
    for team in active_teams:
        involved_people.update(team.support)
        if team.staff_lead:
            involved_people.add(team.staff_lead)
    involved_orgs = {snap.people[p].org for p in involved_people if p in snap.people}
    involved_orgs |= set(snap.partnership.conveners)
    public_orgs = [snap.organizations[o] for o in sorted(involved_orgs) if o in snap.organizations]
    public_orgs = [o for o in public_orgs if not o.is_business]
    if not public_orgs:
        if not snap.organizations:
            return Finding(
                Status.unknown,
                "No organizations are recorded yet.",
                "Add the public partners with 'ngsp org add NAME --kind workforce' (or education...).",
            )
        return Finding(
            Status.not_met,
            "No public partner takes part yet: none convenes, attended a held meeting or supports "
            "an action team.",
            "Form the support team: workforce, education and economic development partners who "
            "convene together.",
        )
    by_kind: dict[OrgKind, int] = {}
    for org in public_orgs:
        by_kind[org.kind] = by_kind.get(org.kind, 0) + 1
    covered = [s for s in systems if s in by_kind]
    missing = [s for s in systems if s not in by_kind]
    listing = ", ".join(
        f"{_SYSTEM_WORDS[k]} ({by_kind[k]})"
        for k in sorted(by_kind, key=lambda k: (k not in systems, k.value))
    )
    evidence = f"Public partners from {_of(len(covered), len(systems), 'system')} take part: {listing}"
    unsupported = [t for t in active_teams if not t.support and not t.staff_lead]
    if active_teams:
        evidence += (
            "; "
            + _of(len(active_teams) - len(unsupported), len(active_teams), "active action team")
            + f" {_has(len(active_teams) - len(unsupported), total=len(active_teams))} public support staff"
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
    return Finding(status, evidence, _sentence(hints))


def action_plan_current(snap: Snapshot, as_of: dt.date, params: PlanParams) -> Finding:
    days = params.days or snap.partnership.settings.stale_after_days
    teams = sorted(snap.teams.values(), key=lambda t: t.id)
    if not teams:
        return Finding(
            Status.unknown,
            "No action teams are recorded yet, so there is no action plan to check.",
            "After the priorities are chosen, form an action team per priority with 'ngsp team new'.",
        )
    active = [t for t in teams if t.status is TeamStatus.active]
    if not active:
        return Finding(
            Status.not_met,
            f"None of the {_plural(len(teams), 'action team')} is active.",
            "Refresh the priorities at a full partnership meeting and start the next action teams.",
        )
    flags = facts.team_flags(snap, as_of, stale_after=days)
    stale_ids = {f.team for f in flags if f.kind == "stale"}
    stale = [t for t in active if t.id in stale_ids]
    current = [t for t in active if t.id not in stale_ids]
    overdue = [
        task
        for team in active
        for task in team.tasks
        if facts.is_open(task) and task.due is not None and task.due < as_of
    ]
    evidence = (
        _of(len(current), len(active), "active action team")
        + f" reported progress in the last {_plural(days, 'day')}"
    )
    if stale:
        described = []
        for team in stale[:3]:
            started, since = facts.team_clock(snap, team, as_of)
            if facts.last_update(team, as_of) is not None and started is not None:
                when = f"last update {started.isoformat()}, {(as_of - started).days} days ago"
            else:
                when = f"no update {since}"
                when += f", {(as_of - started).days} days ago" if started is not None else ""
            described.append(f"{team.name}: {when}")
        evidence += " (" + "; ".join(described) + (", ..." if len(stale) > 3 else "") + ")"
    if overdue:
        evidence += f"; {_plural(len(overdue), 'task is', 'tasks are')} past due"
    evidence += "."
    status = _verdict(len(current), len(active))
    if status is Status.met and overdue:
        status = Status.partial
    if status is Status.met:
        hint = "Keep a short progress update from each team before every partnership meeting."
    else:
        hints = []
        if stale:
            hints.append(
                "ask the champions of " + ", ".join(t.name for t in stale) + " for a progress update "
                "('ngsp team update TEAM TEXT')"
            )
        if overdue:
            hints.append("re-plan or close the overdue tasks")
        hint = _sentence(hints)
    return Finding(status, evidence, hint)


def new_businesses_joining(snap: Snapshot, as_of: dt.date, params: JoiningParams) -> Finding:
    joining = facts.business_joining(
        snap, as_of, window_days=params.window_days, grace_days=params.grace_days
    )
    businesses, newcomers, founded = joining.businesses, joining.newcomers, joining.founded
    if not joining.dated or founded is None:
        return Finding(
            Status.unknown,
            "No business has a 'joined' date, so the folder cannot show whether new ones keep coming."
            if businesses
            else "No businesses are recorded yet.",
            "Add 'joined: YYYY-MM-DD' to the organization files (ngsp org add sets it).",
        )
    age = (as_of - founded).days
    founders = len(joining.founders)
    if not newcomers and age < params.min_age_days:
        return Finding(
            Status.unknown,
            f"The partnership started on {founded.isoformat()} ({_plural(age, 'day')} ago) with "
            f"{_plural(founders, 'founding business', 'founding businesses')}; no business has joined "
            "since, and it is too early to tell whether new ones keep coming.",
            "Ask every champion to bring one peer company to the next full partnership meeting.",
        )
    names = ", ".join(f"{o.name} {o.joined.isoformat()}" for o in newcomers[:3] if o.joined)
    evidence = (
        f"{_plural(len(newcomers), 'new business', 'new businesses')} joined in the last "
        f"{_plural(params.window_days, 'day')} after the start on {founded.isoformat()}"
        + (f" ({names}{', ...' if len(newcomers) > 3 else ''})" if newcomers else "")
        + f"; {_plural(len(businesses), 'business', 'businesses')} in all."
    )
    if len(newcomers) >= params.met_at:
        return Finding(Status.met, evidence, "Welcome the newcomers with a champion as their contact.")
    status = Status.partial if newcomers else Status.not_met
    return Finding(
        status,
        evidence,
        f"Aim for at least {params.met_at} new businesses a year: ask every champion to bring one "
        "peer company to the next full partnership meeting.",
    )


SELF_ASSESSED = "self-assessed"


def self_assessed(snap: Snapshot, as_of: dt.date, params: BaseModel) -> Finding:
    return Finding(
        Status.unknown,
        "The folder cannot show this; only the self-assessment answers it.",
        "Review the answer with the support team at the next self-assessment ('ngsp assess').",
    )


Rule = Callable[[Snapshot, dt.date, Any], Finding]

RULES: dict[str, Rule] = {
    "business-outnumber-public": business_outnumber_public,
    "business-champions": business_champions,
    "priorities-from-business": priorities_from_business,
    "coordinated-public-support": coordinated_public_support,
    "action-plan-current": action_plan_current,
    "new-businesses-joining": new_businesses_joining,
    SELF_ASSESSED: self_assessed,
}


# Self-assessment fallback and scoring --------------------------------------------------------


def latest_answer(
    snap: Snapshot, indicator_id: str, as_of: dt.date, *, include_unknown: bool = False
) -> tuple[Assessment, Answer, str | None] | None:
    """The newest self-assessment answer to an indicator, dated on or before as_of.

    Answers 'unknown' are skipped (an older real answer is better), unless `include_unknown`.
    """
    assessments = sorted(
        (
            a
            for a in snap.assessments.values()
            if a.kind is AssessmentKind.self_assessment and a.date <= as_of
        ),
        key=lambda a: (a.date, a.id),
        reverse=True,
    )
    for assessment in assessments:
        answer = assessment.answers.get(indicator_id)
        if answer is not None and (include_unknown or answer.answer is not Answer.unknown):
            return assessment, answer.answer, answer.note
    return None


def score_indicator(snap: Snapshot, indicator: Indicator, as_of: dt.date) -> IndicatorResult:
    definition = indicator.definition
    finding = RULES[definition.rule](snap, as_of, indicator.params)
    status, evidence, hint, source = finding.status, finding.evidence, finding.hint, "folder"
    if status is Status.unknown:
        only_assessed = definition.rule == SELF_ASSESSED
        found = latest_answer(snap, definition.id, as_of)
        if found is not None:
            assessment, answer, note = found
            status = _ANSWER_STATUS[answer]
            note = note.rstrip(". ") if note else None
            evidence = f"Self-assessment of {assessment.date.isoformat()}: '{answer.value}'" + (
                f" ({note})." if note else "."
            )
            if not only_assessed:
                evidence += f" Used because the folder has no evidence yet: {finding.evidence}"
            source = "self-assessment"
        else:
            said_unknown = latest_answer(snap, definition.id, as_of, include_unknown=True)
            if said_unknown is not None:
                evidence = (
                    f"{finding.evidence} The self-assessment of "
                    f"{said_unknown[0].date.isoformat()} answered 'unknown' too."
                )
            else:
                evidence = f"{finding.evidence} No self-assessment answer either."
            record = f"ngsp assess --answer {definition.id}=yes|partly|no"
            if only_assessed:
                hint = f"Discuss it with the support team, then record the answer: {record}."
            else:
                hint = f"{finding.hint} Until then, record your own answer: {record}."
            source = "none"
    hint = definition.hints.get(status, hint)
    return IndicatorResult(
        id=definition.id,
        feature=definition.feature,
        title=definition.title,
        question=definition.question,
        status=status,
        evidence=evidence,
        hint=hint,
        source=source,
        weight=definition.weight,
    )


def _mean(results: list[IndicatorResult]) -> float:
    total = sum(r.weight for r in results)
    if not total:
        return 0.0
    return round(sum(r.points * r.weight for r in results) / total, 2)


def score_partnership(
    snap: Snapshot,
    as_of: dt.date,
    indicators: IndicatorSet | None = None,
    *,
    errors: list[Problem] | None = None,
) -> CheckReport:
    """Score every indicator of a loaded partnership as of a date.

    `errors` are validation problems found beyond the snapshot's own (check
    passes the duplicates it found); the report's `valid` reflects both.  The
    indicators default to those of the partnership (bundled set plus overrides).
    """
    if indicators is None:
        indicators = load_indicators(snap.root, snap.partnership)
    report = CheckReport(
        partnership=snap.name,
        name=snap.partnership.name,
        as_of=as_of,
        errors=sorted([*snap.problems, *(errors or [])], key=Problem.sort_key),
    )
    results = [score_indicator(snap, indicator, as_of) for indicator in indicators.indicators]
    for feature in indicators.features:
        mine = [r for r in results if r.feature == feature.id]
        if mine:
            report.features.append(FeatureResult(feature.id, feature.title, _mean(mine), mine))
    report.score = _mean(results)
    return report
