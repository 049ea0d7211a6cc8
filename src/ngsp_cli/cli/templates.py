"""`ngsp templates ...`: the templates of the documents, and your own versions of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli.cli import options, output

app = typer.Typer(no_args_is_help=True)


def _root_or_none(folder: Path | None) -> Path | None:
    from ngsp_cli.errors import NotFoundError

    try:
        return options.root_of(folder)
    except NotFoundError:
        if folder is not None or options.STATE.folder is not None:
            raise
        return None


@app.command("list")
def list_(folder: options.DirOption = None, as_json: options.JsonOption = False) -> None:
    """List the templates, and which ones your folder's templates/ overrides."""
    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.services.meetings.templates import list_templates

    root = _root_or_none(folder)
    entries = list_templates(root)
    if as_json:
        output.emit_json(
            [
                {"name": e.name, "bundled": e.bundled, "yours": e.yours, "used": e.winner, "for": e.used_by}
                for e in entries
            ]
        )
        return
    table = FitTable(title="Document templates", title_justify="left")
    table.add_column("name", overflow="fold")  # the name 'ngsp templates copy' takes: never cut short
    for column in ("for", "used", "yours", "bundled"):  # what a narrow window leaves out last
        table.add_column(column)
    for e in entries:
        table.add_row(
            e.name,
            e.used_by,
            f"[bold]{e.winner}[/bold]" if e.yours else e.winner,
            "yes" if e.yours else "",
            "yes" if e.bundled else "",
        )
    console = output.out()
    console.print(table)
    if root is None:
        console.print("Not in a partnership folder: only the bundled templates are shown.")
    else:
        console.print(
            "Your versions live in templates/ of the partnership folder and win over the bundled ones.\n"
            "The .docx templates are Word files: copy one, open it in Word, add your letterhead and wording."
        )
        console.print("Start one with: ngsp templates copy NAME")


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Template name, e.g. memo.html.j2 (or memo.html).")],
    bundled_only: Annotated[
        bool, typer.Option("--bundled", help="Show the bundled version even if you have your own.")
    ] = False,
    values: Annotated[
        bool,
        typer.Option(
            "--values",
            help="Show what the template can use, as JSON, with this folder's data (or the example's); "
            "each list shows its first item and how many more there are.",
        ),
    ] = False,
    folder: options.DirOption = None,
) -> None:
    """Print a template (the one ngsp uses), or the values it can use."""
    import sys

    from ngsp_cli.services.meetings.templates import resolve_name, source_path

    root = _root_or_none(folder)
    resolved = resolve_name(root, name)
    if values:
        from ngsp_cli.services.template_values import template_values

        output.emit_json(template_values(root, resolved))
        return
    path = source_path(root, resolved, bundled_only=bundled_only)
    where = "bundled" if bundled_only or root is None or not path.is_relative_to(root) else "yours"
    output.err().print(f"[dim]{resolved} ({where}: {path})[/dim]")
    if path.suffix == ".docx":
        from ngsp_cli.services.meetings.templates import word_text

        # A Word file is not text: show its paragraphs and table rows with their tags.
        sys.stdout.write(word_text(path))
        return
    sys.stdout.write(path.read_text(encoding="utf-8"))


@app.command("copy")
def copy(
    name: Annotated[str, typer.Argument(help="Template name, e.g. invite.html.j2 (or invite.html).")],
    force: Annotated[bool, typer.Option("--force", help="Replace your existing version.")] = False,
    folder: options.DirOption = None,
) -> None:
    """Copy a bundled template into the folder's templates/ so you can change it."""
    from ngsp_cli.services.meetings.templates import copy_template, resolve_name

    root = options.root_of(folder)
    resolved = resolve_name(None, name)
    target = copy_template(root, resolved, force=force)
    output.done(f"copied {resolved} to {target.relative_to(root)}; edit it there, ngsp now uses your version")
