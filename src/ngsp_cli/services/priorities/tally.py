"""Dot votes on a meeting's candidate priorities: check, count, rank and select (the tally).

The rules (also in README.md):

- Only business leaders' dots (people of business organizations) rank the
  candidates.  Public partners may vote too; their dots are counted and shown
  separately and never change the ranking or break a tie.
- Each voter has a budget of dots (the partnership's `settings.dot_budget`,
  3 unless changed; `--budget` overrides it).  A voter who spends more is an
  error naming the voter, the file and the lines.
- Ranking: more business dots first; on equal dots, the priority that more
  different business leaders voted for (broader support) comes first.
- A tie that the rule cannot break (same dots from as many business leaders)
  and that straddles the cut-off is left to the convener, who settles it with
  `pick` (the business leaders decide in the room; ngsp records the choice).
- Only candidates with at least one business dot can be selected; the others
  are parked, with their tally kept.

Reading the votes is in `ballots`, checking them in `ballot_check`, counting
and ranking in `ranking`, the tie rule in `tie_rule`, writing the result in
`recording`.  The votes are recorded in the meeting file under `votes:` (voter,
priority, points), so anyone can recompute the tally from the folder alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ngsp_cli.errors import InputError, Problem, UsageError
from ngsp_cli.model import Meeting, PriorityStatus
from ngsp_cli.services.priorities.ballot_check import check_votes
from ngsp_cli.services.priorities.ballots import VoteRow
from ngsp_cli.services.priorities.candidates import priority_id, still_selected_elsewhere
from ngsp_cli.services.priorities.ranking import Ranked, count, rank
from ngsp_cli.services.priorities.tie_rule import PICK_NOTE, Tie, select
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import plural

DEFAULT_TOP = 3


@dataclass
class Tally:
    """The outcome of a prioritization."""

    meeting: str
    budget: int
    top: int
    ranking: list[Ranked]
    votes: list[VoteRow]
    business_voters: list[str]
    public_voters: list[str]
    ties: list[Tie] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    open_slots: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def selected(self) -> list[Ranked]:
        return [r for r in self.ranking if r.status is PriorityStatus.selected]

    @property
    def public_ranking(self) -> list[Ranked]:
        """What public partners voted for, shown apart from the business ranking."""
        return sorted(
            (r for r in self.ranking if r.public_points),
            key=lambda r: (-r.public_points, -r.public_voters, r.title.casefold()),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "budget": self.budget,
            "top": self.top,
            "business_voters": len(self.business_voters),
            "public_voters": len(self.public_voters),
            "business_points": sum(r.business_points for r in self.ranking),
            "public_points": sum(r.public_points for r in self.ranking),
            "ranking": [r.as_dict() for r in self.ranking],
            "public_ranking": [
                {"priority": r.id, "public_points": r.public_points, "public_voters": r.public_voters}
                for r in self.public_ranking
            ],
            "ties": [t.as_dict() for t in self.ties],
            "undecided": self.undecided,
            "open_slots": self.open_slots,
            "warnings": self.warnings,
        }


def tally(
    snap: Snapshot,
    meeting: Meeting,
    rows: Sequence[VoteRow],
    *,
    budget: int | None = None,
    top: int = DEFAULT_TOP,
    picks: Sequence[str] = (),
    problems: Sequence[Problem] = (),
) -> Tally:
    """Check the votes, rank the candidates by business dots and select the top ones.

    A tie at the cut-off that the rule cannot break is left open (`undecided`,
    `open_slots`) unless `picks` settles it; nothing is decided for the convener.
    `problems` found while reading the votes are reported with the others.
    """
    if not meeting.candidates:
        raise InputError(
            f"meeting {meeting.id} has no candidate priorities",
            file=f"{Meeting.folder}/{meeting.id}.yaml",
            field="candidates",
            hint="add the opportunities the business leaders named under 'candidates:'",
        )
    if top < 1:
        raise UsageError("--top must be 1 or more")
    budget = budget or snap.partnership.settings.dot_budget
    checked = check_votes(snap, meeting, rows, budget, problems)
    ranking = rank(count(snap, meeting, checked))
    business = sorted({r.voter for r in checked if snap.is_business(r.voter)})
    public = sorted({r.voter for r in checked if not snap.is_business(r.voter)})
    result = Tally(meeting.id, budget, top, ranking, list(checked), business, public)
    result.warnings = _warnings(snap, meeting, business, public)
    return with_picks(result, picks)


def _warnings(snap: Snapshot, meeting: Meeting, business: list[str], public: list[str]) -> list[str]:
    warnings: list[str] = []
    attendees = set(meeting.attendees)
    if attendees:
        absent = sorted(v for v in {*business, *public} if v not in attendees)
        if absent:
            warnings.append(
                f"{plural(len(absent), 'voter is', 'voters are')} not on the attendance list of "
                f"{meeting.id}: "
                f"{', '.join(absent)}"
            )
    if not business:
        warnings.append("no business leader voted; nothing can be selected")
    for priority in still_selected_elsewhere(snap, meeting):
        warnings.append(
            f"'{priority.title}' ({priority.id}) stays selected from the vote at {priority.meeting}, "
            f"although it is not on the ballot of {meeting.id}; if the business leaders finished or "
            f"dropped it, say so with 'ngsp priority status {priority.id} done' (or parked)"
        )
    return warnings


def with_picks(result: Tally, picks: Sequence[str]) -> Tally:
    """The same count with the selection made again by the tie rule and `picks` (see `tie_rule.select`)."""
    outcome = select(result.ranking, result.top, picks)
    ranking = [
        dataclasses.replace(
            entry,
            status=PriorityStatus.selected if entry.id in outcome.selected else PriorityStatus.parked,
            decided_by=outcome.decided_by.get(entry.id),
        )
        for entry in result.ranking
    ]
    return dataclasses.replace(
        result,
        ranking=ranking,
        ties=outcome.ties,
        undecided=outcome.undecided,
        open_slots=outcome.open_slots,
        warnings=list(result.warnings),
    )


def settle_as_before(snap: Snapshot, meeting: Meeting, result: Tally) -> tuple[Tally, list[str]]:
    """A recount with its open tie at the cut-off settled as recorded before, and the picks kept.

    A recount needs no --pick again when the priority files say which of the
    tied priorities the business leaders chose and those fill exactly the open
    places; otherwise the result comes back as it is, with no picks.
    """
    earlier = _recorded_picks(snap, meeting, result) if result.undecided else []
    if not earlier:
        return result, []
    return with_picks(result, earlier), earlier


def _recorded_picks(snap: Snapshot, meeting: Meeting, result: Tally) -> list[str]:
    """The tied priorities whose files say the business leaders chose them, if they fill the open places."""
    candidates = {c.id: c for c in meeting.candidates}
    chosen = []
    for pid in result.undecided:
        priority = snap.priorities.get(priority_id(snap, meeting, candidates[pid]))
        if (
            priority is not None
            and priority.meeting == meeting.id
            and priority.status is PriorityStatus.selected
            and PICK_NOTE in (priority.decided_by or "")
        ):
            chosen.append(pid)
    return chosen if len(chosen) == result.open_slots else []


def tie_unsettled(result: Tally) -> UsageError:
    """The error for a tie at the cut-off that only the business leaders can settle."""
    return UsageError(
        f"the tie at the cut-off between {', '.join(result.undecided)} is not settled; nothing was written",
        hint=f"let the business leaders choose, then pass --pick for {result.open_slots} of them",
    )
