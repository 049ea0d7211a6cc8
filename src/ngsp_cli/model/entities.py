"""Models of every file in a partnership folder.

Each entity file's id is its file name without `.yaml`; the id is not stored
inside the file, so renaming a file is the one way to change an id.  Every
model forbids unknown keys so a typo in a hand edit is reported, not ignored.
Field order here is the key order of newly written files.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ngsp_cli.model.version import CURRENT_SCHEMA_VERSION
from ngsp_cli.text import control_name, first_control

_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


# Fields whose text may span lines (tab and newline allowed); every other text is one line.
MULTI_LINE_FIELDS = frozenset(
    {"notes", "note", "description", "text", "goal", "decisions", "industry_said", "measures"}
)


class _FileModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object, info: ValidationInfo) -> object:
        """Refuse ESC, BEL and other control characters: printed, they can take over a terminal."""
        texts = [value] if isinstance(value, str) else value if isinstance(value, list) else ()
        for text in texts:
            if isinstance(text, str) and not text.isprintable():
                found = first_control(text, multi_line=info.field_name in MULTI_LINE_FIELDS)
                if found is not None:
                    position, char = found
                    raise PydanticCustomError(
                        "control_character",
                        "holds a control character, {char}, at character {position}",
                        {"char": control_name(char), "position": position},
                    )
        return value


class Entity(_FileModel):
    """A model stored one per file in a folder of the partnership."""

    folder: ClassVar[str] = ""
    id: Annotated[str, Field(exclude=True)] = ""


class OrgKind(StrEnum):
    business = "business"
    education = "education"
    workforce = "workforce"
    economic_development = "economic-development"
    community = "community"
    government = "government"
    other = "other"

    @property
    def is_business(self) -> bool:
        return self is OrgKind.business


class Role(StrEnum):
    business_leader = "business-leader"
    co_chair = "co-chair"
    champion = "champion"
    convener = "convener"
    public_partner = "public-partner"
    facilitator = "facilitator"
    staff = "staff"
    observer = "observer"


class MeetingKind(StrEnum):
    launch = "launch"
    full_partnership = "full-partnership"
    action_team = "action-team"
    convener_team = "convener-team"
    other = "other"


class MeetingStatus(StrEnum):
    planned = "planned"
    held = "held"
    cancelled = "cancelled"


class Rsvp(StrEnum):
    """An invitee's answer to an invitation."""

    yes = "yes"
    no = "no"
    maybe = "maybe"


class PriorityCategory(StrEnum):
    talent = "talent"
    infrastructure = "infrastructure"
    policy = "policy"
    innovation = "innovation"
    supply_chain = "supply-chain"
    image = "image"
    networking = "networking"
    other = "other"


class PriorityStatus(StrEnum):
    candidate = "candidate"
    selected = "selected"
    parked = "parked"
    done = "done"


class TaskStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"


class TeamStatus(StrEnum):
    active = "active"
    paused = "paused"
    done = "done"


class AssessmentKind(StrEnum):
    self_assessment = "self-assessment"
    outcome_survey = "outcome-survey"


class Answer(StrEnum):
    yes = "yes"
    partly = "partly"
    no = "no"
    unknown = "unknown"


def _check_time(value: str | None) -> str | None:
    if value is None:
        return None
    if not _TIME.match(value):
        raise ValueError("use 24-hour HH:MM, for example 08:30 or 14:00")
    hours, minutes = value.split(":")
    return f"{int(hours):02d}:{minutes}"


class Settings(_FileModel):
    """Tunable numbers of a partnership; defaults follow common Next Gen practice."""

    dot_budget: int = Field(3, ge=1, description="dots each voter may spend when prioritizing")
    stale_after_days: int = Field(
        60, ge=1, description="an action team without an update for this long is flagged"
    )
    recent_meetings: int = Field(
        3, ge=1, description="how many recent meetings the business-share checks look at"
    )
    recommended_champions: int = Field(2, ge=1, description="business champions before launch")
    publish_contacts: bool = Field(
        False,
        description="the public site ('ngsp site') may show people's e-mail and phone; "
        "off by default, so only names, titles and organizations are published",
    )
    timezone: str | None = Field(
        None,
        description="time zone of the meetings for calendar invites, e.g. America/Chicago; "
        "unset, invites use the clock time of whoever opens them",
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"'{value}' is not a time zone name; use one like America/Chicago or America/New_York"
            ) from None
        return value


