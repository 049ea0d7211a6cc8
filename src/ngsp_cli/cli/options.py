"""Options shared by commands (the folder, --json, dates, numbers) and the folder they name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
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
