"""The words a cell of an imported sheet may use, read into ngsp's values.

Kinds of organization ("workforce board", "chamber"), partnership roles and dates
are recognized here; a cell that is none of them makes its row a `BadRow`, whose
message says why in plain words (with a guess at what was meant).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from ngsp_cli.model import OrgKind, Role
from ngsp_cli.services.dates import day_named
from ngsp_cli.services.directory.import_columns import key
from ngsp_cli.vocab import closest

KIND_VALUES: dict[OrgKind, tuple[str, ...]] = {
    OrgKind.business: (
        "business",
        "businesses",
        "employer",
        "private",
        "private sector",
        "industry",
        "company",
        "firm",
        "for profit",
        "corporation",
        "industry partner",
        "business partner",
    ),
    OrgKind.education: (
        "education",
        "k 12",
        "k12",
        "school",
        "school district",
        "college",
        "community college",
        "university",
        "higher ed",
        "higher education",
        "technical college",
        "training provider",
    ),
    OrgKind.workforce: (
        "workforce",
        "workforce board",
        "workforce development",
        "workforce development board",
        "wdb",
        "wib",
        "ajc",
        "american job center",
        "job center",
        "one stop",
        "career center",
    ),
    OrgKind.economic_development: (
        "economic development",
        "economic development organization",
        "edo",
        "chamber",
        "chamber of commerce",
        "economic developer",
    ),
    OrgKind.community: (
        "community",
        "nonprofit",
        "non profit",
        "community organization",
        "community based organization",
        "cbo",
        "foundation",
        "faith based",
    ),
    OrgKind.government: (
        "government",
        "public sector",
        "state agency",
        "agency",
        "local government",
        "city government",
        "county government",
        "state",
        "city",
        "county",
        "municipality",
    ),
    OrgKind.other: ("other",),
}

ROLE_VALUES: dict[Role, tuple[str, ...]] = {
    Role.business_leader: ("business leader", "business", "leader", "industry leader"),
    Role.co_chair: ("co chair", "cochair", "chair", "co chairs"),
    Role.champion: ("champion", "champions"),
    Role.convener: ("convener", "convenor", "conveners"),
    Role.public_partner: ("public partner", "public", "partner"),
    Role.facilitator: ("facilitator",),
    Role.staff: ("staff",),
    Role.observer: ("observer", "guest"),
}

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%d.%m.%Y")


def _lookup(table: Mapping[Any, tuple[str, ...]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for value, words in table.items():
        found.setdefault(key(str(value)), value)
        for word in words:
            found.setdefault(word, value)
    return found


_KIND_LOOKUP = _lookup(KIND_VALUES)
_ROLE_LOOKUP = _lookup(ROLE_VALUES)


class BadRow(Exception):
    """A row that cannot be imported; the message is the reason, in plain words."""


def _guess(value: str, lookup: Mapping[str, Any]) -> str:
    """ "; did you mean 'business'?" naming the value the closest known word stands for, or ""."""
    close = closest(key(value), list(lookup), n=1)
    return f"; did you mean '{lookup[close[0]]}'?" if close else ""


@functools.lru_cache(maxsize=256)
def parse_kind(value: str) -> OrgKind:
    found = _KIND_LOOKUP.get(key(value))
    if found is None:
        raise BadRow(
            f"'{value}' is not a kind of organization ngsp knows "
            "(business, education, workforce, economic-development, community, government, other)"
            + _guess(value, _KIND_LOOKUP)
        )
    return OrgKind(found)


def parse_roles(value: str) -> list[Role]:
    roles: list[Role] = []
    for part in re.split(r"[,;/|\n]+", value):
        if not part.strip():
            continue
        found = _ROLE_LOOKUP.get(key(part))
        if found is None:
            guess = _guess(part, _ROLE_LOOKUP)
            titles = "if this column holds job titles, import it with --map COLUMN=title"
            raise BadRow(
                f"'{part.strip()}' is not a partnership role (business-leader, co-chair, champion, "
                "convener, public-partner, facilitator, staff, observer)"
                + (f"{guess} I{titles[1:]}" if guess else f"; {titles}")
            )
        if found not in roles:
            roles.append(Role(found))
    return roles


def parse_date(value: str) -> dt.date:
    text = value.strip().split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadRow(f"'{value}' is not a date (write 2027-02-10 or 2/10/2027)")


def parse_joined(value: str, today: dt.date) -> dt.date:
    """A joining date of a row: today or earlier (a later day has not come; nothing is guessed)."""
    day = parse_date(value)
    if day > today:
        raise BadRow(
            f"joined {day.isoformat()} is after {day_named(today)}; "
            "add them once they have joined, or fix the date"
        )
    return day
