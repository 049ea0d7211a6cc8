"""Find a partnership folder and read it: fast, validated once, every problem at once."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

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
)
from ngsp_cli.model.migrate import migrate_raw
from ngsp_cli.store import yamlio

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


@dataclass
class RawFile:
    """One YAML file as read: its text (kept for error lines) and its data."""

    rel: str
    text: str
    data: Any


def read_raw(root: Path, rel: str) -> RawFile:
    path = root / rel
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFoundError(f"{rel} does not exist", file=rel) from exc
    return parse_raw(rel, raw_bytes)


def parse_raw(rel: str, raw_bytes: bytes) -> RawFile:
    """One file's bytes, decoded and parsed; `rel` names it in problems."""
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise InputError(
            "the file is not UTF-8 text",
            file=rel,
            line=line,
            hint="save it again as UTF-8 (most editors offer this under 'Save as' / encoding)",
        ) from exc
    try:
        data = yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        raise InputError(str(exc), file=rel, line=exc.line, hint=exc.hint) from exc
    return RawFile(rel=rel, text=text, data=data)


_FRIENDLY = {
    "missing": "this field is required",
    "string_too_short": "must not be empty",
}

_SHAPES = {
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a set of 'key: value' lines",
    "model_type": "a set of 'key: value' lines",
    "string_type": "a single text value",
}

# The command that shows an existing file of each kind, for "compare with" hints.
_SHOW_COMMANDS = {
    "Organization": "ngsp org show ORG",
    "Person": "ngsp person show PERSON",
    "Meeting": "ngsp meeting show MEETING",
    "ActionTeam": "ngsp team show TEAM",
}


def problems_from_validation(
    exc: ValidationError,
    raw: RawFile | None,
    model: type[BaseModel],
    *,
    given: Mapping[str, str] | None = None,
    command: str | None = None,
) -> list[Problem]:
    """Translate pydantic's errors into convener words with file, line and a hint.

    Without `raw` the values came from a command line: `given` maps a model field to
    the option or argument that set it ('duration_minutes' -> '--duration', 'name' ->
    'NAME') and `command` is the command typed ('ngsp org add'), for the hints.
    """
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        field_path = ".".join(str(part) for part in loc) or None
        line = yamlio.line_of(raw.text, loc) if raw is not None else None
        message, hint = describe_error(err, loc, model)
        if raw is None and loc and isinstance(loc[0], str):
            label = (given or {}).get(loc[0]) or f"--{loc[0].replace('_', '-')}"
            field_path = label if len(loc) == 1 else f"{label} ({field_path})"
            if hint is None or err["type"] in {"missing", "string_too_short"}:
                hint = (
                    f"check the value given for {label}"
                    if label.startswith("-")
                    else f"check the {label} you typed" + (f" after '{command}'" if command else "")
                )
        file = raw.rel if raw is not None else None
        out.append(Problem(message=message, file=file, line=line, field=field_path, hint=hint))
    return out


