"""Write an older partnership folder in the current schema (`ngsp migrate`)."""

from __future__ import annotations

import io
from pathlib import Path

from ngsp_cli.model import ENTITY_TYPES, version
from ngsp_cli.model.migrate import folder_version, migrate_data
from ngsp_cli.store import yamlio
from ngsp_cli.store.files import folder_lock, write_atomic
from ngsp_cli.store.folder import PARTNERSHIP_FILE, load
from ngsp_cli.store.listing import entity_files
from ngsp_cli.store.reading import read_raw


def migrate_folder(root: Path, *, dry_run: bool = False) -> tuple[int, list[str]]:
    """Upgrade every file to the current schema; returns (old version, changed files).

    The whole folder is migrated and validated in memory first; files are
    written only when the result is valid, each atomically, comments kept.
    """
    rels = [PARTNERSHIP_FILE] + [rel for kind in ENTITY_TYPES for rel in entity_files(root, kind)]
    raws = {rel: read_raw(root, rel) for rel in rels}
    old = folder_version(raws[PARTNERSHIP_FILE].data)
    if old == version.CURRENT_SCHEMA_VERSION:
        return old, []
    data = {rel: raw.data for rel, raw in raws.items()}
    migrate_data(data)
    load(root)  # the migrated folder must be valid before anything is written
    changed: list[str] = []
    rt = yamlio.writer()
    with folder_lock(root):
        for rel, raw in raws.items():
            doc = rt.load(raw.text)
            doc = yamlio.merge_into(doc, data[rel], data[rel], yamlio.parse(raw.text))
            stream = io.StringIO()
            rt.dump(doc, stream)
            if stream.getvalue() != raw.text:
                changed.append(rel)
                if not dry_run:
                    write_atomic(root / rel, stream.getvalue())
    return old, changed
