"""Dot votes on a meeting's candidate priorities: read, check, tally, rank, select, record.

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

The votes are recorded in the meeting file under `votes:` (voter, priority,
points), so anyone can recompute the tally from the folder alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ngsp_cli.errors import InputError, ManyProblems, NotFoundError, Problem, UsageError
from ngsp_cli.ids import new_id
from ngsp_cli.model import (
    ActionTeam,
    CandidatePriority,
    Meeting,
    Priority,
    PriorityChange,
    PriorityStatus,
    TeamStatus,
    Vote,
    VoteTally,
)
from ngsp_cli.rules.priority_dates import status_day
from ngsp_cli.services.dates import writing_day
from ngsp_cli.services.lookup import AmbiguousName, resolve, resolve_person
from ngsp_cli.services.priorities.history import state_before_change
from ngsp_cli.store import yamlio
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.store.write import save
from ngsp_cli.text import plural
from ngsp_cli.vocab import did_you_mean

DEFAULT_TOP = 3
PICK_NOTE = "chosen by the business leaders from a tie at the cut-off"
VOTE_COLUMNS = ("voter", "priority", "points")


class VotesInvalid(ManyProblems):
    """Every problem found in a set of votes, reported at once."""

    def __init__(self, problems: list[Problem], source: str) -> None:
        count = plural(len(problems), "problem")
        super().__init__(problems, f"the votes in {source} have {count}; nothing was written")


@dataclass(frozen=True)
class VoteRow:
    """One line of votes as read, with where it came from (for messages)."""

    voter: str
    priority: str
    points: int
    file: str | None = None
    line: int | None = None


# ---------------------------------------------------------------------------
# Reading votes


def _add_row(
    rows: list[VoteRow],
    problems: list[Problem],
    voter: str,
    priority: str,
    points: Any,
    file: str,
    line: int | None,
    *,
    missing: str,
    hint: str,
) -> None:
    """One vote of a CSV line or YAML entry, or the problem that keeps it out (`missing`: its words)."""
    if not voter or not priority:
        what = "voter" if not voter else "priority"
        problems.append(Problem(f"the {what} {missing}", file=file, line=line, field=what, hint=hint))
        return
    counted = _points(points, problems, file, line)
    if counted is not None:
        rows.append(VoteRow(voter, priority, counted, file, line))


def _points(value: Any, problems: list[Problem], file: str, line: int | None) -> int | None:
    text = "" if value is None else str(value).strip()
    if text == "":
        return 1
    try:
        points = int(text)
    except ValueError:
        problems.append(
            Problem(
                f"'{text}' is not a number of dots",
                file=file,
                line=line,
                field="points",
                hint="write a whole number such as 1, 2 or 3",
            )
        )
        return None
    if points < 1:
        problems.append(
            Problem(
                f"{points} dots is not a vote",
                file=file,
                line=line,
                field="points",
                hint="write 1 or more, or leave the line out",
            )
        )
        return None
    return points


def _rows_from_csv(text: str, file: str, problems: list[Problem]) -> list[VoteRow]:
    sample = text[:2048]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header: list[str] | None = None
    rows: list[VoteRow] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record) or record[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [cell.strip().casefold() for cell in record]
            missing = [c for c in ("voter", "priority") if c not in header]
            if missing:
                problems.append(
                    Problem(
                        f"the first line must name the columns; missing: {', '.join(missing)}",
                        file=file,
                        line=line,
                        hint="start the file with the line: voter,priority,points",
                    )
                )
                return []
            continue
        cells = dict(zip(header, (c.strip() for c in record), strict=False))
        voter, priority = cells.get("voter", ""), cells.get("priority", "")
        _add_row(rows, problems, voter, priority, cells.get("points"), file, line,
                 missing="is empty", hint="fill in voter and priority on every line")  # fmt: skip
    if header is None:
        problems.append(
            Problem(
                "the file has no votes",
                file=file,
                line=1,
                hint="one line per voter and priority: voter,priority,points",
            )
        )
    return rows


def _rows_from_yaml(text: str, file: str, problems: list[Problem]) -> list[VoteRow]:
    try:
        data = yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        problems.append(Problem(str(exc), file=file, line=exc.line, hint=exc.hint))
        return []
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and "votes" in data:
        data, prefix = data["votes"], ("votes",)
    if not isinstance(data, list):
        problems.append(
            Problem(
                "expected a list of votes",
                file=file,
                line=1,
                hint="one entry per vote: '- {voter: ann-lee, priority: housing, points: 2}'",
            )
        )
        return []
    rows: list[VoteRow] = []
    for index, entry in enumerate(data):
        line = yamlio.line_of(text, (*prefix, index))
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    "each vote needs voter, priority and points",
                    file=file,
                    line=line,
                    hint="write '- {voter: ID, priority: ID, points: N}'",
                )
            )
            continue
        unknown = sorted(set(entry) - set(VOTE_COLUMNS))
        if unknown:
            problems.append(
                Problem(
                    f"'{unknown[0]}' is not a field of a vote",
                    file=file,
                    line=line,
                    field=unknown[0],
                    hint="a vote has voter, priority and points",
                )
            )
        voter, priority = str(entry.get("voter") or "").strip(), str(entry.get("priority") or "").strip()
        _add_row(rows, problems, voter, priority, entry.get("points"), file, line,
                 missing="is missing", hint="every vote needs voter and priority")  # fmt: skip
    return rows


def read_votes_lenient(path: Path, *, display: str | None = None) -> tuple[list[VoteRow], list[Problem]]:
    """The well-formed votes of a CSV or YAML file, and the problems of the other lines.

    Pass the problems on to `tally` so a convener sees every problem of the
    file (layout, unknown ids, overspent budgets) in one go.
    """
    file = display or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise NotFoundError(f"{file} does not exist", hint="check the path of --votes") from None
    except UnicodeDecodeError:
        raise InputError(
            "the votes file is not UTF-8 text",
            file=file,
            hint="save it again as UTF-8 CSV from your spreadsheet",
        ) from None
    problems: list[Problem] = []
    if path.suffix.lower() in {".yaml", ".yml"}:
        rows = _rows_from_yaml(text, file, problems)
    else:
        rows = _rows_from_csv(text, file, problems)
    return rows, problems


def recorded_votes(snap: Snapshot, meeting: Meeting) -> list[VoteRow]:
    """The votes already recorded in a meeting file, with their lines."""
    rel = f"{Meeting.folder}/{meeting.id}.yaml"
    text: str | None = None
    path = snap.root / rel
    if meeting.votes and path.is_file():
        text = path.read_text(encoding="utf-8-sig")
    return [
        VoteRow(v.voter, v.priority, v.points, rel, yamlio.line_of(text, ("votes", i)) if text else None)
        for i, v in enumerate(meeting.votes)
    ]


# ---------------------------------------------------------------------------
# Checking and tallying


def _lines(rows: Iterable[VoteRow]) -> str:
    lines = sorted({r.line for r in rows if r.line is not None})
    if not lines:
        return ""
    word = "line" if len(lines) == 1 else "lines"
    return f" ({word} {', '.join(str(n) for n in lines)})"


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
    checked: list[VoteRow] = []
    source = next((r.file for r in rows if r.file), None) or next(
        (p.file for p in earlier if p.file), f"{Meeting.folder}/{meeting.id}.yaml"
    )
    for row in rows:
        ok = True
        try:
            voter = resolve_person(snap, row.voter)
        except NotFoundError as exc:
            problems.append(
                Problem(
                    f"unknown voter: {exc.problem.message}",
                    file=row.file,
                    line=row.line,
                    field="voter",
                    hint=exc.problem.hint,
                )
            )
            ok = False
        try:
            priority = resolve(candidates, row.priority, "candidate priority", "")
        except AmbiguousName as exc:
            problems.append(
                Problem(exc.problem.message, file=row.file, line=row.line, field="priority",
                        hint=exc.problem.hint)
            )  # fmt: skip
        except NotFoundError:
            problems.append(
                Problem(
                    f"unknown priority: '{row.priority}' is not a candidate of {meeting.id}",
                    file=row.file,
                    line=row.line,
                    field="priority",
                    hint=f"{did_you_mean(row.priority, candidates, n=1)}"
                    f"the candidates are: {', '.join(candidates) or 'none yet'}",
                )
            )
            ok = False
        if ok:
            checked.append(VoteRow(voter, priority, row.points, row.file, row.line))
    by_voter: dict[str, list[VoteRow]] = defaultdict(list)
    for row in checked:
        by_voter[row.voter].append(row)
    for voter, voter_rows in by_voter.items():
        spent = sum(r.points for r in voter_rows)
        if spent > budget:
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


@dataclass
class Ranked:
    """One candidate with its tally and the outcome."""

    id: str
    title: str
    category: str
    business_points: int = 0
    business_voters: int = 0
    public_points: int = 0
    public_voters: int = 0
    rank: int = 0
    status: PriorityStatus = PriorityStatus.parked
    decided_by: str | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.business_points, self.business_voters)

    def as_dict(self) -> dict[str, Any]:
        return {
            "priority": self.id,
            "title": self.title,
            "category": self.category,
            "rank": self.rank,
            "status": self.status.value,
            "business_points": self.business_points,
            "business_voters": self.business_voters,
            "public_points": self.public_points,
            "public_voters": self.public_voters,
            "decided_by": self.decided_by,
        }


@dataclass
class Tie:
    """Candidates with the same business dots."""

    priorities: list[str]
    business_points: int
    at_cutoff: bool
    settled_by: str | None  # "rule", "pick" or None (still open)

    def as_dict(self) -> dict[str, Any]:
        return {
            "priorities": self.priorities,
            "business_points": self.business_points,
            "at_cutoff": self.at_cutoff,
            "settled_by": self.settled_by,
        }


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


def _count(snap: Snapshot, meeting: Meeting, rows: Sequence[VoteRow]) -> dict[str, Ranked]:
    table = {c.id: Ranked(c.id, c.title, c.category.value) for c in meeting.candidates}
    voters: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"business": set(), "public": set()})
    for row in rows:
        entry = table[row.priority]
        if snap.is_business(row.voter):
            entry.business_points += row.points
            voters[row.priority]["business"].add(row.voter)
        else:
            entry.public_points += row.points
            voters[row.priority]["public"].add(row.voter)
    for pid, groups in voters.items():
        table[pid].business_voters = len(groups["business"])
        table[pid].public_voters = len(groups["public"])
    return table


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
    table = _count(snap, meeting, checked)
    ranking = sorted(
        table.values(), key=lambda r: (-r.business_points, -r.business_voters, r.title.casefold())
    )
    position = 0
    previous: tuple[int, int] | None = None
    for index, entry in enumerate(ranking, start=1):
        if entry.key != previous:
            position, previous = index, entry.key
        entry.rank = position
    business = sorted({r.voter for r in checked if snap.is_business(r.voter)})
    public = sorted({r.voter for r in checked if not snap.is_business(r.voter)})
    result = Tally(meeting.id, budget, top, ranking, list(checked), business, public)
    attendees = set(meeting.attendees)
    if attendees:
        absent = sorted(v for v in {*business, *public} if v not in attendees)
        if absent:
            result.warnings.append(
                f"{plural(len(absent), 'voter is', 'voters are')} not on the attendance list of "
                f"{meeting.id}: "
                f"{', '.join(absent)}"
            )
    if not business:
        result.warnings.append("no business leader voted; nothing can be selected")
    for priority in still_selected_elsewhere(snap, meeting):
        result.warnings.append(
            f"'{priority.title}' ({priority.id}) stays selected from the vote at {priority.meeting}, "
            f"although it is not on the ballot of {meeting.id}; if the business leaders finished or "
            f"dropped it, say so with 'ngsp priority status {priority.id} done' (or parked)"
        )
    _select(result, [p.strip() for p in picks])
    return result


def _select(result: Tally, picks: list[str]) -> None:
    ranking, top = result.ranking, result.top
    eligible = [r for r in ranking if r.business_points > 0]
    by_points: dict[int, list[Ranked]] = defaultdict(list)
    for entry in eligible:
        by_points[entry.business_points].append(entry)
    cut_key: tuple[int, int] | None = None
    if len(eligible) > top:
        last_in, first_out = eligible[top - 1], eligible[top]
        if last_in.key == first_out.key:
            cut_key = last_in.key
    unknown = [p for p in picks if p not in {r.id for r in ranking}]
    if unknown:
        raise UsageError(
            f"--pick {unknown[0]}: there is no such candidate",
            hint=f"{did_you_mean(unknown[0], [r.id for r in ranking], n=1)}"
            f"pick among: {', '.join(r.id for r in ranking)}",
        )
    if cut_key is None:
        if picks:
            raise UsageError(
                "--pick is only for a tie at the cut-off, and there is none",
                hint="the business leaders' dots already decide the selection",
            )
        for entry in eligible[:top]:
            entry.status = PriorityStatus.selected
    else:
        tied = [r for r in eligible if r.key == cut_key]
        above = [r for r in eligible if r.key > cut_key]
        slots = top - len(above)
        for entry in above:
            entry.status = PriorityStatus.selected
        tied_ids = [r.id for r in tied]
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
        if chosen:
            note = (
                f"{PICK_NOTE} "
                f"({plural(cut_key[0], 'dot')} from {plural(cut_key[1], 'business leader')} each: "
                f"{', '.join(tied_ids)})"
            )
            for entry in tied:
                entry.status = PriorityStatus.selected if entry.id in chosen else PriorityStatus.parked
                entry.decided_by = note
        else:
            result.undecided = tied_ids
            result.open_slots = slots
    for points, group in sorted(by_points.items(), reverse=True):
        if len(group) < 2:
            continue
        ids = [r.id for r in group]
        straddles = len({r.status for r in group}) > 1
        if cut_key is not None and cut_key[0] == points:
            result.ties.append(Tie(ids, points, True, "pick" if picks else None))
        elif straddles:
            result.ties.append(Tie(ids, points, True, "rule"))
            _explain_rule(group)
        else:
            broken = len({r.business_voters for r in group}) > 1
            result.ties.append(Tie(ids, points, False, "rule" if broken else None))


def _explain_rule(group: list[Ranked]) -> None:
    """Say in each tied priority's record how the broader-support rule settled it."""
    for entry in group:
        others = [r for r in group if r is not entry]
        names = ", ".join(r.id for r in others)
        counts = " and ".join(str(r.business_voters) for r in others)
        more = "more" if entry.status is PriorityStatus.selected else "fewer"
        entry.decided_by = (
            f"tied with {names} on {plural(entry.business_points, 'business dot')}; {more} business leaders "
            f"voted for it ({entry.business_voters} against {counts})"
        )


