"""Charts as PNG pictures for Word documents: the one home of matplotlib.

Word cannot show the SVG charts of the HTML report everywhere, and turning SVG
into PNG needs the Cairo system library (cairosvg), which Windows and macOS
laptops do not have.  matplotlib draws the same charts, with the same data and
colours, straight to PNG from wheels that bundle their fonts, on every system.
It is imported only when a Word report is made.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

# A Figure made without pyplot draws with the Agg renderer: no window, no GUI toolkit.
from matplotlib.figure import Figure

from ngsp_cli.render.charts import (
    BUSINESS,
    DONE,
    MIN_POINTS,
    NO,
    OPEN,
    OVERDUE,
    PARTLY,
    PUBLIC,
    UNKNOWN,
    YES,
)

DPI = 150
WIDTH_INCHES = 6.5
INK = "#333333"
GRID = "#dddddd"


def _figure(height: float) -> tuple[Figure, Any]:
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=8)
    return figure, axes


def _png(figure: Figure, axes: Any, title: str, legend_columns: int) -> bytes:
    axes.set_title(title, loc="left", fontsize=11, color="#111111", fontweight="bold")
    handles, labels = axes.get_legend_handles_labels()
    if handles:
        figure.legend(
            handles, labels, loc="lower center", ncols=legend_columns, frameon=False, fontsize=8,
            bbox_to_anchor=(0.5, 0.0),
        )  # fmt: skip
    figure.tight_layout(rect=(0, 0.08 if handles else 0, 1, 1))
    buffer = io.BytesIO()
    # No software or date in the file: the same report makes the same picture.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _label_segments(axes: Any, bars: Any, horizontal: bool) -> None:
    labels = [f"{v:g}" if v else "" for v in (b.get_width() if horizontal else b.get_height() for b in bars)]
    axes.bar_label(bars, labels=labels, label_type="center", fontsize=7, color="white")


def stacked_bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    *,
    horizontal: bool,
) -> bytes:
    """Stacked bars, one stack per label; `series` are (name, colour, values)."""
    count = len(labels)
    if horizontal:
        figure, axes = _figure(max(2.0, 1.0 + 0.42 * count))
        positions = list(range(count))[::-1]  # the first label on top
    else:
        figure, axes = _figure(3.0)
        positions = list(range(count))
    base = [0] * count
    for name, colour, values in series:
        if horizontal:
            bars = axes.barh(positions, values, left=base, color=colour, label=name, height=0.6)
        else:
            bars = axes.bar(positions, values, bottom=base, color=colour, label=name, width=0.6)
        _label_segments(axes, bars, horizontal)
        base = [b + v for b, v in zip(base, values, strict=True)]
    if horizontal:
        axes.set_yticks(positions, labels=list(labels))
        axes.xaxis.grid(True, color=GRID)
        axes.xaxis.get_major_locator().set_params(integer=True)
    else:
        tilted = count > 4
        axes.set_xticks(
            positions, labels=list(labels), rotation=25 if tilted else 0, ha="right" if tilted else "center"
        )
        axes.yaxis.grid(True, color=GRID)
        axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_axisbelow(True)
    return _png(figure, axes, title, legend_columns=len(series))


def report_charts(data: dict[str, Any]) -> dict[str, bytes | None]:
    """The progress report's charts as PNG (None where there is nothing to draw), like the HTML ones."""
    meetings = [m for m in data["meetings"] if m["counts_for_share"]]
    teams = data["teams"]
    outcomes = data["outcomes"]
    attendance = None
    if len(meetings) >= MIN_POINTS:
        attendance = stacked_bars(
            "Who came to each meeting",
            [f"{m['date']:%b %d, %Y}" for m in meetings],
            [
                ("Business leaders", BUSINESS, [m["business"] for m in meetings]),
                ("Public partners", PUBLIC, [m["public"] for m in meetings]),
            ],
            horizontal=False,
        )
    tasks = None
    if any(t["tasks_total"] for t in teams):
        tasks = stacked_bars(
            "Action team tasks",
            [t["name"] for t in teams],
            [
                ("Done", DONE, [t["tasks_done"] for t in teams]),
                ("Open, on time", OPEN, [t["tasks_open"] - t["tasks_overdue"] for t in teams]),
                ("Overdue", OVERDUE, [t["tasks_overdue"] for t in teams]),
            ],
            horizontal=True,
        )
    answers = None
    if outcomes:
        groups = outcomes["groups"]
        counts = [outcomes["counts"][g["id"]] for g in groups]
        answers = stacked_bars(
            "Outcome survey answers",
            [g["title"] for g in groups],
            [
                (label, colour, [c.get(key, 0) for c in counts])
                for key, label, colour in (
                    ("yes", "Yes", YES),
                    ("partly", "Partly", PARTLY),
                    ("no", "No", NO),
                    ("unknown", "Unknown", UNKNOWN),
                )
            ],
            horizontal=True,
        )
    return {"attendance": attendance, "tasks": tasks, "outcomes": answers}
