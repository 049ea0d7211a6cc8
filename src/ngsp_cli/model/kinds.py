"""The words a partnership file may use for kinds, roles and states (the schema's enums)."""

from enum import StrEnum


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
