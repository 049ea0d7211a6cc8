"""The annual outcome survey: its questions (data in playbooks/) and its dated answers.

The questions live in `playbooks/outcome-survey.yaml`, grouped as a state
reports them (businesses; students and jobseekers; partnership and system
change).  Answers are an Assessment of kind `outcome-survey` written to
`assessments/<date>-outcome-survey.yaml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ngsp_cli.errors import FolderInvalid, InputError, NotFoundError, Problem
from ngsp_cli.model import Answer, Assessment, AssessmentAnswer, AssessmentKind, Partnership
from ngsp_cli.playbook.loader import OWN_FOLDER, SURVEY_FILE
from ngsp_cli.resources import bundled
from ngsp_cli.store import yamlio
from ngsp_cli.store.files import locked
from ngsp_cli.store.folder import PARTNERSHIP_FILE, Snapshot
from ngsp_cli.store.problems import problems_from_validation
from ngsp_cli.store.reading import RawFile, read_raw
from ngsp_cli.vocab import did_you_mean

KIND = AssessmentKind.outcome_survey


class _Strict(BaseModel):
    # defer_build: the validator is built on first use; kept definitions (store/definitions.py) need none.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)


class SurveyQuestion(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    statement: str = Field(min_length=1, description="finishes '82% of partnerships ...'")
    count: str | None = Field(None, description="what to count when the answer is yes or partly")


class SurveyGroup(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    questions: list[SurveyQuestion] = Field(min_length=1)


class SurveyDefinition(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    groups: list[SurveyGroup] = Field(min_length=1)

    def questions(self) -> list[SurveyQuestion]:
        return [q for g in self.groups for q in g.questions]

    def question(self, question_id: str) -> SurveyQuestion | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def ids(self) -> list[str]:
        return [q.id for q in self.questions()]


@cache
def load_survey(path: Path | None = None) -> SurveyDefinition:
    """The survey questions (the bundled ones unless `path` names another file)."""
    from ngsp_cli.store.definitions import remembered

    if path is None:
        path = bundled("playbooks") / SURVEY_FILE
    return remembered(("survey",), [path], lambda: _read_survey(path))


def _read_survey(path: Path) -> SurveyDefinition:
    raw = read_raw(path.parent, path.name)
    try:
        survey = SurveyDefinition.model_validate(raw.data)
    except ValidationError as exc:
        raise FolderInvalid(problems_from_validation(exc, raw, SurveyDefinition)) from exc
    seen: set[str] = set()
    for question in survey.questions():
        if question.id in seen:
            raise InputError(f"the question id '{question.id}' appears twice", file=str(path))
        seen.add(question.id)
    return survey


def survey_files(root: Path, partnership: Partnership | None) -> list[Path]:
    """Files that replace the bundled questions, least specific first (the last one is used).

    As with the playbook's phases and indicators: `outcome-survey.yaml` in the
    playbook folder named by `playbook:` in partnership.yaml (a state program's
    own questions), then in the partnership's own `playbook/` folder.
    """
    found: list[Path] = []
    if partnership is not None and partnership.playbook:
        candidate = root / partnership.playbook / SURVEY_FILE
        if candidate.is_file():
            found.append(candidate)
    own = root / OWN_FOLDER / SURVEY_FILE
    if own.is_file():
        found.append(own)
    return found


def folder_survey(root: Path, partnership: Partnership | None = None) -> SurveyDefinition:
    """The survey questions a partnership folder uses: its own or its program's, else the bundled ones."""
    if partnership is None and (root / PARTNERSHIP_FILE).is_file():
        from ngsp_cli.store.folder import load

        partnership = load(root, kinds=(), check_references=False).partnership
    files = survey_files(root, partnership)
    return load_survey(files[-1].resolve()) if files else load_survey()


def survey_id(date: dt.date) -> str:
    return f"{date.isoformat()}-{KIND.value}"


