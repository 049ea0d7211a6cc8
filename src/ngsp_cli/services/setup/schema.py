"""The JSON Schemas of a partnership folder's files, written where editors find them.

Each partnership folder keeps them in `.ngsp/schema/` (written by `ngsp init` and
`ngsp schema`, kept in git with the folder), and every file ngsp creates starts
with a line that points an editor at its schema by a relative path, e.g.

    # yaml-language-server: $schema=../.ngsp/schema/person.json

A relative path works offline, in any clone of the folder, and always matches the
version of ngsp that wrote the folder; a published address would do none of these.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ngsp_cli.model import ActionTeam, Assessment, Meeting, Organization, Partnership, Person, Priority
from ngsp_cli.model.schema import json_schema
from ngsp_cli.playbook.models import Phase
from ngsp_cli.store.files import write_atomic
from ngsp_cli.store.write import SCHEMA_DIR

# File kind -> (model, which files, what the file is).
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "partnership": (Partnership, "partnership.yaml", "who the partnership is and how it is set up"),
    "organization": (Organization, "organizations/*.yaml", "a business or a public partner"),
    "person": (Person, "people/*.yaml", "one person, working for one organization"),
    "meeting": (Meeting, "meetings/*.yaml", "one meeting from plan to record"),
    "priority": (Priority, "priorities/*.yaml", "a priority the industry chose (or parked)"),
    "action-team": (ActionTeam, "action-teams/*.yaml", "business-led work on one priority"),
    "assessment": (Assessment, "assessments/*.yaml", "a dated self-assessment or outcome survey"),
    "playbook-phase": (Phase, "playbook/phases/*.yaml", "one phase of a playbook of your own"),
}


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each file kind, by kind."""
    return {
        kind: json_schema(model, title=f"ngsp {kind} file ({files})", description=f"{files}: {about}.")
        for kind, (model, files, about) in KINDS.items()
    }


def write_schemas(target: Path) -> list[Path]:
    """Write `<kind>.json` for every file kind into `target` (made if missing); the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in schemas().items():
        path = target / f"{kind}.json"
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    return written


def folder_schema_dir(root: Path) -> Path:
    """Where a partnership folder keeps its schemas."""
    return root / SCHEMA_DIR
