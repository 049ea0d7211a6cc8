"""Who came, from a file: a typed-up sign-in sheet, or the attendance report of Zoom or Teams.

The file is read as it comes out of the tool:

- a sign-in sheet typed into a spreadsheet (CSV or XLSX): a name column, and any of
  e-mail, organization, and a column that marks who came ("present", "signed");
- Zoom's participant report, with or without the meeting summary above it:
  "Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)",
  "Guest" (the summary's "Topic", "Meeting ID", "User Name", "User Email" row is skipped);
- Microsoft Teams' attendance report, UTF-16 text separated by tabs (or CSV, or XLSX),
  with its "1. Summary" section before the participant list: "Name" or "Full Name",
  "First Join" or "Join Time", "Last Leave", "In-Meeting Duration", "Email",
  "Participant ID (UPN)", "Role" (and the older "Full Name", "User Action", "Timestamp").

People are matched by e-mail address first, then by name (the same rules as every
command that takes a name).  A person who joined twice counts once; recording the
same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.services.directory.spreadsheet import DELIMITERS, decode
from ngsp_cli.services.lookup import AmbiguousName, resolve_org, resolve_person
from ngsp_cli.store.folder import Snapshot

NAME_COLUMNS = (
    "name (original name)",
    "full name",
    "name",
    "participant name",
    "participant",
    "attendee name",
    "attendee",
    "display name",
)
FIRST_NAME_COLUMNS = ("first name", "given name")
LAST_NAME_COLUMNS = ("last name", "surname", "family name")
EMAIL_COLUMNS = (
    "user email",
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "participant email",
    "attendee email",
    "participant id (upn)",
    "upn",
)
ORG_COLUMNS = ("organization", "organisation", "company", "employer", "business")
JOIN_COLUMNS = ("join time", "first join", "timestamp", "joined")
MARK_COLUMNS = ("present", "attended", "came", "signed", "here", "check", "✓")
SUMMARY_COLUMNS = ("topic", "meeting id", "meeting title")
"""A header row holding these is a meeting summary (Zoom), not the list of participants."""

MARKED = {"x", "yes", "y", "1", "true", "✓", "✔", "☑", "☒", "present", "signed", "here"}
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")

SUPPORTED = (
    "a sign-in sheet (Name, Organization, E-mail; optional Present), "
    "Zoom's participant report (Name (Original Name), User Email, Join Time), "
    "or Teams' attendance report (Name or Full Name, Email or Participant ID (UPN), First Join or Join Time)"
)


@dataclass(frozen=True)
class Columns:
    """Where the useful columns of a header row are (None: not in the file)."""

    row: int
    name: int | None
    first: int | None
    last: int | None
    email: int | None
    emails: tuple[int, ...]
    org: int | None
    join: int | None
    mark: int | None
    kind: str

    def describe(self, headers: list[str]) -> dict[str, str]:
        found = {
            "name": self.name,
            "first name": self.first,
            "last name": self.last,
            "e-mail": self.email,
            "organization": self.org,
            "join time": self.join,
            "present": self.mark,
        }
        return {what: headers[i] for what, i in found.items() if i is not None}


@dataclass(frozen=True)
class Entry:
    """One person the file says came."""

    row: int
    name: str
    email: str | None
    organization: str | None


@dataclass
class Matched:
    person: str
    name: str
    by: str
    rows: list[int]


@dataclass
class Unknown:
    name: str
    email: str | None
    organization: str | None
    rows: list[int]
    reason: str
    command: str


@dataclass
class Reading:
    """What a file says, matched against the folder's people."""

    source: str
    kind: str
    columns: dict[str, str]
    notes: list[str]
    matched: list[Matched] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    not_marked: int = 0

    @property
    def people(self) -> list[str]:
        return [m.person for m in self.matched]