# ---------------------------------------------------------------------------
# Recording


def _with_vote(
    snap: Snapshot, existing: Priority, meeting: Meeting, tally_: VoteTally, entry: Ranked
) -> Priority:
    """The priority after the vote of `meeting`: a recount, a refresh, or a correction of an earlier vote."""
    priority = existing.model_copy(deep=True)
    priority.id = existing.id
    status = entry.status if existing.status is not PriorityStatus.done else PriorityStatus.done
    current_day = status_day(snap, existing)
    if existing.meeting != meeting.id and current_day is not None and current_day > meeting.date:
        # An earlier vote counted again after a later one: correct it where it is kept.
        change = PriorityChange(date=meeting.date, status=entry.status, meeting=meeting.id, votes=tally_,
                                decided_by=entry.decided_by)  # fmt: skip
        kept = [c for c in existing.history if c.meeting != meeting.id]
        priority.history = sorted([*kept, change], key=lambda c: c.date)
        return priority
    if existing.meeting != meeting.id and current_day is not None:
        # A refresh: the state before this vote is kept, dated.
        priority.history = [*existing.history, state_before_change(existing, current_day)]
        priority.since = None
    priority.meeting = meeting.id
    priority.votes = tally_
    priority.decided_by = entry.decided_by
    priority.status = status
    return priority


