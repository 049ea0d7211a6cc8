"""The organizations at the table and their people."""

import datetime as dt
import re
from typing import ClassVar

from pydantic import Field, field_validator

from ngsp_cli.model.base import Entity
from ngsp_cli.model.kinds import OrgKind, Role


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
