"""Charts for HTML documents: pygal SVG, inline, with no script and no external file.

pygal's SVG normally carries a script tag (its tooltip configuration) and can
link tooltip JavaScript from the web.  Reports must open offline and print, so
every chart is made with `js=[]` and its script elements are removed before
the SVG is written.  Labels and titles are escaped by the XML serializer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pygal
from pygal.style import Style

BUSINESS = "#1f5f8b"
PUBLIC = "#e39b2d"
DONE = "#2e8b57"
OPEN = "#7aa6c2"
OVERDUE = "#c0392b"
YES = "#2e8b57"
PARTLY = "#9acd32"
NO = "#c0392b"
UNKNOWN = "#b8b8b8"
MIN_POINTS = 2  # fewer meetings than this get no attendance chart (the table says it all)

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _style(colors: Sequence[str]) -> Style:
    return Style(
        background="white",
        plot_background="white",
        foreground="#333333",
        foreground_strong="#111111",
        foreground_subtle="#dddddd",
        opacity="1",
        opacity_hover="1",
        transition="none",
        colors=tuple(colors),
        font_family=_FONT,
        label_font_family=_FONT,
        major_label_font_family=_FONT,
        value_font_family=_FONT,
        value_label_font_family=_FONT,
        title_font_family=_FONT,
        legend_font_family=_FONT,
        tooltip_font_family=_FONT,
        title_font_size=18,
        legend_font_size=14,
        label_font_size=13,
        major_label_font_size=13,
        value_font_size=12,
    )


def _without_scripts(root: Any) -> Any:
    for script in list(root.iter("{*}script", "script")):
        parent = script.getparent() if hasattr(script, "getparent") else None
        if parent is not None:
            parent.remove(script)
        else:  # xml.etree fallback: search the parent
            for candidate in root.iter():
                if script in list(candidate):
                    candidate.remove(script)
                    break
    return root


def _render(chart: Any, css_class: str) -> str:
    chart.add_xml_filter(_without_scripts)
    svg = chart.render(is_unicode=True)
    # A class the report's CSS and tests can find; the chart's own id stays unique.
    return str(svg).replace('class="pygal-chart"', f'class="pygal-chart ngsp-chart {css_class}"', 1)


def _config(title: str, colors: Sequence[str], *, height: int = 360, width: int = 900) -> dict[str, Any]:
    return {
        "title": title,
        "style": _style(colors),
        "js": [],
        "disable_xml_declaration": True,
        "width": width,
        "height": height,
        # Width and height attributes: the page's CSS scales a chart down to fit
        # (max-width: 100%) but never stretches a small chart across the page.
        "explicit_size": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "print_values": True,
        "print_zeroes": False,
        "tooltip_border_radius": 0,
        "margin": 16,
        "margin_bottom": 28,
        "spacing": 12,
        "truncate_label": -1,
        "truncate_legend": -1,
    }


def attendance_chart(labels: Sequence[str], business: Sequence[int], public: Sequence[int]) -> str:
    """Stacked bars: business leaders and public partners at each meeting."""
    # Bars keep a sensible width: the chart grows with the number of meetings.
    chart = pygal.StackedBar(
        **_config("Who came to each meeting", (BUSINESS, PUBLIC), width=min(900, 260 + 110 * len(labels))),
        x_label_rotation=-25 if len(labels) > 4 else 0,
        min_scale=4,
    )
    chart.x_labels = list(labels)
    chart.add("Business leaders", list(business))
    chart.add("Public partners", list(public))
    return _render(chart, "chart-attendance")


def tasks_chart(
    teams: Sequence[str], done: Sequence[int], open_: Sequence[int], overdue: Sequence[int]
) -> str:
    """Horizontal stacked bars: each action team's tasks done, open and overdue."""
    chart = pygal.HorizontalStackedBar(
        **_config("Action team tasks", (DONE, OPEN, OVERDUE), height=max(220, 90 + 60 * len(teams))),
    )
    # pygal draws horizontal bars bottom-up; reverse so the first team is on top.
    chart.x_labels = list(reversed(teams))
    chart.add("Done", list(reversed(done)))
    chart.add("Open, on time", [o - d for o, d in zip(reversed(open_), reversed(overdue), strict=True)])
    chart.add("Overdue", list(reversed(overdue)))
    return _render(chart, "chart-tasks")