def find_meeting(snap: Snapshot, ref: str | None) -> Meeting:
    """The meeting named, or the latest meeting that has candidate priorities."""
    if ref:
        return snap.meetings[resolve(snap.meetings, ref, "meeting", "ngsp meeting list")]
    with_candidates = [m for m in snap.meetings.values() if m.candidates]
    if not with_candidates:
        raise NotFoundError(
            "no meeting has candidate priorities yet",
            hint="record what the business leaders named under 'candidates:' in the meeting file",
        )
    return max(with_candidates, key=lambda m: (m.date, m.id))


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def priority_id(snap: Snapshot, meeting: Meeting, candidate: CandidatePriority) -> str:
    """The file id of a candidate's priority.

    A candidate titled like a recorded priority is that priority (a refresh vote
    re-ranks the priorities the partnership already has); otherwise the candidate
    id, unless another priority already has that id.
    """
    same = sorted(
        (p for p in snap.priorities.values() if _same_title(p.title, candidate.title)),
        key=lambda p: (p.meeting != meeting.id, p.id != candidate.id, p.id),
    )
    if same:
        return same[0].id
    for pid in (candidate.id, f"{candidate.id}-{meeting.date.year}"):
        existing = snap.priorities.get(pid)
        if existing is None or existing.meeting in (None, meeting.id):
            return pid
    return new_id(candidate.id, snap.priorities)


