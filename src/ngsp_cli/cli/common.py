"""Shared pieces of every command: the folder option, prompting, printing, errors."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ngsp_cli.errors import NgspError
    from ngsp_cli.store.folder import Snapshot

DirOption = Annotated[
    Path | None,
    typer.Option(
        "--dir",
        "-C",
        envvar="NGSP_DIR",
        show_envvar=True,
        help="The partnership folder. Default: the nearest folder holding partnership.yaml.",
        file_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on standard output.")]
NoInputOption = Annotated[
    bool,
    typer.Option(
        "--no-input",
        envvar="NGSP_NO_INPUT",
        show_envvar=True,
        help="Never ask questions; a missing value is an error.",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the --out file although ngsp did not write it, or it was changed since.",
    ),
]


def iso_date(value: str | dt.datetime) -> dt.datetime:
    """Parse a date option: ISO dates only, with an error a convener understands."""
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a date; write it as YYYY-MM-DD, for example 2027-02-10"
        ) from None


def date_option(flag: str, help: str, **settings: Any) -> Any:
    """A typer option holding an ISO date (parsed by `iso_date`)."""
    return typer.Option(flag, parser=iso_date, metavar="YYYY-MM-DD", help=help, **settings)


def number_option(
    flag: str,
    help: str,
    *,
    example: int | float,
    minimum: int | float | None = None,
    maximum: int | float | None = None,
    whole: bool = True,
) -> Any:
    """A typer option holding a number, with errors in plain words ('must be at least 1, e.g. 90')."""

    def parse(value: str | int | float) -> int | float:
        if isinstance(value, int | float):
            number: int | float = value
        else:
            text = value.strip()
            try:
                number = int(text) if whole else float(text)
            except ValueError:
                how = f"write digits only, e.g. {example}" if whole else f"write a number, e.g. {example}"
                what = "a whole number" if whole else "a number"
                raise typer.BadParameter(f"'{value}' is not {what}; {how}") from None
        if minimum is not None and number < minimum:
            raise typer.BadParameter(f"{value} is too small: it must be at least {minimum}, e.g. {example}")
        if maximum is not None and number > maximum:
            raise typer.BadParameter(f"{value} is too large: it must be at most {maximum}, e.g. {example}")
        return number

    return typer.Option(flag, parser=parse, metavar="NUMBER", help=help)


AS_OF_HELP = "Work as if today were this date (default: today)."


def as_of_option(detail: str = "") -> Any:
    """The --as-of option of every command whose answers depend on the day, in one wording."""
    return date_option("--as-of", f"{AS_OF_HELP} {detail}".strip())


def writing_as_of_option(detail: str) -> Any:
    """--as-of of a command that writes: the day it works on, today or earlier (one meaning everywhere)."""
    return date_option("--as-of", f"{AS_OF_HELP} It may not be later than today. {detail}".strip())


# --as-of of a command that records something dated by its --date option.
WritingAsOfOption = Annotated[dt.datetime | None, writing_as_of_option("--date may not be later than it.")]


def day_of(value: dt.datetime | None) -> dt.date | None:
    """The date of a parsed date option (None when it was not given)."""
    return value.date() if value else None


class _State:
    """Options given before the command name (`ngsp -C folder org list`)."""

    folder: Path | None = None
    no_input: bool = False


STATE = _State()


def root_of(folder: Path | None) -> Path:
    """The partnership folder for this command (option, NGSP_DIR or walking up)."""
    from ngsp_cli.store.folder import find_root

    return find_root(explicit=folder or STATE.folder)


def load_snapshot(folder: Path | None, kinds: Any = None) -> Snapshot:
    from ngsp_cli.store import folder as store

    root = root_of(folder)
    return store.load(root) if kinds is None else store.load(root, kinds)


def can_prompt(no_input: bool = False) -> bool:
    if no_input or STATE.no_input:
        return False
    if os.environ.get("NGSP_NO_INPUT", "").lower() in {"1", "true", "yes"}:
        return False
    if os.environ.get("CI"):
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def _missing(flag: str, what: str | None, choices: list[str] | None = None) -> NgspError:
    """'the date of the meeting is missing', with the flag that gives it (and its choices)."""
    from ngsp_cli.errors import UsageError

    one_of = f" (one of: {', '.join(choices)})" if choices else ""
    return UsageError(
        f"{what or flag} is missing",
        hint=f"give it with {flag}{one_of}, or run the command in a terminal to be asked",
    )


def _answered(value: Any) -> Any:
    if value is None:  # questionary returns None on Ctrl-C
        raise KeyboardInterrupt
    return value


def ask_text(
    flag: str,
    question: str,
    *,
    default: str = "",
    required: bool = True,
    no_input: bool = False,
    what: str | None = None,
) -> str:
    """Ask on a terminal; otherwise a missing value is a usage error naming `what` and the flag.

    `what` names the value in a sentence ('the date of the meeting'); without it the
    message names the flag.
    """
    if not can_prompt(no_input):
        if required and not default:
            raise _missing(flag, what)
        return default
    import questionary

    def validate(text: str) -> bool | str:
        return True if text.strip() or not required else "Please type an answer"

    answer = _answered(questionary.text(question, default=default, validate=validate).ask())
    return str(answer).strip()


def ask_choice(
    flag: str, question: str, choices: list[str], *, default: str | None = None,
    no_input: bool = False, what: str | None = None,
) -> str:  # fmt: skip
    if not can_prompt(no_input):
        if default is not None:
            return default
        raise _missing(flag, what, choices)
    import questionary

    return str(_answered(questionary.select(question, choices=choices, default=default).ask()))


def ask_confirm(question: str, *, default: bool = True, no_input: bool = False) -> bool:
    if not can_prompt(no_input):
        return default
    import questionary

    return bool(_answered(questionary.confirm(question, default=default).ask()))


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment

    from ngsp_cli.text import printable

    class SafeConsole(Console):
        """A console that never sends a control character from text to the terminal.

        A name with ESC or BEL in it (pasted, or written in a file by hand) would
        otherwise retitle the window, clear the screen or draw a disguised link;
        every screen of ngsp prints through this one place, which shows them as
        visible symbols (ESC as ␛).  Rich's own styles and cursor moves pass.
        """

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(printable(segment.text), segment.style)
                for segment in buffer
            )

    return SafeConsole


def out() -> Console:
    # emoji=False: a name like "Smith :x: Co" is text, not an emoji code.
    return _console_class()(highlight=False, soft_wrap=False, emoji=False)


def err() -> Console:
    return _console_class()(stderr=True, highlight=False, emoji=False)


def _json_default(value: Any) -> Any:
    import datetime as dt
    from enum import Enum

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def emit_json(data: Any) -> None:
    """One JSON document on stdout, nothing else."""
    import json
    import re

    text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)
    # JSON escapes C0 control characters itself; DEL and C1 ones (U+007F-U+009F) here.
    sys.stdout.write(re.sub("[\x7f-\x9f]", lambda found: f"\\u{ord(found.group()):04x}", text))
    sys.stdout.write("\n")


def entity_json(entity: Any) -> dict[str, Any]:
    """An entity as JSON data, with its id first."""
    return {"id": entity.id, **entity.model_dump(mode="json")}


def cell(value: object) -> Any:
    """A table cell showing `value` as plain text (a name with brackets is not markup)."""
    from rich.text import Text

    from ngsp_cli.text import printable

    return Text("" if value is None else printable(str(value)))


def name_cell(name: str, entity_id: str) -> Any:
    """A name with its id below, dimmed: the id is what the next command takes.

    Two lines in one column fit an 80-column terminal better than an id column.
    """
    from rich.text import Text

    from ngsp_cli.text import printable

    text = Text(printable(name))
    if entity_id != name:
        text.append("\n" + entity_id, style="dim")
    return text


def done(message: str) -> None:
    """A short success message for people (stderr keeps stdout clean for pipes).

    `message` is plain text: names people typed may hold brackets, never markup.
    """
    from rich.markup import escape

    from ngsp_cli.store.staging import take_notices

    for notice in take_notices():  # what taking the folder lock finished first
        err().print(f"[yellow]First {escape(notice)}.[/yellow]")
    # No hanging indent here: a long file path must stay one piece when it wraps.
    err().print(f"[green]✓[/green] {escape(message)}")


def warn(message: str) -> None:
    """Something the user should know although the command did its work (stderr, exit 0)."""
    from rich.markup import escape

    err().print(f"[yellow]warning:[/yellow] {escape(message)}")


def note(message: str) -> None:
    """Plain information beside a command's result (stderr, so stdout stays clean for pipes)."""
    from rich.markup import escape

    err().print(escape(message))


