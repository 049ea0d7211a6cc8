"""Import organizations and people from a spreadsheet (CSV or XLSX).

How an import decides what to do, row by row:

- Columns are recognized by their header, with synonyms ("Company", "Employer",
  "Business Name" all mean the organization's name); `mapping` ({column: field})
  overrides that, and the field `skip` ignores a column.
- A row matches an existing entry by id (an "Id" column), then for people by
  e-mail, then by normalized name (case, accents, punctuation and "Inc"/"LLC"
  ignored; for people, within the same organization). Rows that match an entry
  made by an earlier row of the same file are merged into it.
- A matching entry only gets its blank fields filled ("fill blanks"); a value
  that differs is kept and reported, unless `update` is set, in which case the
  sheet's value wins. A blank cell never erases anything, roles are only ever
  added, and names are never changed by an import (they are how rows match).
- Bad rows (a blank name, an unknown kind, an e-mail that is not one ...) are
  reported with their spreadsheet row number and reason; the good rows import.
- Everything is checked before anything is written; then all files are written
  together by `store.batch.save_all` (all or nothing, also on Ctrl-C). Running
  the same file again changes nothing and writes no file.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from ngsp_cli import clock
from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.ids import is_valid_id, new_id
from ngsp_cli.model import Entity, Organization, OrgKind, Person, Role
from ngsp_cli.services.directory.spreadsheet import Sheet, read_sheet
from ngsp_cli.store import folder as store
from ngsp_cli.text import plural
from ngsp_cli.vocab import closest, normalized_name

E = TypeVar("E", Organization, Person)

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

KIND_VALUES: dict[OrgKind, tuple[str, ...]] = {
    OrgKind.business: (
        "business",
        "businesses",
        "employer",
        "private",
        "private sector",
        "industry",
        "company",
        "firm",
        "for profit",
        "corporation",
        "industry partner",
        "business partner",
    ),
    OrgKind.education: (
        "education",
        "k 12",
        "k12",
        "school",
        "school district",
        "college",
        "community college",
        "university",
        "higher ed",
        "higher education",
        "technical college",
        "training provider",
    ),
    OrgKind.workforce: (
        "workforce",
        "workforce board",
        "workforce development",
        "workforce development board",
        "wdb",
        "wib",
        "ajc",
        "american job center",
        "job center",
        "one stop",
        "career center",
    ),
    OrgKind.economic_development: (
        "economic development",
        "economic development organization",
        "edo",
        "chamber",
        "chamber of commerce",
        "economic developer",
    ),
    OrgKind.community: (
        "community",
        "nonprofit",
        "non profit",
        "community organization",
        "community based organization",
        "cbo",
        "foundation",
        "faith based",
    ),
    OrgKind.government: (
        "government",
        "public sector",
        "state agency",
        "agency",
        "local government",
        "city government",
        "county government",
        "state",
        "city",
        "county",
        "municipality",
    ),
    OrgKind.other: ("other",),
}

ROLE_VALUES: dict[Role, tuple[str, ...]] = {
    Role.business_leader: ("business leader", "business", "leader", "industry leader"),
    Role.co_chair: ("co chair", "cochair", "chair", "co chairs"),
    Role.champion: ("champion", "champions"),
    Role.convener: ("convener", "convenor", "conveners"),
    Role.public_partner: ("public partner", "public", "partner"),
    Role.facilitator: ("facilitator",),
    Role.staff: ("staff",),
    Role.observer: ("observer", "guest"),
}

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%d.%m.%Y")


def key(text: str) -> str:
    """A header or value reduced for matching: "E-Mail Address " -> "e mail address"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _lookup(table: Mapping[Any, tuple[str, ...]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for value, words in table.items():
        found.setdefault(key(str(value)), value)
        for word in words:
            found.setdefault(word, value)
    return found


_KIND_LOOKUP = _lookup(KIND_VALUES)
_ROLE_LOOKUP = _lookup(ROLE_VALUES)


class BadRow(Exception):
    """A row that cannot be imported; the message is the reason, in plain words."""


# --- columns -------------------------------------------------------------------------------


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


# --- values --------------------------------------------------------------------------------


def _guess(value: str, lookup: Mapping[str, Any]) -> str:
    """ "; did you mean 'business'?" naming the value the closest known word stands for, or ""."""
    close = closest(key(value), list(lookup), n=1)
    return f"; did you mean '{lookup[close[0]]}'?" if close else ""


@functools.lru_cache(maxsize=256)
def parse_kind(value: str) -> OrgKind:
    found = _KIND_LOOKUP.get(key(value))
    if found is None:
        raise BadRow(
            f"'{value}' is not a kind of organization ngsp knows "
            "(business, education, workforce, economic-development, community, government, other)"
            + _guess(value, _KIND_LOOKUP)
        )
    return OrgKind(found)


def parse_roles(value: str) -> list[Role]:
    roles: list[Role] = []
    for part in re.split(r"[,;/|\n]+", value):
        if not part.strip():
            continue
        found = _ROLE_LOOKUP.get(key(part))
        if found is None:
            guess = _guess(part, _ROLE_LOOKUP)
            titles = "if this column holds job titles, import it with --map COLUMN=title"
            raise BadRow(
                f"'{part.strip()}' is not a partnership role (business-leader, co-chair, champion, "
                "convener, public-partner, facilitator, staff, observer)"
                + (f"{guess} I{titles[1:]}" if guess else f"; {titles}")
            )
        if found not in roles:
            roles.append(Role(found))
    return roles


def parse_date(value: str) -> dt.date:
    text = value.strip().split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadRow(f"'{value}' is not a date (write 2027-02-10 or 2/10/2027)")


def _joined(value: str, today: dt.date) -> dt.date:
    """A joining date of a row: today or earlier (a later day has not come; nothing is guessed)."""
    day = parse_date(value)
    if day > today:
        raise BadRow(
            f"joined {day.isoformat()} is after today ({today.isoformat()}); "
            "add them once they have joined, or fix the date"
        )
    return day


def _show(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str) and "@" in old:
        return old.casefold() == new.casefold()
    return bool(old == new)


def merge(data: dict[str, Any], incoming: Mapping[str, Any], update: bool) -> tuple[list[str], list[str]]:
    """Apply a row's values to an entry's data: (fields changed, differences kept)."""
    changed: list[str] = []
    kept: list[str] = []
    for name, value in incoming.items():
        if value is None or value == []:
            continue
        old = data.get(name)
        if isinstance(value, list):
            added = [v for v in value if v not in (old or [])]
            if added:
                data[name] = [*(old or []), *added]
                changed.append(name)
        elif old is None or old == "":
            data[name] = value
            changed.append(name)
        elif _same(old, value):
            continue
        elif update:
            data[name] = value
            changed.append(name)
        else:
            kept.append(f"kept {name} '{_show(old)}' (the sheet says '{_show(value)}')")
    return changed, kept


def _validated(model: type[E], data: dict[str, Any], entity_id: str) -> E:
    try:
        entity = model.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for err in exc.errors(include_url=False):
            name = ".".join(str(p) for p in err["loc"])
            message, _ = store.describe_error(err, tuple(err["loc"]), model)
            if err["type"] == "value_error" and isinstance(err.get("input"), str):
                message = f"'{err['input']}' {message}"
            reasons.append(f"{name}: {message}")
        raise BadRow("; ".join(reasons)) from None
    entity.id = entity_id
    return entity


# --- the result ----------------------------------------------------------------------------


@dataclass(slots=True)
class RowResult:
    """What the import does with one row of the sheet."""

    row: int
    action: str  # create, update, skip or bad
    name: str
    id: str | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "name": self.name,
            "id": self.id,
            "detail": self.detail,
        }


@dataclass
class ImportResult:
    """The plan (dry run) or the outcome of an import."""

    what: str
    source: str
    dry_run: bool
    notes: list[str]
    columns: dict[str, str]
    ignored_columns: list[str]
    rows: list[RowResult] = field(default_factory=list)
    blank_rows: int = 0
    updated: list[Entity] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    interrupted: bool = False
    recovered: str = ""  # what was done first about a stopped command's leftovers
    _plans: list[_Entries[Any]] = field(default_factory=list, repr=False)

    def set_plan(self, orgs: _Entries[Organization], people: _Entries[Person] | None) -> None:
        self._plans = [orgs] if people is None else [orgs, people]
        self.updated = [entity for plan in self._plans for entity in plan.changed()]

    def iter_created(self) -> Iterator[Entity]:
        """The entries the import creates, one at a time: organizations first, then people."""
        for plan in self._plans:
            yield from plan.created()

    @property
    def created(self) -> list[Entity]:
        return list(self.iter_created())

    def _created_count(self, model: type[Entity]) -> int:
        return sum(len(plan.created_ids()) for plan in self._plans if plan.model is model)

    def rows_with(self, action: str) -> list[RowResult]:
        return [r for r in self.rows if r.action == action]

    @property
    def bad_rows(self) -> list[RowResult]:
        return self.rows_with("bad")

    def counts(self) -> dict[str, int]:
        def of(kind: type[Entity], items: list[Entity]) -> int:
            return sum(isinstance(e, kind) for e in items)

        return {
            "organizations_created": self._created_count(Organization),
            "organizations_updated": of(Organization, self.updated),
            "people_created": self._created_count(Person),
            "people_updated": of(Person, self.updated),
            "rows_skipped": len(self.rows_with("skip")),
            "rows_bad": len(self.bad_rows),
            "rows_blank": self.blank_rows,
        }

    def summary(self) -> str:
        """One sentence: '3 organizations created, 1 updated; 2 rows with nothing new; 1 bad row'."""
        c = self.counts()
        would = "would be " if self.dry_run else ""
        parts = []
        if self.what == "people":
            parts.append(
                f"{plural(c['people_created'], 'person', 'people')} {would}created, "
                f"{c['people_updated']} {would}updated"
            )
            if c["organizations_created"]:
                parts.append(f"{plural(c['organizations_created'], 'organization')} {would}created")
        else:
            parts.append(
                f"{plural(c['organizations_created'], 'organization')} {would}created, "
                f"{c['organizations_updated']} {would}updated"
            )
        if c["rows_skipped"]:
            parts.append(f"{plural(c['rows_skipped'], 'row')} with nothing new")
        if c["rows_bad"]:
            parts.append(plural(c["rows_bad"], "bad row"))
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "file": self.source,
            "dry_run": self.dry_run,
            "read": self.notes,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            **self.counts(),
            "rows": [r.as_dict() for r in self.rows],
            "files_written": self.written,
            "interrupted": self.interrupted,
            "recovered": self.recovered or None,
        }


