"""`ngsp report` (one partnership) and `ngsp portfolio` (many partnerships)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output, portfolio_screen

if TYPE_CHECKING:
    from ngsp_cli.services.reporting.portfolio import Portfolio

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="md (Markdown), html (printable, with charts) or docx (Word, with the charts as pictures). "
        "Default: from the --out file name, else md.",
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option(),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write here ('-' for standard output). Default: out/ of the folder."),
]
ReposOption = Annotated[
    Path | None,
    typer.Option(
        "--repos",
        help="A text file listing partnership repositories, one per line: a git URL or a path, "
        "then optionally a name and a branch. Each is fetched and read at its branch head.",
    ),
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        help="Where fetched repositories are kept (default: NGSP_CACHE_DIR, else the user's "
        "cache folder, ~/.cache/ngsp/repos).",
    ),
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="Repositories fetched at once.")]


def _check_format(fmt: str) -> str:
    from ngsp_cli.errors import UsageError

    fmt = fmt.lower().lstrip(".")
    if fmt not in ("md", "html", "docx"):
        raise UsageError(f"'{fmt}' is not a report format", hint="use --format md, html or docx")
    return fmt


_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def _format_for(fmt: str | None, out: Path | None) -> str | None:
    """--format, else the format the --out file name asks for; a contradiction is a usage error."""
    from ngsp_cli.errors import UsageError

    chosen = _check_format(fmt) if fmt is not None else None
    if out is None or str(out) == "-" or out.is_dir():
        return chosen
    implied = _SUFFIXES.get(out.suffix.lower())
    if chosen is None:
        return implied
    if implied is not None and implied != chosen:
        raise UsageError(
            f"--format {chosen} does not match --out {out.name}",
            hint=f"leave out --format to write {implied}, or name the file *.{chosen}",
        )
    return chosen


def _write(text: str | bytes, out: Path | None, default: Path, *, force: bool = False) -> None:
    import sys

    from ngsp_cli.errors import UsageError
    from ngsp_cli.store.outputs import write_output

    if out is not None and str(out) == "-":
        if isinstance(text, bytes):
            raise UsageError("a Word document cannot be shown on the screen", hint="pass --out FILE.docx")
        sys.stdout.write(text)
        return
    target = out or default
    if target.is_dir():
        target = target / default.name
    write_output(target, text, force=force)
    output.done(f"wrote {target}")


def report_command(
    fmt: FormatOption = None,
    since: Annotated[
        dt.datetime | None,
        options.date_option("--since", "Only meetings and progress from this date on."),
    ] = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    force: options.ForceOption = False,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """A progress report for the board or the state: meetings and attendance, priorities,
    action teams, outcomes.

    Markdown by default; --format docx makes a Word file (from the report.docx template)
    with the charts as pictures, and --format html one printable file with charts that opens
    offline.  Written to out/report-<date>.<format> unless --out says otherwise; --json
    prints the report's figures instead.
    """
    from ngsp_cli.errors import UsageError
    from ngsp_cli.services.reporting.report import (
        default_output,
        render_report,
        render_report_docx,
        report_data,
    )

    fmt = _format_for(fmt, out) or "md"
    when = as_of.date() if as_of else clock.today()
    start = since.date() if since else None
    if start is not None and start > when:
        raise UsageError(f"--since {start} is after the report date {when}", hint="pick an earlier --since")
    snap = options.load_snapshot(folder)
    if as_json:
        output.emit_json(report_data(snap, when, since=start))
        return
    if fmt == "docx":
        if out is not None and str(out) == "-":
            raise UsageError("a Word document cannot be shown on the screen", hint="pass --out FILE.docx")
        _write(
            render_report_docx(snap, when, since=start),
            out,
            default_output(snap.root, when, fmt),
            force=force,
        )
        return
    text = render_report(snap, when, fmt, since=start)
    _write(text, out, default_output(snap.root, when, fmt), force=force)


def portfolio_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Partnership folders, or folders whose subfolders are partnerships."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="md or html for a document; default: a table in the terminal."),
    ] = None,
    as_of: AsOfOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the md or html document here (default: stdout).")
    ] = None,
    force: options.ForceOption = False,
    repos: ReposOption = None,
    cache: CacheOption = None,
    jobs: JobsOption = 8,
    as_json: options.JsonOption = False,
) -> None:
    """Many partnership folders side by side, with state-level aggregates.

    Shows each partnership's phase, indicator score, last meeting, business share at recent
    meetings and action teams, and the share of partnerships reporting each outcome in their
    latest outcome survey. With --repos, the partnerships are read straight from their git
    repositories (git's own keys and credential helper are used; nothing is asked). A folder
    that cannot be read is reported and skipped; the exit code is 0 when at least one
    partnership was read, 2 when none could be.
    """
    from ngsp_cli.errors import InputError, UsageError
    from ngsp_cli.services.reporting.portfolio import read_portfolio

    if not paths and repos is None:
        raise UsageError(
            "name the partnership folders, or a file of repositories with --repos",
            hint="e.g. ngsp portfolio state/ or ngsp portfolio --repos partnerships.txt",
        )
    document = _format_for(fmt, out)
    if document is None and out is not None and str(out) != "-":
        document = "md"  # a file was asked for: a document, not the terminal table
    when = as_of.date() if as_of else clock.today()
    specs = None
    if repos is not None:
        from ngsp_cli.services.reporting.repos.listing import parse_repos_file

        specs = parse_repos_file(repos)
    with portfolio_screen.progress_bar() as advance:
        portfolio, fetched = read_portfolio(
            paths or [], when, repos=specs, cache=cache, jobs=jobs, on_progress=advance
        )
    _show_portfolio(portfolio, document, out, force=force, as_json=as_json)
    portfolio_screen.print_stale(fetched)
    portfolio_screen.print_broken(portfolio.broken)
    if not portfolio.partnerships:
        raise InputError(
            "no partnership folder could be read",
            hint="name partnership folders (folders with partnership.yaml), "
            "or a folder whose subfolders are partnership folders",
        )


def _show_portfolio(
    portfolio: Portfolio, document: str | None, out: Path | None, *, force: bool, as_json: bool
) -> None:
    """JSON, the md or html document (on stdout or in --out), or the table; nothing when none was read."""
    from ngsp_cli.services.reporting.portfolio import render_portfolio

    if as_json:
        output.emit_json(portfolio.as_dict())
    elif not portfolio.partnerships:
        pass  # nothing was read: no empty table or document, only the reasons below
    elif document is not None:
        text = render_portfolio(portfolio, document)
        if out is None or str(out) == "-":
            import sys

            sys.stdout.write(text)
        else:
            _write(text, out, out, force=force)
    else:
        portfolio_screen.print_portfolio(portfolio)
