"""The ballots of a dot vote: votes read from a CSV or YAML file, or as recorded in a meeting file.

Reading is lenient: the well-formed votes come back with the problems of the
other lines, so `tally` can report every problem of a file in one go.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ngsp_cli.errors import InputError, NotFoundError, Problem
from ngsp_cli.model import Meeting
from ngsp_cli.store import yamlio
from ngsp_cli.store.folder import Snapshot

VOTE_COLUMNS = ("voter", "priority", "points")


@dataclass(frozen=True)
class VoteRow:
    """One line of votes as read, with where it came from (for messages)."""

    voter: str
    priority: str
    points: int
    file: str | None = None
    line: int | None = None


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
