"""`ngsp report` (one partnership) and `ngsp portfolio` (many partnerships)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output

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
    repos: Annotated[
        Path | None,
        typer.Option(
            "--repos",
            help="A text file listing partnership repositories, one per line: a git URL or a path, "
            "then optionally a name and a branch. Each is fetched and read at its branch head.",
        ),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache",
            help="Where fetched repositories are kept (default: NGSP_CACHE_DIR, else the user's "
            "cache folder, ~/.cache/ngsp/repos).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Repositories fetched at once.")
    ] = 8,
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
    from ngsp_cli.services.reporting.portfolio import aggregate, build_portfolio, render_portfolio

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
        from ngsp_cli.services.reporting.repos import parse_repos_file

        specs = parse_repos_file(repos)
    console = output.err()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.fields[stage]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=None, stage="reading partnerships")

        def advance(done: int, total: int, name: str) -> None:
            progress.update(task, completed=done, total=total, description=name, stage="reading partnerships")

        def advance_repos(stage: str, done: int, total: int, name: str) -> None:
            words = "fetching repositories" if stage == "fetching" else "reading partnerships"
            progress.update(task, completed=done, total=total, description=name, stage=words)

        portfolio = build_portfolio(paths or [], when, on_progress=advance)
        fetched = []
        if specs is not None:
            from ngsp_cli.services.reporting.repos import cache_dir, read_repos

            found = read_repos(specs, when, cache=cache_dir(cache), jobs=jobs, on_progress=advance_repos)
            fetched = found.fetched
            portfolio.partnerships.extend(found.rows)
            portfolio.broken.extend(found.broken)
            portfolio.aggregates = aggregate(portfolio.partnerships)

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
        _print_portfolio(portfolio)
    _report_stale(fetched)
    _report_broken(portfolio.broken)
    if not portfolio.partnerships:
        raise InputError(
            "no partnership folder could be read",
            hint="name partnership folders (folders with partnership.yaml), "
            "or a folder whose subfolders are partnership folders",
        )


def _report_stale(fetched: list[Any]) -> None:
    """Repositories not reached this time, whose cached copy was read instead."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.services.reporting.repos import stale, unreached_problem

    console = output.err()
    now = clock.now_utc()
    for item in stale(fetched):
        problem = unreached_problem(item, now)
        console.print(f"[bold yellow]not reached[/bold yellow] {escape(item.spec.name)}")
        console.print(Hanging("  ", escape(problem.message), 4))
        if problem.hint:
            console.print(Hanging("  ", escape(f"hint: {problem.hint}"), 4))


def _report_broken(broken: list[dict[str, object]]) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import plural

    console = output.err()
    for entry in broken:
        problems = entry["problems"]
        assert isinstance(problems, list)
        count = entry["problem_count"]
        assert isinstance(count, int)
        console.print(f"[bold yellow]skipped[/bold yellow] {escape(str(entry['folder']))}: "
                      f"{plural(count, 'problem')}")  # fmt: skip
        for problem in problems:
            where = problem["file"] or ""
            if problem["file"] and problem["line"]:
                where += f":{problem['line']}"
            prefix = f"{where}: " if where else ""
            console.print(Hanging("  ", escape(prefix + str(problem["message"])), 4))


def _print_portfolio(portfolio: object) -> None:
    from rich import box
    from rich.markup import escape
    from rich.text import Text

    from ngsp_cli.cli.layout import FitTable, Hanging
    from ngsp_cli.services.reporting.portfolio import Portfolio
    from ngsp_cli.text import plural

    assert isinstance(portfolio, Portfolio)
    rows = portfolio.partnerships
    agg = portfolio.aggregates
    # Readable at 80 columns: the partnership's phase and score go under its name,
    # dates never wrap, and headers take two lines instead of width.
    table = FitTable(
        title=f"{plural(len(rows), 'partnership')} as of {portfolio.as_of}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("partnership\n[dim]phase · score[/dim]", ratio=1, min_width=16)
    table.add_column("last\nmeeting", no_wrap=True)
    table.add_column("business\nshare", justify="right", no_wrap=True)
    table.add_column("busi-\nnesses", justify="right", no_wrap=True)
    table.add_column("action\nteams")
    table.add_column("latest\nsurvey", no_wrap=True)
    for r in rows:
        share = Text("–")
        if r["business_share"] is not None:
            share = Text(f"{r['business_share']}%")
            if not r["business_majority"]:
                share.append(" ⚠", style="red")
        teams = Text(str(r["teams_active"]))
        if r["teams_flagged"]:
            teams.append(f"\n{r['teams_flagged']} flagged", style="yellow")
        name = output.cell(r["name"])
        name.stylize("bold")
        details = []
        if r["phase"]:
            details.append(f"{r['phase']['number']}. {r['phase']['title']}")
        if r["score"] is not None:
            details.append(f"score {r['score']:.2f}")
        if details:
            name.append("\n" + " · ".join(details), style="dim")
        table.add_row(
            name,
            output.cell(r["last_meeting"] or "none yet"),
            share,
            output.cell(r["businesses"]),
            teams,
            output.cell(r["survey_date"] or "none"),
        )
    console = output.out()
    console.print(table)
    console.print(
        f"{plural(agg['businesses'], 'business', 'businesses')}, "
        f"{plural(agg['business_leaders'], 'business leader')}, "
        f"{plural(agg['teams_active'], 'action team')} active ({agg['teams_flagged']} flagged)."
    )
    if agg["business_majority_of"]:
        console.print(
            f"Business leaders outnumbered public partners at recent meetings in {agg['business_majority']} "
            f"of {plural(agg['business_majority_of'], 'partnership')}."
        )
    if agg["with_outcome_survey"]:
        console.print(
            f"\n[bold]Outcomes[/bold] (latest outcome survey of {agg['with_outcome_survey']} "
            f"of {plural(agg['partnerships'], 'partnership')})"
        )
        for outcome in agg["outcomes"]:
            console.print(Hanging("  - ", escape(outcome["sentence"])))
    else:
        console.print("No partnership has recorded an outcome survey yet ('ngsp survey').")
