"""Score the Next Gen indicators of one partnership from the evidence in its folder.

Every indicator names a rule (see playbooks/indicators.yaml).  A rule looks at
the folder as of a date and returns a status, an evidence sentence with the
numbers it saw and a hint of what to do next.  When the folder holds no
evidence, the latest self-assessment answer (assessments/) stands in and the
evidence says so; when there is none either, the status is `unknown`.

Scores: met 1, partial 0.5, not-met 0, unknown 0.  Unknown counts as 0 and
stays in the denominator, so missing evidence never raises a score; record
the evidence (or answer `ngsp assess`) to lift it.  A feature's score and the
overall score are weighted means (weight 1 unless an indicator says otherwise),
as fractions from 0 to 1 rounded to two decimals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from ngsp_cli.errors import Problem
from ngsp_cli.model import Answer, Assessment, AssessmentKind
from ngsp_cli.playbook.indicators import Indicator, IndicatorSet, load_indicators
from ngsp_cli.rules import RULES, PartnershipAt, Status
from ngsp_cli.rules.indicators import SELF_ASSESSED
from ngsp_cli.rules.registry import NO_NUMBERS
from ngsp_cli.store.folder import Snapshot

_ANSWER_STATUS = {
    Answer.yes: Status.met,
    Answer.partly: Status.partial,
    Answer.no: Status.not_met,
    Answer.unknown: Status.unknown,
}


class IndicatorResult(NamedTuple):
    id: str
    feature: str
    title: str
    question: str
    status: Status
    evidence: str
    hint: str
    source: str  # "folder", "self-assessment" or "none"
    weight: float = 1.0
    numbers: Mapping[str, int] = NO_NUMBERS  # what the folder's evidence counted

    @property
    def points(self) -> float:
        return self.status.points

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "evidence": self.evidence,
            "hint": self.hint,
            "title": self.title,
            "source": self.source,
            "points": self.points,
            "numbers": dict(self.numbers),
        }


class FeatureResult(NamedTuple):
    id: str
    title: str
    score: float
    indicators: list[IndicatorResult]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "title": self.title,
            "indicators": [i.as_json() for i in self.indicators],
        }


class CheckReport(NamedTuple):
    """The outcome of `ngsp check` for one partnership (the JSON contract of docs/cli.md)."""

    partnership: str
    name: str
    as_of: dt.date
    errors: list[Problem]
    warnings: list[Problem]
    features: list[FeatureResult]
    score: float | None = None
    scored: bool = True

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [i for f in self.features for i in f.indicators]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for result in self.indicators:
            out[result.status.value] += 1
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "partnership": self.partnership,
            "name": self.name,
            "as_of": self.as_of.isoformat(),
            "valid": self.valid,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "features": [f.as_json() for f in self.features],
            "score": self.score,
            "counts": self.counts(),
        }


# Self-assessment fallback and scoring --------------------------------------------------------


def latest_answer(
    snap: Snapshot, indicator_id: str, as_of: dt.date, *, include_unknown: bool = False
) -> tuple[Assessment, Answer, str | None] | None:
    """The newest self-assessment answer to an indicator, dated on or before as_of.

    Answers 'unknown' are skipped (an older real answer is better), unless `include_unknown`.
    """
    assessments = sorted(
        (
            a
            for a in snap.assessments.values()
            if a.kind is AssessmentKind.self_assessment and a.date <= as_of
        ),
        key=lambda a: (a.date, a.id),
        reverse=True,
    )
    for assessment in assessments:
        answer = assessment.answers.get(indicator_id)
        if answer is not None and (include_unknown or answer.answer is not Answer.unknown):
            return assessment, answer.answer, answer.note
    return None


def score_indicator(view: PartnershipAt, indicator: Indicator) -> IndicatorResult:
    snap, as_of = view.snap, view.as_of
    definition = indicator.definition
    finding = RULES[definition.rule].evaluate(view, indicator.params)
    status, evidence, hint, source = finding.status, finding.evidence, finding.hint, "folder"
    if status is Status.unknown:
        only_assessed = definition.rule == SELF_ASSESSED
        found = latest_answer(snap, definition.id, as_of)
        if found is not None:
            assessment, answer, note = found
            status = _ANSWER_STATUS[answer]
            note = note.rstrip(". ") if note else None
            evidence = f"Self-assessment of {assessment.date.isoformat()}: '{answer.value}'" + (
                f" ({note})." if note else "."
            )
            if not only_assessed:
                evidence += f" Used because the folder has no evidence yet: {finding.evidence}"
            source = "self-assessment"
        else:
            said_unknown = latest_answer(snap, definition.id, as_of, include_unknown=True)
            if said_unknown is not None:
                evidence = (
                    f"{finding.evidence} The self-assessment of "
                    f"{said_unknown[0].date.isoformat()} answered 'unknown' too."
                )
            else:
                evidence = f"{finding.evidence} No self-assessment answer either."
            record = f"ngsp assess --answer {definition.id}=yes|partly|no"
            if only_assessed:
                hint = f"Discuss it with the support team, then record the answer: {record}."
            else:
                hint = f"{finding.hint} Until then, record your own answer: {record}."
            source = "none"
    hint = definition.hints.get(status, hint)
    return IndicatorResult(
        id=definition.id,
        feature=definition.feature,
        title=definition.title,
        question=definition.question,
        status=status,
        evidence=evidence,
        hint=hint,
        source=source,
        weight=definition.weight,
        numbers=dict(finding.numbers),
    )


def _mean(results: list[IndicatorResult]) -> float:
    total = sum(r.weight for r in results)
    if not total:
        return 0.0
    return round(sum(r.points * r.weight for r in results) / total, 2)


def score_partnership(
    snap: Snapshot,
    as_of: dt.date,
    indicators: IndicatorSet | None = None,
    *,
    errors: list[Problem] | None = None,
    warnings: list[Problem] | None = None,
) -> CheckReport:
    """Score every indicator of a loaded partnership as of a date.

    `errors` are validation problems found beyond the snapshot's own (check
    passes the duplicates it found); the report's `valid` reflects both.  The
    indicators default to those of the partnership (bundled set plus overrides).
    """
    if indicators is None:
        indicators = load_indicators(snap.root, snap.partnership)
    view = PartnershipAt(snap, as_of)
    results = [score_indicator(view, indicator) for indicator in indicators.indicators]
    features = []
    for feature in indicators.features:
        mine = [r for r in results if r.feature == feature.id]
        if mine:
            features.append(FeatureResult(feature.id, feature.title, _mean(mine), mine))
    return CheckReport(
        partnership=snap.name,
        name=snap.partnership.name,
        as_of=as_of,
        errors=sorted([*snap.problems, *(errors or [])], key=Problem.sort_key),
        warnings=warnings or [],
        features=features,
        score=_mean(results),
    )