def outcome_surveys(snap: Snapshot, as_of: dt.date | None = None) -> list[Assessment]:
    """Outcome surveys of the folder, oldest first (only those dated on or before `as_of`)."""
    found = [a for a in snap.assessments.values() if a.kind is KIND and (as_of is None or a.date <= as_of)]
    return sorted(found, key=lambda a: (a.date, a.id))


# ---------------------------------------------------------------------------
# Answers given as flags or in a file


def parse_answer_text(text: str) -> tuple[Answer, int | None]:
    """'yes', 'partly:12', 'no' -> (answer, count); raises ValueError with plain words."""
    from ngsp_cli.services.assessment.assess import answer_hint, parse_answer

    word, _, number = text.strip().partition(":")
    answer = parse_answer(word)
    if answer is None:
        raise ValueError(f"'{word.strip()}' is not an answer; {answer_hint(word)}")
    count: int | None = None
    if number.strip():
        try:
            count = int(number.strip())
        except ValueError:
            raise ValueError(f"'{number.strip()}' is not a whole number") from None
        if count < 0:
            raise ValueError("a count cannot be negative")
    return answer, count


def _check_ids(survey: SurveyDefinition, ids: list[str], where: str | None = None) -> None:
    known = set(survey.ids())
    for qid in ids:
        if qid not in known:
            raise InputError(
                f"there is no survey question '{qid}'",
                file=where,
                hint=f"{did_you_mean(qid, survey.ids(), n=1)}"
                "see the question ids with 'ngsp survey --questions'",
            )


class SurveyFile(NamedTuple):
    """What a survey answers file holds: the answers and, optionally, who answered, when, a note."""

    answers: dict[str, AssessmentAnswer]
    date: dt.date | None = None
    by: str | None = None
    notes: str | None = None


def answers_from_file(path: Path, survey: SurveyDefinition) -> SurveyFile:
    """Answers from a YAML or JSON file.

    The file is either `{question-id: answer}` or an assessment-like mapping with
    `answers:` (and optionally `date:`, `by:`, `notes:`).  An answer is a word
    (`yes`, `partly:12` with a count) or `{answer: yes, count: 12, note: ...}`.
    Every wrong answer is reported at once.
    """
    if not path.is_file():
        raise NotFoundError(f"{path} does not exist", hint="check the file name")
    raw = read_raw(path.parent, path.name)._replace(rel=str(path))
    answers_data, extra = _answers_section(raw, path)
    prefix = ("answers",) if answers_data is not raw.data else ()
    answers: dict[str, AssessmentAnswer] = {}
    problems: list[Problem] = []
    known = set(survey.ids())
    for qid, value in answers_data.items():
        line = yamlio.line_of(raw.text, (*prefix, qid))
        if qid not in known:
            unknown = f"there is no survey question '{qid}'"
            hint = "see the question ids with 'ngsp survey --questions'"
            problems.append(Problem(unknown, file=str(path), line=line, hint=hint))
            continue
        try:
            answers[qid] = _answer_of(value)
        except ValidationError as exc:
            sub = RawFile(rel=str(path), text=raw.text, data=value)
            for problem in problems_from_validation(exc, sub, AssessmentAnswer):
                problems.append(
                    Problem(problem.message, file=str(path), line=line, field=f"{qid}.{problem.field}",
                            hint=problem.hint)
                )  # fmt: skip
        except ValueError as exc:
            hint = "answer yes, partly, no or unknown (with ':N' for a count)"
            problems.append(Problem(str(exc), file=str(path), line=line, field=qid, hint=hint))
    if problems:
        raise FolderInvalid(problems)
    return SurveyFile(
        answers,
        date=_file_date(extra.get("date"), raw, path),
        by=str(extra["by"]) if extra.get("by") else None,
        notes=str(extra["notes"]) if extra.get("notes") else None,
    )


def _answer_of(value: Any) -> AssessmentAnswer:
    """One answer as written: `{answer: yes, count: 12}` or a word such as `partly:12`."""
    if isinstance(value, dict):
        return AssessmentAnswer.model_validate(value)
    answer, count = parse_answer_text(str(value or ""))
    return AssessmentAnswer(answer=answer, count=count)


