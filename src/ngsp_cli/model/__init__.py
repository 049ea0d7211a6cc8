"""The partnership folder's schema: pydantic models are its single source of truth.

The model modules do without `from __future__ import annotations`: with it, pydantic
evaluates every annotation from its text when the classes are defined, on every start.
"""

from ngsp_cli.model.assessments import Assessment, AssessmentAnswer
from ngsp_cli.model.base import Entity
from ngsp_cli.model.directory import Organization, Person
from ngsp_cli.model.kinds import (
    Answer,
    AssessmentKind,
    MeetingKind,
    MeetingStatus,
    OrgKind,
    PriorityCategory,
    PriorityStatus,
    Role,
    Rsvp,
    TaskStatus,
    TeamStatus,
)
from ngsp_cli.model.meetings import ActionItem, AgendaItem, CandidatePriority, Meeting, Vote
from ngsp_cli.model.partnership import Partnership, Settings
from ngsp_cli.model.version import CURRENT_SCHEMA_VERSION
from ngsp_cli.model.work import ActionTeam, Priority, PriorityChange, Task, TeamChange, TeamUpdate, VoteTally

# Every kind of entity file, in the order a folder is read and listed.
ENTITY_TYPES: tuple[type[Entity], ...] = (
    Organization,
    Person,
    Meeting,
    Priority,
    ActionTeam,
    Assessment,
)

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "ENTITY_TYPES",
    "ActionItem",
    "ActionTeam",
    "AgendaItem",
    "Answer",
    "Assessment",
    "AssessmentAnswer",
    "AssessmentKind",
    "CandidatePriority",
    "Entity",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "OrgKind",
    "Organization",
    "Partnership",
    "Person",
    "Priority",
    "PriorityCategory",
    "PriorityChange",
    "PriorityStatus",
    "Role",
    "Rsvp",
    "Settings",
    "Task",
    "TaskStatus",
    "TeamChange",
    "TeamStatus",
    "TeamUpdate",
    "Vote",
    "VoteTally",
]