def still_selected_elsewhere(snap: Snapshot, meeting: Meeting) -> list[Priority]:
    """Priorities selected at an earlier vote that are not on this meeting's ballot."""
    on_ballot = {priority_id(snap, meeting, c) for c in meeting.candidates}
    out = []
    for priority in sorted(snap.priorities.values(), key=lambda p: p.id):
        if priority.id in on_ballot or priority.status is not PriorityStatus.selected:
            continue
        voted = snap.meetings.get(priority.meeting or "")
        if voted is not None and voted.date < meeting.date:
            out.append(priority)
    return out


def recorded_picks(snap: Snapshot, meeting: Meeting, result: Tally) -> list[str]:
    """The choice recorded earlier for the open tie at the cut-off, so a recount needs no --pick again.

    Returns the tied priorities whose files say they were selected by such a
    choice, when they fill exactly the open places; otherwise nothing.
    """
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


def _vote_key(votes: Iterable[Vote]) -> list[tuple[str, str, int]]:
    return sorted((v.voter, v.priority, v.points) for v in votes)


def _votes_of(result: Tally) -> list[Vote]:
    return [Vote(voter=r.voter, priority=r.priority, points=r.points) for r in result.votes]


def replaced_votes(meeting: Meeting, result: Tally) -> int:
    """How many votes recorded in the meeting file the result's votes would replace (0: none or the same)."""
    if not meeting.votes or _vote_key(meeting.votes) == _vote_key(_votes_of(result)):
        return 0
    return len(meeting.votes)