def _entity_dump(entity: Entity) -> dict[str, Any]:
    return entity.model_dump(mode="python")


def _ids_on_disk(root: Path, folder: str) -> set[str]:
    directory = root / folder
    return {p.stem for p in directory.glob("*.yaml")} if directory.is_dir() else set()


class _Index:
    """Entries of one kind found by normalized key; a key may (wrongly) name several entries."""

    def __init__(self) -> None:
        self._ids: dict[Any, list[str]] = {}

    def add(self, index_key: Any, entity_id: str) -> None:
        ids = self._ids.setdefault(index_key, [])
        if entity_id not in ids:
            ids.append(entity_id)

    def remove(self, index_key: Any, entity_id: str) -> None:
        ids = self._ids.get(index_key, [])
        if entity_id in ids:
            ids.remove(entity_id)

    def find(self, index_key: Any, what: str) -> str | None:
        ids = self._ids.get(index_key, [])
        if len(ids) > 1:
            raise BadRow(f"matches several {what}: {', '.join(ids)}; add an Id column to say which")
        return ids[0] if ids else None


class _Entries(Generic[E]):
    """The entries of one kind while an import plans: those at the table, and those rows create.

    Entries at the table stay the models read from the folder (replaced when a row
    changes one). Entries the import creates are kept as compact JSON of the data
    their file will hold, so a 100,000-row sheet does not hold 100,000 models; one
    is rebuilt only when a later row of the sheet matches it, or when it is written.
    """

    def __init__(self, model: type[E], existing: Mapping[str, E]) -> None:
        self.model: type[E] = model
        self.existing: dict[str, E] = dict(existing)
        self._original: Mapping[str, E] = existing
        self._created: dict[str, bytes] = {}

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.existing or entity_id in self._created

    def __getitem__(self, entity_id: str) -> E:
        packed = self._created.get(entity_id)
        if packed is None:
            return self.existing[entity_id]
        entity: E = self.model.model_validate_json(packed)
        entity.id = entity_id
        return entity

    def get(self, entity_id: str) -> E | None:
        if entity_id in self:
            return self[entity_id]
        return None

    def put(self, entity: E) -> None:
        if entity.id in self.existing:
            self.existing[entity.id] = entity
        else:
            self._created[entity.id] = entity.model_dump_json().encode("utf-8")

    def ids(self) -> set[str]:
        return set(self.existing) | set(self._created)

    def created_ids(self) -> list[str]:
        return list(self._created)

    def created(self) -> Iterator[E]:
        """The new entries, rebuilt one at a time, in the order rows created them."""
        for entity_id in self._created:
            yield self[entity_id]

    def changed(self) -> list[E]:
        """The entries at the table whose data the import changes."""
        return [
            entity
            for entity_id, entity in self.existing.items()
            if entity is not self._original[entity_id]
            and _entity_dump(entity) != _entity_dump(self._original[entity_id])
        ]


