"""The command reference (docs/cli.md), written from the commands themselves.

Every command, its help, arguments and options are read from the command tree
that `ngsp` runs, so the reference says what `ngsp COMMAND --help` says.
Regenerate it after changing a command:

    python -m ngsp_cli.cli.reference > docs/cli.md

(tests/cli/test_reference.py fails while docs/cli.md is out of date.)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

REGENERATE = "python -m ngsp_cli.cli.reference > docs/cli.md"

_HEADER = f"""\
# ngsp command reference

Every command of `ngsp`, with the help that `ngsp COMMAND --help` prints. This page is
generated from the commands themselves; do not edit it by hand. To update it, run

    {REGENERATE}

Exit codes, for every command: 0 done (or nothing to report), 1 `check` or `assess` found
problems, 2 bad input (a wrong option, a file ngsp cannot read, an unknown id), 130
stopped with Ctrl-C. Commands that report take `--json` for a machine-readable answer.
"""


def _cell(text: str) -> str:
    """Text that fits in one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _walk(command: Any, ctx: Any, path: list[str]) -> Iterator[tuple[list[str], Any, Any]]:
    yield path, command, ctx
    subcommands = getattr(command, "commands", None) or {}
    for name in subcommands:
        sub = subcommands[name]
        if getattr(sub, "hidden", False):
            continue
        sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
        yield from _walk(sub, sub_ctx, [*path, name])


def _section(path: list[str], command: Any, ctx: Any) -> list[str]:
    title = " ".join(path)
    level = "#" * min(len(path) + 1, 4)
    lines = [f"{level} `{title}`", ""]
    if command.help:
        lines += [command.help.strip(), ""]
    usage = " ".join([title, *command.collect_usage_pieces(ctx)])
    lines += ["```", usage, "```", ""]
    rows: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        rows.append((names, help_text))
    if rows:
        lines += ["| Argument or option | What it does |", "| --- | --- |"]
        lines += [f"| `{_cell(names)}` | {_cell(help_text)} |" for names, help_text in rows]
        lines.append("")
    subcommands = getattr(command, "commands", None) or {}
    shown = [(name, sub) for name, sub in subcommands.items() if not getattr(sub, "hidden", False)]
    if shown:
        lines += ["| Command | What it does |", "| --- | --- |"]
        for name, sub in shown:
            summary = sub.get_short_help_str(limit=200)
            lines.append(f"| [`{title} {name}`](#{_anchor(f'{title} {name}')}) | {_cell(summary)} |")
        lines.append("")
    return lines


def _anchor(title: str) -> str:
    """The anchor GitHub gives a heading `title` (in backticks)."""
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c in "-_")


def render() -> str:
    """docs/cli.md as it should be now."""
    from typer.main import get_command

    from ngsp_cli.cli.app import app, prepare

    top = prepare(get_command(app))
    ctx = top.make_context("ngsp", [], resilient_parsing=True)
    lines = [_HEADER]
    for path, command, command_ctx in _walk(top, ctx, ["ngsp"]):
        lines += _section(path, command, command_ctx)
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
