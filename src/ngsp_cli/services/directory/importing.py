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
  added, a known `joined` date never moves later (the row reports the sheet's
  later day as ignored), and names are never changed by an import (they are how
  rows match).
- Bad rows (a blank name, an unknown kind, an e-mail that is not one, a person
  of an organization that left on or before the day they join ...) are
  reported with their spreadsheet row number and reason; the good rows import.
- Everything is checked before anything is written; then all files are written
  together by `store.batch.Batch` (all or nothing, also on Ctrl-C). Running
  the same file again changes nothing and writes no file.

This module reads the file, plans under the folder lock and writes. The steps
have modules of their own: `import_columns` (which column holds which field),
`import_values` (a cell's words read as kinds, roles and dates), `import_matching`
(the entries while an import plans, and which one a row is about),
`import_merging` (a row's values into an entry), `import_plan` (the sheet row by
row, writing nothing) and `import_result` (what the import did, or would do).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from ngsp_cli.model import Organization, OrgKind, Person
from ngsp_cli.services.dates import writing_day
from ngsp_cli.services.directory.import_plan import plan_organizations, plan_people
from ngsp_cli.services.directory.import_result import ImportResult
from ngsp_cli.services.directory.spreadsheet import read_sheet
from ngsp_cli.store import folder as store


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
    """Import organizations from a CSV or XLSX file (see the module docstring for the rules).

    New organizations join on `today` (an --as-of: today or earlier) unless the sheet says when.
    """
    today = writing_day(today)
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
    """Import people from a CSV or XLSX file; `create_orgs` adds organizations not yet at the table.

    New people (and organizations) join on `today` (an --as-of: today or earlier) unless the sheet says when.
    """
    today = writing_day(today)
    table = read_sheet(path, sheet)

    def plan() -> ImportResult:
        snap = store.load(root, kinds=(Organization, Person), check_references=False)
        return plan_people(
            snap, table, mapping=mapping, create_orgs=create_orgs, kind=kind, update=update, today=today
        )

    return _apply(root, plan, dry_run)
