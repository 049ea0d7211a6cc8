"""The industry-led indicators' rules: who leads, and who chose the priorities."""

from __future__ import annotations

from pydantic import Field

from ngsp_cli.model import ActionTeam, Person, Priority, VoteTally
from ngsp_cli.rules import words
from ngsp_cli.rules.registry import Finding, NoParams, Params, Status, grade, rule
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.text import plural


class ChampionParams(Params):
    min_champions: int | None = Field(None, ge=1, description="default: settings.recommended_champions")


@rule("business-champions", "co-chairs, champions and action-team champions at the table", ChampionParams)
def business_champions(view: PartnershipAt, params: ChampionParams) -> Finding:
    wanted = params.min_champions or view.settings.recommended_champions
    leads = view.leads
    if not leads:
        if not view.people:
            return Finding(
                Status.unknown,
                "No people are recorded yet, so the folder cannot show who leads.",
                "Add the business champions with 'ngsp person add NAME --org ORG --role champion'.",
            )
        return Finding(
            Status.not_met,
            f"None of the {plural(len(view.people), 'person', 'people')} at the table is named "
            "co-chair or champion.",
            f"Recruit {wanted} or more business champions and mark them with the role 'champion' "
            "(or list the co-chairs in partnership.yaml).",
        )
    business = [p for p in leads if view.is_business(p.id)]
    public = [p for p in leads if not view.is_business(p.id)]
    unled = [t for t in view.active_teams if not view.has_business_champion(t)]
    evidence = _who_leads(view, business, public, unled)
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
            f"recruit {plural(wanted - len(business), 'more business champion')} (aim for {wanted})"
        )
    if any(p.id in view.snap.partnership.co_chairs for p in public):
        problems.append("make the co-chairs business leaders; public partners take a support role")
    elif public:
        problems.append("give the lead roles to business leaders; public partners support")
    if unled:
        problems.append("find a business champion for " + ", ".join(t.name for t in unled))
    if problems:
        return Finding(Status.partial, evidence, words.sentence(problems))
    return Finding(
        Status.met, evidence, "Thank the champions publicly and plan who takes over when one steps down."
    )


def _who_leads(
    view: PartnershipAt, business: list[Person], public: list[Person], unled: list[ActionTeam]
) -> str:
    """The evidence: which business leaders and public partners hold lead roles, which teams have one."""
    if business:
        parts = [
            f"{plural(len(business), 'business leader')} {words.has(len(business), 'leads', 'lead')} "
            f"as co-chair or champion ({words.names(business)})"
        ]
        if public:
            parts.append(
                f"{plural(len(public), 'public partner')} also {words.has(len(public), 'holds', 'hold')} "
                "a lead role "
                f"({words.names(public)})"
            )
    else:
        parts = [
            f"no business leader is co-chair or champion; the lead roles are held by "
            f"{plural(len(public), 'public partner')} ({words.names(public)})"
        ]
    teams = len(view.active_teams)
    if teams:
        parts.append(
            words.of(teams - len(unled), teams, "active action team")
            + f" {words.has(teams - len(unled), total=teams)} a business champion"
        )
    return words.sentence(parts)


@rule("priorities-from-business", "vote tallies of the selected priorities known by the date")
def priorities_from_business(view: PartnershipAt, params: NoParams) -> Finding:
    chosen = view.selected_priorities
    # The tally of each priority's latest vote by the date, not of a later refresh vote.
    tallies = {p.id: votes for p in chosen if (votes := view.tally(p)) is not None}
    tallied = [p for p in chosen if p.id in tallies]
    if not tallied:
        return _no_tally(view, chosen)
    by_business = [p for p in tallied if tallies[p.id].business_points > 0]
    outvoted = [p for p in by_business if tallies[p.id].public_points > tallies[p.id].business_points]
    untallied = [p for p in chosen if p.id not in tallies]
    unvoted = [p for p in tallied if tallies[p.id].business_points == 0]
    evidence = _votes_evidence(tallies, chosen, by_business, untallied, unvoted, outvoted)
    status = grade(len(by_business) - len(outvoted), len(chosen))
    if status is Status.met:
        hint = "Refresh the priorities with a business vote about once a year."
    else:
        hint = _votes_hint(untallied, unvoted, outvoted)
    return Finding(status, evidence, hint)


def _no_tally(view: PartnershipAt, chosen: list[Priority]) -> Finding:
    """Unknown: no priority is selected, or none of the selected has a vote tally."""
    if not chosen:
        evidence = (
            f"{plural(len(view.priorities), 'priority', 'priorities')} recorded, none selected yet."
            if view.priorities
            else "No priorities are recorded yet."
        )
        return Finding(
            Status.unknown,
            evidence,
            "Let business leaders vote on the opportunities at the launch meeting, then record the "
            "votes with 'ngsp prioritize --votes FILE'.",
        )
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


def _votes_evidence(
    tallies: dict[str, VoteTally],
    chosen: list[Priority],
    by_business: list[Priority],
    untallied: list[Priority],
    unvoted: list[Priority],
    outvoted: list[Priority],
) -> str:
    """How many selected priorities business leaders voted for, the top one, and the exceptions."""
    evidence = (
        words.of(len(by_business), len(chosen), "selected priority", "selected priorities")
        + " received business leaders' votes"
    )
    # The first-ranked priority; the recorded rank settles ties the way the vote did.
    top = min(
        by_business,
        key=lambda p: (
            tallies[p.id].rank or float("inf"),
            -tallies[p.id].business_points,
            -tallies[p.id].business_voters,
        ),
        default=None,
    )
    if top is not None:
        most = tallies[top.id]
        evidence += (
            f" (most: '{top.title}', {plural(most.business_points, 'dot')} from "
            f"{plural(most.business_voters, 'business leader')})"
        )
    if untallied:
        evidence += f"; {plural(len(untallied), 'has', 'have')} no vote tally ({words.titles(untallied)})"
    if unvoted:
        evidence += f"; {plural(len(unvoted), 'got', 'got')} no business dots ({words.titles(unvoted)})"
    if outvoted:
        counts = "; ".join(
            f"'{p.title}' {tallies[p.id].public_points} against {tallies[p.id].business_points}"
            for p in outvoted
        )
        evidence += f"; {len(outvoted)} got more public partner dots than business dots ({counts})"
    return evidence + "."


def _votes_hint(untallied: list[Priority], unvoted: list[Priority], outvoted: list[Priority]) -> str:
    """What to do about priorities business leaders did not (or not mostly) vote for."""
    hints = []
    if untallied or unvoted:
        hints.append(
            f"priorities without business votes ({words.titles(untallied + unvoted)}) "
            "are not industry-led: "
            "put them to a business vote at the next full partnership meeting, or park them"
        )
    if outvoted:
        hints.append(
            f"public partners cast more dots than business leaders on {words.titles(outvoted)}: ask the "
            "business leaders to confirm these priorities at the next full partnership meeting, with "
            "more business leaders than public staff in the room"
        )
    return words.sentence(hints)
