"""Record a dated self-assessment: one answer (yes / partly / no / unknown, with a note) per indicator.

Answers come from flags (`ID=yes`), from a YAML or CSV file, or from prompts
in the command layer; they are written to assessments/<date>-self-assessment.yaml
through the careful write path, so a second run on the same day updates the
same file and keeps its comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ngsp_cli.errors import FolderInvalid, InputError, Problem, UsageError
from ngsp_cli.model import Answer, Assessment, AssessmentAnswer, AssessmentKind
from ngsp_cli.playbook.indicators import IndicatorSet
from ngsp_cli.store import yamlio
from ngsp_cli.store.files import locked
from ngsp_cli.store.write import save
from ngsp_cli.vocab import did_you_mean, spelled

ANSWER_WORDS = "yes, partly, no or unknown"
_SYNONYMS = {
    "y": Answer.yes,
    "true": Answer.yes,
    "met": Answer.yes,
    "partial": Answer.partly,
    "partially": Answer.partly,
    "some": Answer.partly,
    "n": Answer.no,
    "false": Answer.no,
    "not-met": Answer.no,
    "?": Answer.unknown,
    "dont-know": Answer.unknown,
    "don't-know": Answer.unknown,
}


def parse_answer(text: str) -> Answer | None:
    """`yes`, `partly`, `no`, `unknown` (and a few obvious synonyms), any case; None if not one."""
    word = spelled(text)
    try:
        return Answer(word)
    except ValueError:
        return _SYNONYMS.get(word)


def answer_hint(text: Any) -> str:
    """ "did you mean 'yes'? use yes, partly, no or unknown" for an answer that is none of them."""
    return f"{did_you_mean(str(text), [a.value for a in Answer], n=1)}use {ANSWER_WORDS}"


def assessment_id(date: dt.date) -> str:
    return f"{date.isoformat()}-{AssessmentKind.self_assessment.value}"


def _check_id(indicator_set: IndicatorSet, indicator_id: str, **where: Any) -> None:
    if indicator_set.get(indicator_id) is None:
        ids = indicator_set.ids()
        raise (InputError if where.get("file") else UsageError)(
            f"'{indicator_id}' is not an indicator",
            hint=f"{did_you_mean(indicator_id, ids, n=1)}use one of {', '.join(ids)}",
            **where,
        )


def answers_from_flags(
    indicator_set: IndicatorSet, answers: list[str], notes: list[str]
) -> dict[str, AssessmentAnswer]:
    """`--answer ID=yes` and `--note ID=TEXT` pairs as answers (a note needs an answer)."""
    out: dict[str, AssessmentAnswer] = {}
    for flag, pairs in (("--answer", answers), ("--note", notes)):
        for pair in pairs:
            key, sep, value = pair.partition("=")
            key = key.strip()
            if not sep or not key:
                raise UsageError(
                    f"'{pair}' is not ID=VALUE",
                    hint=f"write {flag} business-champions=yes (ids: {', '.join(indicator_set.ids())})",
                )
            _check_id(indicator_set, key)
            if flag == "--answer":
                answer = parse_answer(value)
                if answer is None:
                    raise UsageError(f"'{value}' is not an answer for {key}", hint=answer_hint(value))
                previous_note = out[key].note if key in out else None
                out[key] = AssessmentAnswer(answer=answer, note=previous_note)
            else:
                if key not in out:
                    raise UsageError(
                        f"the note for {key} has no answer",
                        hint=f"add --answer {key}={Answer.yes.value}|partly|no|unknown",
                    )
                out[key] = AssessmentAnswer(answer=out[key].answer, note=value.strip() or None)
    return out


def _answer_from(value: Any, rel: str, line: int | None, key: str) -> tuple[Answer, str | None]:
    note = None
    if isinstance(value, dict):
        note = value.get("note")
        value = value.get("answer")
    answer = parse_answer(value) if isinstance(value, str) else None
    if answer is None:
        raise InputError(
            f"'{value}' is not an answer for {key}",
            file=rel,
            line=line,
            field=key,
            hint=answer_hint(value),
        )
    return answer, note if isinstance(note, str) and note.strip() else None


def answers_from_file(indicator_set: IndicatorSet, path: Path) -> dict[str, AssessmentAnswer]:
    """Answers from YAML (`ID: yes`, `ID: {answer: yes, note: ...}`, or under `answers:`) or CSV
    (columns `indicator`, `answer`, `note`).  Every wrong entry is reported at once."""
    rel = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path} does not exist", hint="check the path of --from") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", hint="save it as UTF-8 text") from None
    entries = _csv_entries(text, rel) if path.suffix.lower() == ".csv" else _yaml_entries(text, rel)
    problems: list[Problem] = []
    out: dict[str, AssessmentAnswer] = {}
    for key, value, line in entries:
        try:
            _check_id(indicator_set, key, file=rel, line=line, field=key)
            answer, note = _answer_from(value, rel, line, key)
        except InputError as exc:
            problems.append(exc.problem)
            continue
        out[key] = AssessmentAnswer(answer=answer, note=note)
    if problems:
        raise FolderInvalid(problems)
    if not out:
        raise InputError(f"{rel} holds no answers", file=rel, hint="one line per indicator: ID: yes")
    return out


def _csv_entries(text: str, rel: str) -> list[tuple[str, Any, int | None]]:
    """(indicator, {answer, note}, line) from a CSV with the columns indicator, answer and note."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().casefold(): c for c in reader.fieldnames or []}
    id_column = columns.get("indicator") or columns.get("id")
    answer_column = columns.get("answer")
    if id_column is None or answer_column is None:
        raise InputError(
            "the CSV file needs the columns 'indicator' and 'answer'",
            file=rel,
            line=1,
            hint="first line: indicator,answer,note",
        )
    note_column = columns.get("note")
    entries: list[tuple[str, Any, int | None]] = []
    for row in reader:
        key = (row.get(id_column) or "").strip()
        if key:
            note = (row.get(note_column) or "") if note_column else ""
            value = {"answer": (row.get(answer_column) or "").strip(), "note": note.strip()}
            entries.append((key, value, reader.line_num))
    return entries


