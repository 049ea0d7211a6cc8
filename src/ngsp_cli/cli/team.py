"""`ngsp team ...`: action teams, their tasks and progress updates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output, prompts

if TYPE_CHECKING:
    from ngsp_cli.model import Task
    from ngsp_cli.services.priorities.team_summary import TeamSummary
    from ngsp_cli.store.folder import Snapshot

app = typer.Typer(no_args_is_help=True)
task_app = typer.Typer(no_args_is_help=True)
app.add_typer(task_app, name="task", help="Tasks of an action team: add, done.")

DateOption = Annotated[
    dt.datetime | None,
    options.date_option("--date", "The date (default: today)."),
]
AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option(),
]
TeamArg = Annotated[str, typer.Argument(help="Team id or name.")]
STATUS_HELP = "active, paused or done"


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@app.command("new")
def new(
    priority: Annotated[str, typer.Argument(help="The selected priority (id or title).")],
    champion: Annotated[
        list[str] | None,
        typer.Option("--champion", help="Business leader who leads the team (repeatable; at least one)."),
    ] = None,
    support: Annotated[
        list[str] | None, typer.Option("--support", help="Public partner who supports the team (repeatable).")
    ] = None,
    staff_lead: Annotated[
        str | None, typer.Option("--staff-lead", help="Public partner who keeps notes and schedules.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Team name (default: the priority).")] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="What the team wants to achieve.")] = None,
    measure: Annotated[
        list[str] | None, typer.Option("--measure", help="How success is measured (repeatable).")
    ] = None,
    formed: Annotated[
        dt.datetime | None,
        options.date_option("--formed", "Date formed (default: today)."),
    ] = None,
    team_id: Annotated[str | None, typer.Option("--id", help="Choose the id yourself.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Form a second team on a priority that already has an active one.")
    ] = False,
    as_of: Annotated[
        dt.datetime | None, options.writing_as_of_option("--formed may not be later than it.")
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Form an action team on a selected priority, led by at least one business champion."""
    from ngsp_cli.services.priorities.teams import new_team

    champions = list(champion or [])
    if not champions and prompts.can_prompt(no_input):
        answer = prompts.ask_text("--champion", "Business champion who leads the team (id or name):")
        champions = [answer]
    team = new_team(
        options.root_of(folder),
        priority,
        champions,
        support=support or [],
        staff_lead=staff_lead,
        name=name,
        goal=goal,
        measures=measure or [],
        formed=_day(formed),
        team_id=team_id,
        force=force,
        today=_day(as_of),
    )
    if as_json:
        output.emit_json(output.entity_json(team))
    output.done(f"formed {team.name} as action-teams/{team.id}.yaml")


def _summaries(snap: Snapshot, as_of: dt.date) -> list[TeamSummary]:
    from ngsp_cli.rules import PartnershipAt
    from ngsp_cli.services.priorities.team_summary import summarize_at

    view = PartnershipAt(snap, as_of)
    return [summarize_at(view, t) for t in view.teams]


def _summary_json(snap: Snapshot, summary: TeamSummary) -> dict[str, Any]:
    team = summary.team
    return {
        **output.entity_json(team),
        "priority_title": summary.priority_title,
        "business_champions": [p for p in summary.champions if snap.is_business(p)],
        "champions_gone": summary.champions_gone,
        "open_tasks": len(summary.open_tasks),
        "overdue_tasks": [t.id for t in summary.overdue_tasks],
        "last_update": summary.last_update,
        "reporting": summary.reporting,
        "flags": [{"kind": f.kind, "message": f.message} for f in summary.flags],
    }


def _names(snap: Snapshot, ids: list[str]) -> str:
    return ", ".join(snap.people[p].name if p in snap.people else p for p in ids)


def _surname(snap: Snapshot, person_id: str) -> str:
    person = snap.people.get(person_id)
    return person.name.split()[-1] if person else person_id


