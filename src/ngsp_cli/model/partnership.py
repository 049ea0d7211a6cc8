"""partnership.yaml: who the partnership is, and its settings."""

import datetime as dt

from pydantic import Field, field_validator

from ngsp_cli.model.base import FileModel
from ngsp_cli.model.version import CURRENT_SCHEMA_VERSION


class Settings(FileModel):
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


class Partnership(FileModel):
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
