"""Printing: the consoles, JSON on standard output, table cells and short messages."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


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
    return _sized(_console_class()(highlight=False, soft_wrap=False, emoji=False))


def err() -> Console:
    return _sized(_console_class()(stderr=True, highlight=False, emoji=False))


def _sized(console: Console) -> Console:
    """`console`, keeping the size it finds now for its life (a command lasts milliseconds).

    Otherwise rich asks the terminal and the environment for its size again, by system
    calls, for every line printed.
    """
    width, height = console.size
    console.size = (width + console.legacy_windows, height)
    return console


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


def reflow_help_text(text: str | None) -> str | None:
    from ngsp_cli.text import reflow

    return reflow(text) if text else text
