"""A meeting from plan to record: agenda, invitees, answers, attendance, votes and action items."""

import datetime as dt
import re
from typing import ClassVar

from pydantic import Field, field_validator

from ngsp_cli.model.base import Entity, FileModel
from ngsp_cli.model.kinds import MeetingKind, MeetingStatus, PriorityCategory, Rsvp

_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


def _check_time(value: str | None) -> str | None:
    if value is None:
        return None
    if not _TIME.match(value):
        raise ValueError("use 24-hour HH:MM, for example 08:30 or 14:00")
    hours, minutes = value.split(":")
    return f"{int(hours):02d}:{minutes}"


class AgendaItem(FileModel):
    title: str = Field(min_length=1)
    minutes: int | None = Field(None, ge=0)
    lead: str | None = None
    notes: str | None = None


class ActionItem(FileModel):
    text: str = Field(min_length=1)
    owner: str | None = Field(None, description="person id")
    due: dt.date | None = None
    done: bool = False
    done_on: dt.date | None = Field(None, description="the day it was done (none: done whenever asked)")


class CandidatePriority(FileModel):
    """An opportunity or challenge named at a meeting, before votes."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str | None = None
    category: PriorityCategory = PriorityCategory.other


class Vote(FileModel):
    """Dots one person put on one candidate priority; kept so the tally can be recomputed."""

    voter: str = Field(min_length=1, description="person id")
    priority: str = Field(min_length=1, description="candidate priority id of this meeting")
    points: int = Field(ge=1)


class Meeting(Entity):
    """meetings/<date>-<id>.yaml: one meeting from plan to record."""

    folder: ClassVar[str] = "meetings"
    kind: MeetingKind
    title: str = Field(min_length=1)
    date: dt.date
    time: str | None = Field(
        None, description="24-hour HH:MM", json_schema_extra={"pattern": r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$"}
    )
    duration_minutes: int | None = Field(None, ge=1)
    location: str | None = None
    status: MeetingStatus = MeetingStatus.planned
    planned_on: dt.date | None = Field(
        None, description="the day it was put on the calendar (none: known from the start)"
    )
    team: str | None = Field(None, description="action team id, for action-team meetings")
    agenda: list[AgendaItem] = Field(default_factory=list)
    invitees: list[str] = Field(default_factory=list, description="person ids")
    rsvp: dict[str, Rsvp] = Field(
        default_factory=dict, description="answers to the invitation: person id -> yes, no or maybe"
    )
    attendees: list[str] = Field(default_factory=list, description="person ids")
    notes: str | None = None
    industry_said: list[str] = Field(
        default_factory=list, description="what business leaders said, in their words"
    )
    decisions: list[str] = Field(default_factory=list)
    candidates: list[CandidatePriority] = Field(default_factory=list)
    votes: list[Vote] = Field(default_factory=list, description="dot votes on the candidates")
    action_items: list[ActionItem] = Field(default_factory=list)

    @field_validator("time")
    @classmethod
    def _time_shape(cls, value: str | None) -> str | None:
        return _check_time(value)

    @field_validator("rsvp", mode="before")
    @classmethod
    def _rsvp_words(cls, value: object) -> object:
        """`ann-lee: yes` written by hand may be read as true by YAML 1.1 tools: read it as yes."""
        if isinstance(value, dict):
            words = {True: "yes", False: "no"}
            return {key: words.get(answer, answer) if isinstance(answer, bool) else answer
                    for key, answer in value.items()}  # fmt: skip
        return value
