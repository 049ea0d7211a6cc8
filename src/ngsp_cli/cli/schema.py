"""`ngsp schema`: the JSON Schema of every kind of file, for editors that check YAML as you type."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli.cli import options, output


def schema_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the schemas into this folder. Default: .ngsp/schema/ of the partnership folder, "
            "where the first line of each file ngsp creates points.",
            file_okay=False,
        ),
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Write the JSON Schema of every kind of file (partnership, organization, person, meeting, ...).

    Editors that know JSON Schema (VS Code with the YAML extension, check-jsonschema in a git
    pre-commit hook) then complete field names and flag mistakes as you type. Files that ngsp
    creates start with a line that points at their schema, for example
    '# yaml-language-server: $schema=../.ngsp/schema/person.json'; run this command once to
    get the schemas into a folder made by an older ngsp, and again after upgrading ngsp.
    """
    from ngsp_cli.services.setup.schema import folder_schema_dir, write_schemas
    from ngsp_cli.store.outputs import refuse_data

    if out is not None:
        refuse_data(out)  # never into the partnership's data (people/, templates/, .git, ...)
    target = out if out is not None else folder_schema_dir(options.root_of(folder))
    written = write_schemas(target)
    if as_json:
        output.emit_json({"folder": str(target), "files": [p.name for p in written]})
        return
    from ngsp_cli.text import plural

    output.done(f"wrote {plural(len(written), 'schema')} to {target}: {', '.join(p.name for p in written)}")
