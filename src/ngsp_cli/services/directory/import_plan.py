"""What importing a sheet would do, row by row, planned against the folder; writes nothing.

Each row is read into the values of an entry's fields, matched with the entry it is
about (see `import_matching`) and merged into it (see `import_merging`), or makes a
new entry. A bad row is listed with its reason and changes nothing; the good rows
still count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ngsp_cli import clock
from ngsp_cli.ids import is_valid_id
from ngsp_cli.model import Organization, OrgKind, Person
from ngsp_cli.services.directory.entries import gone_before, gone_hint
from ngsp_cli.services.directory.import_columns import (
    ORG_COLUMNS,
    PERSON_COLUMNS,
    Columns,
    map_columns,
    no_column,
)
from ngsp_cli.services.directory.import_matching import Orgs, People
from ngsp_cli.services.directory.import_merging import Merge, merged
from ngsp_cli.services.directory.import_result import ImportResult, RowResult
from ngsp_cli.services.directory.import_values import BadRow, parse_joined, parse_kind, parse_roles
from ngsp_cli.services.directory.spreadsheet import Sheet
from ngsp_cli.store import folder as store
from ngsp_cli.vocab import normalized_name


def _row_name(values: Mapping[str, str]) -> str:
    name = values.get("name") or " ".join(v for v in (values.get("first_name"), values.get("last_name")) if v)
    return name.strip()


def _wanted_id(values: Mapping[str, str]) -> str | None:
    """The id the row's Id column gives, if any."""
    wanted_id = values.get("id")
    if wanted_id is not None and not is_valid_id(wanted_id):
        raise BadRow(f"'{wanted_id}' is not a valid id (lowercase letters, digits and dashes)")
    return wanted_id


def _describe(done: Merge, first_row: int | None, how: str) -> str:
    parts = []
    if first_row is not None:
        parts.append(f"same entry as row {first_row}")
    elif how:
        parts.append(how)
    if done.added:
        parts.append("adds " + ", ".join(done.added))
    if done.replaced:
        parts.append("replaces " + ", ".join(done.replaced))
    parts.extend(done.kept)
    if done.kept:
        parts.append("pass --update to take the sheet's values")
    parts.extend(done.ignored)
    return "; ".join(parts)


def _matched(row: int, name: str, target: str, done: Merge, first_row: int | None, how: str) -> RowResult:
    """A row that matched the entry `target`: it updates it, or brings nothing new."""
    action = "update" if done.changed else "skip"
    return RowResult(row, action, name, target, _describe(done, first_row, how))


def _plan_rows(
    what: str, sheet: Sheet, columns: Columns, plan_row: Callable[[dict[str, str], int], RowResult]
) -> ImportResult:
    """Every row of `sheet` planned by `plan_row`: blank rows counted, bad ones listed with the reason."""
    result = ImportResult(what, sheet.source, True, sheet.notes, columns.by_header, columns.ignored)
    for row, cells in sheet.rows:
        values = columns.values(sheet, cells)
        if not values:
            result.blank_rows += 1
            continue
        try:
            result.rows.append(plan_row(values, row))
        except BadRow as bad:
            result.rows.append(RowResult(row, "bad", _row_name(values), None, str(bad)))
    return result


# --- organizations -------------------------------------------------------------------------


