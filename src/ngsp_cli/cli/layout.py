"""Screen layout that holds up in narrow terminals.

- `FitTable`: a table that never splits a word (an id people copy) while any other
  column can still give way; its first column, the one people read a row by, goes last.
- `Hanging`: a line with a lead ("  ✓ ", "hint: ") whose wrapped text stays under
  its first word instead of going back to the left edge.

Imported inside command functions only, like every other use of rich.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

# A column narrower than this (text only, without padding) is hard to read; below it
# the column is left out instead of being squeezed further.
NARROWEST = 6


def fit_widths(
    natural: list[int],
    unbroken: list[int],
    narrowest: list[int],
    room: int,
    key: int = 0,
) -> list[int]:
    """Column widths adding up to at most `room` (0: the column is left out).

    `natural`: the width each column takes with nothing wrapped; `unbroken`: the width
    below which a word of the column would be split; `narrowest`: the width below which
    the column is left out. In that order the columns give way: first they wrap between
    words (widest first), then the columns other than `key` split words down to their
    narrowest, then they are left out from the right; the key column is split last
    (keeping the first other columns while it has two thirds of the room).
    """
    count = len(natural)
    others = [i for i in range(count) if i != key]
    hidden: set[int] = set()
    # (Measurements stop at the room there is: a key column as wide as all of it is
    # taken to be too wide for it.)
    while unbroken[key] < room or not others:
        shown = [i for i in range(count) if i not in hidden]
        widths = [0 if i in hidden else natural[i] for i in range(count)]
        _shrink(widths, unbroken, shown, room)
        floors = [unbroken[i] if i == key else narrowest[i] for i in range(count)]
        _shrink(widths, floors, [i for i in shown if i != key], room)
        if sum(widths) <= room:
            return widths
        visible = [i for i in others if i not in hidden]
        if not visible:
            break
        hidden.add(visible[-1])
    if not others:
        return [min(natural[key], room)]
    # Even alone the key column would split a word. Leaving out every other column
    # would not prevent that, so keep the first ones while it has two thirds of the room.
    widths = [0] * count
    widths[key] = max(room, 0)
    for i in others:
        if widths[key] - narrowest[i] < room * 2 // 3:
            break
        widths[i] = narrowest[i]
        widths[key] -= narrowest[i]
    return widths


def _shrink(widths: list[int], floors: list[int], allowed: list[int], room: int) -> None:
    """Narrow the widest of the `allowed` columns, one step at a time, down to their floors."""
    excess = sum(widths) - room
    while excess > 0:
        candidates = [i for i in allowed if widths[i] > floors[i]]
        if not candidates:
            return
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1


class _Hide(Exception):
    """Raised while measuring: these columns do not fit; render the table without them."""

    def __init__(self, hidden: list[int], measured: list[Measurement]) -> None:
        super().__init__()
        self.hidden = hidden
        self.measured = measured


class FitTable(Table):
    """A rich Table whose columns give way in an order people can live with.

    Rich shrinks the widest columns with no regard for the words in them, so the id
    in a "name (id)" cell came out as `river-valley-community-colleg` / `e`. Here every
    column keeps its longest word while there is room for that; when there is not, the
    other columns with overflow="fold" split words, then columns are left out from the
    right (said so under the table); the key column (the first unless told) gives way
    last. Put the columns in order of importance.
    """

    _measured: list[Measurement] | None = None

    def __init__(self, *columns: Any, key: int = 0, **settings: Any) -> None:
        """`key`: the column people read a row by (default the first); it gives way last."""
        super().__init__(*columns, **settings)
        self.key = key
        self.called: dict[int, str] = {}

    def add_column(self, header: Any = "", *args: Any, called: str | None = None, **settings: Any) -> None:
        """`called`: the column's name in the note under the table (default: its header)."""
        if called is not None:
            self.called[len(self.columns)] = called
        super().add_column(header, *args, **settings)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        try:
            # The widths are worked out before the first line is yielded.
            yield from super().__rich_console__(console, options)
        except _Hide as hide:
            yield from self._without(hide.hidden, hide.measured).__rich_console__(console, options)

    def _without(self, hidden: list[int], measured: list[Measurement]) -> FitTable:
        narrower = copy.copy(self)
        narrower.columns = []
        narrower._measured = []
        for index, column in enumerate(self.columns):
            if index not in hidden:
                kept = copy.copy(column)
                kept._index = len(narrower.columns)
                if index == self.key:
                    narrower.key = kept._index
                narrower.columns.append(kept)
                narrower._measured.append(measured[index])
        names = ", ".join(self.called.get(i) or _plain(self.columns[i].header) for i in hidden)
        narrower.caption = f"(not shown for lack of room: {names})"
        narrower.caption_justify = "left"
        return narrower

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        if self.expand or self.min_width is not None or self.width is not None:
            return super()._calculate_column_widths(console, options)
        room = options.max_width
        columns = self.columns
        measured = self._measured or [self._measure_column(console, options, c) for c in columns]
        natural = [m.maximum or 1 for m in measured]
        if sum(natural) <= room:
            return natural
        unbroken = []
        narrowest = []
        for column, sizes in zip(columns, measured, strict=True):
            unbroken.append(sizes.maximum if column.no_wrap else sizes.minimum)
            if column.overflow == "fold" and not column.no_wrap:
                readable = NARROWEST + self._get_padding_width(column._index)
                narrowest.append(max(1, min(sizes.minimum, readable)))
            else:
                narrowest.append(unbroken[-1])
        widths = fit_widths(natural, unbroken, narrowest, room, self.key)
        hidden = [i for i, width in enumerate(widths) if width == 0]
        if hidden and len(hidden) < len(columns):
            raise _Hide(hidden, measured)
        # Like rich: a wrapped column needs no more than its longest wrapped line.
        return [
            min(width, self._measure_column(console, options.update_width(width), column).maximum)
            if 0 < width < wide
            else width
            for width, wide, column in zip(widths, natural, columns, strict=True)
        ]


