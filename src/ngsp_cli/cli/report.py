"""`ngsp report` (one partnership) and `ngsp portfolio` (many partnerships)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli.cli import common

FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="md (Markdown) or html (printable, with charts).")
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Report as of this date (default: today)."),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write here ('-' for standard output). Default: out/ of the folder."),
]


def _check_format(fmt: str) -> str:
    from ngsp_cli.errors import UsageError

    fmt = fmt.lower().lstrip(".")
    if fmt not in ("md", "html"):
        raise UsageError(f"'{fmt}' is not a report format", hint="use --format md or --format html")
    return fmt


def _write(text: str, out: Path | None, default: Path) -> None:
    import sys

    from ngsp_cli.store.files import write_atomic

    if out is not None and str(out) == "-":
        sys.stdout.write(text)
        return
    target = out or default
    if target.is_dir():
        target = target / default.name
    write_atomic(target, text)
    common.done(f"wrote {target}")


def report_command(
    fmt: FormatOption = "md",
    since: Annotated[
        dt.datetime | None,
        typer.Option("--since", formats=["%Y-%m-%d"], help="Only meetings and progress from this date on."),
    ] = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    folder: common.DirOption = None,
) -> None:
    """A progress report for the board or the state: meetings and attendance, priorities,
    action teams, outcomes.

    Markdown by default; --format html makes one printable file with charts that opens
    offline.  Written to out/report-<date>.<format> unless --out says otherwise.
    """
    from ngsp_cli.errors import UsageError
    from ngsp_cli.services.report import default_output, render_report

    fmt = _check_format(fmt)
    when = as_of.date() if as_of else dt.date.today()
    start = since.date() if since else None
    if start is not None and start > when:
        raise UsageError(f"--since {start} is after the report date {when}", hint="pick an earlier --since")
    snap = common.load_snapshot(folder)
    text = render_report(snap, when, fmt, since=start)
    _write(text, out, default_output(snap.root, when, fmt))