class Partnership(_FileModel):
    """partnership.yaml: who the partnership is and how it is set up."""

    schema_version: int = CURRENT_SCHEMA_VERSION
    name: str = Field(min_length=1)
    industry: str = Field(min_length=1)
    region: str = Field(min_length=1)
    naics: list[str] = Field(default_factory=list)
    counties: list[str] = Field(default_factory=list)
    description: str | None = None
    phase: str | None = Field(None, description="phase id; computed from the data when unset")
    conveners: list[str] = Field(default_factory=list, description="organization ids")
    co_chairs: list[str] = Field(default_factory=list, description="person ids")
    founded: dt.date | None = None
    playbook: str | None = Field(None, description="a playbook file that overrides the bundled one")
    checked: list[str] = Field(
        default_factory=list, description="manual checklist items of the playbook that people ticked"
    )
    settings: Settings = Field(default_factory=Settings)


class Organization(Entity):
    """organizations/<id>.yaml: a business or a public partner."""

    folder: ClassVar[str] = "organizations"
    name: str = Field(min_length=1)
    kind: OrgKind
    naics: str | None = None
    county: str | None = None
    city: str | None = None
    size: str | None = Field(None, description="employees, e.g. 250-499")
    website: str | None = None
    joined: dt.date | None = None
    left: dt.date | None = Field(
        None, description="the day it left the partnership; kept for history, not counted after it"
    )
    notes: str | None = None

    @property
    def is_business(self) -> bool:
        return self.kind is OrgKind.business


class Person(Entity):
    """people/<id>.yaml: one person, working for one organization."""

    folder: ClassVar[str] = "people"
    name: str = Field(min_length=1)
    org: str = Field(min_length=1, description="organization id")
    title: str | None = None
    # The pattern tells editors (see model/schema.py) what _email_shape checks.
    email: str | None = Field(None, json_schema_extra={"pattern": r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$"})
    phone: str | None = None
    roles: list[Role] = Field(default_factory=list)
    joined: dt.date | None = None
    left: dt.date | None = Field(
        None, description="the day they left the partnership; kept for history, not counted after it"
    )
    notes: str | None = None

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError("is not an e-mail address (expected name@example.org)")
        return value


class AgendaItem(_FileModel):
    title: str = Field(min_length=1)
    minutes: int | None = Field(None, ge=0)
    lead: str | None = None
    notes: str | None = None


class ActionItem(_FileModel):
    text: str = Field(min_length=1)
    owner: str | None = Field(None, description="person id")
    due: dt.date | None = None
    done: bool = False


class CandidatePriority(_FileModel):
    """An opportunity or challenge named at a meeting, before votes."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str | None = None
    category: PriorityCategory = PriorityCategory.other


class Vote(_FileModel):
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


class VoteTally(_FileModel):
    """The dots a priority received; business and public partner votes never mix."""

    business_points: int = Field(0, ge=0)
    business_voters: int = Field(0, ge=0)
    public_points: int = Field(0, ge=0)
    public_voters: int = Field(0, ge=0)
    rank: int | None = Field(None, ge=1)


class PriorityChange(_FileModel):
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


class Task(_FileModel):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    owner: str | None = Field(None, description="person id")
    due: dt.date | None = None
    status: TaskStatus = TaskStatus.open
    done_on: dt.date | None = None
    quick_win: bool = False
    added: dt.date | None = Field(None, description="the day the task was added (none: always there)")


class TeamUpdate(_FileModel):
    date: dt.date
    text: str = Field(min_length=1)
    by: str | None = Field(None, description="person id")


class TeamChange(_FileModel):
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


class AssessmentAnswer(_FileModel):
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


ENTITY_TYPES: tuple[type[Entity], ...] = (
    Organization,
    Person,
    Meeting,
    Priority,
    ActionTeam,
    Assessment,
)