def _row_name(values: Mapping[str, str]) -> str:
    name = values.get("name") or " ".join(v for v in (values.get("first_name"), values.get("last_name")) if v)
    return name.strip()


def _describe(action: str, changed: list[str], kept: list[str], first_row: int | None, how: str) -> str:
    parts = []
    if first_row is not None:
        parts.append(f"same entry as row {first_row}")
    elif how:
        parts.append(how)
    if changed:
        parts.append(("adds " if action == "update" else "") + ", ".join(changed))
    parts.extend(kept)
    if kept:
        parts.append("pass --update to take the sheet's values")
    return "; ".join(parts)


# --- organizations -------------------------------------------------------------------------


@dataclass
class _Orgs:
    """The organizations while an import plans: existing ones plus the ones rows create."""

    root: Path
    existing: dict[str, Organization]
    today: dt.date
    working: _Entries[Organization] = field(init=False)
    by_name: _Index = field(init=False)
    taken: set[str] = field(init=False)
    created_by_row: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.working = _Entries(Organization, self.existing)
        self.by_name = _Index()
        for org_id, org in self.existing.items():
            self.by_name.add(normalized_name(org.name), org_id)
        self.taken = set(self.existing) | _ids_on_disk(self.root, Organization.folder)

    def find(self, ref: str) -> str | None:
        """An organization by id or name (normalized), or None."""
        if ref in self.working:
            return ref
        return self.by_name.find(normalized_name(ref), "organizations")

    def create(self, name: str, data: dict[str, Any], wanted_id: str | None = None) -> Organization:
        """A new organization (not yet part of the plan: see `register`)."""
        org_id = wanted_id or new_id(name, self.taken)
        return _validated(Organization, {"name": name, "joined": self.today, **data}, org_id)

    def register(self, org: Organization, row: int) -> None:
        self.working.put(org)
        self.taken.add(org.id)
        self.by_name.add(normalized_name(org.name), org.id)
        self.created_by_row[org.id] = row


