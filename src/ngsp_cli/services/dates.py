"""Dates of things that already happened: a day after today is refused, never guessed.

A command that writes works on the real today (`clock.today()`) or, with
--as-of, on an earlier day; it never works as if a later day had come, since
what it wrote would then say that something happened that has not.
"""

from __future__ import annotations

import datetime as dt

from ngsp_cli import clock
from ngsp_cli.errors import UsageError


def writing_day(as_of: dt.date | None) -> dt.date:
    """The day a writing command works on: `as_of` (today or earlier) or today.

    An --as-of after today is a usage error: it would record as done what has
    not happened yet (a meeting held, a team formed, a vote taken).
    """
    today = clock.today()
    if as_of is not None and as_of > today:
        raise UsageError(
            f"{as_of.isoformat()} is after today ({today.isoformat()}); a command that "
            "records what happened can only work as of today or an earlier day; nothing was written",
            field="--as-of",
            hint="leave out --as-of, or give today or an earlier day; "
            "plan what is to come as meetings and tasks with a date",
        )
    return as_of or today


def not_in_future(day: dt.date | None, today: dt.date | None, what: str, flag: str, hint: str) -> dt.date:
    """The day (default: today); a day after `today` (default: the clock) is a usage error.

    `today` (an --as-of) may not itself be after the clock's today (`writing_day`).
    A future date would hide a stale team or count a business that has not joined yet.
    """
    limit = writing_day(today)
    if day is not None and day > limit:
        raise UsageError(
            f"{day.isoformat()} is after {day_named(limit)}; "
            f"{what} can only be dated today or earlier; nothing was written",
            field=flag,
            hint=hint,
        )
    return day or limit


def day_named(day: dt.date) -> str:
    """'today (2027-02-01)', or 'the --as-of day (2027-01-15)' when a command works as of an earlier day."""
    if day == clock.today():
        return f"today ({day.isoformat()})"
    return f"the --as-of day ({day.isoformat()})"
