"""The tie rule: which candidates a count selects, and which tie is left for the business leaders.

The top candidates by business dots are selected; on equal dots, the one more
different business leaders voted for.  A tie the rule cannot break (the same
dots from as many business leaders) that straddles the cut-off is left open:
the business leaders choose in the room and the convener records the choice
with `--pick`.  Only candidates with at least one business dot can be selected.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from ngsp_cli.errors import UsageError
from ngsp_cli.services.priorities.ranking import Ranked, rank_key
from ngsp_cli.text import plural
from ngsp_cli.vocab import did_you_mean

PICK_NOTE = "chosen by the business leaders from a tie at the cut-off"


@dataclass
class Tie:
    """Candidates with the same business dots."""

    priorities: list[str]
    business_points: int
    at_cutoff: bool
    settled_by: str | None  # "rule", "pick" or None (still open)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Outcome:
    """What the tie rule (and the picks) make of a tally.

    `selected`: the selected candidates in ranking order; `decided_by`: how a tie
    was settled for a candidate, by id; `undecided`: the tie at the cut-off still
    to be picked from, for `open_slots` places.
    """

    selected: list[str]
    ties: list[Tie]
    decided_by: dict[str, str]
    undecided: list[str]
    open_slots: int


def select(ranking: Sequence[Ranked], top: int, picks: Sequence[str] = ()) -> Outcome:
    """The `top` candidates of a tally by the tie rule, with `picks` settling a tie at the cut-off.

    Raises UsageError for a pick that is no candidate, a pick when there is no
    tie at the cut-off, a pick outside that tie, or the wrong number of picks.
    Without picks, such a tie stays open (`undecided`): nothing is decided for
    the business leaders.
    """
    chosen = [p.strip() for p in picks]
    ordered = sorted(ranking, key=rank_key)
    eligible = [r for r in ordered if r.business_points > 0]
    _check_candidates(chosen, [r.id for r in ordered])
    cut = _cut_key(eligible, top)
    undecided: list[str] = []
    open_slots = 0
    decided_by: dict[str, str] = {}
    if cut is None:
        if chosen:
            raise UsageError(
                "--pick is only for a tie at the cut-off, and there is none",
                hint="the business leaders' dots already decide the selection",
            )
        selected = {r.id for r in eligible[:top]}
    else:
        selected, decided_by, undecided, open_slots = _settle_cutoff(eligible, top, cut, chosen)
    ties, rule_notes = _ties(eligible, selected, cut, picked=bool(chosen))
    return Outcome(
        selected=[r.id for r in eligible if r.id in selected],
        ties=ties,
        decided_by={**decided_by, **rule_notes},
        undecided=undecided,
        open_slots=open_slots,
    )


def _check_candidates(picks: Sequence[str], ids: list[str]) -> None:
    unknown = [p for p in picks if p not in ids]
    if unknown:
        raise UsageError(
            f"--pick {unknown[0]}: there is no such candidate",
            hint=f"{did_you_mean(unknown[0], ids, n=1)}pick among: {', '.join(ids)}",
        )


def _cut_key(eligible: Sequence[Ranked], top: int) -> tuple[int, int] | None:
    """The dots and leaders of a tie the rule cannot break across the cut-off, if there is one."""
    if len(eligible) > top:
        last_in, first_out = eligible[top - 1], eligible[top]
        if last_in.key == first_out.key:
            return last_in.key
    return None


def _settle_cutoff(
    eligible: Sequence[Ranked], top: int, cut: tuple[int, int], picks: Sequence[str]
) -> tuple[set[str], dict[str, str], list[str], int]:
    """The selected ids, the notes on the picked ones, and the tie still open with its places."""
    tied_ids = [r.id for r in eligible if r.key == cut]
    above = {r.id for r in eligible if r.key > cut}
    slots = top - len(above)
    wrong = [p for p in picks if p not in tied_ids]
    if wrong:
        raise UsageError(
            f"--pick {wrong[0]}: it is not in the tie at the cut-off",
            hint=f"pick {slots} of: {', '.join(tied_ids)}",
        )
    chosen = list(dict.fromkeys(picks))
    if chosen and len(chosen) != slots:
        raise UsageError(
            f"the tie at the cut-off leaves {plural(slots, 'place')}, but {len(chosen)} "
            + ("was" if len(chosen) == 1 else "were")
            + " picked",
            hint=f"pick exactly {slots} of: {', '.join(tied_ids)}",
        )
    if not chosen:
        return above, {}, tied_ids, slots
    note = (
        f"{PICK_NOTE} "
        f"({plural(cut[0], 'dot')} from {plural(cut[1], 'business leader')} each: "
        f"{', '.join(tied_ids)})"
    )
    return above | set(chosen), dict.fromkeys(tied_ids, note), [], slots


def _ties(
    eligible: Sequence[Ranked], selected: Collection[str], cut: tuple[int, int] | None, *, picked: bool
) -> tuple[list[Tie], dict[str, str]]:
    """Every group of candidates on the same business dots, and the notes of those the rule settled."""
    by_points: dict[int, list[Ranked]] = defaultdict(list)
    for entry in eligible:
        by_points[entry.business_points].append(entry)
    ties: list[Tie] = []
    notes: dict[str, str] = {}
    for points, group in sorted(by_points.items(), reverse=True):
        if len(group) < 2:
            continue
        ids = [r.id for r in group]
        if cut is not None and cut[0] == points:
            ties.append(Tie(ids, points, True, "pick" if picked else None))
        elif len({r.id in selected for r in group}) > 1:
            ties.append(Tie(ids, points, True, "rule"))
            notes.update(_rule_notes(group, selected))
        else:
            broken = len({r.business_voters for r in group}) > 1
            ties.append(Tie(ids, points, False, "rule" if broken else None))
    return ties, notes


def _rule_notes(group: list[Ranked], selected: Collection[str]) -> dict[str, str]:
    """How the broader-support rule settled a tie across the cut-off, for each tied priority."""
    notes: dict[str, str] = {}
    for entry in group:
        others = [r for r in group if r is not entry]
        names = ", ".join(r.id for r in others)
        counts = " and ".join(str(r.business_voters) for r in others)
        more = "more" if entry.id in selected else "fewer"
        notes[entry.id] = (
            f"tied with {names} on {plural(entry.business_points, 'business dot')}; {more} business leaders "
            f"voted for it ({entry.business_voters} against {counts})"
        )
    return notes