def _org_row(
    orgs: _Orgs, values: dict[str, str], row: int, default_kind: OrgKind | None, update: bool
) -> RowResult:
    name = _row_name(values)
    if not name:
        raise BadRow("the name is blank")
    incoming: dict[str, Any] = {
        f: values.get(f) for f in ("naics", "county", "city", "size", "website", "notes")
    }
    if "kind" in values:
        incoming["kind"] = parse_kind(values["kind"])
    if "joined" in values:
        incoming["joined"] = _joined(values["joined"], orgs.today)
    wanted_id = values.get("id")
    if wanted_id is not None and not is_valid_id(wanted_id):
        raise BadRow(f"'{wanted_id}' is not a valid id (lowercase letters, digits and dashes)")
    target = wanted_id if wanted_id in orgs.working else None
    how = "matched by id" if target else ""
    if target is None and wanted_id is None:
        target = orgs.by_name.find(normalized_name(name), "organizations")
        how = "matched by name"
    if target is None:
        kind = incoming.pop("kind", None) or default_kind
        if kind is None:
            raise BadRow("the kind of organization is missing; add a Type column or pass --kind")
        data = {k: v for k, v in incoming.items() if v is not None}
        org = orgs.create(name, {"kind": kind, **data}, wanted_id)
        orgs.register(org, row)
        return RowResult(row, "create", name, org.id)
    current = orgs.working[target]
    data = _entity_dump(current)
    changed, kept = merge(data, incoming, update)
    if changed:
        orgs.working.put(_validated(Organization, data, target))
    action = "update" if changed else "skip"
    first = orgs.created_by_row.get(target)
    return RowResult(row, action, name, target, _describe(action, changed, kept, first, how))