MAX_PROBLEMS_ON_SCREEN = 25


def report_error(exc: NgspError) -> None:
    """Print an ngsp error: location, field, message, hint; never a traceback."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import field_label

    console = err()
    problems = exc.problems
    if len(problems) > 1:
        console.print(f"[bold red]error:[/bold red] {escape(exc.problem.message)}")
    shown = problems[:MAX_PROBLEMS_ON_SCREEN]
    for problem in shown:
        where = problem.location()
        field = f" [dim]({escape(field_label(problem.field))})[/dim]" if problem.field else ""
        if where:
            prefix = f"[bold]{escape(where)}[/bold]{field}: "
        else:
            prefix = f"[bold]{escape(field_label(problem.field))}[/bold]: " if problem.field else ""
        many = len(problems) > 1
        # Wrapped lines stay indented under their problem or hint.
        label = "  " if many else "[bold red]error:[/bold red] "
        console.print(Hanging(label, f"{prefix}{escape(problem.message)}", 4 if many else None))
        if problem.hint:
            console.print(Hanging(f"  {'  ' if many else ''}[cyan]hint:[/cyan] ", escape(problem.hint)))
    hidden = len(problems) - len(shown)
    if hidden > 0:
        console.print(
            Hanging("  ", f"… and {hidden} more; run 'ngsp check --only schema' to see them all", 4)
        )


def name_typed_values(command: Any) -> None:
    """Make a schema error about a value typed on the command line name that option or argument.

    The models check values ('duration_minutes must be at least 1'); the person typed
    '--duration -5' or an empty NAME, so the message and hint speak of those.
    For one command (not a group: its context would not know the options typed).
    """
    original = command.invoke

    def invoke(ctx: Any) -> Any:
        try:
            return original(ctx)
        except Exception as exc:
            if type(exc).__name__ != "ValidationError" or not type(exc).__module__.startswith("pydantic"):
                raise
            raise typed_value_error(exc, ctx) from None

    command.invoke = invoke


def typed_value_error(exc: Any, ctx: Any) -> NgspError:
    """A pydantic error about values of the command `ctx` runs, as an ngsp input error."""
    from pydantic import BaseModel

    from ngsp_cli.errors import FolderInvalid
    from ngsp_cli.store.folder import problems_from_validation

    given: dict[str, str] = {}
    for param in ctx.command.params:
        if param.name is None:
            continue
        if param.param_type_name == "argument":
            given[param.name] = param.name.replace("_", " ")
        else:
            longs = [o for o in param.opts if o.startswith("--")] or list(param.opts)
            given[param.name] = longs[0]
    for err_ in exc.errors(include_url=False):
        field = err_["loc"][0] if err_["loc"] else None
        if isinstance(field, str) and field not in given:
            # A field named longer than its option: duration_minutes is set by --duration.
            matches = [name for name in given if field.startswith(name + "_")]
            if len(matches) == 1:
                given[field] = given[matches[0]]
    problems = problems_from_validation(exc, None, BaseModel, given=given, command=ctx.command_path)
    return FolderInvalid(problems, what="what you typed")


def reflow_help_text(text: str | None) -> str | None:
    from ngsp_cli.text import reflow

    return reflow(text) if text else text
