"""`ngsp check` (validate the folder, score the Next Gen indicators) and `ngsp assess`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output, prompts

if TYPE_CHECKING:
    from rich.console import Console

    from ngsp_cli.errors import Problem
    from ngsp_cli.model import AssessmentAnswer
    from ngsp_cli.playbook.indicators import IndicatorSet
    from ngsp_cli.services.assessment.assess import Recorded as RecordedAssessment
    from ngsp_cli.services.assessment.indicators import CheckReport

AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option(),
]

_MARKS = {
    "met": "[green]● met[/green]",
    "partial": "[yellow]◐ partial[/yellow]",
    "not-met": "[red]○ not met[/red]",
    "unknown": "[dim]? unknown[/dim]",
}


def _print_problems(console: Console, problems: list[Problem], *, warning: bool = False) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import field_label

    if warning:
        noun = "warning" if len(problems) == 1 else "warnings"
        console.print(f"[bold yellow]{len(problems)} {noun}[/bold yellow] (worth a look; not errors):")
    else:
        noun = "problem" if len(problems) == 1 else "problems"
        console.print(
            f"[bold red]The folder has {len(problems)} {noun}[/bold red] "
            f"(fix {'it' if len(problems) == 1 else 'them'}, then check again):"
        )
    for problem in problems:
        where = problem.location() or "(folder)"
        field = f" [dim]({escape(field_label(problem.field))})[/dim]" if problem.field else ""
        console.print(Hanging("  ", f"[bold]{escape(where)}[/bold]{field}: {escape(problem.message)}", 4))
        if problem.hint:
            console.print(Hanging("    [cyan]hint:[/cyan] ", escape(problem.hint)))


def _print_scorecard(console: Console, report: CheckReport) -> None:
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from ngsp_cli.cli.layout import Hanging

    console.print(f"[bold]{escape(report.name)}[/bold]: Next Gen check as of {report.as_of.isoformat()}")
    for feature in report.features:
        console.print()
        console.print(f"[bold underline]{escape(feature.title)}[/bold underline]  {feature.score:.2f}")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, width=11)
        grid.add_column(ratio=1)
        for result in feature.indicators:
            text = output.cell(result.title)
            text.stylize("bold")
            text.append(" " + result.id, style="dim")
            text.append("\n" + result.evidence)
            if result.source == "self-assessment":
                text.append(" (self-assessment)", style="dim")
            # The hint's wrapped lines stay under its text, clear of "next:".
            hint = Hanging(Text("next: ", style="cyan"), output.cell(result.hint))
            grid.add_row(_MARKS[result.status.value], Group(text, hint))
            grid.add_row("", "")
        console.print(grid)
    counts = report.counts()
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    score = report.score if report.score is not None else 0.0
    console.print(f"[bold]Score {score:.2f}[/bold] of 1.00 ({summary}; unknown counts as 0).")


def check_command(
    as_json: options.JsonOption = False,
    minimum: Annotated[
        float | None,
        options.number_option(
            "--min",
            "Exit 1 when the score is below this (0 to 1).",
            minimum=0,
            maximum=1,
            whole=False,
            example=0.7,
        ),
    ] = None,
    as_of: AsOfOption = None,
    only: Annotated[
        str | None,
        typer.Option("--only", help="'schema': only validate the folder (fast; for pre-commit hooks)."),
    ] = None,
    folder: options.DirOption = None,
) -> None:
    """Validate the whole folder, then score the Next Gen indicators with evidence and hints.

    Exit 0 when the folder is valid (and the score reaches --min), 1 when the
    score is below --min, 2 when any file has a problem (all are listed).
    """
    from ngsp_cli.errors import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, UsageError
    from ngsp_cli.services.assessment.check import check_folder

    if only not in (None, "schema"):
        raise UsageError(f"'{only}' is not something check can do alone", hint="use --only schema")
    day = as_of.date() if as_of else clock.today()
    checked = check_folder(options.root_of(folder), day, schema_only=only == "schema")
    report, snap = checked.report, checked.snapshot
    if as_json:
        output.emit_json(report.as_json())
    console = output.out()
    if report.warnings and not as_json:
        _print_problems(console, report.warnings, warning=True)
    if not report.valid:
        if not as_json:
            _print_problems(console, report.errors)
        raise typer.Exit(EXIT_BAD_INPUT)
    if not report.scored:
        if not as_json:
            console.print(f"[green]✓[/green] Every file is valid ({_counted(snap)}).", soft_wrap=True)
        return
    if not as_json:
        _print_scorecard(console, report)
    score = report.score or 0.0
    if minimum is not None and score < minimum:
        output.err().print(
            f"[bold red]The score {score:.2f} is below the minimum {minimum:.2f}.[/bold red] "
            "Start with the indicators marked not met or unknown."
        )
        raise typer.Exit(EXIT_CHECK_FAILED)


def _counted(snap: object) -> str:
    from ngsp_cli.store.folder import Snapshot
    from ngsp_cli.text import plural

    if not isinstance(snap, Snapshot):
        return "the folder"
    return ", ".join(
        [
            plural(len(snap.organizations), "organization"),
            plural(len(snap.people), "person", "people"),
            plural(len(snap.meetings), "meeting"),
            plural(len(snap.priorities), "priority", "priorities"),
            plural(len(snap.teams), "action team"),
            plural(len(snap.assessments), "assessment"),
        ]
    )


def assess_command(
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a", help="ID=yes|partly|no|unknown; repeat for each indicator."),
    ] = None,
    note: Annotated[
        list[str] | None, typer.Option("--note", "-n", help="ID=TEXT: why you answered so; repeatable.")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", dir_okay=False, help="Answers from a YAML or CSV file (indicator,answer,note)."
        ),
    ] = None,
    date: Annotated[
        dt.datetime | None,
        options.date_option("--date", "Date of the assessment (default: today)."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who answered (names or person ids).")] = None,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Record the partnership's self-assessment of the Next Gen indicators, dated.

    Answer each indicator yes, partly, no or unknown, with a note. Where the
    folder itself holds no evidence for an indicator, `ngsp check` uses the
    latest answer.
    """
    from ngsp_cli.errors import UsageError
    from ngsp_cli.playbook.indicators import load_indicators
    from ngsp_cli.services.assessment.assess import (
        ANSWER_WORDS,
        answers_from_file,
        answers_from_flags,
        in_indicator_order,
        record_assessment,
    )
    from ngsp_cli.store.folder import read_partnership

    root = options.root_of(folder)
    indicator_set = load_indicators(root, read_partnership(root))
    from ngsp_cli.services.dates import not_in_future

    day = not_in_future(
        options.day_of(date),
        options.day_of(as_of),
        "a self-assessment",
        "--date",
        "date the assessment the day it was answered",
    )
    answers: dict[str, AssessmentAnswer] = {}
    if from_file is not None:
        answers.update(answers_from_file(indicator_set, from_file))
    answers.update(answers_from_flags(indicator_set, answer or [], note or []))
    if not answers:
        if not prompts.can_prompt(no_input):
            raise UsageError(
                "no answers given",
                hint=f"pass --answer ID={ANSWER_WORDS.replace(', ', '|').replace(' or ', '|')} "
                "(ids: " + ", ".join(indicator_set.ids()) + "), --from FILE, or run in a terminal",
            )
        answers = _ask_answers(root, indicator_set, day)
        if by is None:
            by = prompts.ask_text("--by", "Who took part in this assessment?", required=False) or None
    answers = in_indicator_order(answers, indicator_set)
    recorded = record_assessment(root, answers, day, by=by)
    if as_json:
        output.emit_json(output.entity_json(recorded.assessment))
    output.done(
        f"{_what_changed(recorded)} in assessments/{recorded.assessment.id}.yaml; "
        "run 'ngsp check' to see the score"
    )


