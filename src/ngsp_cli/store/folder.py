"""Find a partnership folder and read it: fast, validated once, every problem at once."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ngsp_cli.errors import FolderInvalid, InputError, NotFoundError, Problem
from ngsp_cli.model import (
    ENTITY_TYPES,
    ActionTeam,
    Assessment,
    Entity,
    Meeting,
    Organization,
    Partnership,
    Person,
    Priority,
    version,
)
from ngsp_cli.model.migrate import migrate_raw
from ngsp_cli.store.listing import (
    DiskFiles,
    Files,
    GivenFiles,
    files_ending,
    folder_problems,
    yml_problems,
)
from ngsp_cli.store.problems import validate_raw
from ngsp_cli.store.reading import RawFile, is_link, read_raw

if TYPE_CHECKING:
    from ngsp_cli.store.parsecache import ParseCache

PARTNERSHIP_FILE = "partnership.yaml"
ENV_DIR = "NGSP_DIR"

E = TypeVar("E", bound=Entity)


def find_root(start: Path | None = None, explicit: Path | str | None = None) -> Path:
    """The partnership folder: `explicit` (--dir / NGSP_DIR) or the nearest one above `start`."""
    if explicit is None:
        explicit = os.environ.get(ENV_DIR) or None
    if explicit is not None:
        root = Path(explicit).expanduser()
        if not root.exists():
            raise NotFoundError(
                f"the folder {root} does not exist",
                hint="check the path given with --dir / -C (or NGSP_DIR); "
                "create a partnership there with 'ngsp init'",
            )
        if not (root / PARTNERSHIP_FILE).is_file():
            raise NotFoundError(
                f"{root} is not a partnership folder (it has no {PARTNERSHIP_FILE})",
                hint="pass the folder that holds partnership.yaml, or create one with 'ngsp init'",
            )
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PARTNERSHIP_FILE).is_file():
            return folder
    raise NotFoundError(
        "this is not inside a partnership folder",
        hint="cd into one, pass --dir PATH (or set NGSP_DIR), or create one with 'ngsp init'",
    )


class Snapshot(NamedTuple):
    """Everything read from a partnership folder, validated."""

    root: Path
    partnership: Partnership
    organizations: dict[str, Organization]
    people: dict[str, Person]
    meetings: dict[str, Meeting]
    priorities: dict[str, Priority]
    teams: dict[str, ActionTeam]
    assessments: dict[str, Assessment]
    problems: list[Problem]

    def entities(self, kind: type[E]) -> dict[str, E]:
        table: dict[type[Entity], dict[str, Any]] = {
            Organization: self.organizations,
            Person: self.people,
            Meeting: self.meetings,
            Priority: self.priorities,
            ActionTeam: self.teams,
            Assessment: self.assessments,
        }
        return table[kind]

    def org_of(self, person_id: str) -> Organization | None:
        person = self.people.get(person_id)
        return self.organizations.get(person.org) if person else None

    def is_business(self, person_id: str) -> bool:
        org = self.org_of(person_id)
        return org is not None and org.is_business

    @property
    def name(self) -> str:
        return self.root.name


# The fields of a Snapshot that the cache keeps (the root is where it was read from).
_KEPT = ("partnership", "organizations", "people", "meetings", "priorities", "teams", "assessments")


def load(
    root: Path,
    kinds: Iterable[type[Entity]] = ENTITY_TYPES,
    *,
    strict: bool = True,
    check_references: bool = True,
) -> Snapshot:
    """Read and validate the folder (or just the entity kinds a command needs).

    Every problem of every file is collected; with `strict`, any problem raises
    FolderInvalid carrying all of them, sorted by file and line.
    """
    from ngsp_cli.store.parsecache import ParseCache

    return _load(
        root, DiskFiles(root, ParseCache(root)), kinds, strict=strict, check_references=check_references
    )


def load_files(
    root: Path,
    files: Mapping[str, bytes],
    kinds: Iterable[type[Entity]] = ENTITY_TYPES,
    *,
    strict: bool = True,
    check_references: bool = True,
) -> Snapshot:
    """Like `load`, from the folder's files given as {path relative to the folder: bytes}.

    A folder read from a git commit comes this way, without a checkout.  `root`
    becomes the snapshot's root: the playbook, indicator and template overrides
    a partnership keeps beside its files are looked up there.
    """
    return _load(root, GivenFiles(files), kinds, strict=strict, check_references=check_references)


def _load(
    root: Path,
    files: Files,
    kinds: Iterable[type[Entity]],
    *,
    strict: bool,
    check_references: bool,
) -> Snapshot:
    problems: list[Problem] = []
    kinds = tuple(kinds)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # bulk reads allocate many small objects and no cycles
    what = (tuple(kind.folder for kind in kinds), check_references)
    try:
        # The whole snapshot is kept too, for files that are all byte for byte as a load without
        # problems read them before: then nothing is parsed, validated or checked again.
        kept = _kept_snapshot(files, kinds, what) if isinstance(files, DiskFiles) else None
        if kept is not None:
            return Snapshot(root=root, problems=[], **kept)
        raws, migrated = _read_files(files, kinds, problems)
        # Models are kept only as validated from unmigrated files: the bytes alone then decide them.
        cache = files.cache if isinstance(files, DiskFiles) and not migrated else None
        key = cache.folder_key(what, raws) if cache is not None and not problems else None
        partnership_raw = raws.pop(PARTNERSHIP_FILE)
        partnership = cache.model(PARTNERSHIP_FILE, Partnership) if cache is not None else None
        if partnership is None:
            partnership = validate_raw(partnership_raw, Partnership, problems)
            if partnership is not None and cache is not None:
                cache.keep_model(PARTNERSHIP_FILE, partnership)
        snapshot = Snapshot(
            root=root,
            partnership=partnership or Partnership.model_construct(name=root.name, industry="", region=""),
            organizations={},
            people={},
            meetings={},
            priorities={},
            teams={},
            assessments={},
            problems=problems,  # the same list: the problems found below join it
        )
        _add_entities(snapshot, raws, kinds, problems, cache)
        if isinstance(files, DiskFiles) and files.cache is not None:
            files.cache.save({kind.folder for kind in kinds})
    finally:
        if gc_was_enabled:
            gc.enable()
    if check_references and partnership is not None:
        from ngsp_cli.store.references import check_references as check_refs

        # partnership.yaml's own references (conveners, co-chairs) get their lines too.
        problems.extend(check_refs(snapshot, {**raws, PARTNERSHIP_FILE: partnership_raw}, loaded=set(kinds)))
    problems.sort(key=Problem.sort_key)
    if cache is not None and key is not None and not snapshot.problems:
        cache.keep_snapshot(key, {name: getattr(snapshot, name) for name in _KEPT})
        cache.save({kind.folder for kind in kinds})
    if strict and snapshot.problems:
        raise FolderInvalid(snapshot.problems)
    return snapshot


def _kept_snapshot(files: DiskFiles, kinds: tuple[type[Entity], ...], what: tuple[Any, ...]) -> Any:
    """The snapshot's fields kept for exactly these files, or None (see ParseCache.snapshot).

    Only a folder without links and without misnamed files or folders is looked up: anything
    unusual is read file by file, where it is reported.
    """
    cache = files.cache
    if cache is None or cache.path is None:
        return None
    rels = [PARTNERSHIP_FILE]
    for kind in kinds:
        if yml_problems(files, kind) or folder_problems(files, kind):
            return None
        rels += files_ending(files, kind, ".yaml")
    if any(files.links.get(rel) for rel in rels) or is_link(files.root / PARTNERSHIP_FILE):
        return None
    digests = []
    for rel in rels:
        try:
            digests.append((rel, cache.digest((files.root / rel).read_bytes())))
        except OSError:
            return None
    return cache.snapshot((what, tuple(sorted(digests))))


def _read_files(
    files: Files, kinds: tuple[type[Entity], ...], problems: list[Problem]
) -> tuple[dict[str, RawFile], bool]:
    """partnership.yaml and every entity file of `kinds`, parsed and migrated to the current schema;
    and whether a migration changed them."""
    raws: dict[str, RawFile] = {}
    try:
        raws[PARTNERSHIP_FILE] = files.read(PARTNERSHIP_FILE)
    except InputError as exc:
        raise FolderInvalid([exc.problem]) from exc
    for kind in kinds:
        problems.extend(yml_problems(files, kind))
        problems.extend(folder_problems(files, kind))
        for rel in files_ending(files, kind, ".yaml"):
            try:
                raws[rel] = files.read(rel)
            except InputError as exc:
                problems.append(exc.problem)
    try:
        old = migrate_raw(raws)
    except InputError as exc:
        raise FolderInvalid([exc.problem]) from exc
    return raws, old != version.CURRENT_SCHEMA_VERSION


def _add_entities(
    snapshot: Snapshot,
    raws: Mapping[str, RawFile],
    kinds: tuple[type[Entity], ...],
    problems: list[Problem],
    cache: ParseCache | None,
) -> None:
    """Validate each entity file and add it to `snapshot` under the id its file name gives."""
    from ngsp_cli.ids import is_valid_id

    for rel, raw in raws.items():
        kind = next(k for k in kinds if rel.startswith(k.folder + "/"))
        entity_id = rel[len(kind.folder) + 1 : -len(".yaml")]
        if not is_valid_id(entity_id):
            problems.append(
                Problem(
                    f"'{Path(rel).name}' is not a valid file name for an entity",
                    file=rel,
                    hint="rename it to lowercase letters, digits and dashes, e.g. acme-tools.yaml",
                )
            )
            continue
        entity = cache.model(rel, kind) if cache is not None else None
        if entity is None:
            entity = validate_raw(raw, kind, problems)
            if entity is None:
                continue
            entity.id = entity_id
            if cache is not None:
                cache.keep_model(rel, entity)
        snapshot.entities(kind)[entity_id] = entity


def load_entity(root: Path, kind: type[E], entity_id: str) -> E | None:
    """The entity whose file is `<kind folder>/<entity_id>.yaml`, read on its own; None if there is none.

    One-entity commands (edit one organization) use this instead of reading
    every file of the kind: only that file and partnership.yaml (for the
    schema version) are read.  Problems of that file raise as in `load`.
    """
    from ngsp_cli.ids import is_valid_id

    if not is_valid_id(entity_id):
        return None
    rel = f"{kind.folder}/{entity_id}.yaml"
    if not (root / rel).is_file():
        return None
    raws: dict[str, RawFile] = {}
    try:
        raws[PARTNERSHIP_FILE] = read_raw(root, PARTNERSHIP_FILE)
        raws[rel] = read_raw(root, rel)
        migrate_raw(raws)
    except InputError as exc:
        raise FolderInvalid([exc.problem]) from exc
    problems: list[Problem] = []
    entity = validate_raw(raws[rel], kind, problems)
    if entity is None:
        raise FolderInvalid(problems)
    entity.id = entity_id
    return entity  # type: ignore[no-any-return]


def read_partnership(root: Path) -> Partnership:
    """Just partnership.yaml, for commands that need nothing else."""
    return load(root, kinds=(), check_references=False).partnership