def _answers_section(raw: RawFile, path: Path) -> tuple[Mapping[str, Any], dict[str, Any]]:
    """The answers of the file and its other top-level values (`date`, `by`, `notes`, `kind`)."""
    data = raw.data
    if not isinstance(data, dict):
        raise InputError(
            "the file must hold 'question-id: answer' lines",
            file=str(path),
            line=1,
            hint="for example 'new-products-or-markets: yes'",
        )
    if "answers" not in data:
        return data, {}
    answers_data = data["answers"] or {}
    if not isinstance(answers_data, dict):
        raise InputError(
            "'answers' must be a set of 'question-id: answer' lines",
            file=str(path),
            line=yamlio.line_of(raw.text, ("answers",)),
        )
    extra = {k: v for k, v in data.items() if k != "answers"}
    unknown = set(extra) - {"date", "by", "notes", "kind"}
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(
            f"'{key}' is not something a survey file can hold",
            file=str(path),
            line=yamlio.line_of(raw.text, (key,)),
            hint="use answers:, date:, by: and notes:",
        )
    return answers_data, extra


def _file_date(value: Any, raw: RawFile, path: Path) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"'{value}' is not a date",
            file=str(path),
            line=yamlio.line_of(raw.text, ("date",)),
            field="date",
            hint="write dates as YYYY-MM-DD",
        ) from None


# ---------------------------------------------------------------------------
# Recording


class Recorded(NamedTuple):
    survey: Assessment
    path: Path
    created: bool


@locked
def record_survey(
    root: Path,
    date: dt.date,
    answers: Mapping[str, AssessmentAnswer],
    *,
    by: str | None = None,
    notes: str | None = None,
    survey: SurveyDefinition | None = None,
) -> Recorded:
    """Write (or add to) the outcome survey of `date`; answers given replace earlier ones."""
    from ngsp_cli.store.folder import load
    from ngsp_cli.store.write import save

    survey = survey or folder_survey(root)
    _check_ids(survey, list(answers))
    entity_id = survey_id(date)
    snap = load(root, kinds=(Assessment,), check_references=False)
    existing = snap.assessments.get(entity_id)
    if existing is not None and existing.kind is not KIND:
        raise InputError(
            f"assessments/{entity_id}.yaml is not an outcome survey",
            file=f"assessments/{entity_id}.yaml",
            hint="fix its 'kind:' or choose another date",
        )
    if existing is None:
        record = Assessment(kind=KIND, date=date, by=by, notes=notes)
        record.id = entity_id
    else:
        record = existing
        if by:
            record.by = by
        if notes:
            record.notes = notes
    merged = dict(record.answers)
    merged.update(answers)
    order = {qid: index for index, qid in enumerate(survey.ids())}
    record.answers = dict(sorted(merged.items(), key=lambda item: order.get(item[0], len(order))))
    path = save(root, record, create=existing is None)
    return Recorded(survey=record, path=path, created=existing is None)


# ---------------------------------------------------------------------------
# Reading results


class QuestionResult(NamedTuple):
    group: str
    question: SurveyQuestion
    answer: AssessmentAnswer | None


def survey_results(
    survey: SurveyDefinition, record: Assessment | None
) -> list[tuple[SurveyGroup, list[QuestionResult]]]:
    """Every question of the survey with its answer in `record` (None when not answered)."""
    answers = record.answers if record is not None else {}
    return [
        (group, [QuestionResult(group.id, q, answers.get(q.id)) for q in group.questions])
        for group in survey.groups
    ]


def answer_counts(record: Assessment | None, survey: SurveyDefinition) -> dict[str, dict[str, int]]:
    """{group id: {yes: n, partly: n, no: n, unknown: n}}; unanswered questions count as unknown."""
    out: dict[str, dict[str, int]] = {}
    for group, results in survey_results(survey, record):
        tally = {a.value: 0 for a in Answer}
        for result in results:
            tally[(result.answer.answer if result.answer else Answer.unknown).value] += 1
        out[group.id] = tally
    return out
