"""The values a document template receives, shown to people who write their own templates.

`ngsp templates show NAME --values` prints them: the real values of the folder (or of the
bundled example outside one), one item of each list standing for all of them. Meeting
documents show the meeting they would be made for today; the report shows the folder today;
the portfolio shows the folder as a portfolio of one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ngsp_cli import clock
from ngsp_cli.errors import NotFoundError, UsageError
from ngsp_cli.resources import bundled
from ngsp_cli.services.meetings import documents
from ngsp_cli.store.folder import Snapshot, load

EXAMPLE = "northeast-louisiana-healthcare"
EXAMPLE_DAY = dt.date(2026, 11, 25)
"""Outside a folder the values come from the bundled example, on the day its files describe."""

CHART = "an SVG picture (HTML) or PNG picture (Word) made from the values above"


def template_values(root: Path | None, name: str) -> Any:
    """The shape and sample values of what template `name` (e.g. 'memo.md.j2') receives."""
    document = name.split("/")[-1].split(".", 1)[0]
    folder = root if root is not None else bundled("examples") / EXAMPLE
    as_of = clock.today() if root is not None else EXAMPLE_DAY
    if document in documents.DOCUMENTS:
        snap = load(folder)
        meeting = _meeting(snap, document, as_of)
        return documents.describe(documents.build_context(snap, document, meeting, as_of))
    if document == "report":
        from ngsp_cli.render.charts import report_charts
        from ngsp_cli.services.reporting.report import report_data

        data = report_data(load(folder), as_of)
        return documents.describe({**data, **_charts(name, report_charts(data))})
    if document == "portfolio":
        from ngsp_cli.render.charts import portfolio_charts
        from ngsp_cli.services.reporting.portfolio import build_portfolio

        data = build_portfolio([folder], as_of, workers=1).as_dict()
        return documents.describe({**data, **_charts(name, portfolio_charts(data))})
    raise UsageError(
        f"ngsp does not know which values '{name}' receives",
        hint="values are listed for the agenda, invite, memo, signin, report and portfolio templates",
    )


def _meeting(snap: Snapshot, document: str, as_of: dt.date) -> Any:
    try:
        return documents.choose_meeting(snap, None, document, as_of)
    except NotFoundError:
        if not snap.meetings:
            raise UsageError("the folder has no meeting to show the values of") from None
        return max(snap.meetings.values(), key=lambda m: (m.date, m.id))


def _charts(name: str, charts: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    """The `charts` value of the HTML and Word versions; Markdown templates receive none."""
    if name.endswith(".md.j2"):
        return {}
    return {"charts": {chart: CHART if drawn is not None else None for chart, drawn in charts.items()}}
