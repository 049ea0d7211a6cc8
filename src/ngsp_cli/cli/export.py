"""`ngsp export`: contacts, organizations and meetings for spreadsheets, other tools and calendars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli.cli import options, output

_FORMATS = ("csv", "json", "ics")
_DEFAULT_WHAT = {"csv": "contacts", "json": "all", "ics": "meetings"}
_FILE_NAMES = {"all": "partnership"}


def export_command(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="csv (for Excel and mail merges), json (for other tools) or ics (a calendar).",
        ),
    ] = "csv",
    what: Annotated[
        str | None,
        typer.Option(
            "--what",
            help="contacts, organizations, meetings or all (JSON only). "
            "Default: contacts for csv, all for json, meetings for ics.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write here ('-' for standard output). Default: out/ of the folder."
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        options.as_of_option("Calendar events are stamped with it."),
    ] = None,
    force: options.ForceOption = False,
    folder: options.DirOption = None,
) -> None:
    """Export the partnership's data: contacts, organizations, meetings, or everything.

    CSV files open in Excel with accents intact (UTF-8 with a byte-order mark) and
    use headers that 'ngsp org import' and 'ngsp person import' read back. The
    calendar (.ics) holds every meeting; importing it again updates the events
    instead of adding copies.
    """
    import json
    import sys

    from ngsp_cli.errors import UsageError
    from ngsp_cli.services.directory import exporting
    from ngsp_cli.store.outputs import write_output
    from ngsp_cli.vocab import choose_word, spelled

    fmt = choose_word(fmt.lstrip("."), _FORMATS, "an export format")
    chosen = spelled(what) if what else _DEFAULT_WHAT[fmt]
    chosen = choose_word(exporting.ALIASES.get(chosen, chosen), exporting.WHATS, "something ngsp exports")
    if fmt == "csv" and chosen == "all":
        raise UsageError("a CSV file holds one table",
                         hint="use --what contacts, organizations or meetings, or --format json")  # fmt: skip
    if fmt == "ics" and chosen != "meetings":
        raise UsageError("a calendar holds meetings only", hint="leave out --what, or use --what meetings")
    to_stdout = out is not None and str(out) == "-"
    snap = options.load_snapshot(folder)
    if fmt == "csv":
        text, count = exporting.table_csv(snap, chosen, bom=not to_stdout)
        data = text.encode("utf-8")
    elif fmt == "json":
        document, count = exporting.folder_json(snap, chosen)
        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        from ngsp_cli.services.meetings import calendar

        data = calendar.calendar(snap, as_of=as_of.date() if as_of else None)
        count = len(snap.meetings)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    default = snap.root / "out" / f"{_FILE_NAMES.get(chosen, chosen)}.{fmt}"
    target = out or default
    if target.is_dir():
        target = target / default.name
    write_output(target, data, force=force)
    noun = {"all": "items", "contacts": "contacts", "organizations": "organizations", "meetings": "meetings"}
    output.done(f"wrote {target} ({count} {noun[chosen]})")
