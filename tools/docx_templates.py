"""Author the bundled Word templates (templates/*.docx) with python-docx.

Each template is an ordinary Word document whose text carries Jinja tags that
docxtpl fills in (`{{ meeting.title }}`, `{%p if agenda %}`, `{%tr for item in
agenda %}`, `{%r if item.overdue %}`).  A convener copies one into the folder's
templates/ ('ngsp templates copy memo.docx'), adds a letterhead and changes the
wording in Word; ngsp then renders that copy.

The .docx files are committed with this script; after changing it, rebuild them:

    python tools/docx_templates.py            # writes templates/*.docx
    python tools/docx_templates.py --check    # exit 1 when a committed template is stale

The Word wording lives only here (and, once built, in the .docx files): Markdown
and HTML have their own Jinja templates.  The output is reproducible: fixed
document properties, no timestamps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ACCENT = RGBColor(0x1F, 0x5F, 0x73)
MUTED = RGBColor(0x5B, 0x6B, 0x75)
WARN = RGBColor(0xA4, 0x37, 0x2B)
INK = RGBColor(0x1D, 0x2A, 0x33)
HEADER_FILL = "E8F1F4"
RULE = "C9D5DA"
FIXED_TIME = dt.datetime(2026, 1, 1)

Run = str | tuple[str, str]
"""A run of text, plain or with marks: b bold, i italic, m muted, w warning, a accent, s small."""
Cell = str | Sequence[Run] | Sequence[Sequence[Run] | str]

WHEN = (
    "{{ meeting.date|date_long }}{% if meeting.time %}, {{ meeting.time|time_12h }}"
    "{% if meeting.end_time %} to {{ meeting.end_time|time_12h }}{% endif %}{% endif %}"
)
CONTACT_LINE = "{{ [contact.name, contact.organization, contact.email, contact.phone]|select|join(', ') }}"
MEETING_FOOTER = (
    "{{ partnership.name }} · {{ partnership.industry }} · {{ partnership.region }}"
    "{% if contact %} · Contact: " + CONTACT_LINE + "{% endif %}"
)


class Builder:
    """A Word document written paragraph by paragraph, with the few blocks the templates use."""

    def __init__(self, title: str, footer: str, *, landscape: bool = False) -> None:
        self.doc = Document()
        self._styles()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = Inches(0.9)
        section.top_margin = section.bottom_margin = Inches(0.8)
        props = self.doc.core_properties
        props.title = title
        props.author = "ngsp"
        props.last_modified_by = "ngsp"
        props.created = props.modified = FIXED_TIME
        props.revision = 1
        paragraph = section.footer.paragraphs[0]
        paragraph.style = self.doc.styles["Footer"]
        run = paragraph.add_run(footer)
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 11.5)):
            style = styles[name]
            style.font.name = "Calibri"
            style.font.size = Pt(size)
            style.font.color.rgb = INK if name == "Title" else ACCENT
            style.font.bold = True
        styles["Heading 1"].paragraph_format.space_before = Pt(16)
        styles["Heading 1"].paragraph_format.space_after = Pt(4)
        styles["Heading 2"].paragraph_format.space_before = Pt(10)
        styles["Title"].paragraph_format.space_after = Pt(10)
        quote = styles["Quote"]
        quote.font.italic = True
        quote.font.size = Pt(11)
        quote.font.color.rgb = INK
        quote.paragraph_format.left_indent = Inches(0.3)
        quote.paragraph_format.space_after = Pt(6)

    # paragraphs ----------------------------------------------------------------------

    def p(self, *runs: Run, style: str | None = None, container: Any = None) -> Any:
        """A paragraph of runs."""
        where = container if container is not None else self.doc
        paragraph = where.add_paragraph(style=style)
        _runs(paragraph, runs)
        return paragraph

    def tag(self, tag: str, container: Any = None) -> None:
        """A paragraph that is only a control tag: docxtpl removes it ({%p if x %})."""
        where = container if container is not None else self.doc
        where.add_paragraph().add_run("{%p " + tag + " %}")

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def masthead(self, kind: str, title: str, partnership: str = "{{ partnership.name|upper }}") -> None:
        top = self.p((partnership, "ba"))
        top.runs[0].font.size = Pt(9)
        top.paragraph_format.space_after = Pt(0)
        sub = self.p((kind, "m"))
        sub.runs[0].font.size = Pt(9)
        sub.paragraph_format.space_after = Pt(2)
        self.p(title, style="Title")

    def bullets(self, loop: str, *runs: Run, numbered: bool = False) -> None:
        """One list item per element of `loop` ('for x in xs')."""
        self.tag(loop)
        self.p(*runs, style="List Number" if numbered else "List Bullet")
        self.tag("endfor")

    # tables --------------------------------------------------------------------------

    def facts(self, rows: Sequence[tuple[str, Cell, str | None]]) -> None:
        """Labelled facts (When, Where...) as a shaded borderless table; a row may have a condition."""
        table = self.doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for label, value, condition in rows:
            if condition:
                _tag_row(table, "if " + condition, 2)
            cells = table.add_row().cells
            _cell(cells[0], [(label, "ba")])
            _cell(cells[1], value)
            for cell in cells:
                _shade(cell, HEADER_FILL)
            if condition:
                _tag_row(table, "endif", 2)
        _widths(table, [Inches(1.0), Inches(5.7)])
        _borders(table, None)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def table(
        self,
        headers: Sequence[str],
        loop: str,
        cells: Sequence[Cell],
        widths: Sequence[float],
        *,
        after: Sequence[tuple[str, Sequence[Cell]]] = (),
        blank: str | None = None,
        height: float | None = None,
    ) -> None:
        """A data table: a shaded header row repeated on each page, one row per element of `loop`.

        `after` adds rows under a condition; `blank` adds empty rows ('for _ in range(8)').
        """
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            _cell(cell, [(header, "ba")])
            _shade(cell, HEADER_FILL)
        _repeat_header(table.rows[0])
        columns = len(headers)
        if loop:
            _tag_row(table, loop, columns)
        row = table.add_row()
        for cell, spec in zip(row.cells, cells, strict=True):
            _cell(cell, spec)
        _height(row, height)
        if loop:
            _tag_row(table, "endfor", columns)
        for condition, extra in after:
            _tag_row(table, "if " + condition, columns)
            row = table.add_row()
            for cell, spec in zip(row.cells, extra, strict=True):
                _cell(cell, spec)
            _height(row, height)
            _tag_row(table, "endif", columns)
        if blank:
            _tag_row(table, blank, columns)
            row = table.add_row()
            _height(row, height)
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            _tag_row(table, "endfor", columns)
        _widths(table, [Inches(w) for w in widths])
        _borders(table, RULE)
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)

    def save(self, name: str) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _stable_zip(buffer.getvalue())


# low-level helpers ---------------------------------------------------------------------


def _runs(paragraph: Any, runs: Sequence[Run]) -> None:
    for run_spec in runs:
        text, marks = (run_spec, "") if isinstance(run_spec, str) else run_spec
        run = paragraph.add_run(text)
        run.bold = "b" in marks or "w" in marks or None
        run.italic = "i" in marks or None
        if "m" in marks:
            run.font.color.rgb = MUTED
        if "a" in marks:
            run.font.color.rgb = ACCENT
        if "w" in marks:
            run.font.color.rgb = WARN


def _cell(cell: Any, spec: Cell) -> None:
    """Fill a table cell: a string, a list of runs, or a list of paragraphs (each a string or runs)."""
    paragraphs: list[Sequence[Run]]
    if isinstance(spec, str):
        paragraphs = [[spec]]
    elif spec and all(isinstance(item, list) for item in spec):
        paragraphs = [list(item) for item in spec]  # type: ignore[arg-type]
    else:
        paragraphs = [list(spec)]  # type: ignore[arg-type]
    for index, runs in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if len(runs) == 1 and isinstance(runs[0], str) and runs[0].startswith("{%p "):
            paragraph.add_run(runs[0])
            continue
        _runs(paragraph, runs)
        for run in paragraph.runs:
            run.font.size = Pt(9.5)


def _tag_row(table: Any, tag: str, columns: int) -> None:
    """A row that is only a control tag ({%tr for ... %}): docxtpl removes the row."""
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run("{%tr " + tag + " %}")
    del columns


def _height(row: Any, height: float | None) -> None:
    if height is not None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE

        row.height = Inches(height)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _shade(cell: Any, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _repeat_header(row: Any) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _widths(table: Any, widths: Sequence[Any]) -> None:
    """Fixed column widths, written where both Word and LibreOffice read them."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _borders(table: Any, color: str | None) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        visible = color is not None and edge in ("top", "bottom", "insideH")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible and color is not None:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), color)
        borders.append(element)
    props.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", "50"), ("bottom", "50"), ("left", "90"), ("right", "90")):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), size)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    props.append(margins)


