"""What `PartnershipAt` answers about teams and businesses: plain records the screens print."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ngsp_cli.model import ActionTeam, Organization
from ngsp_cli.text import plural

# How a team stands with its progress updates on a date.
REPORTED = "reported"  # an update within the window
NOT_DUE = "not-due"  # newly formed, no update yet, and the window since forming has not passed
LATE = "late"  # no update within the window (never, or too long ago)


class TeamReporting(NamedTuple):
    """Whether an active team reported progress within `days` before a date, and since when it is quiet."""

    team: ActionTeam
    state: str  # reported | not-due | late
    last_update: dt.date | None
    started: dt.date | None  # the day its clock started when it has not reported since
    since: str  # "since 2026-01-05", "since it was formed on ...", "ever, and its file has no 'formed' date"
    days: int

    def describe(self, as_of: dt.date) -> str:
        """'last update 2026-01-05, 70 days ago', 'no update since it was formed on ..., 3 days ago'."""
        if self.last_update is not None and self.started is not None:  # taken up again since
            age = (as_of - self.started).days
            due = ", not due yet" if self.state == NOT_DUE else ""
            return f"taken up again {plural(age, 'day')} ago{due}; last update {self.last_update.isoformat()}"
        if self.last_update is not None:
            age = (as_of - self.last_update).days
            return f"last update {self.last_update.isoformat()}, {plural(age, 'day')} ago"
        if self.state == NOT_DUE and self.started is not None:
            age = (as_of - self.started).days
            return f"formed {plural(age, 'day')} ago, not due yet"
        ago = f", {plural((as_of - self.started).days, 'day')} ago" if self.started is not None else ""
        return f"no update {self.since}{ago}"


class TeamFlag(NamedTuple):
    """Something about an action team a convener should act on."""

    team: str
    kind: str  # no-business-champion | stale | overdue-tasks
    message: str


class Joining(NamedTuple):
    """Founding businesses and newcomers, as of a date.

    `start` is the first launch meeting held (else `founded:` of a folder with
    no launch meeting at all); None means founders and newcomers cannot be told
    apart yet. Founders are the businesses at the table by the launch: joined
    on or before it (plus `grace_days`), invited to it or present at it, or
    with no `joined` date. Newcomers are the other businesses at the table that
    joined within the window before `as_of`.
    """

    start: dt.date | None
    start_label: str  # "the launch on 2026-10-01" / "the founding on ..."
    window_start: dt.date
    businesses: list[Organization]
    founders: list[Organization]
    newcomers: list[Organization]


__all__ = ["LATE", "NOT_DUE", "REPORTED", "Joining", "TeamFlag", "TeamReporting"]