def parked_with_team(snap: Snapshot, meeting: Meeting, result: Tally) -> list[tuple[Priority, ActionTeam]]:
    """Selected priorities the result would park although an active action team works on them."""
    candidates = {c.id: c for c in meeting.candidates}
    out: list[tuple[Priority, ActionTeam]] = []
    for entry in result.ranking:
        if entry.status is not PriorityStatus.parked:
            continue
        existing = snap.priorities.get(priority_id(snap, meeting, candidates[entry.id]))
        if existing is None or existing.status is not PriorityStatus.selected:
            continue
        for team in sorted(snap.teams.values(), key=lambda t: t.id):
            if team.priority == existing.id and team.status is TeamStatus.active:
                out.append((existing, team))
    return out


def votes_would_be_replaced(meeting: Meeting, count: int, source: str) -> UsageError:
    """The error for new votes that would silently overwrite the votes recorded on a meeting."""
    return UsageError(
        f"{meeting.id} already has {plural(count, 'recorded vote')}; the votes of {source} would "
        "replace them, so nothing was written",
        file=f"{Meeting.folder}/{meeting.id}.yaml",
        field="votes",
        hint="check what changes with --dry-run, then pass --replace to replace the recorded votes; "
        "leave out --votes to recount the recorded ones",
    )