def _org_row(
    orgs: Orgs, values: dict[str, str], row: int, default_kind: OrgKind | None, update: bool
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
        incoming["joined"] = parse_joined(values["joined"], orgs.today)
    wanted_id = _wanted_id(values)
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
    org, done = merged(orgs.working[target], incoming, update)
    if done.changed:
        orgs.working.put(org)
    return _matched(row, name, target, done, orgs.created_by_row.get(target), how)


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
        raise no_column(sheet, "the organizations' names", "name")
    orgs = Orgs(snap.root, dict(snap.organizations), today or clock.today())
    result = _plan_rows(
        "organizations", sheet, columns, lambda values, row: _org_row(orgs, values, row, kind, update)
    )
    result.set_plan(orgs.working, None)
    return result


# --- people --------------------------------------------------------------------------------


def _person_fields(values: Mapping[str, str], today: dt.date) -> dict[str, Any]:
    """A person's fields as the row gives them (all but the organization)."""
    incoming: dict[str, Any] = {f: values.get(f) for f in ("title", "phone", "notes")}
    email = values.get("email")
    if email:
        incoming["email"] = email.removeprefix("mailto:").strip()
    if "roles" in values:
        incoming["roles"] = parse_roles(values["roles"])
    if "joined" in values:
        incoming["joined"] = parse_joined(values["joined"], today)
    return incoming


def _person_org(
    orgs: Orgs, org_ref: str, values: Mapping[str, str], *, create_orgs: bool, org_kind: OrgKind | None
) -> tuple[str, Organization | None]:
    """The id of the row's organization, and the organization itself if the row brings a new one."""
    org_id = orgs.find(org_ref)
    if org_id is not None:
        return org_id, None
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
    return new_org.id, new_org


def _refuse_gone_org(org: Organization, day: dt.date) -> None:
    """Nobody joins an organization that left on or before their day (README: a bad row)."""
    why = gone_before(org, day)
    if why is not None:
        raise BadRow(f"{why}; {gone_hint(org)}")


def _matched_person(
    people: People, target: str, name: str, incoming: dict[str, Any], row: int, how: str, update: bool
) -> tuple[Person, RowResult]:
    """The person `target` with the row merged in, and what the row does to them."""
    current = people.working[target]
    person, done = merged(current, incoming, update)
    if normalized_name(name) != normalized_name(current.name):
        how += f"; the name stays '{current.name}'"
    return person, _matched(row, name, target, done, people.created_by_row.get(target), how)


def _person_row(
    orgs: Orgs,
    people: People,
    values: dict[str, str],
    row: int,
    *,
    create_orgs: bool,
    org_kind: OrgKind | None,
    update: bool,
) -> RowResult:
    """What a row of people does; it is checked in full before it changes the plan."""
    name = _row_name(values)
    if not name:
        raise BadRow("the name is blank")
    org_ref = values.get("org")
    if not org_ref:
        raise BadRow("the organization is blank")
    incoming = _person_fields(values, orgs.today)
    org_id, new_org = _person_org(orgs, org_ref, values, create_orgs=create_orgs, org_kind=org_kind)
    incoming["org"] = org_id
    wanted_id = _wanted_id(values)
    target, how = people.match(wanted_id, name, org_id, incoming.get("email"))
    if new_org is None and (target is None or people.working[target].org != org_id):
        _refuse_gone_org(orgs.working[org_id], incoming.get("joined") or orgs.today)
    if target is None:
        data = {k: v for k, v in incoming.items() if v is not None}
        person = people.create(name, data, wanted_id)
        result = RowResult(
            row, "create", name, person.id, f"and its organization {org_id}" if new_org else ""
        )
    else:
        person, result = _matched_person(people, target, name, incoming, row, how, update)
    people.check_email(person)

    # The row is good: only now does it change the plan.
    if new_org is not None:
        orgs.register(new_org, row)
    people.register(person, row)
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
        raise no_column(sheet, "the people's names", "name")
    if "org" not in columns.fields:
        raise no_column(sheet, "the people's organizations", "org")
    day = today or clock.today()
    orgs = Orgs(snap.root, dict(snap.organizations), day)
    people = People(snap.root, snap.people, day)

    def plan_row(values: dict[str, str], row: int) -> RowResult:
        return _person_row(orgs, people, values, row, create_orgs=create_orgs, org_kind=kind, update=update)

    result = _plan_rows("people", sheet, columns, plan_row)
    result.set_plan(orgs.working, people.working)
    return result
