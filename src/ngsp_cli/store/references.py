"""Every reference between files (person -> organization, team -> priority...) must resolve."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ngsp_cli.errors import Problem
from ngsp_cli.ids import is_valid_id
from ngsp_cli.model import (
    ActionTeam,
    Entity,
    Meeting,
    Organization,
    Person,
    Priority,
)
from ngsp_cli.store import yamlio

if TYPE_CHECKING:
    from ngsp_cli.store.folder import Snapshot
    from ngsp_cli.store.reading import RawFile


# What a reference names, by the word the messages use for it: the kind of entity
# and the command that lists their ids.
_NAMED: dict[str, tuple[type[Entity], str]] = {
    "organization": (Organization, "ngsp org list"),
    "person": (Person, "ngsp person list"),
    "meeting": (Meeting, "ngsp meeting list"),
    "priority": (Priority, "ngsp prioritize"),
    "action team": (ActionTeam, "ngsp team list"),
}


def _suggestion(ref: str, target: Mapping[str, Any]) -> str:
    from ngsp_cli.vocab import did_you_mean

    return did_you_mean(ref, list(target), n=2)


def _entity_rel(kind: type[Entity], entity_id: str) -> str:
    return f"{kind.folder}/{entity_id}.yaml"


# The references each kind of file holds: the path to them ("*" for each item of a
# list) and what they name.  One table serves the files that passed the schema (read
# from their models) and those that did not (read from their YAML), so `ngsp check`
# reports a dangling reference in the same run as the file's other problems.
_REFERENCES: dict[type[Entity], list[tuple[tuple[str, ...], str]]] = {
    Person: [(("org",), "organization")],
    Meeting: [
        (("invitees", "*"), "person"),
        (("rsvp", "{}"), "person"),
        (("attendees", "*"), "person"),
        (("action_items", "*", "owner"), "person"),
        (("votes", "*", "voter"), "person"),
        (("votes", "*", "priority"), "candidate priority"),
        (("team",), "action team"),
    ],
    ActionTeam: [
        (("champions", "*"), "person"),
        (("support", "*"), "person"),
        (("staff_lead",), "person"),
        (("tasks", "*", "owner"), "person"),
        (("updates", "*", "by"), "person"),
        (("priority",), "priority"),
    ],
    Priority: [(("meeting",), "meeting")],
}
_PARTNERSHIP_REFERENCES: list[tuple[tuple[str, ...], str]] = [
    (("conveners", "*"), "organization"),
    (("co_chairs", "*"), "person"),
]


def _field(holder: Any, name: str) -> Any:
    return holder.get(name) if isinstance(holder, Mapping) else getattr(holder, name, None)


def _found(holder: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(concrete path, value) of every value at `path` in a model or in raw YAML data.

    Paths are `(field,)`, `(field, "*")`, `(field, "*", field)` or `(field, "{}")` (each key
    of a mapping): all the table needs.
    """
    name = path[0]
    value = _field(holder, name)
    if value is None:
        return
    if len(path) == 1:
        yield (name,), value
        return
    if path[1] == "{}":
        if isinstance(value, Mapping):
            for key in value:
                yield (name, key), key
        return
    if not isinstance(value, list):
        return
    for index, item in enumerate(value):
        if len(path) == 2:
            yield (name, index), item
        else:
            inner = _field(item, path[2])
            if inner is not None:
                yield (name, index, path[2]), inner


def check_references(snap: Snapshot, raws: Mapping[str, RawFile], loaded: set[type[Entity]]) -> list[Problem]:
    """A problem for every reference that names nothing, in valid files and in files with other problems."""
    problems: list[Problem] = []

    def dangling(rel: str, path: tuple[str | int, ...], ref: str, target: Mapping[str, Any], what: str,
                 command: str) -> None:  # fmt: skip
        if ref in target:
            return
        named = _NAMED.get(what)
        if named is not None and is_valid_id(ref) and (snap.root / named[0].folder / f"{ref}.yaml").is_file():
            # The file is there but could not be read; its own error says why, and
            # "does not exist ... add it first" would send people the wrong way.
            return
        raw = raws.get(rel)
        line = yamlio.line_of(raw.text, path) if raw is not None else None
        problems.append(
            Problem(
                f"{what} '{ref}' does not exist",
                file=rel,
                line=line,
                field=".".join(str(p) for p in path),
                hint=_suggestion(ref, target) + f"use an id from '{command}', or add it first",
            )
        )

    def check(rel: str, holder: Any, references: list[tuple[tuple[str, ...], str]], own_id: str) -> None:
        for path, what in references:
            if what == "candidate priority":
                candidates = _field(holder, "candidates")
                ids = {_field(c, "id") for c in candidates} if isinstance(candidates, list) else set()
                target: Mapping[str, Any] = dict.fromkeys(i for i in ids if isinstance(i, str))
                command = f"ngsp meeting show {own_id}"
            else:
                kind, command = _NAMED[what]
                if kind not in loaded:
                    continue
                target = snap.entities(kind)
            for where, ref in _found(holder, path):
                if isinstance(ref, str) and ref.strip():
                    dangling(rel, where, ref.strip(), target, what, command)

    check("partnership.yaml", snap.partnership, _PARTNERSHIP_REFERENCES, "")
    for kind, references in _REFERENCES.items():
        if kind not in loaded:
            continue
        entities = snap.entities(kind)
        for entity_id, entity in entities.items():
            check(_entity_rel(kind, entity_id), entity, references, entity_id)
        # Files that failed the schema: their references are checked from the YAML.
        prefix = kind.folder + "/"
        for rel, raw in raws.items():
            if not rel.startswith(prefix):
                continue
            entity_id = rel[len(prefix) : -len(".yaml")]
            if entity_id not in entities and isinstance(raw.data, dict):
                check(rel, raw.data, references, entity_id)
    return problems


def references_to(snap: Snapshot, kind: type[Entity], entity_id: str) -> list[Problem]:
    """Every place in the folder that names `entity_id` of `kind` (partnership.yaml first).

    Read from the same table `check_references` uses, so a reference `check` would
    report as dangling after a removal is one this finds before it.
    """
    wanted = next(what for what, (named, _) in _NAMED.items() if named is kind)
    found: list[Problem] = []

    def scan(rel: str, holder: Any, references: list[tuple[tuple[str, ...], str]]) -> None:
        for path, what in references:
            if what != wanted:
                continue
            for where, ref in _found(holder, path):
                if isinstance(ref, str) and ref.strip() == entity_id:
                    found.append(Problem(f"'{entity_id}' is named here", file=rel,
                                         field=".".join(str(p) for p in where)))  # fmt: skip

    scan("partnership.yaml", snap.partnership, _PARTNERSHIP_REFERENCES)
    for holder_kind, references in _REFERENCES.items():
        for holder_id, holder in sorted(snap.entities(holder_kind).items()):
            scan(_entity_rel(holder_kind, holder_id), holder, references)
    return found