def describe_error(err: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> tuple[str, str | None]:
    """The message and hint for one pydantic error (an `exc.errors()` item) at `loc` of `model`."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "extra_forbidden":
        known = _allowed_fields_hint(model, loc)
        return f"'{loc[-1]}' is not a field ngsp knows here", "check the spelling; " + known
    if kind == "missing":
        return _FRIENDLY[kind], f"add '{loc[-1]}:' to the file"
    if kind == "string_too_short":
        return _FRIENDLY[kind], f"write a value after '{loc[-1]}:'"
    if kind in {"enum", "literal_error"}:
        # Files keep one spelling (the commands accept "Champion" or "business leader" and
        # write "champion", "business-leader"); point at the word that was meant.
        from ngsp_cli.vocab import did_you_mean

        expected = str(ctx.get("expected", ""))
        allowed = [w.strip(" '") for w in expected.replace(" or ", ",").split(",") if w.strip(" '")]
        suggestion = did_you_mean(str(value), allowed, n=1) if isinstance(value, str) else ""
        return f"'{value}' is not allowed", f"{suggestion}use one of {expected}"
    if kind.startswith("date"):
        return f"'{value}' is not a date", "write dates as YYYY-MM-DD, e.g. 2027-02-10"
    if kind.startswith("int"):
        return f"'{value}' is not a whole number", f"write digits only, e.g. {_example(model, loc, 3)}"
    if kind.startswith("float"):
        return f"'{value}' is not a number", f"write a number, e.g. {_example(model, loc, 0.5)}"
    if kind.startswith("bool"):
        return f"'{value}' is not yes or no", "write true or false"
    limits = {
        "greater_than_equal": ("ge", "too small: it must be at least", "or more"),
        "greater_than": ("gt", "too small: it must be more than", None),
        "less_than_equal": ("le", "too large: it must be at most", "or less"),
        "less_than": ("lt", "too large: it must be less than", None),
    }
    if kind in limits:
        key, words, direction = limits[kind]
        limit = ctx.get(key)
        hint = f"write {limit} {direction}" if direction else None
        example = _example(model, loc, None)
        if hint and example is not None:
            hint += f", e.g. {example}"
        return f"{value} is {words} {limit}", hint
    if kind in _SHAPES:
        show = _SHOW_COMMANDS.get(model.__name__)
        hint = "compare with another file of the same kind"
        return f"must be {_SHAPES[kind]}", hint + (f", or look at one with '{show}'" if show else "")
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), None
    message = _FRIENDLY.get(kind, str(err["msg"]))
    if message.startswith("Input should be "):
        message = "must be " + message[len("Input should be ") :]
    return message, None


def _example(model: type[BaseModel], loc: tuple[Any, ...], fallback: Any) -> Any:
    """The field's default as an example value (ngsp's own choice), else `fallback`."""
    info = _field_info(model, loc)
    default = getattr(info, "default", None)
    if isinstance(default, int | float) and not isinstance(default, bool) and default > 0:
        return default
    return fallback


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The pydantic FieldInfo at `loc` of `model`, or None."""
    current: Any = model
    info: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part) if current is not None else None
        if info is None:
            return None
        args = getattr(info.annotation, "__args__", ())
        candidates = [info.annotation, *args]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return info


def _allowed_fields_hint(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            break
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if current is None:
            break
    fields = list(getattr(current, "model_fields", {})) if current is not None else []
    fields = [f for f in fields if f != "id"]
    return "known fields: " + ", ".join(fields) if fields else "remove it"


def _validate(raw: RawFile, model: type[BaseModel], problems: list[Problem]) -> Any:
    data = raw.data
    if data is None:
        problems.append(Problem("the file is empty", file=raw.rel, line=1, hint="delete it or fill it in"))
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "the file must hold 'key: value' lines at the top level",
                file=raw.rel,
                line=1,
                hint="compare with another file of the same kind",
            )
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, raw, model))
        return None


@dataclass
class Snapshot:
    """Everything read from a partnership folder, validated."""

    root: Path
    partnership: Partnership
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    priorities: dict[str, Priority] = field(default_factory=dict)
    teams: dict[str, ActionTeam] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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


def entity_files(root: Path, kind: type[Entity]) -> list[str]:
    return _files_ending(_DiskFiles(root), kind, ".yaml")


class _DiskFiles:
    """The files of a folder on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def names(self, folder: str) -> list[str]:
        """Names of the plain files directly in `folder` (relative to the root)."""
        path = self.root / folder
        if not path.is_dir():
            return []
        return [entry.name for entry in os.scandir(path) if entry.is_file()]

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def read(self, rel: str) -> RawFile:
        return read_raw(self.root, rel)


class _GivenFiles:
    """Files given as {relative path: bytes}, e.g. read from a git commit without a checkout."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files
        self.folders: dict[str, list[str]] = {}
        for rel in files:
            folder, _, name = rel.rpartition("/")
            self.folders.setdefault(folder, []).append(name)

    def names(self, folder: str) -> list[str]:
        return list(self.folders.get(folder, ()))

    def exists(self, rel: str) -> bool:
        return rel in self.files

    def read(self, rel: str) -> RawFile:
        if rel not in self.files:
            raise NotFoundError(f"{rel} does not exist", file=rel)
        return parse_raw(rel, self.files[rel])