def _what_changed(recorded: RecordedAssessment) -> str:
    from ngsp_cli.text import plural

    if recorded.created:
        return f"recorded {plural(len(recorded.assessment.answers), 'answer')}"
    parts = []
    if recorded.added:
        parts.append(f"added {plural(len(recorded.added), 'answer')}")
    if recorded.changed:
        parts.append(f"changed {plural(len(recorded.changed), 'answer')}")
    if recorded.unchanged:
        same = len(recorded.unchanged)
        parts.append(f"kept {plural(same, 'answer')} as " + ("it was" if same == 1 else "they were"))
    return ", ".join(parts)


def _ask_answers(root: Path, indicator_set: IndicatorSet, day: dt.date) -> dict[str, AssessmentAnswer]:
    """Ask each indicator's question on the terminal, offering the last answer as default."""
    import questionary
    from rich.markup import escape

    from ngsp_cli.model import Answer, AssessmentAnswer
    from ngsp_cli.services.assessment.indicators import latest_answer
    from ngsp_cli.store import folder as store

    snap = store.load(root, strict=False)
    console = output.err()
    console.print(
        f"[bold]Self-assessment of {day.isoformat()}[/bold]: answer yes, partly, no or unknown "
        "for each indicator (Ctrl-C stops without saving)."
    )
    answers: dict[str, AssessmentAnswer] = {}
    for indicator in indicator_set.indicators:
        definition = indicator.definition
        previous = latest_answer(snap, definition.id, day, include_unknown=True)
        console.print(f"\n[bold]{escape(definition.title)}[/bold] [dim]({definition.id})[/dim]")
        default = previous[1].value if previous else Answer.unknown.value
        if previous:
            console.print(f"[dim]last answer ({previous[0].date.isoformat()}): {default}[/dim]")
        choice = questionary.select(
            definition.question, choices=[a.value for a in Answer], default=default, use_shortcuts=True
        ).ask()
        if choice is None:
            raise KeyboardInterrupt
        text = questionary.text(
            "Note (why; optional):", default=(previous[2] or "") if previous else ""
        ).ask()
        if text is None:
            raise KeyboardInterrupt
        answers[definition.id] = AssessmentAnswer(answer=Answer(choice), note=text.strip() or None)
    return answers
