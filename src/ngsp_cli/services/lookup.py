"""Find an entity by id or by name: a name two entities share is refused, an unknown one gets suggestions.

Every command that takes an organization, person, team, priority or meeting by id or
name goes through `resolve` (or the `resolve_*` helpers that add the right detail), so
a name is read the same way everywhere: never a silent pick between namesakes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ngsp_cli.errors import NotFoundError
from ngsp_cli.ids import slug
from ngsp_cli.vocab import closest, normalized_name, spelled

if TYPE_CHECKING:
    from ngsp_cli.store.folder import Snapshot

T = TypeVar("T")


class AmbiguousName(NotFoundError):
    """A name that more than one entity has: only an id says which one is meant (exit 2)."""


def _label(entity: Any) -> str:
    return str(getattr(entity, "name", None) or getattr(entity, "title", None) or "")


def _plain(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(getattr(value, "value", value))


def _words(text: str) -> str | None:
    """The slug of `text` when it says something: names of no Latin letters all slug to "item"."""
    words = slug(text)
    return words if words != "item" or spelled(text) == "item" else None


def _detail(entity: Any) -> str:
    """What tells entities of one name apart when nothing better is known: date, kind, status."""
    bits = [_plain(v) for a in ("org", "date", "kind", "status") if (v := getattr(entity, a, None))]
    return ", ".join(bits[:2])


def resolve(
    table: Mapping[str, T],
    ref: str,
    what: str,
    list_command: str,
    *,
    detail: Callable[[str], str] | None = None,
    loose: Callable[[str], str] | None = None,
) -> str:
    """The id in `table` that `ref` names: an id, a name (any case) or the same words as a name.

    `loose` reads names more freely as a last step (organizations: "Acme Tools" for
    "Acme Tools, Inc."). When a step finds several entities the name is ambiguous: the
    error lists their ids with `detail` (default: date, kind or status) so the user can
    pick one by id.
    """
    ref = ref.strip()
    if ref in table:
        return ref
    if not ref:
        raise NotFoundError(f"the {what} is missing", hint=suggestion({}, ref, list_command))
    labels = {key: _label(entity) for key, entity in table.items()}
    wanted = ref.casefold()
    steps: list[Callable[[str], bool]] = [lambda key: labels[key].casefold() == wanted]
    words = _words(ref)
    steps.append(lambda key: key == words or (bool(labels[key]) and _words(labels[key]) == words))
    if loose is not None and words is not None:
        freely = loose(ref)
        steps.append(lambda key: bool(labels[key]) and loose(labels[key]) == freely)
    for matches in steps:
        found = sorted(key for key in table if matches(key))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            describe = detail or (lambda key: _detail(table[key]))
            listed = ", ".join(f"{key} ({d})" if (d := describe(key)) else key for key in found)
            raise AmbiguousName(
                f"more than one {what} is called '{ref}': {listed}",
                hint=f"use the id instead of the name, e.g. '{found[-1]}'",
            )
    raise NotFoundError(f"there is no {what} '{ref}'", hint=suggestion(table, ref, list_command))


def _short(label: str, limit: int = 40) -> str:
    """A long title cut at a word: "Launch meeting of the Northeast…"."""
    if len(label) <= limit:
        return label
    return label[:limit].rsplit(" ", 1)[0].rstrip(",:;") + "…"


def suggestion(table: Mapping[str, Any], ref: str, list_command: str = "") -> str:
    """ "did you mean 'x' (X)? see 'ngsp x list' for the ids", for an unknown id or name."""
    labels = {key: _label(entity) for key, entity in table.items()}
    options: dict[str, str] = {}
    for key, label in labels.items():
        options.setdefault(key, key)
        if label:
            options.setdefault(label, key)
    ids = list(dict.fromkeys(options[c] for c in closest(ref, options)))
    shown = [f"'{key}' ({_short(labels[key])})" if labels[key] and slug(labels[key]) != key else f"'{key}'"
             for key in ids]  # fmt: skip
    hint = ""
    if shown:
        hint = f"did you mean {shown[0] if len(shown) == 1 else ', '.join(shown[:-1]) + ' or ' + shown[-1]}? "
    if list_command:
        hint += f"see '{list_command}' for the ids"
    return hint.strip()


def resolve_org(snap: Snapshot, ref: str) -> str:
    """An organization by id or name; "Inc.", "LLC" and the like may be left out while that is unambiguous."""
    return resolve(
        snap.organizations,
        ref,
        "organization",
        "ngsp org list",
        detail=lambda key: snap.organizations[key].kind.value,
        loose=normalized_name,
    )


def person_detail(snap: Snapshot, person_id: str) -> str:
    """ "Carter Plastics, Plant manager": what tells a person from a namesake."""
    person = snap.people[person_id]
    org = snap.organizations.get(person.org)
    bits = [org.name if org else person.org, person.title or person.email or ""]
    return ", ".join(b for b in bits if b)


def resolve_person(snap: Snapshot, ref: str) -> str:
    """A person by id or name; namesakes are told apart by organization."""
    return resolve(
        snap.people, ref, "person", "ngsp person list", detail=lambda key: person_detail(snap, key)
    )


def resolve_team(snap: Snapshot, ref: str) -> str:
    return resolve(snap.teams, ref, "action team", "ngsp team list")


def resolve_priority(snap: Snapshot, ref: str) -> str:
    return resolve(snap.priorities, ref, "priority", "ngsp prioritize")
