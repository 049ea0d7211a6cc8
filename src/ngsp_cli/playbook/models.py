"""Models of a playbook: the Next Gen script as data, one file per phase.

Every model forbids unknown keys, so a typo in a playbook file written by a
state program or a partnership is reported with its file and line.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ngsp_cli.model import MeetingKind

Id = Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Source(StrEnum):
    """Where a piece of guidance comes from."""

    next_gen = "next-gen"  # the public Next Gen materials say so
    common_practice = "common-practice"  # what conveners commonly do; not in a Next Gen source
    local = "local"  # written by a state program or a partnership for itself


class _PlaybookModel(BaseModel):
    # defer_build: the validator is built on first use; kept definitions (store/definitions.py) need none.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)


class Step(_PlaybookModel):
    id: Id
    text: str = Field(min_length=1)
    why: str = Field(min_length=1)
    done_when: list[str] = Field(
        default_factory=list, description="checklist item ids of the same phase that show the step is done"
    )
    source: Source = Source.local


class ChecklistItem(_PlaybookModel):
    """Either computed from the folder by a named rule, or ticked by people (manual)."""

    id: Id
    text: str = Field(min_length=1)
    computed: str | None = Field(None, description="rule id, see `ngsp playbook --rules`")
    params: dict[str, Any] = Field(default_factory=dict)
    manual: bool = False
    source: Source = Source.local

    @model_validator(mode="after")
    def _one_kind(self) -> ChecklistItem:
        if (self.computed is None) == (not self.manual):
            raise ValueError(
                "a checklist item is either 'computed: RULE' or 'manual: true', not both or neither"
            )
        if self.manual and self.params:
            raise ValueError("'params' only go with 'computed: RULE'")
        return self


class Note(_PlaybookModel):
    """A pitfall or a piece of guidance (guidance text is Markdown)."""

    text: str = Field(min_length=1)
    source: Source = Source.local


class OutlineItem(_PlaybookModel):
    title: str = Field(min_length=1)
    minutes: int | None = Field(None, ge=0)
    lead: str | None = Field(None, description="who leads, as a role (e.g. business champions)")
    notes: str | None = None


class AgendaOutline(_PlaybookModel):
    title: str = Field(min_length=1)
    source: Source = Source.local
    items: list[OutlineItem] = Field(min_length=1)

    @property
    def minutes(self) -> int:
        return sum(item.minutes or 0 for item in self.items)


class Phase(_PlaybookModel):
    id: Id
    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    purpose: str = Field(min_length=1)
    leads: str = Field(min_length=1, description="who leads this phase")
    source: Source = Source.local
    steps: list[Step] = Field(min_length=1)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    pitfalls: list[Note] = Field(default_factory=list)
    guidance: list[Note] = Field(default_factory=list)
    agenda: dict[MeetingKind, AgendaOutline] = Field(default_factory=dict)

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((c for c in self.checklist if c.id == item_id), None)


class Playbook(_PlaybookModel):
    """The phases in order, and where each came from (for messages)."""

    phases: list[Phase]
    origins: dict[str, str] = Field(default_factory=dict, description="phase id -> file it came from")

    def find(self, ref: str) -> Phase | None:
        """A phase by id or number ('launch', '4')."""
        ref = ref.strip().casefold()
        for phase in self.phases:
            if phase.id == ref or str(phase.number) == ref:
                return phase
        return None

    def by_id(self, phase_id: str) -> Phase:
        phase = self.find(phase_id)
        if phase is None:
            raise KeyError(phase_id)
        return phase

    def outline(self, kind: MeetingKind, prefer: Phase | None = None) -> AgendaOutline | None:
        """The agenda outline for meetings of `kind`.

        The preferred (current) phase's outline, else the nearest earlier phase's,
        else the first later phase's.
        """
        having = [p for p in self.phases if kind in p.agenda]
        if not having:
            return None
        if prefer is None:
            return having[0].agenda[kind]
        earlier = [p for p in having if p.number <= prefer.number]
        return (earlier[-1] if earlier else having[0]).agenda[kind]
