"""The work the industry chose: priorities with their votes, and the action teams on them."""

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ngsp_cli.model.base import Entity, FileModel
from ngsp_cli.model.kinds import PriorityCategory, PriorityStatus, TaskStatus, TeamStatus


class VoteTally(FileModel):
    """The dots a priority received; business and public partner votes never mix."""

    business_points: int = Field(0, ge=0)
    business_voters: int = Field(0, ge=0)
    public_points: int = Field(0, ge=0)
    public_voters: int = Field(0, ge=0)
    rank: int | None = Field(None, ge=1)


class PriorityChange(FileModel):
    """An earlier state of a priority: the outcome of an earlier vote, or a status set by hand."""

    date: dt.date
    status: PriorityStatus
    meeting: str | None = Field(None, description="meeting id of the vote; none for a status set by hand")
    votes: VoteTally | None = None
    decided_by: str | None = None


class Priority(Entity):
    """priorities/<id>.yaml: a priority the industry chose (or parked).

    `meeting`, `votes` and `status` are its latest state; a refresh vote or a
    status change moves the state before it into `history`, so every tally stays.
    """

    folder: ClassVar[str] = "priorities"
    title: str = Field(min_length=1)
    description: str | None = None
    category: PriorityCategory = PriorityCategory.other
    meeting: str | None = Field(None, description="meeting id of its latest vote (where it was named)")
    status: PriorityStatus = PriorityStatus.candidate
    since: dt.date | None = Field(
        None, description="the day the status was set (the latest vote's day when unset)"
    )
    votes: VoteTally | None = None
    decided_by: str | None = Field(None, description="how a tie was settled, if one was")
    history: list[PriorityChange] = Field(
        default_factory=list, description="earlier votes and status changes, oldest first"
    )


class Task(FileModel):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    owner: str | None = Field(None, description="person id")
    due: dt.date | None = None
    status: TaskStatus = TaskStatus.open
    done_on: dt.date | None = None
    quick_win: bool = False
    added: dt.date | None = Field(None, description="the day the task was added (none: always there)")


class TeamUpdate(FileModel):
    date: dt.date
    text: str = Field(min_length=1)
    by: str | None = Field(None, description="person id")


class TeamChange(FileModel):
    """An earlier status of an action team, from the day it began."""

    date: dt.date
    status: TeamStatus


class ActionTeam(Entity):
    """action-teams/<id>.yaml: business-led work on one priority."""

    folder: ClassVar[str] = "action-teams"
    name: str = Field(min_length=1)
    priority: str = Field(min_length=1, description="priority id")
    champions: list[str] = Field(default_factory=list, description="business champion person ids")
    support: list[str] = Field(default_factory=list, description="public partner person ids")
    staff_lead: str | None = Field(None, description="public partner who keeps notes, person id")
    goal: str | None = None
    measures: list[str] = Field(default_factory=list)
    status: TeamStatus = TeamStatus.active
    since: dt.date | None = Field(None, description="the day the status was set (none: since it was formed)")
    formed: dt.date | None = None
    tasks: list[Task] = Field(default_factory=list)
    updates: list[TeamUpdate] = Field(default_factory=list)
    history: list[TeamChange] = Field(
        default_factory=list, description="earlier statuses, oldest first ('ngsp team status' keeps them)"
    )
