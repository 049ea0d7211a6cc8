"""`ngsp status` and `ngsp playbook`: where the partnership stands in the Next Gen script."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output

if TYPE_CHECKING:
    from pathlib import Path

    from ngsp_cli.playbook import Playbook
    from ngsp_cli.services.assessment.status import StatusReport
    from ngsp_cli.store.folder import Snapshot

AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option(),
]

_MARK = {"done": "[green]✓[/green]", "todo": "[red]☐[/red]", "manual": "[yellow]?[/yellow]"}


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value else clock.today()


def load_with_playbook(folder: Path | None) -> tuple[Snapshot, Playbook]:
    """The folder and its playbook (bundled phases plus the folder's overrides)."""
    from ngsp_cli.playbook import load_playbook

    snap = options.load_snapshot(folder)
    return snap, load_playbook(snap.root, snap.partnership)


def status_command(
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Where the partnership stands: phase, steps done, the next step and why, meetings, warnings."""
    from ngsp_cli.services.assessment.status import build_status

    snap, playbook = load_with_playbook(folder)
    report = build_status(snap, playbook, _day(as_of))
    if as_json:
        output.emit_json(report.as_json())
        return
    _print_status(report, len(playbook.phases))


def _print_status(report: StatusReport, total: int) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import plural

    console = output.out()

    def line(lead: str, markup: str) -> None:
        """A line whose wrapped rest stays under its text, not under the lead."""
        console.print(Hanging(lead, markup))

    console.print(f"[bold]{escape(report.partnership)}[/bold] — status on {report.as_of.isoformat()}")
    console.print()
    how = "set in partnership.yaml" if report.phase_set_by_hand else "worked out from your files"
    title = f"Phase {report.phase.number} of {total}: {escape(report.phase.title)}"
    console.print(f"[bold]{title}[/bold]  [dim]({how})[/dim]")
    trail = []
    symbols = {"current": "●", "done": "✓", "moot": "–"}
    for progress in report.phases:
        mark = symbols.get(report.marks.get(progress.phase.id, ""), "○")
        trail.append(f"{mark}{progress.phase.number}")
    legend = "✓ checklist complete  ● current  ○ not yet"
    if "moot" in report.marks.values():
        legend += "  – passed (the launch was held)"
    line("  phases ", f"{' '.join(trail)}  [dim]({legend})[/dim]")
    console.print()
    console.print("[bold]Steps of this phase[/bold]  [dim](✓ done  ☐ to do  ? only you can tell)[/dim]")
    for result in report.progress.steps:
        arrow = (
            " [bold cyan]← next[/bold cyan]"
            if report.next_step and result.step.id == report.next_step.id
            else ""
        )
        line(f"  {_MARK[result.state]} ", f"{escape(result.step.text)}{arrow}")
    console.print()
    if report.next_step is not None:
        line("[bold cyan]Next step:[/bold cyan] ", escape(report.next_step.text))
        line("  [dim]Why:[/dim] ", escape(report.next_step.why))
        for evidence in report.progress.evidence(report.next_step):
            line("  [dim]Now:[/dim] ", escape(evidence))
    else:
        line("[bold cyan]Next step:[/bold cyan] ", "every step of this phase looks done; "
             "see 'ngsp playbook' for the next phase")  # fmt: skip
    console.print()
    console.print("[bold]Checklist[/bold]")
    for item_result in report.progress.items:
        detail = f" [dim]— {escape(item_result.detail)}[/dim]"
        line(f"  {_MARK[item_result.state]} ", f"{escape(item_result.item.text)}{detail}")
    console.print()
    if report.unrecorded:
        console.print("[bold]Past meetings with nothing recorded[/bold]")
        for meeting in report.unrecorded[-5:]:
            line(
                f"  {meeting.date.isoformat()}  ",
                f"{escape(meeting.title)} [dim]({meeting.kind.value}; {meeting.id})[/dim]",
            )
            line("      ", f"held? record who came with 'ngsp meeting attend {meeting.id} PERSON...'")
        console.print()
    console.print("[bold]Upcoming meetings[/bold]")
    if not report.upcoming:
        line("  ", "none planned — plan one with 'ngsp meeting new KIND --date YYYY-MM-DD'")
    for meeting in report.upcoming[:5]:
        count = report.headcounts[meeting.id]
        when = meeting.date.isoformat() + (f" {meeting.time}" if meeting.time else "")
        line(f"  {when}  ", f"{escape(meeting.title)} [dim]({meeting.kind.value}; {meeting.id})[/dim]")
        line(
            "      ",
            f"invited: {plural(count.business, 'business leader')}, {plural(count.public, 'public partner')}",
        )
        said_yes = report.said_yes.get(meeting.id)
        if said_yes is not None:
            line(
                "      ",
                f"said yes: {plural(said_yes.business, 'business leader')}, "
                f"{plural(said_yes.public, 'public partner')}",
            )
    if report.overdue_items or report.overdue_tasks:
        console.print()
        console.print("[bold]Overdue[/bold]")
    for item in report.overdue_items:
        owner = f" — {escape(item['owner_name'])}" if item["owner_name"] else ""
        line("  [red]●[/red] ", f"{escape(item['text'])}{owner}, due {item['due']} "
             f"[dim](action item of {escape(item['meeting_title'])})[/dim]")  # fmt: skip
    for task in report.overdue_tasks:
        owner = f" — {escape(task['owner_name'])}" if task["owner_name"] else ""
        line("  [red]●[/red] ", f"{escape(task['text'])}{owner}, due {task['due']} "
             f"[dim](task of {escape(task['team_name'])})[/dim]")  # fmt: skip
    if report.team_flags:
        console.print()
        console.print("[bold]Action teams[/bold]")
        for flag in report.team_flags:
            line("  [yellow]![/yellow] ", escape(flag.message))
    if report.warnings:
        console.print()
        console.print("[bold]Warnings[/bold]")
        for warning in report.warnings:
            line("  [yellow]![/yellow] ", escape(warning.message))


def playbook_command(
    phase: Annotated[
        str | None, typer.Argument(help="Phase id or number; leave out to list the phases.")
    ] = None,
    rules: Annotated[
        bool, typer.Option("--rules", help="List the checklist rules a playbook may use.")
    ] = False,
    tick: Annotated[
        list[str] | None, typer.Option("--tick", help="Tick a checklist item only you can tell (its id).")
    ] = None,
    untick: Annotated[list[str] | None, typer.Option("--untick", help="Take a tick back.")] = None,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """The Next Gen script: the phases, or one phase's steps, checklist, pitfalls and agenda outline."""
    from ngsp_cli.errors import NotFoundError
    from ngsp_cli.playbook import load_playbook

    if rules:
        _print_rules(as_json)
        return
    if tick or untick:
        from ngsp_cli.services.assessment.status import tick as tick_item
        from ngsp_cli.store.folder import read_partnership

        root = options.root_of(folder)
        book = load_playbook(root, read_partnership(root))
        for item_id, done in [*((i, True) for i in tick or []), *((i, False) for i in untick or [])]:
            item = tick_item(root, book, item_id, done=done)
            output.done(f"{'ticked' if done else 'unticked'}: {item.text}")
        return
    snap = None
    try:
        snap, playbook = load_with_playbook(folder)
    except NotFoundError:
        if folder is not None or options.STATE.folder is not None:
            raise
        playbook = load_playbook()  # outside a partnership folder: the bundled script
    day = _day(as_of)
    current = None
    if snap is not None:
        from ngsp_cli.services.assessment.status import current_phase

        current = current_phase(snap, playbook, day)
    if phase is None:
        _list_phases(playbook, current.id if current else None, as_json)
        return
    found = playbook.find(phase)
    if found is None:
        raise NotFoundError(
            f"there is no phase '{phase}'",
            hint="use a number or one of: " + ", ".join(p.id for p in playbook.phases),
        )
    progress = None
    if snap is not None:
        from ngsp_cli.playbook.progress import phase_progress
        from ngsp_cli.rules import PartnershipAt

        progress = phase_progress(found, PartnershipAt(snap, day))
    if as_json:
        data = found.model_dump(mode="json")
        data["file"] = playbook.origins.get(found.id)
        data["current"] = current is not None and current.id == found.id
        if progress is not None:
            data["progress"] = {
                "steps": {r.step.id: r.state for r in progress.steps},
                "checklist": {r.item.id: {"state": r.state, "detail": r.detail} for r in progress.items},
            }
        output.emit_json(data)
        return
    from rich.markdown import Markdown

    from ngsp_cli.playbook.markdown import phase_markdown

    output.out().print(Markdown(phase_markdown(found, progress, len(playbook.phases))))


def _list_phases(playbook: Playbook, current: str | None, as_json: bool) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging

    if as_json:
        output.emit_json(
            [{"id": p.id, "number": p.number, "title": p.title, "current": p.id == current,
              "file": playbook.origins.get(p.id)} for p in playbook.phases]
        )  # fmt: skip
        return
    console = output.out()
    console.print("[bold]The Next Gen script[/bold]")
    for p in playbook.phases:
        marker = "[bold cyan]→[/bold cyan]" if p.id == current else " "
        here = "  [bold cyan](you are here)[/bold cyan]" if p.id == current else ""
        console.print(Hanging(f" {marker} {p.number}. ", f"{escape(p.title)} [dim]({p.id})[/dim]{here}"))
    console.print()
    console.print("[dim]Read a phase with 'ngsp playbook NUMBER' or 'ngsp playbook ID'.[/dim]")


def _print_rules(as_json: bool) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.rules import RULES

    if as_json:
        output.emit_json(
            [{"id": r.id, "description": r.description, "params": r.defaults()} for r in RULES.values()]
        )
        return
    console = output.out()
    console.print(
        "[bold]Rules[/bold] [dim](use as 'computed: RULE' in a playbook phase file, "
        "or 'rule: RULE' in indicators.yaml)[/dim]"
    )
    for r in RULES.values():
        params = r.params_text()
        console.print(
            Hanging("  ", f"[bold]{r.id}[/bold]{'  [dim]params ' + params + '[/dim]' if params else ''}", 6)
        )
        console.print(Hanging("      ", escape(r.description)))
