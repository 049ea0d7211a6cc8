"""Find an entity by id or by name, with suggestions when nothing matches."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, TypeVar

from ngsp_cli.errors import NotFoundError
from ngsp_cli.ids import slug

T = TypeVar("T")


def _label(entity: Any) -> str:
    return str(getattr(entity, "name", None) or getattr(entity, "title", None) or "")


def resolve(table: Mapping[str, T], ref: str, what: str, list_command: str) -> str:
    """The id in `table` that `ref` names: an id, a name (any case) or the slug of a name."""
    ref = ref.strip()
    if ref in table:
        return ref
    wanted = ref.casefold()
    by_name = [key for key, entity in table.items() if _label(entity).casefold() == wanted]
    if len(by_name) == 1:
        return by_name[0]
    as_slug = slug(ref)
    if as_slug in table:
        return as_slug
    if len(by_name) > 1:
        raise NotFoundError(
            f"more than one {what} is called '{ref}': {', '.join(sorted(by_name))}",
            hint="use the id instead of the name",
        )
    labels = {key: _label(entity) for key, entity in table.items()}
    close = difflib.get_close_matches(ref, list(table) + list(labels.values()), n=3, cutoff=0.6)
    suggestion = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    raise NotFoundError(
        f"there is no {what} '{ref}'",
        hint=f"{suggestion}see '{list_command}' for the ids",
    )
