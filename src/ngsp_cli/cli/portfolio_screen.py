"""What `ngsp portfolio` prints on the terminal: its progress, the table, and what was skipped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ngsp_cli import clock
from ngsp_cli.cli import output

if TYPE_CHECKING:
    from rich.console import Console

    from ngsp_cli.services.reporting.portfolio import Portfolio


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int, str], None]]:
    """A progress bar on stderr (drawn on a terminal only), and the function that moves it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = output.err()
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

        def advance(stage: str, done: int, total: int, name: str) -> None:
            words = "fetching repositories" if stage == "fetching" else "reading partnerships"
            progress.update(task, completed=done, total=total, description=name, stage=words)

        yield advance


def print_stale(fetched: list[Any]) -> None:
    """Repositories not reached this time, whose cached copy was read instead."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.services.reporting.repos.read import stale, unreached_problem

    console = output.err()
    now = clock.now_utc()
    for item in stale(fetched):
        problem = unreached_problem(item, now)
        console.print(f"[bold yellow]not reached[/bold yellow] {escape(item.spec.name)}")
        console.print(Hanging("  ", escape(problem.message), 4))
        if problem.hint:
            console.print(Hanging("  ", escape(f"hint: {problem.hint}"), 4))


def print_broken(broken: list[dict[str, object]]) -> None:
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


def print_portfolio(portfolio: Portfolio) -> None:
    console = output.out()
    console.print(_portfolio_table(portfolio))
    _print_totals(console, portfolio.aggregates)


def _portfolio_table(portfolio: Portfolio) -> Any:
    """One row a partnership, readable at 80 columns.

    The partnership's phase and score go under its name, dates never wrap, and headers
    take two lines instead of width.
    """
    from rich import box

    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.text import plural

    rows = portfolio.partnerships
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
        table.add_row(
            _partnership_cell(r),
            output.cell(r["last_meeting"] or "none yet"),
            _share_cell(r),
            output.cell(r["businesses"]),
            _teams_cell(r),
            output.cell(r["survey_date"] or "none"),
        )
    return table


def _partnership_cell(row: dict[str, Any]) -> Any:
    """The partnership's name in bold, its phase and score dimmed below."""
    name = output.cell(row["name"])
    name.stylize("bold")
    details = []
    if row["phase"]:
        details.append(f"{row['phase']['number']}. {row['phase']['title']}")
    if row["score"] is not None:
        details.append(f"score {row['score']:.2f}")
    if details:
        name.append("\n" + " · ".join(details), style="dim")
    return name


def _share_cell(row: dict[str, Any]) -> Any:
    """The business share at recent meetings, marked when business leaders were not the majority."""
    from rich.text import Text

    share = Text("–")
    if row["business_share"] is not None:
        share = Text(f"{row['business_share']}%")
        if not row["business_majority"]:
            share.append(" ⚠", style="red")
    return share


def _teams_cell(row: dict[str, Any]) -> Any:
    from rich.text import Text

    teams = Text(str(row["teams_active"]))
    if row["teams_flagged"]:
        teams.append(f"\n{row['teams_flagged']} flagged", style="yellow")
    return teams


def _print_totals(console: Console, agg: dict[str, Any]) -> None:
    """The state-level sentences under the table: people, teams, business majority, outcomes."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import plural

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
