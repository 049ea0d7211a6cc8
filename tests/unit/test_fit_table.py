"""FitTable prints what rich's own Table prints when there is room, and never loses a character."""

from __future__ import annotations

import io
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ngsp_cli.cli.layout import FitTable

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=14)
CELL = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
ROWS = st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=8)


def _printed(table: Table, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(table)
    return buffer.getvalue()


def _filled(table: Table, rows: list[tuple[str, str, str]]) -> Table:
    table.add_column("name (id below)", overflow="fold")
    table.add_column("kind", overflow="fold")
    table.add_column("people", justify="right")
    for name, kind, people in rows:
        cell = Text(name)
        cell.append("\n" + name.replace(" ", "-"), style="dim")
        table.add_row(cell, Text(kind), people)
    return table


@settings(max_examples=60, deadline=None)
@given(rows=ROWS)
def test_a_table_with_room_prints_as_rich_prints_it(rows: list[tuple[str, str, str]]) -> None:
    width = 200  # room for every cell's longest line: nothing is wrapped
    assert _printed(_filled(FitTable(), rows), width) == _printed(_filled(Table(), rows), width)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, width=st.integers(min_value=20, max_value=90))
def test_a_narrow_table_keeps_every_letter_of_its_cells(rows: list[tuple[str, str, str]], width: int) -> None:
    printed = _printed(_filled(FitTable(), rows), width)
    letters = Counter(ch for ch in printed if ch.isalpha() or ch == "-")
    key_column = Counter(_letters("name (id below)"))
    for name, _, _ in rows:
        key_column.update(_letters(name + name.replace(" ", "-")))
    # The key column is never left out, and nothing of it is cut off.
    assert not key_column - letters
    if "not shown for lack of room" in " ".join(printed.split()):
        return  # another column was left out, and the note under the table says so
    everything = key_column + Counter(_letters("kind people"))
    for _, kind, people in rows:
        everything.update(_letters(kind + people))
    assert letters == everything


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha() or ch == "-")
