"""`ngsp org import FILE` and `ngsp person import FILE`: bring a spreadsheet to the table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ngsp_cli.cli import options, output

if TYPE_CHECKING:
    from ngsp_cli.model import OrgKind
    from ngsp_cli.services.directory.import_result import ImportResult, RowResult

FileArgument = Annotated[
    Path,
    typer.Argument(
        help="A CSV file (any delimiter, UTF-8 or Excel's Windows encoding) or an .xlsx workbook."
    ),
]
MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="COLUMN=FIELD",
        help='Say which field a column holds, e.g. --map "Company Name=name"; FIELD "skip" ignores it.',
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be created, updated or skipped; change nothing.")
]
UpdateOption = Annotated[
    bool,
    typer.Option(
        "--update",
        help="Where the sheet and a file disagree, take the sheet's value (default: only fill blanks).",
    ),
]
SheetOption = Annotated[
    str | None, typer.Option("--sheet", help="The sheet of an .xlsx workbook (default: the first).")
]

# A sheet longer than this is not listed row by row on screen (--json still lists every row);
# the bad rows still are, up to this many.
MAX_LISTED_ROWS = 200

_ACTION_STYLE = {"create": "green", "update": "cyan", "skip": "dim", "bad": "bold red"}
_ACTION_WORD = {
    False: {"create": "created", "update": "updated", "skip": "skipped", "bad": "bad"},
    True: {"create": "create", "update": "update", "skip": "skip", "bad": "bad"},
}


def _kind(value: str | None) -> OrgKind | None:
    from ngsp_cli.model import OrgKind
    from ngsp_cli.services.directory.import_values import BadRow, parse_kind
    from ngsp_cli.vocab import choose

    if value is None:
        return None
    try:
        return parse_kind(value)  # the words a sheet may use ("workforce board", "chamber")
    except BadRow:
        return choose(OrgKind, value, "a kind of organization")


def _show(result: ImportResult, as_json: bool) -> None:
    if as_json:
        output.emit_json(result.as_dict())
    else:
        _print(result)
    _refuse_bad_rows(result)


def _print(result: ImportResult) -> None:
    """What the import did (or would do), on screen: notes, the rows, the summary."""
    from rich.markup import escape

    from ngsp_cli.text import noun

    console = output.err()
    if result.recovered:
        console.print(f"[yellow]First {escape(result.recovered)}.[/yellow]")
    for note in result.notes:
        console.print(f"[dim]{escape(result.source)}: {escape(note)}[/dim]")
    if result.ignored_columns:
        shown = ", ".join(repr(c) for c in result.ignored_columns)
        console.print(
            f"[dim]columns not imported: {escape(shown)} (use --map COLUMN=FIELD to import one)[/dim]"
        )
    rows, unlisted = _listed_rows(result)
    if rows:
        _print_rows(rows, result.dry_run)
    if unlisted:
        console.print(
            f"[dim]{unlisted:,} {noun(unlisted, 'row')} not listed one by one (the counts below "
            "include them); --json lists every row[/dim]"
        )
    if result.interrupted:
        console.print(
            "[yellow]Ctrl-C came while the files were being put in place; the import was "
            "finished first, so nothing is half-done.[/yellow]"
        )
    if result.dry_run:
        console.print(f"dry run, nothing changed: {result.summary()}")
    else:
        output.done(result.summary())


def _listed_rows(result: ImportResult) -> tuple[list[RowResult], int]:
    """The rows to list one by one, and how many more are not listed (a long sheet lists its bad rows)."""
    rows = result.rows if result.dry_run else [r for r in result.rows if r.action != "skip"]
    if len(rows) <= MAX_LISTED_ROWS:
        return rows, 0
    listed = [r for r in rows if r.action == "bad"][:MAX_LISTED_ROWS]
    return listed, len(rows) - len(listed)


def _print_rows(rows: list[RowResult], dry_run: bool) -> None:
    from ngsp_cli.cli.layout import FitTable

    table = FitTable(title_justify="left", title="what would happen" if dry_run else None, key=2)
    table.add_column("row", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, called="what happens")
    # The details go under the name: one wide column wraps better than two narrow ones.
    table.add_column("name (id below), details", overflow="fold")
    words = _ACTION_WORD[dry_run]
    for r in rows:
        style = _ACTION_STYLE[r.action]
        cell = output.name_cell(r.name, r.id) if r.id else output.cell(r.name)
        if r.detail:
            cell.append("\n" + r.detail)
        table.add_row(str(r.row), f"[{style}]{words[r.action]}[/{style}]", cell)
    output.out().print(table)


def _refuse_bad_rows(result: ImportResult) -> None:
    """Exit code 2 naming the bad rows, if there were any (the good rows are imported anyway)."""
    from ngsp_cli.errors import InputError
    from ngsp_cli.text import noun, verb

    bad = len(result.bad_rows)
    if bad:
        rows_text = ", ".join(str(r.row) for r in result.bad_rows[:10]) + (" …" if bad > 10 else "")
        row_word = noun(bad, "row")
        imported = "would not be" if result.dry_run else verb(bad, "was not", "were not")
        raise InputError(
            f"{bad} {row_word} {imported} imported ({row_word} {rows_text})",
            file=result.source,
            hint="fix those rows in the spreadsheet and import it again; rows already imported are skipped",
        )


def org_import(
    file: FileArgument,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Kind for rows that do not say (e.g. business).")
    ] = None,
    mapping: MapOption = None,
    update: UpdateOption = False,
    dry_run: DryRunOption = False,
    sheet: SheetOption = None,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Import organizations from a spreadsheet (CSV or XLSX).

    Columns are recognized by their headers ("Company", "Employer", "Business Name" ... for
    the name; "Type" or "Sector" for the kind). Rows that match an organization already at
    the table only fill its blank fields, unless --update. Running the same file again
    changes nothing. Exit code 2 if any row was bad; the good rows are imported anyway.
    """
    from ngsp_cli.services.directory.import_columns import ORG_COLUMNS, parse_mapping
    from ngsp_cli.services.directory.importing import import_organizations

    root = options.root_of(folder)
    result = import_organizations(
        root,
        file,
        mapping=parse_mapping(mapping or [], ORG_COLUMNS),
        kind=_kind(kind),
        update=update,
        dry_run=dry_run,
        sheet=sheet,
        today=options.day_of(as_of),
    )
    _show(result, as_json)


def person_import(
    file: FileArgument,
    create_orgs: Annotated[
        bool,
        typer.Option("--create-orgs", help="Add organizations that are not at the table yet."),
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="With --create-orgs: kind of new organizations when the sheet does not say."
        ),
    ] = None,
    mapping: MapOption = None,
    update: UpdateOption = False,
    dry_run: DryRunOption = False,
    sheet: SheetOption = None,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Import people from a spreadsheet (CSV or XLSX).

    Each row needs a name (or first and last name) and an organization (its id or name).
    People are matched by e-mail, then by name within their organization; a match only
    gets its blank fields filled, unless --update. Running the same file again changes
    nothing. Exit code 2 if any row was bad; the good rows are imported anyway.
    """
    from ngsp_cli.services.directory.import_columns import PERSON_COLUMNS, parse_mapping
    from ngsp_cli.services.directory.importing import import_people

    root = options.root_of(folder)
    result = import_people(
        root,
        file,
        mapping=parse_mapping(mapping or [], PERSON_COLUMNS),
        create_orgs=create_orgs,
        kind=_kind(kind),
        update=update,
        dry_run=dry_run,
        sheet=sheet,
        today=options.day_of(as_of),
    )
    _show(result, as_json)
