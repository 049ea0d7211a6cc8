"""`ngsp priority ...`: the priorities the industry chose, their votes over time, and their status."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output

if TYPE_CHECKING:
    from ngsp_cli.model import Priority
    from ngsp_cli.store.folder import Snapshot

app = typer.Typer(no_args_is_help=True)

STATUS_HELP = "selected, parked, done or candidate"
PriorityArg = Annotated[str, typer.Argument(help="Priority id or title.")]
AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option("Shows each priority's status on that day; later votes and changes are left out."),
]


def _json(snap: Snapshot, priority: Priority, as_of: dt.date) -> dict[str, Any]:
    """The priority as it stood on `as_of` (`priority_at`), the same the screens show."""
    from ngsp_cli.rules.priority_dates import status_day
    from ngsp_cli.services.priorities.history import active_teams_on

    return {
        **output.entity_json(priority),
        "file": f"priorities/{priority.id}.yaml",
        "status_on_as_of": priority.status.value,
        "status_since": status_day(snap, priority),
        "active_teams": [t.id for t in active_teams_on(snap, priority.id, as_of)],
    }


def _named_by(snap: Snapshot, as_of: dt.date) -> list[Priority]:
    """The priorities known on `as_of`, by id, each as it stood then."""
    from ngsp_cli.rules.priority_dates import priority_at

    dated = (priority_at(snap, p, as_of) for p in sorted(snap.priorities.values(), key=lambda p: p.id))
    return [p for p in dated if p is not None]


@app.command("list")
def list_(
    status: Annotated[str | None, typer.Option("--status", help=f"Only this status: {STATUS_HELP}.")] = None,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """List the priorities with their status, since when, their latest tally and active teams."""
    from rich import box

    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.model import PriorityStatus
    from ngsp_cli.rules.priority_dates import status_day
    from ngsp_cli.services.priorities.history import active_teams_on
    from ngsp_cli.text import plural
    from ngsp_cli.vocab import choose

    wanted = choose(PriorityStatus, status, "a priority status") if status else None
    snap = options.load_snapshot(folder)
    day = options.day_of(as_of) or clock.today()
    rows = [p for p in _named_by(snap, day) if wanted is None or p.status is wanted]
    if as_json:
        output.emit_json([_json(snap, p, day) for p in rows])
        return
    table = FitTable(
        key=0,
        title=f"{plural(len(rows), 'priority', 'priorities')} (as of {day.isoformat()})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("priority (id below)", overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("since", no_wrap=True)
    table.add_column("dots", justify="right")
    table.add_column("teams")
    for p in rows:
        since = status_day(snap, p)
        table.add_row(
            output.name_cell(p.title, p.id),
            p.status.value,
            since.isoformat() if since else "-",
            str(p.votes.business_points) if p.votes is not None else "-",
            output.cell(", ".join(t.id for t in active_teams_on(snap, p.id, day)) or "-"),
        )
    output.out().print(table)


@app.command("show")
def show(
    priority: PriorityArg,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Show one priority: its status, every vote and status change, and its action teams."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.rules.priority_dates import priority_at
    from ngsp_cli.services.lookup import resolve_priority
    from ngsp_cli.services.priorities.history import active_teams_on, describe_history

    snap = options.load_snapshot(folder)
    day = options.day_of(as_of) or clock.today()
    found = snap.priorities[resolve_priority(snap, priority)]
    dated = priority_at(snap, found, day)
    if as_json:
        data = _json(snap, dated or found, day)
        if dated is None:
            data["status_on_as_of"] = None
        data["history_lines"] = describe_history(snap, found, day)
        output.emit_json(data)
        return
    console = output.out()
    on = dated.status if dated is not None else None
    console.print(f"[bold]{escape(found.title)}[/bold]  [dim]{found.id}[/dim]")
    console.print(Hanging("  ", f"{found.category.value}; {on.value if on else 'not named yet'} "
                                f"as of {day.isoformat()}"))  # fmt: skip
    if found.description:
        console.print(Hanging("  ", escape(found.description)))
    console.print("\n[bold]Votes and status changes[/bold]")
    for line in describe_history(snap, found, day):
        console.print(Hanging("  - ", escape(line)))
    if dated is not None and dated.decided_by:
        console.print(Hanging("  tie: ", escape(dated.decided_by)))
    teams = active_teams_on(snap, found.id, day)
    if teams:
        console.print("\n[bold]Active action teams[/bold]")
        for team in teams:
            console.print(Hanging("  - ", f"{escape(team.name)} [dim]({team.id})[/dim]"))


@app.command("status")
def status_command(
    priority: PriorityArg,
    status: Annotated[str, typer.Argument(help=STATUS_HELP)],
    date: Annotated[
        dt.datetime | None, options.date_option("--date", "The day it was decided (default: today).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Park it even though an active action team works on it.")
    ] = False,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Set a priority's status: selected, parked, done (finished) or candidate, dated.

    The status before it stays in the priority's history. Parking a priority that an
    active action team works on is refused unless --force: pause or close the team first.
    """
    from ngsp_cli.model import PriorityStatus
    from ngsp_cli.services.priorities.history import set_status
    from ngsp_cli.vocab import choose

    wanted = choose(PriorityStatus, status, "a priority status")
    updated, changed = set_status(
        options.root_of(folder),
        priority,
        wanted,
        on=options.day_of(date),
        force=force,
        today=options.day_of(as_of),
    )
    if as_json:
        output.emit_json(output.entity_json(updated))
    if changed:
        since = updated.since.isoformat() if updated.since else ""
        output.done(f"{updated.title} is {updated.status.value} since {since} (priorities/{updated.id}.yaml)")
    else:
        output.done(f"{updated.title} is already {updated.status.value}; nothing changed")
