"""How the values of an imported row go into an entry.

A matching entry only gets its blank fields filled; a value that differs is kept
and reported, unless `update` is set, in which case the sheet's value wins. A blank
cell never erases anything and roles (lists) are only ever added to. An entry whose
data does not validate makes its row a `BadRow` that says which field is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from pydantic import ValidationError

from ngsp_cli.model import Entity, Organization, Person
from ngsp_cli.services.directory.import_values import BadRow
from ngsp_cli.store import folder as store

E = TypeVar("E", Organization, Person)


def _show(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str) and "@" in old:
        return old.casefold() == new.casefold()
    return bool(old == new)


def merge(data: dict[str, Any], incoming: Mapping[str, Any], update: bool) -> tuple[list[str], list[str]]:
    """Apply a row's values to an entry's data: (fields changed, differences kept)."""
    changed: list[str] = []
    kept: list[str] = []
    for name, value in incoming.items():
        if value is None or value == []:
            continue
        old = data.get(name)
        if isinstance(value, list):
            added = [v for v in value if v not in (old or [])]
            if added:
                data[name] = [*(old or []), *added]
                changed.append(name)
        elif old is None or old == "":
            data[name] = value
            changed.append(name)
        elif _same(old, value):
            continue
        elif update:
            data[name] = value
            changed.append(name)
        else:
            kept.append(f"kept {name} '{_show(old)}' (the sheet says '{_show(value)}')")
    return changed, kept


def validated(model: type[E], data: dict[str, Any], entity_id: str) -> E:
    try:
        entity = model.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for err in exc.errors(include_url=False):
            name = ".".join(str(p) for p in err["loc"])
            message, _ = store.describe_error(err, tuple(err["loc"]), model)
            if err["type"] == "value_error" and isinstance(err.get("input"), str):
                message = f"'{err['input']}' {message}"
            reasons.append(f"{name}: {message}")
        raise BadRow("; ".join(reasons)) from None
    entity.id = entity_id
    return entity


def entity_dump(entity: Entity) -> dict[str, Any]:
    return entity.model_dump(mode="python")


def merged(current: E, incoming: Mapping[str, Any], update: bool) -> tuple[E, list[str], list[str]]:
    """`current` with a row's values merged in (itself if nothing changes), the fields changed
    and the differences kept (see `merge`)."""
    data = entity_dump(current)
    changed, kept = merge(data, incoming, update)
    return (validated(type(current), data, current.id) if changed else current), changed, kept
