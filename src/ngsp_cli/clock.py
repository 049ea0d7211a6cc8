"""The one clock of ngsp: what "today" is.

Every default date and every "later than today" refusal asks `today()`, never
`datetime.date.today()` directly, so a scenario test can walk a partnership
through a simulated calendar by setting NGSP_TODAY=YYYY-MM-DD.
"""

from __future__ import annotations

import datetime as dt
import os

ENV_VAR = "NGSP_TODAY"


def today() -> dt.date:
    """The real date, or the day NGSP_TODAY names (an ISO date) when it is set."""
    fixed = os.environ.get(ENV_VAR, "").strip()
    if not fixed:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(fixed)
    except ValueError:
        from ngsp_cli.errors import UsageError

        raise UsageError(
            f"{ENV_VAR}={fixed!r} is not a date",
            field=ENV_VAR,
            hint="write it as YYYY-MM-DD, e.g. 2027-02-10, or unset it to use the real date",
        ) from None


def now_utc() -> dt.datetime:
    """The current moment in UTC; on the fixed day when NGSP_TODAY is set (reproducible output)."""
    if os.environ.get(ENV_VAR, "").strip():
        return dt.datetime.combine(today(), dt.time(12, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