@app.command("list")
def list_(
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """List the action teams with champions, open tasks, last update and flags."""
    from rich import box
    from rich.markup import escape

    from ngsp_cli.cli.layout import FitTable, Hanging
    from ngsp_cli.text import plural

    snap = options.load_snapshot(folder)
    day = _day(as_of) or clock.today()
    summaries = _summaries(snap, day)
    if as_json:
        output.emit_json([_summary_json(snap, s) for s in summaries])
        return
    flagged = sum(1 for s in summaries if s.flags)
    table = FitTable(
        title=f"{plural(len(summaries), 'action team')}, {flagged} flagged (as of {day.isoformat()})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("team", no_wrap=True)
    table.add_column("champions", min_width=12)
    table.add_column("open", justify="right")
    table.add_column("late", justify="right")
    table.add_column("updated", no_wrap=True)
    table.add_column("flags", min_width=8)
    labels = {"no-business-champion": "no business champion", "stale": "stale", "overdue-tasks": "overdue"}
    for s in summaries:
        marks = [labels.get(f.kind, f.kind) for f in s.flags]
        if s.team.status.value != "active":
            marks.insert(0, s.team.status.value)
        table.add_row(
            output.cell(s.team.id),
            output.cell(", ".join(_surname(snap, p) for p in s.champions) or "-"),
            str(len(s.open_tasks)),
            str(len(s.overdue_tasks)),
            s.last_update.isoformat()
            if s.last_update
            else ("never (new, not due yet)" if s.reporting == "not-due" else "never"),
            ", ".join(marks) or "ok",
        )
    console = output.out()
    console.print(table)
    for s in summaries:
        for flag in s.flags:
            console.print(Hanging("[yellow]flag:[/yellow] ", escape(flag.message)))


def _task_detail(snap: Snapshot, task: Task, *, overdue: bool) -> str:
    """' (Ann Lee; due 2026-05-01 OVERDUE; quick win)' for a task as it stood on the day shown."""
    bits = []
    if task.owner:
        bits.append(_names(snap, [task.owner]))
    if task.due:
        bits.append(f"due {task.due.isoformat()}{' OVERDUE' if overdue else ''}")
    if task.done_on:
        bits.append(f"{task.status.value} {task.done_on.isoformat()}")
    if task.quick_win:
        bits.append("quick win")
    return f" ({'; '.join(bits)})" if bits else ""


@app.command("show")
def show(
    team: TeamArg,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Show one team: champions, support, goal, tasks and updates."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.services.priorities.team_summary import summarize
    from ngsp_cli.services.priorities.teams import find_team

    snap = options.load_snapshot(folder)
    day = _day(as_of) or clock.today()
    summary = summarize(snap, find_team(snap, team), day)
    if as_json:
        output.emit_json(_summary_json(snap, summary))
        return
    found = summary.team  # as it stood on the date
    console = output.out()
    standing = found.status.value if summary.formed else f"not formed yet on {day.isoformat()}"
    console.print(f"[bold]{escape(found.name)}[/bold]  [dim]{found.id}[/dim]  ({standing})")
    lead = _names(snap, [found.staff_lead]) if found.staff_lead else None
    for label, value in (
        ("priority", f"{summary.priority_title} ({found.priority})"),
        ("champions", _names(snap, summary.champions) or "none: a business champion is needed"),
        (
            "left",
            _names(snap, summary.champions_gone) and f"{_names(snap, summary.champions_gone)} (champion)",
        ),
        ("support", _names(snap, found.support)),
        ("staff lead", lead),
        ("goal", found.goal),
        ("measures", "; ".join(found.measures)),
        ("formed", found.formed.isoformat() if found.formed else None),
    ):
        if value:
            console.print(Hanging(f"  {label:10} ", escape(str(value))))
    if found.tasks:
        console.print("[bold]Tasks[/bold]")
    for task in found.tasks:
        mark = {"open": "[ ]", "done": "[x]", "dropped": "[-]"}[task.status.value]
        detail = _task_detail(snap, task, overdue=task in summary.overdue_tasks)
        console.print(Hanging(f"  {escape(mark)} {task.id} ", f"{escape(task.text)}{escape(detail)}"))
    if found.updates:
        console.print("[bold]Updates[/bold]")
    for update in sorted(found.updates, key=lambda u: u.date):
        by = f" ({_names(snap, [update.by])})" if update.by else ""
        console.print(Hanging("  ", f"{update.date.isoformat()}{escape(by)}: {escape(update.text)}", 4))
    for flag in summary.flags:
        console.print(Hanging("[yellow]flag:[/yellow] ", escape(flag.message)))


@task_app.command("add")
def task_add(
    team: TeamArg,
    text: Annotated[str, typer.Argument(help="What is to be done.")],
    owner: Annotated[str | None, typer.Option("--owner", help="Who does it (person id or name).")] = None,
    due: Annotated[
        dt.datetime | None,
        options.date_option("--due", "Due date."),
    ] = None,
    quick_win: Annotated[bool, typer.Option("--quick-win", help="An early, visible win.")] = False,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Add a task to an action team; screens of days before it was added leave it out."""
    from ngsp_cli.services.priorities.teams import add_task

    root = options.root_of(folder)
    found, task = add_task(
        root, team, text, owner=owner, due=_day(due), quick_win=quick_win, today=_day(as_of)
    )
    if as_json:
        output.emit_json({"team": found.id, **task.model_dump(mode="json")})
    output.done(f"added task {task.id} to {found.name}")


@task_app.command("done")
def task_done(
    team: TeamArg,
    task: Annotated[str, typer.Argument(help="Task id (t1, t2...) or the start of its text.")],
    date: DateOption = None,
    dropped: Annotated[bool, typer.Option("--dropped", help="The task was dropped, not done.")] = False,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Mark a task done (or dropped)."""
    from ngsp_cli.model import TaskStatus
    from ngsp_cli.services.priorities.teams import finish_task

    status = TaskStatus.dropped if dropped else TaskStatus.done
    found, finished = finish_task(
        options.root_of(folder), team, task, on=_day(date), status=status, today=_day(as_of)
    )
    if as_json:
        output.emit_json({"team": found.id, **finished.model_dump(mode="json")})
    output.done(f"{finished.id} of {found.name} is {finished.status.value}")


@app.command("update")
def update(
    team: TeamArg,
    text: Annotated[str, typer.Argument(help="What happened since the last update.")],
    by: Annotated[str | None, typer.Option("--by", help="Who reports it (person id or name).")] = None,
    date: DateOption = None,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Add a progress update to an action team, dated today or earlier."""
    from ngsp_cli.services.priorities.teams import add_update

    found, note = add_update(options.root_of(folder), team, text, by=by, on=_day(date), today=_day(as_of))
    if as_json:
        output.emit_json({"team": found.id, **note.model_dump(mode="json")})
    output.done(f"added the {note.date.isoformat()} update to {found.name}")


@app.command("status")
def status(
    team: TeamArg,
    new_status: Annotated[str, typer.Argument(metavar="STATUS", help=STATUS_HELP)],
    date: DateOption = None,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Set a team active, paused or done from a day (paused and done teams are not flagged).

    The status before it is kept under `history`, so screens of earlier days still show the
    team as it was then.
    """
    from ngsp_cli.model import TeamStatus
    from ngsp_cli.services.priorities.teams import set_status
    from ngsp_cli.vocab import choose

    wanted = choose(TeamStatus, new_status, "a team status")
    found, changed = set_status(options.root_of(folder), team, wanted, on=_day(date), today=_day(as_of))
    if as_json:
        output.emit_json(output.entity_json(found))
    if changed:
        output.done(
            f"{found.name} is {found.status.value} from {found.since.isoformat() if found.since else ''}"
        )
    else:
        output.note(f"{found.name} is already {found.status.value}; nothing was written")
