"""`ngsp init`: create a partnership folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli.cli import common


def init_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="Folder to create. Default: a new folder named after the partnership."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help="Partnership name, e.g. 'NELA Healthcare' (asked in a terminal, else required)."
        ),
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", help="The one industry at the table (required like --name).")
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", help="The labor-market region, e.g. 'Northeast LA' (required like --name)."),
    ] = None,
    convener: Annotated[
        list[str] | None,
        typer.Option("--convener", help="A convening organization (repeat for co-conveners)."),
    ] = None,
    convener_kind: Annotated[
        str,
        typer.Option(
            "--convener-kind",
            help="Kind of the convener organizations: workforce, education, "
            "economic-development, community, government or other.",
        ),
    ] = "workforce",
    county: Annotated[
        list[str] | None, typer.Option("--county", help="A county of the region (repeatable).")
    ] = None,
    example: Annotated[
        str | None,
        typer.Option("--example", help="Copy a bundled example partnership instead, to learn on."),
    ] = None,
    git: Annotated[
        bool | None,
        typer.Option(
            "--git/--no-git",
            help="Make the folder a git repository (default: if git is installed).",
        ),
    ] = None,
    no_input: common.NoInputOption = False,
) -> None:
    """Create a partnership folder (asks for what is missing when run in a terminal)."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.ids import slug
    from ngsp_cli.model import OrgKind
    from ngsp_cli.services import create
    from ngsp_cli.text import and_list, verb
    from ngsp_cli.vocab import choose

    if example is not None:
        target = path or Path(example)
        create.copy_example(example, target, git=git)
        common.done(f"copied the example '{example}' to {target}")
        common.err().print(f"  next: cd {target} && ngsp status")
        return
    kind = choose(
        OrgKind,
        convener_kind,
        "a kind of convening organization",
        allowed=[k for k in OrgKind if k is not OrgKind.business],
    )
    if not common.can_prompt(no_input):
        # Without a terminal nobody can be asked: name every missing value at once.
        missing = [flag for flag, value in (("--name", name), ("--industry", industry), ("--region", region))
                   if not value]  # fmt: skip
        if missing:
            raise UsageError(
                f"{and_list(missing)} {verb(len(missing), 'is', 'are')} missing",
                hint='pass every one of them, e.g. ngsp init --name "NELA Healthcare" '
                '--industry Healthcare --region "Northeast Louisiana"',
            )
    name = name or common.ask_text("--name", "Name of the partnership?", no_input=no_input)
    industry = industry or common.ask_text(
        "--industry", "Which industry (one industry per partnership)?", no_input=no_input
    )
    region = region or common.ask_text("--region", "Which labor-market region?", no_input=no_input)
    if convener is None and common.can_prompt(no_input):
        answer = common.ask_text(
            "--convener",
            "Convening organization(s), comma separated (Enter to skip)?",
            required=False,
        )
        convener = [c.strip() for c in answer.split(",") if c.strip()]
    target = path or Path(slug(name))
    create.create_partnership(
        target,
        name=name,
        industry=industry,
        region=region,
        conveners=convener or [],
        convener_kind=kind,
        counties=county or [],
        git=git,
    )
    common.done(f"created the partnership folder {target}")
    common.err().print(
        f"  next: cd {target}, add businesses with 'ngsp org add NAME --kind business', then 'ngsp status'"
    )


def migrate_command(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only list the files that would change.")
    ] = False,
    folder: common.DirOption = None,
) -> None:
    """Upgrade a partnership folder written by an older ngsp to the current file format."""
    from ngsp_cli.model import version
    from ngsp_cli.services.upgrade import migrate_folder
    from ngsp_cli.text import plural

    old, changed = migrate_folder(common.root_of(folder), dry_run=dry_run)
    if old == version.CURRENT_SCHEMA_VERSION:
        common.done(f"the folder already uses the current format (schema {old})")
        return
    verb = "would change" if dry_run else "changed"
    for rel in changed:
        common.err().print(f"  {rel}")
    common.done(f"schema {old} -> {version.CURRENT_SCHEMA_VERSION}: {verb} {plural(len(changed), 'file')}")