_Files = _DiskFiles | _GivenFiles


def _files_ending(files: _Files, kind: type[Entity], suffix: str) -> list[str]:
    return sorted(
        f"{kind.folder}/{name}"
        for name in files.names(kind.folder)
        if name.endswith(suffix) and not name.startswith(".")
    )


def _yml_problems(files: _Files, kind: type[Entity]) -> list[Problem]:
    """Files saved as .yml, which many editors offer: reported, never silently skipped."""
    problems = []
    for rel in _files_ending(files, kind, ".yml"):
        wanted = rel[: -len(".yml")] + ".yaml"
        hint = f"rename it to {Path(wanted).name} (in git: git mv {rel} {wanted})"
        if files.exists(wanted):
            hint += "; a file of that name exists too, so merge the two first"
        problems.append(
            Problem(f"'{Path(rel).name}' is not read: ngsp reads files ending in .yaml", file=rel, hint=hint)
        )
    return problems


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
    return _load(root, _DiskFiles(root), kinds, strict=strict, check_references=check_references)


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
    return _load(root, _GivenFiles(files), kinds, strict=strict, check_references=check_references)


def _load(
    root: Path,
    files: _Files,
    kinds: Iterable[type[Entity]],
    *,
    strict: bool,
    check_references: bool,
) -> Snapshot:
    from ngsp_cli.ids import is_valid_id

    problems: list[Problem] = []
    kinds = tuple(kinds)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # bulk reads allocate many small objects and no cycles
    try:
        raws: dict[str, RawFile] = {}
        try:
            raws[PARTNERSHIP_FILE] = files.read(PARTNERSHIP_FILE)
        except InputError as exc:
            raise FolderInvalid([exc.problem]) from exc
        for kind in kinds:
            problems.extend(_yml_problems(files, kind))
            for rel in _files_ending(files, kind, ".yaml"):
                try:
                    raws[rel] = files.read(rel)
                except InputError as exc:
                    problems.append(exc.problem)
        try:
            migrate_raw(raws)
        except InputError as exc:
            raise FolderInvalid([exc.problem]) from exc
        partnership_raw = raws.pop(PARTNERSHIP_FILE)
        partnership = _validate(partnership_raw, Partnership, problems)
        snapshot = Snapshot(
            root=root,
            partnership=partnership or Partnership.model_construct(name=root.name, industry="", region=""),
        )
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
            entity = _validate(raw, kind, problems)
            if entity is not None:
                entity.id = entity_id
                snapshot.entities(kind)[entity_id] = entity
    finally:
        if gc_was_enabled:
            gc.enable()
    if check_references and partnership is not None:
        from ngsp_cli.store.references import check_references as check_refs

        # partnership.yaml's own references (conveners, co-chairs) get their lines too.
        problems.extend(check_refs(snapshot, {**raws, PARTNERSHIP_FILE: partnership_raw}, loaded=set(kinds)))
    snapshot.problems = sorted(problems, key=Problem.sort_key)
    if strict and snapshot.problems:
        raise FolderInvalid(snapshot.problems)
    return snapshot


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
    entity = _validate(raws[rel], kind, problems)
    if entity is None:
        raise FolderInvalid(problems)
    entity.id = entity_id
    return entity  # type: ignore[no-any-return]


def read_partnership(root: Path) -> Partnership:
    """Just partnership.yaml, for commands that need nothing else."""
    return load(root, kinds=(), check_references=False).partnership