def outcomes_chart(groups: Sequence[str], counts: Sequence[dict[str, int]]) -> str:
    """Horizontal stacked bars: answers of the outcome survey per group of questions."""
    chart = pygal.HorizontalStackedBar(
        **_config(
            "Outcome survey answers", (YES, PARTLY, NO, UNKNOWN), height=max(220, 90 + 60 * len(groups))
        ),
    )
    chart.x_labels = list(reversed(groups))
    for key, label in (("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("unknown", "Unknown")):
        chart.add(label, [c.get(key, 0) for c in reversed(counts)])
    return _render(chart, "chart-outcomes")


def report_charts(data: dict[str, Any]) -> dict[str, str | None]:
    """The charts of the progress report (None where there is nothing to draw)."""
    meetings = [m for m in data["meetings"] if m["counts_for_share"]]
    teams = data["teams"]
    outcomes = data["outcomes"]
    return {
        "attendance": attendance_chart(
            [f"{m['date']:%b %d, %Y}" for m in meetings],
            [m["business"] for m in meetings],
            [m["public"] for m in meetings],
        )
        if len(meetings) >= MIN_POINTS
        else None,  # one meeting is clearer as the table row below the chart's place
        "tasks": tasks_chart(
            [t["name"] for t in teams],
            [t["tasks_done"] for t in teams],
            [t["tasks_open"] for t in teams],
            [t["tasks_overdue"] for t in teams],
        )
        if any(t["tasks_total"] for t in teams)
        else None,
        "outcomes": outcomes_chart(
            [g["title"] for g in outcomes["groups"]],
            [outcomes["counts"][g["id"]] for g in outcomes["groups"]],
        )
        if outcomes
        else None,
    }


def outcome_share_chart(labels: Sequence[str], percents: Sequence[int]) -> str:
    """Horizontal bars: percent of partnerships answering yes, one bar per survey question."""
    chart = pygal.HorizontalBar(
        **_config("Share of partnerships answering yes", (YES,), height=max(260, 80 + 34 * len(labels))),
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],  # a few ticks: long question labels leave a narrow axis
        show_legend=False,
        value_formatter=lambda v: f"{v:.0f}%",
    )
    # A 0% bar has no room for its label, which would overlap the question: the
    # question says "(0%)" itself and no bar is drawn.
    chart.x_labels = [f"{label} (0%)" if p == 0 else label for label, p in zip(reversed(labels),
                      reversed(percents), strict=True)]  # fmt: skip
    chart.add("Yes", [p if p else None for p in reversed(percents)])
    return _render(chart, "chart-outcome-share")


def business_share_chart(names: Sequence[str], shares: Sequence[int | None]) -> str:
    """Horizontal bars: business leaders' share of attendance at each partnership's recent meetings."""
    chart = pygal.HorizontalBar(
        **_config(
            "Business leaders' share at recent meetings", (BUSINESS,), height=max(220, 80 + 40 * len(names))
        ),
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],  # a few ticks: long question labels leave a narrow axis
        show_legend=False,
        value_formatter=lambda v: f"{v:.0f}%",
    )
    chart.x_labels = list(reversed(names))
    chart.add("Business share", [s if s is not None else None for s in reversed(shares)])
    return _render(chart, "chart-business-share")


def portfolio_charts(data: dict[str, Any]) -> dict[str, str | None]:
    """The charts of the portfolio report (None where there is nothing to draw)."""
    rows = data["partnerships"]
    outcomes = [o for o in data["aggregates"]["outcomes"] if o["percent"] is not None]
    with_share = [r for r in rows if r["business_share"] is not None]
    return {
        "business_share": business_share_chart(
            [r["name"] for r in with_share], [r["business_share"] for r in with_share]
        )
        if with_share
        else None,
        "outcomes": outcome_share_chart([o["statement"] for o in outcomes], [o["percent"] for o in outcomes])
        if outcomes
        else None,
    }
