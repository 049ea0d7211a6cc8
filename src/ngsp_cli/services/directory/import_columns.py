"""Which column of an imported sheet holds which field.

Headers are recognized by their synonyms ("Company", "Employer", "Business Name" all
mean an organization's name); `--map COLUMN=FIELD` overrides that, and the field
`skip` ignores a column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.services.directory.spreadsheet import Sheet

SKIP = "skip"

ORG_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ngsp id", "org id", "organization id"),
    "name": (
        "name",
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "org",
        "org name",
        "company",
        "company name",
        "employer",
        "employer name",
        "business name",
        "business",
        "partner",
        "partner name",
        "firm",
        "account",
        "account name",
        "legal name",
    ),
    "kind": (
        "kind",
        "type",
        "organization type",
        "organisation type",
        "org type",
        "sector",
        "category",
        "partner type",
        "company type",
    ),
    "naics": ("naics", "naics code", "naics codes", "industry code"),
    "county": ("county", "parish", "borough"),
    "city": ("city", "town", "municipality"),
    "size": (
        "size",
        "employees",
        "number of employees",
        "no of employees",
        "of employees",
        "employee count",
        "headcount",
        "company size",
    ),
    "website": ("website", "web site", "web", "url", "homepage", "home page", "web address", "site"),
    "joined": ("joined", "date joined", "joined on", "member since", "start date"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}

PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ngsp id", "person id", "contact id"),
    "name": ("name", "full name", "contact", "contact name", "person", "attendee", "participant"),
    "first_name": ("first name", "firstname", "given name", "forename", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "org": (
        "organization",
        "organisation",
        "org",
        "company",
        "employer",
        "business",
        "organization name",
        "organisation name",
        "company name",
        "employer name",
        "business name",
        "org name",
        "affiliation",
        "agency",
        "organization id",
        "org id",
    ),
    "org_kind": (
        "organization type",
        "organisation type",
        "org type",
        "type",
        "kind",
        "sector",
        "company type",
        "partner type",
        "category",
    ),
    "title": ("title", "job title", "position", "job"),
    "email": ("email", "e mail", "email address", "e mail address", "work email", "mail"),
    "phone": (
        "phone",
        "phone number",
        "telephone",
        "tel",
        "work phone",
        "office phone",
        "mobile",
        "mobile phone",
        "cell",
        "cell phone",
    ),
    "roles": ("roles", "role", "partnership role", "partnership roles"),
    "joined": ("joined", "date joined", "joined on", "member since", "start date"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}


def key(text: str) -> str:
    """A header or value reduced for matching: "E-Mail Address " -> "e mail address"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def parse_mapping(items: Iterable[str], fields: Iterable[str]) -> dict[str, str]:
    """`--map "Company Name=name"` options as {column: field}; `COLUMN=skip` ignores a column."""
    known = {f.replace("_", "-") for f in fields} | {SKIP}
    aliases = {"role": "roles", "e-mail": "email", "organization": "org", "type": "kind"}
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip():
            raise UsageError(
                f"--map '{item}' is not COLUMN=FIELD", hint='write e.g. --map "Company Name=name"'
            )
        wanted = target.strip().casefold().replace("_", "-").replace(" ", "-") or SKIP
        wanted = aliases.get(wanted, wanted)
        if wanted == "ignore":
            wanted = SKIP
        if wanted not in known:
            raise UsageError(
                f"--map '{item}': '{target.strip()}' is not a field ngsp imports here",
                hint=f"use one of {', '.join(sorted(known))}",
            )
        mapping[column.strip()] = wanted.replace("-", "_")
    return mapping


@dataclass
class Columns:
    """Which column of the sheet gives which field."""

    fields: dict[str, int]
    by_header: dict[str, str]
    ignored: list[str]

    def values(self, sheet: Sheet, cells: list[str]) -> dict[str, str]:
        """The non-blank cells of a row, by field."""
        out: dict[str, str] = {}
        for name, column in self.fields.items():
            value = _unguard(sheet.cell(cells, column))
            if value:
                out[name] = value
        return out


def _unguard(value: str) -> str:
    # Undo the apostrophe that spreadsheet exports put before a leading = + - @.
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def map_columns(
    headers: list[str], synonyms: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str] | None = None
) -> Columns:
    """Give each field the column whose header says it best; `mapping` decides first."""
    keys = [key(h) for h in headers]
    fields: dict[str, int] = {}
    taken: set[int] = set()
    for column, target in (mapping or {}).items():
        wanted = key(column)
        matches = [i for i, k in enumerate(keys) if headers[i] == column or (k and k == wanted)]
        if not matches:
            shown = ", ".join(repr(h) for h in headers if h)
            raise UsageError(f"--map: the file has no column '{column}'", hint=f"its columns are: {shown}")
        taken.update(matches)
        if target != SKIP and target not in fields:
            fields[target] = matches[0]
    ranked: list[tuple[int, int, str]] = []
    for index, header_key in enumerate(keys):
        if index in taken or not header_key:
            continue
        for name, words in synonyms.items():
            if header_key in words and name not in fields:
                ranked.append((words.index(header_key), index, name))
    for _rank, index, name in sorted(ranked):
        if name not in fields and index not in taken:
            fields[name] = index
            taken.add(index)
    by_header = {headers[i]: name for name, i in sorted(fields.items(), key=lambda item: item[1])}
    used = set(fields.values())
    ignored = [h or f"column {i + 1} (no header)" for i, h in enumerate(headers) if i not in used]
    return Columns(fields=fields, by_header=by_header, ignored=ignored)


def no_column(sheet: Sheet, what: str, field_name: str) -> InputError:
    """The error for a sheet without a column the import needs (`what`, mapped by `field_name`)."""
    shown = ", ".join(repr(h) for h in sheet.headers if h) or "none"
    return InputError(
        f"{sheet.source} has no column with {what}",
        file=sheet.source,
        line=sheet.header_row,
        hint=f"its columns are: {shown}; name the right one with --map COLUMN={field_name}",
    )
