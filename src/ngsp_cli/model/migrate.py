"""Schema migrations: older partnership folders are upgraded, never rejected.

Each migration takes the raw data of every file of a folder written at version
N (a mapping of relative path -> parsed YAML) and changes it in place to
version N + 1.  Reads migrate in memory; `ngsp migrate` writes the result.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from ngsp_cli.errors import InputError
from ngsp_cli.model import version

Migration = Callable[[MutableMapping[str, Any]], None]

# from-version -> migration to from-version + 1
MIGRATIONS: dict[int, Migration] = {}

PARTNERSHIP_FILE = "partnership.yaml"


def folder_version(partnership_data: Any) -> int:
    if not isinstance(partnership_data, dict):
        return version.CURRENT_SCHEMA_VERSION
    raw = partnership_data.get("schema_version", version.CURRENT_SCHEMA_VERSION)
    try:
        return int(raw)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"schema_version '{raw}' is not a number",
            file=PARTNERSHIP_FILE,
            field="schema_version",
            hint=f"this ngsp writes schema_version: {version.CURRENT_SCHEMA_VERSION}",
        ) from exc


def migrate_data(files: MutableMapping[str, Any]) -> int:
    """Upgrade `files` (relative path -> data) to the current version; returns the old version."""
    current = version.CURRENT_SCHEMA_VERSION
    found = folder_version(files.get(PARTNERSHIP_FILE))
    if found > current:
        raise InputError(
            f"this folder uses schema version {found}, newer than this ngsp understands ({current})",
            file=PARTNERSHIP_FILE,
            field="schema_version",
            hint="upgrade ngsp (pip install --upgrade ngsp) before working on this folder",
        )
    if found < 1:
        raise InputError(
            f"schema_version {found} is not a version ngsp ever wrote",
            file=PARTNERSHIP_FILE,
            field="schema_version",
            hint=f"set schema_version: {current}",
        )
    for step in range(found, current):
        migration = MIGRATIONS.get(step)
        if migration is None:
            raise InputError(
                f"no way to upgrade schema version {step} to {step + 1}",
                file=PARTNERSHIP_FILE,
                hint="this is a bug in ngsp; please report it",
            )
        migration(files)
        top = files.get(PARTNERSHIP_FILE)
        if isinstance(top, dict):
            top["schema_version"] = step + 1
    return found


def migrate_raw(raws: MutableMapping[str, Any]) -> int:
    """Migrate parsed files (records with a `data` field and `_replace`, such as RawFile) in place."""
    top = raws.get(PARTNERSHIP_FILE)
    if top is None or folder_version(top.data) == version.CURRENT_SCHEMA_VERSION:
        return version.CURRENT_SCHEMA_VERSION
    view = {rel: raw.data for rel, raw in raws.items()}
    old = migrate_data(view)
    for rel, data in view.items():
        raws[rel] = raws[rel]._replace(data=data)
    return old
