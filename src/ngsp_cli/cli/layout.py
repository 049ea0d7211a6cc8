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
from rich.padding import Padding
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


class FitTable(Table):
    """A rich Table whose columns give way in an order people can live with.

    Rich shrinks the widest columns with no regard for the words in them, so the id
    in a "name (id)" cell came out as `river-valley-community-colleg` / `e`. Here every
    column keeps its longest word while there is room for that; when there is not, the
    other columns with overflow="fold" split words, then columns are left out from the
    right (said so under the table); the key column (the first unless told) gives way
    last. Put the columns in order of importance.

    Only rich's public API is used: the cells are measured with `Measurement.get`, and
    the table is printed as a copy whose columns have the widths worked out here.
    """

    def __init__(self, *columns: Any, key: int = 0, **settings: Any) -> None:
        """`key`: the column people read a row by (default the first); it gives way last."""
        super().__init__(*columns, **settings)
        self.key = key
        self.called: dict[int, str] = {}
        self.fitted = False  # True for the copy whose widths are worked out

    def add_column(self, header: Any = "", *args: Any, called: str | None = None, **settings: Any) -> None:
        """`called`: the column's name in the note under the table (default: its header)."""
        if called is not None:
            self.called[len(self.columns)] = called
        super().add_column(header, *args, **settings)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fixed = self.expand or self.min_width is not None or self.width is not None or self.collapse_padding
        if self.fitted or fixed or not self.columns:
            yield from super().__rich_console__(console, options)
        else:
            yield from self._fit(console, options).__rich_console__(console, options)

    def _fit(self, console: Console, options: ConsoleOptions) -> FitTable:
        """A copy with every column's width set, and the columns there is no room for left out."""
        kept = list(range(len(self.columns)))
        room = options.max_width - self._fit_borders(len(kept))
        measured = [self._fit_measure(console, options.update_width(room), i, kept) for i in kept]
        natural = [m.maximum or 1 for m in measured]
        # A column with room for its longest line has nothing to wrap, so rich is told not to try
        # (a third of the work of printing a table). That is known only of a column measured
        # narrower than the room (measurements stop there) while no column is left out (which
        # changes the others' padding).
        unwrapped = [width if width < room else None for width in natural]
        if sum(natural) <= room:
            # As rich would lay it out; the copy's set widths spare rich measuring every cell again.
            return self._fitted_copy(kept, natural, [], unwrapped)
        hidden: list[int] = []
        while True:
            widths = self._fit_widths(console, options.update_width(room), kept, measured)
            dropped = [index for index, width in zip(kept, widths, strict=True) if width == 0]
            if not dropped or len(dropped) == len(kept):
                known: list[int | None] = unwrapped if not hidden else [None] * len(kept)
                return self._fitted_copy(kept, widths, hidden, known)
            hidden += dropped
            kept = [i for i in kept if i not in dropped]
            room = options.max_width - self._fit_borders(len(kept))

    def _fit_widths(
        self, console: Console, options: ConsoleOptions, kept: list[int], measured: list[Measurement]
    ) -> list[int]:
        """Widths (padding included) of the `kept` columns in `options.max_width`; 0: leave it out."""
        columns = [self.columns[i] for i in kept]
        sizes = [measured[i] for i in kept]
        natural = [m.maximum or 1 for m in sizes]
        unbroken = []
        narrowest = []
        for index, column, size in zip(kept, columns, sizes, strict=True):
            unbroken.append(size.maximum if column.no_wrap else size.minimum)
            if column.overflow == "fold" and not column.no_wrap:
                readable = NARROWEST + sum(self._fit_padding(index, kept))
                narrowest.append(max(1, min(size.minimum, readable)))
            else:
                narrowest.append(unbroken[-1])
        key = kept.index(self.key) if self.key in kept else 0
        widths = fit_widths(natural, unbroken, narrowest, options.max_width, key)
        # Like rich: a wrapped column needs no more than its longest wrapped line.
        return [
            min(width, self._fit_measure(console, options.update_width(width), index, kept).maximum)
            if 0 < width < wide
            else width
            for index, width, wide in zip(kept, widths, natural, strict=True)
        ]

    def _fit_padding(self, index: int, kept: list[int]) -> tuple[int, int]:
        """Left and right padding of column `index` among the `kept` ones (as rich counts it)."""
        _, right, _, left = Padding.unpack(self.padding)
        if not self.pad_edge:
            left = 0 if index == kept[0] else left
            right = 0 if index == kept[-1] else right
        return left, right

    def _fit_measure(
        self, console: Console, options: ConsoleOptions, index: int, kept: list[int]
    ) -> Measurement:
        """The narrowest and widest the column can be, padding included (as rich measures it)."""
        if options.max_width < 1:
            return Measurement(0, 0)
        column = self.columns[index]
        left, right = self._fit_padding(index, kept)
        padding = left + right
        if column.width is not None:
            return Measurement(column.width + padding, column.width + padding).with_maximum(options.max_width)
        cells = [column.header] if self.show_header else []
        cells += list(column.cells)
        if self.show_footer:
            cells.append(column.footer)
        sizes = [Measurement.get(console, options, Padding(cell, (0, right, 0, left))) for cell in cells]
        measurement = Measurement(
            max((s.minimum for s in sizes), default=1),
            max((s.maximum for s in sizes), default=options.max_width),
        ).with_maximum(options.max_width)
        return measurement.clamp(
            None if column.min_width is None else column.min_width + padding,
            None if column.max_width is None else column.max_width + padding,
        )

    def _fit_borders(self, count: int) -> int:
        """The width the box takes around and between `count` columns."""
        if not self.box:
            return 0
        return (2 if self.show_edge else 0) + count - 1

    def _fitted_copy(
        self, kept: list[int], widths: list[int], hidden: list[int], unwrapped: list[int | None]
    ) -> FitTable:
        """This table with only the `kept` columns, each as wide as `widths` says; a column given
        its `unwrapped` width (when known) is not wrapped."""
        fitted = copy.copy(self)
        fitted.fitted = True
        fitted.columns = []
        fitted.rows = []
        for index, width, longest in zip(kept, widths, unwrapped, strict=True):
            column = self.columns[index]
            fitted.add_column(
                column.header,
                column.footer,
                header_style=column.header_style or None,
                highlight=column.highlight,
                footer_style=column.footer_style or None,
                style=column.style or None,
                justify=column.justify,
                vertical=column.vertical,
                overflow=column.overflow,
                width=max(0, width - sum(self._fit_padding(index, kept))),
                no_wrap=column.no_wrap or (longest is not None and width >= longest),
            )
        cells = [list(self.columns[index].cells) for index in kept]
        for number, row in enumerate(self.rows):
            fitted.add_row(
                *(column[number] for column in cells), style=row.style, end_section=row.end_section
            )
        if hidden:
            names = ", ".join(self.called.get(i) or _plain(self.columns[i].header) for i in sorted(hidden))
            fitted.caption = f"(not shown for lack of room: {names})"
            fitted.caption_justify = "left"
        return fitted


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
