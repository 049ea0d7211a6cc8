"""Checking a ballot: every voter a person, every priority a candidate, no voter over the dot budget.

Every problem is reported at once (`VotesInvalid`), with the file and lines it
comes from, and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ngsp_cli.errors import ManyProblems, NotFoundError, Problem
from ngsp_cli.model import CandidatePriority, Meeting
from ngsp_cli.services.lookup import AmbiguousName, resolve, resolve_person
from ngsp_cli.services.priorities.ballots import VoteRow
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import plural
from ngsp_cli.vocab import did_you_mean


class VotesInvalid(ManyProblems):
    """Every problem found in a set of votes, reported at once."""

    def __init__(self, problems: list[Problem], source: str) -> None:
        count = plural(len(problems), "problem")
        super().__init__(problems, f"the votes in {source} have {count}; nothing was written")


def check_votes(
    snap: Snapshot,
    meeting: Meeting,
    rows: Sequence[VoteRow],
    budget: int,
    earlier: Sequence[Problem] = (),
) -> list[VoteRow]:
    """The votes with voter and priority resolved to ids; raises VotesInvalid listing every problem.

    Voters may be written as person ids or names, priorities as candidate ids or
    titles.  `earlier` are problems found while reading, reported together.
    """
    problems: list[Problem] = list(earlier)
    candidates = {c.id: c for c in meeting.candidates}
    resolved = [_resolve(snap, meeting, candidates, row, problems) for row in rows]
    checked = [row for row in resolved if row is not None]
    problems += _overspent(snap, checked, budget)
    source = next((r.file for r in rows if r.file), None) or next(
        (p.file for p in earlier if p.file), f"{Meeting.folder}/{meeting.id}.yaml"
    )
    if not rows and not problems:
        problems.append(
            Problem(
                "there are no votes to count",
                file=source,
                hint="one line per voter and priority: voter,priority,points",
            )
        )
    if problems:
        raise VotesInvalid(problems, source)
    return checked


def _resolve(
    snap: Snapshot,
    meeting: Meeting,
    candidates: Mapping[str, CandidatePriority],
    row: VoteRow,
    problems: list[Problem],
) -> VoteRow | None:
    """The row with voter and priority as ids, or None when either names no one (a problem is added).

    A priority title that several candidates share adds a problem but keeps the
    row, so its dots still count toward its voter's budget.
    """
    voter: str | None = None
    try:
        voter = resolve_person(snap, row.voter)
    except NotFoundError as exc:
        problems.append(_problem(row, "voter", f"unknown voter: {exc.problem.message}", exc.problem.hint))
    priority: str | None = row.priority
    try:
        priority = resolve(candidates, row.priority, "candidate priority", "")
    except AmbiguousName as exc:
        problems.append(_problem(row, "priority", exc.problem.message, exc.problem.hint))
    except NotFoundError:
        listing = ", ".join(candidates) or "none yet"
        hint = f"{did_you_mean(row.priority, candidates, n=1)}the candidates are: {listing}"
        message = f"unknown priority: '{row.priority}' is not a candidate of {meeting.id}"
        problems.append(_problem(row, "priority", message, hint))
        priority = None
    if voter is None or priority is None:
        return None
    return VoteRow(voter, priority, row.points, row.file, row.line)


def _problem(row: VoteRow, field: str, message: str, hint: str | None) -> Problem:
    """A problem with the file and line of the vote `row`."""
    return Problem(message, file=row.file, line=row.line, field=field, hint=hint)


def _overspent(snap: Snapshot, checked: Sequence[VoteRow], budget: int) -> list[Problem]:
    """A problem for each voter who spent more dots than the budget, on the voter's last line."""
    by_voter: dict[str, list[VoteRow]] = defaultdict(list)
    for row in checked:
        by_voter[row.voter].append(row)
    problems: list[Problem] = []
    for voter, voter_rows in by_voter.items():
        spent = sum(r.points for r in voter_rows)
        if spent <= budget:
            continue
        person = snap.people[voter]
        last = max(voter_rows, key=lambda r: r.line or 0)
        problems.append(
            Problem(
                f"{person.name} ({voter}) spent {plural(spent, 'dot')}; each voter has {budget}"
                f"{_lines(voter_rows)}",
                file=last.file,
                line=last.line,
                field="points",
                hint=f"ask {person.name} which dots to keep, or raise the budget with --budget",
            )
        )
    return problems


def _lines(rows: Iterable[VoteRow]) -> str:
    lines = sorted({r.line for r in rows if r.line is not None})
    if not lines:
        return ""
    word = "line" if len(lines) == 1 else "lines"
    return f" ({word} {', '.join(str(n) for n in lines)})"
