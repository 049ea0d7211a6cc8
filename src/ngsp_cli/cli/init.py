"""`ngsp init`: create a partnership folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ngsp_cli.cli import options, output, prompts


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
        list[str] | None,
        typer.Option("--county", help="A county of the region (repeatable; asked in a terminal)."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            help="Time zone of the meetings, e.g. America/Chicago, for calendar invites "
            "(default: this computer's).",
        ),
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
    no_input: options.NoInputOption = False,
) -> None:
    """Create a partnership folder (asks for what is missing when run in a terminal)."""
    from ngsp_cli.ids import slug
    from ngsp_cli.model import OrgKind
    from ngsp_cli.services.setup import create
    from ngsp_cli.vocab import choose

    if example is not None:
        target = path or Path(example)
        made = create.copy_example(example, target, git=git)
        output.done(f"copied the example '{example}' to {target}")
        _tell_git(made)
        output.err().print(f"  next: cd {target} && ngsp status")
        return
    kind = choose(
        OrgKind,
        convener_kind,
        "a kind of convening organization",
        allowed=[k for k in OrgKind if k is not OrgKind.business],
    )
    name, industry, region = _identity(name, industry, region, no_input)
    if convener is None and prompts.can_prompt(no_input):
        convener = _ask_list("--convener", "Convening organization(s), comma separated (Enter to skip)?")
    defaulted: list[str] = []
    timezone = _checked_timezone(_timezone(timezone, no_input, defaulted))
    if county is None:
        if prompts.can_prompt(no_input):
            county = _ask_list("--county", "Counties of the region, comma separated (Enter to skip)?")
        else:
            defaulted.append("no --county (add them under 'counties:' in partnership.yaml)")
    if convener is None and not prompts.can_prompt(no_input):
        defaulted.append("no --convener (add one with 'ngsp org add NAME --kind workforce')")
    target = path or Path(slug(name))
    made = create.create_partnership(
        target,
        name=name,
        industry=industry,
        region=region,
        conveners=convener or [],
        convener_kind=kind,
        counties=county or [],
        git=git,
        timezone=timezone,
    )
    output.done(f"created the partnership folder {target}")
    if defaulted:
        output.err().print("  without a terminal to ask, ngsp used:")
        for item in defaulted:
            output.err().print(f"    {item}")
    _tell_git(made)
    output.err().print(
        f"  next: cd {target}, add businesses with 'ngsp org add NAME --kind business', then 'ngsp status'"
    )


def _identity(
    name: str | None, industry: str | None, region: str | None, no_input: bool
) -> tuple[str, str, str]:
    """Name, industry and region: asked for in a terminal, else every missing one named at once."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.text import and_list, verb

    if not prompts.can_prompt(no_input):
        missing = [flag for flag, value in (("--name", name), ("--industry", industry), ("--region", region))
                   if not value]  # fmt: skip
        if missing:
            raise UsageError(
                f"{and_list(missing)} {verb(len(missing), 'is', 'are')} missing",
                hint='pass every one of them, e.g. ngsp init --name "NELA Healthcare" '
                '--industry Healthcare --region "Northeast Louisiana"',
            )
    name = name or prompts.ask_text("--name", "Name of the partnership?", no_input=no_input)
    industry = industry or prompts.ask_text(
        "--industry", "Which industry (one industry per partnership)?", no_input=no_input
    )
    region = region or prompts.ask_text("--region", "Which labor-market region?", no_input=no_input)
    return name, industry, region


def _ask_list(flag: str, question: str) -> list[str]:
    answer = prompts.ask_text(flag, question, required=False)
    return [item.strip() for item in answer.split(",") if item.strip()]


def _timezone(timezone: str | None, no_input: bool, defaulted: list[str]) -> str | None:
    """The meetings' time zone: as given, asked for in a terminal, else this computer's (said so)."""
    from ngsp_cli.services.setup import create

    if timezone is not None:
        return timezone
    machine_zone = create.machine_timezone()
    if prompts.can_prompt(no_input):
        question = "Time zone of the meetings (e.g. America/Chicago; Enter to skip)?"
        return prompts.ask_text("--timezone", question, default=machine_zone or "", required=False) or None
    defaulted.append(
        f"--timezone {machine_zone} (this computer's)"
        if machine_zone
        else "no --timezone (this computer does not say; invites then use the reader's clock)"
    )
    return machine_zone


def _checked_timezone(value: str | None) -> str | None:
    """A time zone name, or a usage error that names what was typed."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from ngsp_cli.errors import UsageError

    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"--timezone: '{value}' is not a time zone name",
            hint="use a name like America/Chicago, America/New_York or America/Denver",
        ) from None
    return value


def _tell_git(made: Any) -> None:
    """What happened with git, in a line or two (nothing when the folder is not a repository)."""
    if not made.repository:
        return
    if made.committed and made.signed_by_ngsp:
        output.err().print(
            "  git: made the first commit, signed 'ngsp' because git does not know your name yet; "
            'set it with: git config --global user.name "Your Name" and '
            "git config --global user.email you@example.org"
        )
    elif made.committed:
        output.err().print("  git: the folder is a repository with a first commit of every file")
    elif made.problem:
        output.warn(
            f"the folder is a git repository, but the first commit was not made: {made.problem}. "
            "Commit it yourself: git add --all && git commit -m 'Start the partnership folder'"
        )


def migrate_command(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only list the files that would change.")
    ] = False,
    folder: options.DirOption = None,
) -> None:
    """Upgrade a partnership folder written by an older ngsp to the current file format."""
    from ngsp_cli.model import version
    from ngsp_cli.services.setup.upgrade import migrate_folder
    from ngsp_cli.text import plural

    old, changed = migrate_folder(options.root_of(folder), dry_run=dry_run)
    if old == version.CURRENT_SCHEMA_VERSION:
        output.done(f"the folder already uses the current format (schema {old})")
        return
    verb = "would change" if dry_run else "changed"
    for rel in changed:
        output.err().print(f"  {rel}")
    output.done(f"schema {old} -> {version.CURRENT_SCHEMA_VERSION}: {verb} {plural(len(changed), 'file')}")
