"""How the values of an imported row go into an entry.

A matching entry only gets its blank fields filled; a value that differs is kept
and reported, unless `update` is set, in which case the sheet's value wins. A blank
cell never erases anything and roles (lists) are only ever added to. A known `joined`
date never moves later, not even with `update`: the entry was at the table from the
earlier day, so the sheet's later day is reported as ignored. An entry whose data does
not validate makes its row a `BadRow` that says which field is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from pydantic import ValidationError

from ngsp_cli.model import Entity, Organization, Person
from ngsp_cli.services.directory.import_values import BadRow
from ngsp_cli.store.problems import describe_error

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


@dataclass
class Merge:
    """What a row's values did to an entry."""

    added: list[str] = field(default_factory=list)  # blank fields filled, roles added
    replaced: list[str] = field(default_factory=list)  # with `update`: the sheet's value won
    kept: list[str] = field(default_factory=list)  # differences kept ('--update' takes them)
    ignored: list[str] = field(default_factory=list)  # values no import takes, and why

    @property
    def changed(self) -> list[str]:
        return [*self.added, *self.replaced]


def _later_joined(name: str, old: Any, value: Any) -> bool:
    return name == "joined" and isinstance(old, dt.date) and isinstance(value, dt.date) and value > old


def merge(data: dict[str, Any], incoming: Mapping[str, Any], update: bool) -> Merge:
    """Apply a row's values to an entry's data; what changed, what was kept and what ignored."""
    done = Merge()
    for name, value in incoming.items():
        if value is None or value == []:
            continue
        old = data.get(name)
        if isinstance(value, list):
            added = [v for v in value if v not in (old or [])]
            if added:
                data[name] = [*(old or []), *added]
                done.added.append(name)
        elif old is None or old == "":
            data[name] = value
            done.added.append(name)
        elif _same(old, value):
            continue
        elif _later_joined(name, old, value):
            done.ignored.append(
                f"kept joined '{_show(old)}' and ignored the sheet's later '{_show(value)}' "
                "(it was at the table from the earlier day)"
            )
        elif update:
            data[name] = value
            done.replaced.append(name)
        else:
            done.kept.append(f"kept {name} '{_show(old)}' (the sheet says '{_show(value)}')")
    return done


def validated(model: type[E], data: dict[str, Any], entity_id: str) -> E:
    try:
        entity = model.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for err in exc.errors(include_url=False):
            name = ".".join(str(p) for p in err["loc"])
            message, _ = describe_error(err, tuple(err["loc"]), model)
            if err["type"] == "value_error" and isinstance(err.get("input"), str):
                message = f"'{err['input']}' {message}"
            reasons.append(f"{name}: {message}")
        raise BadRow("; ".join(reasons)) from None
    entity.id = entity_id
    return entity


def entity_dump(entity: Entity) -> dict[str, Any]:
    return entity.model_dump(mode="python")


def merged(current: E, incoming: Mapping[str, Any], update: bool) -> tuple[E, Merge]:
    """`current` with a row's values merged in (itself if nothing changes), and what the
    merge did (see `merge`)."""
    data = entity_dump(current)
    done = merge(data, incoming, update)
    return (validated(type(current), data, current.id) if done.changed else current), done