def _plain(header: object) -> str:
    text = Text.from_markup(header) if isinstance(header, str) else header
    plain = text.plain if isinstance(text, Text) else str(text)
    return " ".join(plain.replace("-\n", "").split())


class Hanging:
    """`lead` then `body`; lines the body wraps onto start under its first character.

    The same way rich's Markdown indents the rest of a list item (`ngsp playbook 4`).
    When a word of the body (say a meeting id) would not fit beside a long lead, the
    rest is indented by two more spaces than the lead instead, so the word stays whole;
    a word too wide for that is split with no indent at all.
    """

    def __init__(self, lead: str | Text, body: str | Text, indent: int | None = None) -> None:
        """`lead` and `body` are console markup (emoji codes stay text) or rich Text.

        `indent`: where the wrapped lines start (default: under the body's first character).
        """
        self.lead = Text.from_markup(lead, emoji=False) if isinstance(lead, str) else lead
        self.body = Text.from_markup(body, emoji=False) if isinstance(body, str) else body
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lead, body = self.lead, self.body
        rest = lead.cell_len if self.indent is None else self.indent
        longest = Measurement.get(console, options, body).minimum
        if longest > width - rest and lead.plain.strip() and self.indent is None:
            margin = len(lead.plain) - len(lead.plain.lstrip(" "))
            lead, body = Text(" " * margin), Text.assemble(lead[margin:], body)
            rest = margin + 2
        if longest > width - rest:
            # A word wider than the window (a long file path) splits anyway; unindented,
            # its pieces line up as one when copied.
            rest = 0
        if lead.cell_len > rest:  # a lead wider than the indent: the body starts after it
            lead, body = Text(), Text.assemble(lead, body)
        lines = console.render_lines(body, options.update(width=max(width - rest, 1)), pad=False)
        blank = Segment(" " * rest)
        for number, line in enumerate(lines):
            if number == 0:
                yield from lead.render(console)
            else:
                yield blank
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        body = Measurement.get(console, options, self.body)
        return Measurement(body.minimum + self.lead.cell_len, body.maximum + self.lead.cell_len)