def _norm(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


def _records(path: Path, sheet: str | None) -> tuple[list[list[str]], list[str]]:
    """Every row of the file as text, summary sections included (rows numbered from 1)."""
    if not path.is_file():
        raise NotFoundError(f"there is no file {path}", hint="check the file name and folder")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"PK\x03\x04" or path.suffix.lower() in {".xlsx", ".xlsm"}:
        from ngsp_cli.services.directory import xlsx

        title, _, rows = xlsx.read_rows(path, sheet)
        return rows, [f"read sheet '{title}'"]
    if path.suffix.lower() in {".xls", ".ods", ".numbers"} or magic == b"\xd0\xcf\x11\xe0":
        raise InputError(
            f"{path.name} is in a spreadsheet format ngsp cannot read",
            file=path.name,
            hint="save it as Excel workbook (.xlsx) or as CSV UTF-8",
        )
    text, how = decode(path.read_bytes(), path.name)
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    # Summary sections have fewer columns than the list: the line with the most separators tells.
    delimiter = max(DELIMITERS, key=lambda d: (max((line.count(d) for line in lines), default=0), d == "\t"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        return [[cell.strip() for cell in row] for row in reader], [f"read as {how}"]
    except csv.Error as exc:
        raise InputError(
            f"row {reader.line_num}: the file cannot be read as CSV ({exc})",
            file=path.name,
            hint="open it in a spreadsheet program and save it again as CSV UTF-8",
        ) from exc


def _first(cells: list[str], names: tuple[str, ...]) -> int | None:
    for wanted in names:
        if wanted in cells:
            return cells.index(wanted)
    return None


def find_columns(records: list[list[str]]) -> Columns | None:
    """The first header row that names people: with a name or an e-mail column."""
    for number, record in enumerate(records, start=1):
        cells = [_norm(c) for c in record]
        if any(c in SUMMARY_COLUMNS for c in cells):
            continue
        name = _first(cells, NAME_COLUMNS)
        first, last = _first(cells, FIRST_NAME_COLUMNS), _first(cells, LAST_NAME_COLUMNS)
        email = _first(cells, EMAIL_COLUMNS)
        if name is None and first is None and email is None:
            continue
        teams = {"participant id (upn)", "first join", "last leave", "user action", "in-meeting duration"}
        if "name (original name)" in cells:
            kind = "Zoom participant report"
        elif teams & set(cells) or ("full name" in cells and ("join time" in cells or "timestamp" in cells)):
            kind = "Microsoft Teams attendance report"
        else:
            kind = "sign-in sheet"
        return Columns(
            row=number,
            name=name,
            first=first,
            last=last,
            email=email,
            # Teams leaves "Email" empty for some people and gives their address as the UPN.
            emails=tuple(i for i, c in enumerate(cells) if c in EMAIL_COLUMNS),
            org=_first(cells, ORG_COLUMNS),
            join=_first(cells, JOIN_COLUMNS),
            mark=_first(cells, MARK_COLUMNS),
            kind=kind,
        )
    return None


def _cell(record: list[str], index: int | None) -> str:
    return record[index].strip() if index is not None and index < len(record) else ""


def entries(records: list[list[str]], columns: Columns) -> tuple[list[Entry], int]:
    """The people of the list under the header, up to the first blank row or the next section.

    Also returns how many rows a 'present' column left unmarked.
    """
    found: list[Entry] = []
    unmarked = 0
    for number, record in enumerate(records[columns.row :], start=columns.row + 1):
        if not any(cell.strip() for cell in record):
            if found:
                break  # Teams repeats everyone in "3. In-Meeting Activities" below a blank row
            continue
        name = _cell(record, columns.name)
        if not name and (columns.first is not None or columns.last is not None):
            name = " ".join(p for p in (_cell(record, columns.first), _cell(record, columns.last)) if p)
        email = next((e for i in columns.emails if "@" in (e := _cell(record, i))), "")
        if not name and not email:
            continue
        if columns.mark is not None and _norm(_cell(record, columns.mark)) not in MARKED:
            unmarked += 1
            continue
        found.append(Entry(number, name, email or None, _cell(record, columns.org) or None))
    return found, unmarked


def _names_to_try(name: str) -> list[str]:
    """'Ann (Ann Lee)' (Zoom's renamed participant) or 'Ann Lee (Guest)' (Teams): each part."""
    tries = [name]
    match = _PARENS.search(name)
    if match:
        outside = name[: match.start()].strip()
        inside = match.group(1).strip()
        tries += [t for t in (inside, outside) if t]
    return list(dict.fromkeys(tries))


def _add_command(snap: Snapshot, entry: Entry) -> str:
    name = _names_to_try(entry.name)[-1] if entry.name else entry.email or ""
    org = "ORG"
    if entry.organization:
        try:
            org = resolve_org(snap, entry.organization)
        except NotFoundError:
            org = "ORG"
    command = f"ngsp person add {shlex.quote(name)} --org {org}"
    if entry.email:
        command += f" --email {shlex.quote(entry.email)}"
    return command


def match(snap: Snapshot, found: list[Entry]) -> tuple[list[Matched], list[Unknown]]:
    """Each entry's person, by e-mail address, then by name; the rest are unknown."""
    by_email = {p.email.casefold(): p.id for p in snap.people.values() if p.email}
    matched: dict[str, Matched] = {}
    unknown: dict[str, Unknown] = {}
    for entry in found:
        person, how, reason = None, "", "no one of this name or e-mail address in people/"
        if entry.email and entry.email.casefold() in by_email:
            person, how = by_email[entry.email.casefold()], "e-mail"
        elif entry.name:
            for candidate in _names_to_try(entry.name):
                try:
                    person, how = resolve_person(snap, candidate), "name"
                    break
                except AmbiguousName as exc:
                    reason = exc.problem.message
                    break
                except NotFoundError:
                    continue
        if person is not None:
            if person in matched:
                matched[person].rows.append(entry.row)
            else:
                matched[person] = Matched(person, snap.people[person].name, how, [entry.row])
            continue
        key = (entry.email or entry.name).casefold()
        if key in unknown:
            unknown[key].rows.append(entry.row)
        else:
            unknown[key] = Unknown(
                entry.name, entry.email, entry.organization, [entry.row], reason, _add_command(snap, entry)
            )
    return list(matched.values()), list(unknown.values())


def read_attendance(snap: Snapshot, path: Path, sheet: str | None = None) -> Reading:
    """Read `path` and match its people; an unreadable file or one without names is an InputError."""
    records, notes = _records(path, sheet)
    columns = find_columns(records)
    if columns is None:
        first = next((r for r in records if any(c.strip() for c in r)), [])
        seen = ", ".join(f"'{c}'" for c in first if c.strip())[:200] or "nothing"
        raise InputError(
            f"no column of names or e-mail addresses was found (the first row has {seen})",
            file=path.name,
            hint=f"ngsp reads {SUPPORTED}; name the columns in the first row, e.g. Name,Organization,E-mail",
        )
    headers = records[columns.row - 1]
    found, unmarked = entries(records, columns)
    matched, unknown = match(snap, found)
    return Reading(
        source=path.name,
        kind=columns.kind,
        columns=columns.describe(headers),
        notes=notes,
        matched=matched,
        unknown=unknown,
        not_marked=unmarked,
    )
