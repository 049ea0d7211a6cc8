"""Dates of things that already happened: a day after today is refused, never guessed."""

from __future__ import annotations

import datetime as dt

from ngsp_cli import clock
from ngsp_cli.errors import UsageError


def not_in_future(day: dt.date | None, today: dt.date | None, what: str, flag: str, hint: str) -> dt.date:
    """The day (default: today); a day after `today` (default: the clock) is a usage error.

    A future date would hide a stale team or count a business that has not joined yet.
    """
    today = today or clock.today()
    if day is not None and day > today:
        raise UsageError(
            f"{day.isoformat()} is after today ({today.isoformat()}); "
            f"{what} can only be dated today or earlier",
            field=flag,
            hint=hint,
        )
    return day or today