def _yaml_entries(text: str, rel: str) -> list[tuple[str, Any, int | None]]:
    """(indicator, answer as written, line) from `ID: yes` lines, at the top or under `answers:`."""
    try:
        data = yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        raise InputError(str(exc), file=rel, line=exc.line, hint=exc.hint) from None
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data, prefix = data["answers"], ("answers",)
    if not isinstance(data, dict):
        raise InputError(
            "the file must hold 'indicator: answer' lines",
            file=rel,
            line=1,
            hint="for example: business-champions: yes",
        )
    return [(str(key), value, yamlio.line_of(text, (*prefix, key))) for key, value in data.items()]


def in_indicator_order(
    answers: dict[str, AssessmentAnswer], indicator_set: IndicatorSet
) -> dict[str, AssessmentAnswer]:
    """The answers in the order the indicators are listed, so the file reads like the scorecard."""
    order = {indicator: n for n, indicator in enumerate(indicator_set.ids())}
    return dict(sorted(answers.items(), key=lambda item: order.get(item[0], len(order))))


@dataclass(frozen=True)
class Recorded:
    """What `record_assessment` did: the assessment written and which answers it added or changed."""

    assessment: Assessment
    created: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@locked
def record_assessment(
    root: Path,
    answers: dict[str, AssessmentAnswer],
    date: dt.date,
    *,
    by: str | None = None,
    notes: str | None = None,
) -> Recorded:
    """Write (or update) the self-assessment of `date`.

    On a second run the same day, an answer given without a note keeps the
    note already recorded for that indicator (a note is only replaced by a
    new note).
    """
    from ngsp_cli.store import folder as store

    assessment_key = assessment_id(date)
    snap = store.load(root, kinds=(Assessment,), check_references=False)
    existing = snap.assessments.get(assessment_key)
    before = dict(existing.answers) if existing is not None else {}
    merged_new: dict[str, AssessmentAnswer] = {}
    added, changed, unchanged = [], [], []
    for key, answer in answers.items():
        old = before.get(key)
        if old is not None and answer.note is None and old.note:
            answer = AssessmentAnswer(answer=answer.answer, note=old.note)
        merged_new[key] = answer
        if old is None:
            added.append(key)
        elif old != answer:
            changed.append(key)
        else:
            unchanged.append(key)
    if existing is not None:
        assessment = existing.model_copy(
            update={
                "answers": {**before, **merged_new},
                "by": by or existing.by,
                "notes": notes or existing.notes,
            }
        )
        assessment.id = assessment_key
    else:
        assessment = Assessment(
            kind=AssessmentKind.self_assessment, date=date, by=by, answers=merged_new, notes=notes
        )
        assessment.id = assessment_key
    save(root, assessment, create=existing is None)
    return Recorded(assessment, existing is None, added, changed, unchanged)