def _stable_zip(data: bytes) -> bytes:
    """The same .docx bytes on every run: fixed file dates and order in the zip."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# shared pieces of the meeting documents ------------------------------------------------

DUE_OVERDUE: list[Run] = [
    "{%r if item.overdue %}",
    ("{{ item.due|date_short }} (overdue)", "w"),
    "{%r else %}",
    "{{ item.due|date_short }}",
    "{%r endif %}",
]


def _carried_table(b: Builder, items: str) -> None:
    b.table(
        ["Action", "Owner", "Due", "From"],
        f"for item in {items}",
        ["{{ item.text }}", "{{ item.owner or '' }}", DUE_OVERDUE, "{{ item.source }}"],
        [2.9, 1.4, 1.1, 1.3],
    )


def _tasks_table(b: Builder) -> None:
    b.table(
        ["Team", "Task", "Owner", "Due"],
        "for task in team_tasks",
        [
            "{{ task.team }}",
            "{{ task.text }}{% if task.quick_win %} (quick win){% endif %}",
            "{{ task.owner or '' }}",
            [
                "{%r if task.overdue %}",
                ("{{ task.due|date_short }} (overdue)", "w"),
                "{%r else %}",
                "{{ task.due|date_short }}",
                "{%r endif %}",
            ],
        ],
        [1.5, 2.9, 1.2, 1.1],
    )


def _updates(b: Builder) -> None:
    b.bullets(
        "for u in team_updates",
        ("{{ u.team }}", "b"),
        ", {{ u.date|date_short }}: {{ u.text }}",
        "{%r if u.by %}",
        (" ({{ u.by }})", "m"),
        "{%r endif %}",
    )


# the documents ----------------------------------------------------------------------------


def agenda() -> Builder:
    b = Builder("Agenda", MEETING_FOOTER)
    b.masthead("Agenda · {{ meeting.kind_label }}", "{{ meeting.title }}")
    b.facts(
        [
            ("When", WHEN, None),
            ("Where", "{{ meeting.location }}", "meeting.location"),
            ("Action team", "{{ meeting.team }}", "meeting.team"),
            (
                "Invited",
                "{{ attendance.invited_business|plural('business leader') }} and "
                "{{ attendance.invited_public|plural('public partner') }}",
                "attendance.invited_total",
            ),
            (
                "Expected (said yes)",
                "{{ attendance.said_yes_business|plural('business leader') }} and "
                "{{ attendance.said_yes_public|plural('public partner') }}",
                "attendance.answered",
            ),
        ]
    )
    b.heading("Agenda")
    b.tag("if agenda")
    b.table(
        ["Time", "Item", "Lead", "Minutes"],
        "for item in agenda",
        [
            "{{ item.start|time_12h }}",
            [["{{ item.title }}"], ["{%p if item.notes %}"], [("{{ item.notes }}", "m")], ["{%p endif %}"]],
            "{{ item.lead or '' }}",
            "{{ item.minutes if item.minutes is not none else '' }}",
        ],
        [0.85, 3.15, 1.85, 0.85],
        after=[("meeting.end_time", ["{{ meeting.end_time|time_12h }}", "Close", "", ""])],
    )
    b.tag("else")
    b.p(("No agenda items yet: add them under 'agenda:' in meetings/{{ meeting.id }}.yaml.", "i"))
    b.tag("endif")
    b.tag("if open_action_items")
    b.heading("Open action items to review")
    _carried_table(b, "open_action_items")
    b.tag("endif")
    b.tag("if team_tasks")
    b.heading("Action team tasks to review")
    _tasks_table(b)
    b.tag("endif")
    b.tag("if team_updates")
    b.heading("Action teams: recent progress")
    _updates(b)
    b.tag("endif")
    return b


def invite() -> Builder:
    b = Builder("Invitation", MEETING_FOOTER)
    b.masthead("Invitation · {{ meeting.kind_label }}", "You are invited: {{ meeting.title }}")
    b.p("{{ as_of|date_long }}")
    b.p("{{ salutation }}")
    b.tag('if meeting.kind == "launch"')
    b.p(
        "We lead {{ partnership.industry|lower }} organizations in {{ partnership.region }}, and we are "
        "asking you to join us for the launch of {{ partnership.the_name }}."
    )
    b.p(
        "This meeting is run by business leaders, for business leaders. We will talk about where our "
        "industry can grow in the region over the next few years and what stands in the way, and then "
        "choose a few priorities to act on together. Colleges, workforce and economic development "
        "partners will be in the room to listen and to support what we decide, not to present programs."
    )
    b.tag('elif meeting.kind == "action-team"')
    b.p(
        "The {{ meeting.team or 'action' }} team of {{ partnership.the_name }} is meeting, and we would "
        "value your experience at the table. We will review what we have done, decide the next steps "
        "and who takes them."
    )
    b.tag('elif meeting.kind == "convener-team"')
    b.p(
        "The support team of {{ partnership.the_name }} is meeting: the staff of the partner "
        "organizations who support the partnership. We will compare notes, plan how we support the "
        "business leaders and agree who follows up on what."
    )
    b.tag("else")
    b.p(
        "{{ partnership.the_name|upfirst }} is meeting as a whole. We will hear what our action teams "
        "have done, set goals for the months ahead and welcome new members. The partnership works on "
        "what business leaders say matters most, so your voice sets the agenda."
    )
    b.tag("endif")
    b.tag("if selected_priorities")
    b.p("{{ 'The priority this team works on:' if meeting.team else 'Our priorities so far:' }}")
    b.bullets(
        "for s in selected_priorities",
        "{{ s.title }}{% if s.champions %} (champions: {{ s.champions|join(', ') }}){% endif %}",
    )
    b.tag("endif")
    b.facts(
        [
            ("When", WHEN, None),
            ("Where", "{{ meeting.location }}", "meeting.location"),
            (
                "Reply to",
                [[CONTACT_LINE], ["{%p if rsvp_by %}"], ["by {{ rsvp_by|date_long }}"], ["{%p endif %}"]],
                "contact",
            ),
        ]
    )
    b.tag("if agenda")
    b.p("What we will cover:")
    b.bullets("for item in agenda", "{{ item.title }}", numbered=True)
    b.tag("endif")
    by = "{% if rsvp_by %} by {{ rsvp_by|date_long }}{% endif %}"
    b.tag('if contact and meeting.kind == "convener-team"')
    b.p("Please let me know whether you can come" + by + ".")
    b.tag("elif contact")
    b.p("Please let {{ contact.name }} know whether you can come" + by + ".")
    b.tag("else")
    b.p("Please reply to this letter to let us know whether you can come" + by + ".")
    b.tag("endif")
    # The conveners' paragraph and the call for more industry leaders are for business leaders.
    b.tag('if meeting.kind != "convener-team"')
    b.tag("if partnership.conveners")
    b.p(
        "Our {{ partnership.conveners|length|noun('convener') }}, {{ partnership.conveners|and_list }}, "
        "{{ partnership.conveners|length|verb('takes', 'take') }} care of the room and the logistics so "
        "that we can focus on the conversation."
    )
    b.tag("endif")
    b.p(
        "Do you know another leader in our industry who should be at the table? "
        "Please bring them along or forward this invitation."
    )
    b.tag("endif")
    b.p("We look forward to seeing you.")
    b.p("Sincerely,")
    b.tag("for signer in signers")
    b.p(("{{ signer.name }}", "b"), "\n", ("{{ signer.title_and_org }}", "m"))
    b.tag("else")
    b.tag("if partnership.conveners")
    b.p(
        ("The {{ partnership.conveners|length|noun('convener') }} of {{ partnership.the_name }}", "b"),
        "\n",
        ("{{ partnership.conveners|and_list }}", "m"),
    )
    b.tag("else")
    b.p(("{{ partnership.the_name|upfirst }}", "b"))
    b.tag("endif")
    b.tag("endfor")
    return b


def memo() -> Builder:
    b = Builder("Meeting summary", MEETING_FOOTER)
    b.masthead("Meeting summary · {{ meeting.kind_label }}", "{{ meeting.title }}")
    b.facts(
        [
            ("To", "{{ audience }}", None),
            (
                "From",
                "{{ signers|map(attribute='name')|join(' and ') }}, {{ signers_role }}"
                "{% if contact %}, with {{ contact.name }}, {{ contact.organization }}{% endif %}",
                "signers",
            ),
            ("From", "{{ contact.name }}, {{ contact.organization }}", "not signers and contact"),
            ("Date", "{{ as_of|date_long }}", None),
            (
                "Meeting",
                [
                    [
                        "{{ meeting.date|date_long }}{% if meeting.time %}, {{ meeting.time|time_12h }}{% endif %}"
                    ],
                    ["{%p if meeting.location %}"],
                    ["{{ meeting.location }}"],
                    ["{%p endif %}"],
                ],
                None,
            ),
        ]
    )
    b.heading("Who came")
    b.tag("if attendance.recorded")
    b.p(
        ("{{ attendance.business_count|plural('business leader') }}", "b"),
        " and ",
        ("{{ attendance.public_count|plural('public partner') }}", "b"),
        " came{% if attendance.invited_note %} ({{ attendance.invited_note }}){% endif %}."
        "{% if attendance.industry_table %}{% if attendance.business_outnumber_public %}"
        " Business leaders outnumbered public partners: industry held the table."
        "{% else %} Public partners were as many as or more than business leaders; the next invitation "
        "list should grow the business side.{% endif %}{% endif %}",
    )
    b.tag("else")
    b.p(
        "Attendance was not recorded; {{ attendance.total|plural('person', 'people') }} "
        "{{ attendance.total|verb('was', 'were') }} invited."
    )
    b.tag("endif")
    for label, people in (
        ("Business leaders", "attendance.business"),
        ("Public partners", "attendance.public"),
    ):
        b.tag(f"if {people}")
        b.heading(label, level=2)
        b.table(
            ["Name", "Title", "Organization"],
            f"for x in {people}",
            ["{{ x.name }}", "{{ x.title or '' }}", "{{ x.organization }}"],
            [1.8, 2.3, 2.6],
        )
        b.tag("endif")
    b.tag("if industry_said")
    b.heading("What industry said")
    b.tag("for quote in industry_said")
    b.p("{{ quote }}", style="Quote")
    b.tag("endfor")
    b.tag("endif")
    b.tag("if decisions")
    b.heading("Decisions")
    b.bullets("for decision in decisions", "{{ decision }}")
    b.tag("endif")
    b.tag("if priorities")
    b.heading("Priorities")
    b.table(
        ["Rank", "Priority", "Business dots (voters)", "Public partner dots (voters)", "Action team"],
        "for prio in priorities",
        [
            "{{ prio.rank or '' }}",
            "{{ prio.title }}{% if prio.status != 'selected' %} ({{ prio.status }}){% endif %}"
            "{% if prio.vote_day %} (rank and dots from the vote of {{ prio.vote_day|date_short }}){% endif %}",
            "{% if prio.has_votes %}{{ prio.business_points }} ({{ prio.business_voters }}){% endif %}",
            "{% if prio.has_votes %}{{ prio.public_points }} ({{ prio.public_voters }}){% endif %}",
            [
                ["{{ prio.team or '' }}"],
                ["{%p if prio.champions %}"],
                ["{{ prio.champions|join(', ') }}"],
                ["{%p endif %}"],
            ],
        ],
        [0.5, 2.4, 1.1, 1.1, 1.6],
    )
    b.tag("endif")
    b.tag("if candidates")
    b.heading("Opportunities named at the meeting")
    b.bullets(
        "for c in candidates",
        ("{{ c.title }}", "b"),
        (" ({{ c.category }})", "m"),
        "{% if c.description %}: {{ c.description }}{% endif %}",
    )
    b.tag("endif")
    b.tag("if action_items")
    b.heading("Action items")
    b.table(
        ["Action", "Owner", "Due", "Status"],
        "for item in action_items",
        [
            "{{ item.text }}",
            "{{ item.owner or '' }}",
            "{{ item.due|date_short }}",
            [
                "{%r if item.status == 'overdue' %}",
                ("overdue", "w"),
                "{%r else %}",
                "{{ item.status }}",
                "{%r endif %}",
            ],
        ],
        [2.9, 1.4, 1.1, 1.3],
    )
    b.tag("endif")
    b.tag("if carried_items")
    b.heading("Open items from earlier meetings")
    _carried_table(b, "carried_items")
    b.tag("endif")
    b.tag("if team_tasks")
    b.heading("Action teams: open tasks")
    _tasks_table(b)
    b.tag("endif")
    b.tag("if team_updates")
    b.heading("Action teams: recent progress")
    _updates(b)
    b.tag("endif")
    b.tag("if meeting.notes")
    b.heading("Notes")
    b.p("{{ meeting.notes }}")
    b.tag("endif")
    b.heading("Next meeting")
    b.tag("if next_meeting")
    b.p(
        ("{{ next_meeting.title }}", "b"),
        "\n",
        "{{ next_meeting.date|date_long }}{% if next_meeting.time %}, {{ next_meeting.time|time_12h }}"
        "{% endif %}{% if next_meeting.location %}, {{ next_meeting.location }}{% endif %}",
    )
    b.tag("if contact")
    b.p(
        "Please tell {{ contact.name }}{% if contact.email %} ({{ contact.email }}){% endif %} whether you can come."
    )
    b.tag("endif")
    b.tag("else")
    b.p("The date of the next meeting will follow.")
    b.tag("endif")
    return b


def signin() -> Builder:
    b = Builder("Sign-in sheet", MEETING_FOOTER)
    b.masthead("Sign-in sheet · {{ meeting.kind_label }}", "{{ meeting.title }}")
    b.facts(
        [
            ("When", WHEN, None),
            ("Where", "{{ meeting.location }}", "meeting.location"),
        ]
    )
    b.p("Please tick your name and sign; if your name is not listed, add it on a blank line at the end.")
    for label, people in (("Business leaders", "business"), ("Public partners", "public")):
        b.tag(f"if {people}")
        b.heading(label, level=2)
        b.table(
            ["Name", "Organization", "Signature"],
            f"for x in {people}",
            ["☐ {{ x.name }}", "{{ x.organization }}", ""],
            [2.1, 2.6, 2.0],
            height=0.3,
        )
        b.tag("endif")
    b.heading("Not on the list", level=2)
    b.table(
        ["Name", "Organization", "E-mail", "Signature"],
        "",
        ["", "", "", ""],
        [1.9, 1.9, 1.5, 1.4],
        blank="for line in range(walk_in_lines - 1)",
        height=0.3,
    )
    return b


def report() -> Builder:
    footer = "{{ partnership.name }} · progress report as of {{ as_of|date_long }}"
    b = Builder("Progress report", footer)
    b.masthead(
        "{{ partnership.industry }} · {{ partnership.region }}",
        "Progress report",
        partnership="{{ partnership.name|upper }}",
    )
    b.p(
        "As of {{ as_of|date_long }}{% if since %}, covering {{ since|date_long }} to "
        "{{ as_of|date_long }}{% endif %}."
        "{% if partnership.conveners %} Convened by {{ partnership.conveners|join(', ') }}."
        "{% if partnership.co_chairs %} Business co-chairs: {{ partnership.co_chairs|join('; ') }}.{% endif %}"
        "{% endif %}"
    )
    b.heading("At a glance")
    s = "summary"
    b.facts(
        [
            (
                "Meetings held",
                f"{{{{ {s}.meetings_held }}}} (all kinds){{% if since %}} in this period{{% endif %}}",
                None,
            ),
            (
                "Attendance",
                f"{{{{ {s}.business_attendance }}}} business leaders and {{{{ {s}.public_attendance }}}} public "
                f"partners at the {{{{ {s}.table_meetings_phrase }}}}"
                f"{{% if {s}.meetings_recorded > 1 %}} (added up){{% endif %}}"
                f"{{% if {s}.business_share is not none %}}: {{{{ {s}.business_share }}}}% business{{% endif %}}",
                f"{s}.meetings_recorded",
            ),
            (
                "Business-led",
                f"{{{{ {s}.meetings_business_led }}}} of {{{{ {s}.meetings_recorded }}}} launch and "
                "full-partnership meetings had more business leaders than public partners; "
                f"{{{{ {s}.recent_business_share }}}}% business at the last {{{{ {s}.recent_meetings_phrase }}}}",
                f"{s}.meetings_recorded",
            ),
            ("Attendance", f"{{{{ {s}.table_meetings_empty|capitalize }}}}", f"not {s}.meetings_recorded"),
            (
                "Businesses",
                f"{{{{ {s}.businesses }}}} ({{{{ {s}.business_leaders|plural('business leader') }}}}, "
                f"{{{{ {s}.champions|plural('champion') }}}}); {{{{ {s}.public_partners }}}} public partner "
                "organizations",
                None,
            ),
            ("Priorities", f"{{{{ {s}.priorities_selected }}}} chosen", None),
            (
                "Action teams",
                f"{{{{ {s}.teams_active }}}} active{{% if {s}.teams_flagged %}} ({{{{ {s}.teams_flagged }}}} "
                f"{{{{ {s}.teams_flagged|verb('needs', 'need') }}}} attention){{% endif %}}; tasks "
                f"{{% if since %}}done in this period {{{{ {s}.tasks_done_in_period }}}}{{% else %}}done "
                f"{{{{ {s}.tasks_done }}}}{{% endif %}}, open {{{{ {s}.tasks_open }}}}, overdue "
                f"{{{{ {s}.tasks_overdue }}}}",
                None,
            ),
        ]
    )
    b.tag(f"if since and {s}.new_businesses")
    b.p(f"Businesses that joined since {{{{ since }}}}: {{{{ {s}.new_businesses|join(', ') }}}}.")
    b.tag("endif")
    b.heading("Meetings and attendance")
    b.tag("if charts.attendance")
    b.p("{{ charts.attendance }}")
    b.tag("endif")
    b.tag("if meetings")
    b.table(
        ["Date", "Meeting", "Kind", "Business", "Public", "Business share"],
        "for m in meetings",
        [
            "{{ m.date|date_short }}",
            "{{ m.title }}",
            "{{ m.kind }}",
            "{% if m.recorded %}{{ m.business }}{% else %}–{% endif %}",
            "{% if m.recorded %}{{ m.public }}{% else %}–{% endif %}",
            [
                "{%r if not m.recorded %}",
                "not recorded",
                "{%r elif not m.counts_for_share %}",
                "(working session)",
                "{%r elif not m.business_led %}",
                ("{{ m.business_share }}% ⚠", "w"),
                "{%r else %}",
                "{{ m.business_share }}%",
                "{%r endif %}",
            ],
        ],
        [0.95, 2.35, 1.3, 0.7, 0.6, 0.9],
    )
    b.tag('if meetings|selectattr("recorded")|rejectattr("counts_for_share")|list')
    b.p(
        (
            "Support team and action team meetings are working sessions; only launch and full partnership "
            "meetings count toward the business share.",
            "m",
        )
    )
    b.tag("endif")
    b.tag(f"if {s}.meetings_recorded > {s}.meetings_business_led")
    b.p(
        (
            "⚠ marks meetings where public partners equalled or outnumbered business leaders; in a Next Gen "
            "partnership business leaders outnumber public partners.",
            "m",
        )
    )
    b.tag("endif")
    b.tag("else")
    b.p("No meetings held{% if since %} in this period{% else %} yet{% endif %}.")
    b.tag("endif")
    b.tag("if upcoming")
    b.heading("Coming up", level=2)
    b.bullets(
        "for m in upcoming",
        ("{{ m.date|date_short }}{% if m.time %} {{ m.time|time_12h }}{% endif %}", "b"),
        ": {{ m.title }} ({{ m.kind|lower }}; {{ m.invited_business|plural('business leader') }} and "
        "{{ m.invited_public|plural('public partner') }} invited)",
    )
    b.tag("endif")
    b.heading("Priorities")
    b.tag("if priorities")
    b.table(
        ["Priority", "Category", "Status", "Business votes", "Action team"],
        "for pr in priorities",
        [
            "{{ pr.title }}",
            "{{ pr.category }}",
            "{{ pr.status }}",
            "{% if pr.business_points is not none %}{{ pr.business_points }}{% if pr.rank %} (#{{ pr.rank }}"
            "{% if pr.earlier_vote %}, vote of {{ pr.earlier_vote|date_short }}{% endif %})"
            "{% elif pr.earlier_vote %} (vote of {{ pr.earlier_vote|date_short }}){% endif %}{% else %}–{% endif %}",
            "{{ pr.teams|join(', ') or '–' }}",
        ],
        [2.6, 1.1, 0.9, 0.9, 1.3],
    )
    b.tag("else")
    b.p("No priorities recorded yet. Business leaders choose them at the launch meeting.")
    b.tag("endif")
    b.heading("Action teams")
    b.tag("if charts.tasks")
    b.p("{{ charts.tasks }}")
    b.tag("endif")
    b.tag("for t in teams")
    b.heading("{{ t.name }}{% if t.status != 'active' %} ({{ t.status }}){% endif %}", level=2)
    b.p(("Priority: ", "b"), "{{ t.priority }}", style="List Bullet")
    b.tag("if t.goal")
    b.p(("Goal: ", "b"), "{{ t.goal }}", style="List Bullet")
    b.tag("endif")
    b.p(
        ("Business champions: ", "b"),
        "{{ t.champions|join(', ') or 'none yet' }}{% if t.staff_lead %}; staff lead: {{ t.staff_lead }}{% endif %}",
        style="List Bullet",
    )
    b.p(
        ("Tasks: ", "b"),
        "{{ t.tasks_done }} done{% if since %} ({{ t.tasks_done_in_period }} in this period){% endif %}, "
        "{{ t.tasks_open }} open, {{ t.tasks_overdue }} overdue{% if t.quick_wins_done %}; "
        "{{ t.quick_wins_done|plural('quick win') }} done{% endif %}",
        style="List Bullet",
    )
    b.tag("if t.last_update")
    b.p(
        ("Last update ", "b"),
        "({{ t.last_update }}, {{ t.days_since_update|plural('day') }} ago): {{ t.last_update_text }}",
        style="List Bullet",
    )
    b.tag("else")
    b.p("No progress update yet.", style="List Bullet")
    b.tag("endif")
    b.tag("for f in t.flags")
    b.p(("⚠ {{ f }}", "w"), style="List Bullet")
    b.tag("endfor")
    b.tag("else")
    b.p("No action teams yet.")
    b.tag("endfor")
    b.tag("if overdue_action_items")
    b.heading("Overdue action items from meetings", level=2)
    b.bullets(
        "for i in overdue_action_items",
        "{{ i.text }} ({% if i.owner %}{{ i.owner }}, {% endif %}due {{ i.due|date_short }}; from {{ i.meeting }})",
    )
    b.tag("endif")
    b.heading("Outcomes")
    b.tag("if outcomes")
    b.p(
        "From the outcome survey of {{ outcomes.date|date_long }}{% if outcomes.by %}, answered by "
        "{{ outcomes.by }}{% endif %}: yes to {{ outcomes.yes_total }} of "
        "{{ outcomes.questions_total|plural('question') }}.{% if outcomes.previous_date %} Where an answer "
        "changed since the survey of {{ outcomes.previous_date }}, the earlier answer is shown in brackets."
        "{% endif %}"
    )
    b.tag("if charts.outcomes")
    b.p("{{ charts.outcomes }}")
    b.tag("endif")
    b.tag("for g in outcomes.groups")
    b.heading("{{ g.title }}", level=2)
    b.table(
        ["Question", "Answer", "How many", "Note"],
        "for r in g.rows",
        [
            "{{ r.text }}",
            "{{ r.answer }}{% if r.previous and r.previous != r.answer %} (before: {{ r.previous }}){% endif %}",
            "{% if r.count is not none %}{{ r.count }} {{ r.count_label }}{% endif %}",
            "{{ r.note or '' }}",
        ],
        [3.0, 1.1, 1.0, 1.6],
    )
    b.tag("endfor")
    b.tag("if outcomes.notes")
    b.p("{{ outcomes.notes }}")
    b.tag("endif")
    b.tag("else")
    b.p("No outcome survey yet. Record one each year with 'ngsp survey'.")
    b.tag("endif")
    b.p(("Made with ngsp from the partnership's own records.", "m"))
    return b


BUILDERS = {"agenda": agenda, "invite": invite, "memo": memo, "signin": signin, "report": report}


def build_all() -> dict[str, bytes]:
    """Every bundled Word template, by file name."""
    return {f"{name}.docx": build().save(name) for name, build in BUILDERS.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed files")
    parser.add_argument(
        "--out", type=Path, default=TEMPLATES, help="folder to write to (default: templates/)"
    )
    args = parser.parse_args(argv)
    stale = []
    for name, data in build_all().items():
        target = args.out / name
        if args.check:
            if not target.is_file() or target.read_bytes() != data:
                stale.append(name)
            continue
        target.write_bytes(data)
        print(f"wrote {target}")
    if stale:
        print("out of date: " + ", ".join(stale) + "; run: python tools/docx_templates.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