def plan_organizations(
    snap: store.Snapshot,
    sheet: Sheet,
    *,
    mapping: Mapping[str, str] | None = None,
    kind: OrgKind | None = None,
    update: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """What importing `sheet` as organizations would do; writes nothing."""
    columns = map_columns(sheet.headers, ORG_COLUMNS, mapping)
    if "name" not in columns.fields:
        raise _no_column(sheet, "the organizations' names", "name")
    result = ImportResult(
        "organizations", sheet.source, True, sheet.notes, columns.by_header, columns.ignored
    )
    orgs = _Orgs(snap.root, dict(snap.organizations), today or clock.today())
    for row, cells in sheet.rows:
        values = columns.values(sheet, cells)
        if not values:
            result.blank_rows += 1
            continue
        try:
            result.rows.append(_org_row(orgs, values, row, kind, update))
        except BadRow as bad:
            result.rows.append(RowResult(row, "bad", _row_name(values), None, str(bad)))
    result.set_plan(orgs.working, None)
    return result


def _no_column(sheet: Sheet, what: str, field_name: str) -> InputError:
    shown = ", ".join(repr(h) for h in sheet.headers if h) or "none"
    return InputError(
        f"{sheet.source} has no column with {what}",
        file=sheet.source,
        line=sheet.header_row,
        hint=f"its columns are: {shown}; name the right one with --map COLUMN={field_name}",
    )


# --- people --------------------------------------------------------------------------------


def _person_row(
    orgs: _Orgs,
    people: _Entries[Person],
    by_email: _Index,
    by_name: _Index,
    taken: set[str],
    created_by_row: dict[str, int],
    values: dict[str, str],
    row: int,
    *,
    create_orgs: bool,
    org_kind: OrgKind | None,
    update: bool,
) -> RowResult:
    name = _row_name(values)
    if not name:
        raise BadRow("the name is blank")
    org_ref = values.get("org")
    if not org_ref:
        raise BadRow("the organization is blank")
    incoming: dict[str, Any] = {f: values.get(f) for f in ("title", "phone", "notes")}
    email = values.get("email")
    if email:
        incoming["email"] = email.removeprefix("mailto:").strip()
    if "roles" in values:
        incoming["roles"] = parse_roles(values["roles"])
    if "joined" in values:
        incoming["joined"] = _joined(values["joined"], orgs.today)
    new_org: Organization | None = None
    org_id = orgs.find(org_ref)
    if org_id is None:
        if not create_orgs:
            raise BadRow(
                f"the organization '{org_ref}' is not at the table; add it first ('ngsp org add' or "
                "'ngsp org import') or pass --create-orgs"
            )
        kind = parse_kind(values["org_kind"]) if "org_kind" in values else org_kind
        if kind is None:
            raise BadRow(
                f"the organization '{org_ref}' is new and its kind is unknown; add an "
                "'Organization Type' column or pass --kind"
            )
        new_org = orgs.create(org_ref, {"kind": kind})
        org_id = new_org.id
    incoming["org"] = org_id

    wanted_id = values.get("id")
    if wanted_id is not None and not is_valid_id(wanted_id):
        raise BadRow(f"'{wanted_id}' is not a valid id (lowercase letters, digits and dashes)")
    target, how = (wanted_id, "matched by id") if wanted_id in people else (None, "")
    if wanted_id is None:
        by_mail = by_email.find(incoming["email"].casefold(), "people") if incoming.get("email") else None
        by_who = by_name.find((normalized_name(name), org_id), "people")
        if by_mail and by_who and by_mail != by_who:
            raise BadRow(
                f"the e-mail {incoming['email']} belongs to {people[by_mail].name} ({by_mail}), but the "
                f"name and organization are those of {people[by_who].name} ({by_who})"
            )
        target, how = (by_mail, "matched by e-mail") if by_mail else (by_who, "matched by name")
    if target is None:
        data = {k: v for k, v in incoming.items() if v is not None}
        person = _validated(
            Person, {"name": name, "joined": orgs.today, **data}, wanted_id or new_id(name, taken)
        )
        result = RowResult(
            row, "create", name, person.id, f"and its organization {org_id}" if new_org else ""
        )
    else:
        current = people[target]
        data = _entity_dump(current)
        changed, kept = merge(data, incoming, update)
        person = _validated(Person, data, target) if changed else current
        action = "update" if changed else "skip"
        if normalized_name(name) != normalized_name(current.name):
            how += f"; the name stays '{current.name}'"
        detail = _describe(action, changed, kept, created_by_row.get(target), how)
        result = RowResult(row, action, name, target, detail)
    if person.email:
        owner = by_email.find(person.email.casefold(), "people")
        if owner is not None and owner != person.id:
            raise BadRow(f"the e-mail {person.email} belongs to {people[owner].name} ({owner})")

    # The row is good: only now does it change the plan.
    if new_org is not None:
        orgs.register(new_org, row)
    old = people.get(person.id)
    if old is not None:
        by_email.remove((old.email or "").casefold(), old.id)
        by_name.remove((normalized_name(old.name), old.org), old.id)
    else:
        taken.add(person.id)
        created_by_row[person.id] = row
    if person is not old:
        people.put(person)
    if person.email:
        by_email.add(person.email.casefold(), person.id)
    by_name.add((normalized_name(person.name), person.org), person.id)
    return result


def plan_people(
    snap: store.Snapshot,
    sheet: Sheet,
    *,
    mapping: Mapping[str, str] | None = None,
    create_orgs: bool = False,
    kind: OrgKind | None = None,
    update: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """What importing `sheet` as people would do; writes nothing."""
    columns = map_columns(sheet.headers, PERSON_COLUMNS, mapping)
    if "name" not in columns.fields and "first_name" not in columns.fields:
        raise _no_column(sheet, "the people's names", "name")
    if "org" not in columns.fields:
        raise _no_column(sheet, "the people's organizations", "org")
    result = ImportResult("people", sheet.source, True, sheet.notes, columns.by_header, columns.ignored)
    orgs = _Orgs(snap.root, dict(snap.organizations), today or clock.today())
    people = _Entries(Person, snap.people)
    by_email, by_name = _Index(), _Index()
    for person in snap.people.values():
        if person.email:
            by_email.add(person.email.casefold(), person.id)
        by_name.add((normalized_name(person.name), person.org), person.id)
    taken = set(snap.people) | _ids_on_disk(snap.root, Person.folder)
    created_by_row: dict[str, int] = {}
    for row, cells in sheet.rows:
        values = columns.values(sheet, cells)
        if not values:
            result.blank_rows += 1
            continue
        try:
            result.rows.append(
                _person_row(
                    orgs,
                    people,
                    by_email,
                    by_name,
                    taken,
                    created_by_row,
                    values,
                    row,
                    create_orgs=create_orgs,
                    org_kind=kind,
                    update=update,
                )
            )
        except BadRow as bad:
            result.rows.append(RowResult(row, "bad", _row_name(values), None, str(bad)))
    result.set_plan(orgs.working, people)
    return result


# --- the commands' entry points ------------------------------------------------------------


def _apply(root: Path, plan: Callable[[], ImportResult], dry_run: bool) -> ImportResult:
    """Plan the import and, unless `dry_run`, write it: all files or none.

    The folder lock is held from reading the folder to the last file written, and
    what a stopped command left is dealt with first (see `store.batch`), so the
    plan starts from the folder as it really is.
    """
    if dry_run:
        result = plan()
        result.dry_run = True
        return result
    from ngsp_cli.store.batch import Batch

    with Batch(root) as batch:
        result = plan()
        result.dry_run = False
        result.recovered = batch.result.recovered
        for entity in result.iter_created():
            batch.add(entity, create=True)
        for entity in result.updated:
            batch.add(entity)
        outcome = batch.commit()
    result.written = outcome.written
    result.interrupted = outcome.interrupted
    return result


def import_organizations(
    root: Path,
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    kind: OrgKind | None = None,
    update: bool = False,
    dry_run: bool = False,
    sheet: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import organizations from a CSV or XLSX file (see the module docstring for the rules)."""
    table = read_sheet(path, sheet)

    def plan() -> ImportResult:
        snap = store.load(root, kinds=(Organization,), check_references=False)
        return plan_organizations(snap, table, mapping=mapping, kind=kind, update=update, today=today)

    return _apply(root, plan, dry_run)


def import_people(
    root: Path,
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    create_orgs: bool = False,
    kind: OrgKind | None = None,
    update: bool = False,
    dry_run: bool = False,
    sheet: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import people from a CSV or XLSX file; `create_orgs` adds organizations not yet at the table."""
    table = read_sheet(path, sheet)

    def plan() -> ImportResult:
        snap = store.load(root, kinds=(Organization, Person), check_references=False)
        return plan_people(
            snap, table, mapping=mapping, create_orgs=create_orgs, kind=kind, update=update, today=today
        )

    return _apply(root, plan, dry_run)
