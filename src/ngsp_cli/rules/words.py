"""Phrases the rules' evidence sentences share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ngsp_cli.text import noun, upfirst


def of(part: int, total: int, one: str, many: str | None = None) -> str:
    """'1 of 2 active action teams', '1 of 1 active action team' (the noun follows the total)."""
    return f"{part} of {total} {noun(total, one, many)}"


def has(part: int, one: str = "has", many: str = "have", *, total: int | None = None) -> str:
    """The verb after `of`: '1 of 2 teams has', '2 of 3 teams have', '0 of 1 team has' (give `total`)."""
    return one if part == 1 or (part == 0 and total == 1) else many


def sentence(parts: list[str]) -> str:
    """Clauses joined by semicolons, as one sentence."""
    return upfirst("; ".join(parts)) + "."


def names(items: Iterable[Any], limit: int = 3) -> str:
    """'Ann Lee, Bo Diaz and 2 more' from things with a `name`."""
    listed = [item.name for item in items]
    if len(listed) <= limit:
        return ", ".join(listed)
    return ", ".join(listed[:limit]) + f" and {len(listed) - limit} more"


def titles(items: Iterable[Any], limit: int = 3) -> str:
    listed = [f"'{p.title}'" for p in items]
    more = f" and {len(listed) - limit} more" if len(listed) > limit else ""
    return ", ".join(listed[:limit]) + more
