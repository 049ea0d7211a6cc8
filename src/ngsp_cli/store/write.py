"""The careful write path: one file, round-tripped, atomically replaced, under the lock."""

from __future__ import annotations

import datetime as dt
import io
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ngsp_cli.errors import InputError
from ngsp_cli.ids import check_id
from ngsp_cli.model import Entity, Partnership
from ngsp_cli.store import yamlio
from ngsp_cli.store.files import checking_locks_now, folder_lock, holding_lock, write_atomic
from ngsp_cli.store.folder import PARTNERSHIP_FILE


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, str, int, float, bool)) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} to YAML")


def file_data(model: BaseModel) -> tuple[dict[str, Any], dict[str, Any]]:
    """The model as (full, sparse) plain data; sparse leaves out default values."""
    full = _plain(model.model_dump(mode="python"))
    sparse = _plain(model.model_dump(mode="python", exclude_defaults=True))
    if isinstance(model, Partnership):
        # Always say which schema a folder uses, in first place.
        sparse = {"schema_version": full["schema_version"], **sparse}
    return full, sparse


def rel_path(model: BaseModel) -> str:
    if isinstance(model, Partnership):
        return PARTNERSHIP_FILE
    if isinstance(model, Entity):
        check_id(model.id, what=f"{type(model).__name__.lower()} id")
        return f"{model.folder}/{model.id}.yaml"
    raise TypeError(f"{type(model).__name__} is not stored in its own file")


# Where a partnership folder keeps the JSON Schemas of its files (services/setup/schema.py).
SCHEMA_DIR = ".ngsp/schema"
# The kind of file (and so of schema) in each folder of entity files.
FOLDER_KINDS: dict[str, str] = {
    "organizations": "organization",
    "people": "person",
    "meetings": "meeting",
    "priorities": "priority",
    "action-teams": "action-team",
    "assessments": "assessment",
}


def schema_line(model: BaseModel, root: Path) -> str:
    """The first line of a new file of `model`, pointing editors at its schema ('' when the folder has none).

    The path is relative to the file: `.ngsp/schema/partnership.json` from partnership.yaml,
    `../.ngsp/schema/person.json` from people/<id>.yaml.
    """
    kind = "partnership" if isinstance(model, Partnership) else None
    if isinstance(model, Entity):
        kind = FOLDER_KINDS.get(model.folder)
    if kind is None or not (root / SCHEMA_DIR / f"{kind}.json").is_file():
        return ""
    up = "" if isinstance(model, Partnership) else "../"
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind}.json\n"


def render(model: BaseModel, existing_text: str | None = None, *, first_line: str = "") -> str:
    """The YAML text of `model`, keeping the comments and layout of `existing_text`.

    `first_line` starts a new file (see `schema_line`); an existing file keeps its own first lines.
    """
    if existing_text is None and not isinstance(model, Partnership):
        # A new entity file holds only what is not a default: try the fast path first.
        fast = yamlio.dump_new(_plain(model.model_dump(mode="python", exclude_defaults=True)))
        if fast is not None:
            return first_line + fast
    full, sparse = file_data(model)
    rt = yamlio.writer()
    if existing_text is None:
        doc = yamlio.merge_into(None, sparse)
    else:
        doc = rt.load(existing_text)
        doc = yamlio.merge_into(doc, full, sparse, yamlio.parse(existing_text))
    stream = io.StringIO()
    rt.dump(doc, stream)
    return (first_line if existing_text is None else "") + stream.getvalue()


def save(root: Path, model: BaseModel, *, create: bool = False) -> Path:
    """Write `model` to its file in `root`.

    With `create`, refuse to overwrite an existing file (two entities never share
    an id).  Otherwise the file is updated in place: only what changed changes.
    """
    rel = rel_path(model)
    path = root / rel
    if checking_locks_now() and not holding_lock(root):
        # The change was worked out from files read without the lock: another command
        # may have changed them since, and writing would drop its change.
        raise RuntimeError(f"{rel} is saved outside the folder lock; wrap the whole change in files.locked")
    with folder_lock(root):
        exists = path.exists()
        if create and exists:
            raise InputError(
                f"{rel} already exists",
                file=rel,
                hint="choose another id or edit the existing entry",
            )
        existing = path.read_text(encoding="utf-8-sig") if exists else None
        text = render(model, existing, first_line=schema_line(model, root))
        if text != existing:
            write_atomic(path, text)
    return path