def team_would_be_parked(found: list[tuple[Priority, ActionTeam]]) -> UsageError:
    """The error for a recount that would park priorities active action teams work on."""
    listing = "; ".join(f"'{p.title}' ({p.id}) has the active team {t.name} ({t.id})" for p, t in found)
    first = found[0][1]
    return UsageError(
        f"this count would park {plural(len(found), 'priority', 'priorities')} with an active action "
        f"team: {listing}; nothing was written",
        file=f"{Priority.folder}/{found[0][0].id}.yaml",
        field="status",
        hint=f"if the business leaders dropped it, pause or close the team first "
        f"('ngsp team status {first.id} paused' or 'done'); to keep it, settle a tie with --pick "
        "or raise --top",
    )


def record(
    snap: Snapshot,
    meeting: Meeting,
    result: Tally,
    *,
    save_votes: bool = True,
    replace: bool = False,
    today: dt.date | None = None,
) -> list[str]:
    """Write the votes into the meeting file and one priority file per candidate; the files written.

    Refuses (UsageError, nothing written) to record the votes of a meeting dated
    after today (`today`: an --as-of, today or earlier), to replace different
    votes already recorded on the meeting unless `replace`, and to park a selected
    priority that an active action team works on.

    A candidate titled like an existing priority updates that priority: a later
    vote (a refresh) becomes its current tally and the state before it moves to
    its `history`; recounting an earlier vote corrects that vote in `history`.
    """
    day = writing_day(today)
    if meeting.date > day:
        raise InputError(
            f"{meeting.title} is on {meeting.date.isoformat()}, after today ({day.isoformat()}), so its "
            "votes cannot have been cast yet; nothing was written",
            file=f"{Meeting.folder}/{meeting.id}.yaml",
            field="date",
            hint="count the votes once the meeting is held (try --dry-run to see a count), "
            "or fix its 'date:' if it was moved earlier",
        )
    if result.undecided:
        raise tie_unsettled(result)
    from ngsp_cli.store.files import folder_lock
    from ngsp_cli.store.folder import load

    with folder_lock(snap.root):
        # Read the folder again under the lock: what another command wrote since
        # `snap` was read is kept, and the checks below see it.
        fresh = load(snap.root, check_references=False)
        return _record(fresh, fresh.meetings.get(meeting.id, meeting), result, save_votes, replace)


def _record(snap: Snapshot, meeting: Meeting, result: Tally, save_votes: bool, replace: bool) -> list[str]:
    replacing = replaced_votes(meeting, result) if save_votes else 0
    if replacing and not replace:
        source = next((r.file for r in result.votes if r.file), None) or "the new votes"
        raise votes_would_be_replaced(meeting, replacing, source)
    busy = parked_with_team(snap, meeting, result)
    if busy:
        raise team_would_be_parked(busy)
    root = snap.root
    written: list[str] = []
    if save_votes:
        votes = _votes_of(result)
        if _vote_key(votes) != _vote_key(meeting.votes):
            updated = meeting.model_copy(deep=True)
            updated.votes = votes
            updated.id = meeting.id
            save(root, updated)
            written.append(f"{Meeting.folder}/{meeting.id}.yaml")
    candidates = {c.id: c for c in meeting.candidates}
    for entry in result.ranking:
        candidate = candidates[entry.id]
        pid = priority_id(snap, meeting, candidate)
        tally_ = VoteTally(
            business_points=entry.business_points,
            business_voters=entry.business_voters,
            public_points=entry.public_points,
            public_voters=entry.public_voters,
            rank=entry.rank,
        )
        existing = snap.priorities.get(pid)
        if existing is not None:
            priority = _with_vote(snap, existing, meeting, tally_, entry)
        else:
            priority = Priority(
                title=candidate.title,
                description=candidate.description,
                category=candidate.category,
                meeting=meeting.id,
                status=entry.status,
                votes=tally_,
                decided_by=entry.decided_by,
            )
            priority.id = pid
        if existing is None or priority != existing:
            save(root, priority, create=existing is None)
            written.append(f"{Priority.folder}/{pid}.yaml")
    return written
