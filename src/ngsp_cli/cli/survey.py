"""`ngsp survey`: record the annual outcome survey."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ngsp_cli.cli import options, output, prompts

if TYPE_CHECKING:
    from ngsp_cli.model import AssessmentAnswer
    from ngsp_cli.services.assessment.survey import SurveyDefinition

DateOption = Annotated[
    dt.datetime | None,
    options.date_option("--date", "Date of the survey (default: today)."),
]


def survey_command(
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            help="QUESTION=yes|partly|no|unknown, with ':N' for a count (e.g. work-based-learning=yes:14). "
            "Repeat for each question.",
        ),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", help="QUESTION=TEXT: evidence or an example for one answer (repeatable)."),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", help="Read answers from a YAML or JSON file (question-id: answer).", dir_okay=False
        ),
    ] = None,
    date: DateOption = None,
    by: Annotated[str | None, typer.Option("--by", help="Who answered (a name or person id).")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="A note on the whole survey.")] = None,
    questions: Annotated[
        bool, typer.Option("--questions", help="List the survey questions and their ids, then stop.")
    ] = False,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Record the annual outcome survey (what changed for businesses, students and jobseekers, partners).

    In a terminal ngsp asks each question; otherwise give answers with --answer or --from.
    Answers are saved, dated, in assessments/<date>-outcome-survey.yaml; running it again on
    the same date adds to (or corrects) that day's answers.
    """
    from ngsp_cli.errors import NgspError, UsageError
    from ngsp_cli.services.assessment.survey import (
        answers_from_file,
        folder_survey,
        load_survey,
        record_survey,
    )
    from ngsp_cli.text import plural

    if questions:
        # The folder's own questions when run in one; the bundled ones anywhere else.
        try:
            survey = folder_survey(options.root_of(folder))
        except NgspError:
            if folder is not None:
                raise
            survey = load_survey()
        _print_questions(survey, as_json)
        return
    root = options.root_of(folder)
    survey = folder_survey(root)
    answers: dict[str, AssessmentAnswer] = {}
    file_date: dt.date | None = None
    if from_file is not None:
        from_the_file = answers_from_file(from_file, survey)
        answers.update(from_the_file.answers)
        file_date = from_the_file.date
        by = by or from_the_file.by
        notes = notes or from_the_file.notes
    answers.update(_answers_from_flags(answer or []))
    _add_notes(answers, note or [])
    from ngsp_cli.services.dates import not_in_future

    when = not_in_future(
        options.day_of(date) or file_date,
        options.day_of(as_of),
        "an outcome survey",
        "--date" if date else ("date" if file_date else "--as-of"),
        "date the survey the day it was answered",
    )
    if not answers:
        if not prompts.can_prompt(no_input):
            raise UsageError(
                "no answers were given",
                hint="pass --answer QUESTION=yes (see 'ngsp survey --questions') or --from FILE, "
                "or run the command in a terminal to be asked",
            )
        answers = _ask_all(survey)
        by = by or prompts.ask_text("--by", "Who answered (name)? (Enter to skip)", required=False) or None
    recorded = record_survey(root, when, answers, by=by, notes=notes, survey=survey)
    if as_json:
        output.emit_json(output.entity_json(recorded.survey))
    rel = recorded.path.relative_to(root)
    verb = "recorded" if recorded.created else "updated"
    output.done(f"{verb} {plural(len(answers), 'answer')} in {rel}")


def _answers_from_flags(values: list[str]) -> dict[str, AssessmentAnswer]:
    from ngsp_cli.errors import UsageError
    from ngsp_cli.model import AssessmentAnswer
    from ngsp_cli.services.assessment.survey import parse_answer_text

    out: dict[str, AssessmentAnswer] = {}
    for value in values:
        qid, sep, text = value.partition("=")
        if not sep or not qid.strip():
            raise UsageError(
                f"'{value}' is not QUESTION=ANSWER",
                hint="for example --answer new-products-or-markets=yes "
                "or --answer work-based-learning=yes:14",
            )
        try:
            answer, count = parse_answer_text(text)
        except ValueError as exc:
            raise UsageError(f"--answer {value}: {exc}") from None
        out[qid.strip()] = AssessmentAnswer(answer=answer, count=count)
    return out


def _add_notes(answers: dict[str, AssessmentAnswer], values: list[str]) -> None:
    from ngsp_cli.errors import UsageError
    from ngsp_cli.model import Answer, AssessmentAnswer

    for value in values:
        qid, sep, text = value.partition("=")
        qid = qid.strip()
        if not sep or not qid or not text.strip():
            raise UsageError(
                f"'{value}' is not QUESTION=TEXT", hint="for example --note data-shared='monthly'"
            )
        if qid in answers:
            answers[qid] = answers[qid].model_copy(update={"note": text.strip()})
        else:
            answers[qid] = AssessmentAnswer(answer=Answer.unknown, note=text.strip())


def _ask_all(survey: SurveyDefinition) -> dict[str, AssessmentAnswer]:
    from ngsp_cli.model import Answer, AssessmentAnswer

    console = output.err()
    answers: dict[str, AssessmentAnswer] = {}
    choices = [a.value for a in Answer]
    for group in survey.groups:
        console.print(f"\n[bold]{group.title}[/bold]")
        for question in group.questions:
            word = prompts.ask_choice("--answer", question.text, choices, default=Answer.unknown.value)
            answer = Answer(word)
            count: int | None = None
            note: str | None = None
            if answer in (Answer.yes, Answer.partly):
                if question.count:
                    count = _ask_count(f"How many {question.count}? (Enter to skip)")
                note = (
                    prompts.ask_text("--note", "Evidence or an example? (Enter to skip)", required=False)
                    or None
                )
            answers[question.id] = AssessmentAnswer(answer=answer, count=count, note=note)
    return answers


def _ask_count(question: str) -> int | None:
    while True:
        text = prompts.ask_text("--answer", question, required=False)
        if not text:
            return None
        if text.isdigit():
            return int(text)
        output.err().print("  please type a whole number, or press Enter to skip")


def _print_questions(survey: SurveyDefinition, as_json: bool) -> None:
    if as_json:
        output.emit_json(survey.model_dump(mode="json"))
        return
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging

    console = output.out()
    console.print(f"[bold]{escape(survey.title)}[/bold]  (answers: yes, partly, no, unknown)")
    for group in survey.groups:
        console.print(f"\n[bold]{escape(group.title)}[/bold]")
        for question in group.questions:
            counted = f"  [dim](count: {escape(question.count)})[/dim]" if question.count else ""
            console.print(Hanging("  ", f"{question.id}{counted}", 4))
            console.print(Hanging("    ", escape(question.text)))
