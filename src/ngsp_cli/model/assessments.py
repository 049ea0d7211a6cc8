"""Dated self-assessments and outcome surveys."""

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ngsp_cli.model.base import Entity, FileModel
from ngsp_cli.model.kinds import Answer, AssessmentKind


class AssessmentAnswer(FileModel):
    answer: Answer
    count: int | None = Field(
        None, ge=0, description="how many, where a survey question asks (e.g. businesses, students)"
    )
    note: str | None = None


class Assessment(Entity):
    """assessments/<date>-<kind>.yaml: a dated self-assessment or outcome survey."""

    folder: ClassVar[str] = "assessments"
    kind: AssessmentKind
    date: dt.date
    by: str | None = Field(None, description="who answered (name or person id)")
    answers: dict[str, AssessmentAnswer] = Field(default_factory=dict)
    notes: str | None = None
