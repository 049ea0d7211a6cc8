"""Word documents built with python-docx: the one home of the docx library.

The Word versions carry the same context as the Markdown and HTML templates, as a
real document: a title, headings, bulleted and numbered lists, and tables with a
repeated header row (attendance, agenda, action items), so a convener can edit
them in Word before sending.  If the partnership folder holds
`templates/reference.docx`, its styles (fonts, colours, margins) are used.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from ngsp_cli.render.env import OVERRIDE_FOLDER, date_long, date_short, time_12h
from ngsp_cli.text import and_list, noun, plural, upfirst, verb

REFERENCE_DOCX = "reference.docx"
ACCENT = RGBColor(0x1F, 0x5F, 0x73)
MUTED = RGBColor(0x5B, 0x6B, 0x75)
WARN = RGBColor(0xA4, 0x37, 0x2B)
HEADER_FILL = "E8F1F4"
RULE = "C9D5DA"


class _Writer:
    """A thin layer over python-docx with the few building blocks the documents use."""

    def __init__(self, reference: Path | None, ctx: dict[str, Any]) -> None:
        self.doc = Document(str(reference)) if reference is not None else Document()
        if reference is not None:
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        else:
            self._style_defaults()
        section = self.doc.sections[0]
        if reference is None:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Inches(8.5), Inches(11)
            for side in ("left_margin", "right_margin"):
                setattr(section, side, Inches(0.9))
            section.top_margin = section.bottom_margin = Inches(0.8)
        partnership = ctx["partnership"]
        props = self.doc.core_properties
        props.author = partnership.name
        props.title = ctx["meeting"].title
        stamp = dt.datetime.combine(ctx["as_of"], dt.time(0, 0))
        props.created = props.modified = stamp
        props.last_modified_by = partnership.name
        props.revision = 1
        footer = section.footer.paragraphs[0]
        footer.text = _footer_text(ctx)
        footer.style = self.doc.styles["Footer"]
        for run in footer.runs:
            run.font.size = Pt(8)
            run.font.color.rgb = MUTED

    def _style_defaults(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 11.5)):
            style = styles[name]
            style.font.name = "Calibri"
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT if name != "Title" else RGBColor(0x1D, 0x2A, 0x33)
            style.font.bold = True
        styles["Heading 1"].paragraph_format.space_before = Pt(16)
        styles["Heading 1"].paragraph_format.space_after = Pt(4)
        styles["Heading 2"].paragraph_format.space_before = Pt(10)
        styles["Title"].paragraph_format.space_after = Pt(10)
        quote = styles["Quote"]
        quote.font.italic = True
        quote.font.size = Pt(11)
        quote.font.color.rgb = RGBColor(0x1D, 0x2A, 0x33)
        quote.paragraph_format.left_indent = Inches(0.3)
        quote.paragraph_format.space_after = Pt(6)

    # building blocks -------------------------------------------------------------------

    def masthead(self, partnership: str, kind: str, title: str) -> None:
        top = self.doc.add_paragraph()
        run = top.add_run(partnership.upper())
        run.bold = True
        run.font.size = Pt(9)
        run.font.color.rgb = ACCENT
        top.paragraph_format.space_after = Pt(0)
        sub = self.doc.add_paragraph()
        sub_run = sub.add_run(kind)
        sub_run.font.size = Pt(9)
        sub_run.font.color.rgb = MUTED
        sub.paragraph_format.space_after = Pt(2)
        self.doc.add_paragraph(title, style="Title")

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def para(self, text: str = "", *, italic: bool = False, style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.italic = italic
        return paragraph

    def rich(self, parts: Sequence[tuple[str, str]], style: str | None = None) -> Any:
        """A paragraph of runs; each part is (text, marks) with marks among 'b', 'i', 'w' (warning)."""
        paragraph = self.doc.add_paragraph(style=style)
        for text, marks in parts:
            run = paragraph.add_run(text)
            run.bold = "b" in marks
            run.italic = "i" in marks
            if "w" in marks:
                run.font.color.rgb = WARN
                run.bold = True
            if "m" in marks:
                run.font.color.rgb = MUTED
        return paragraph

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        """Labelled facts (When, Where...) as a borderless two-column table."""
        table = self.doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for label, value in rows:
            cells = table.add_row().cells
            _cell_text(cells[0], label, bold=True, color=ACCENT)
            _cell_text(cells[1], value)
            _shade(cells[0], HEADER_FILL)
            _shade(cells[1], HEADER_FILL)
        _widths(table, [Inches(1.0), Inches(5.7)])
        _borders(table, None)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def bullets(self, items: Sequence[str], *, numbered: bool = False) -> None:
        style = "List Number" if numbered else "List Bullet"
        for item in items:
            self.doc.add_paragraph(item, style=style)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        warn: Callable[[int, int], bool] | None = None,
    ) -> None:
        """A data table with a shaded, repeating header row."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            _cell_text(cell, header, bold=True, color=ACCENT)
            _shade(cell, HEADER_FILL)
        _repeat_header(table.rows[0])
        for r, values in enumerate(rows):
            cells = table.add_row().cells
            for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
                flagged = warn is not None and warn(r, c)
                _cell_text(cell, value, bold=flagged, color=WARN if flagged else None)
        _widths(table, [Inches(w) for w in widths])
        _borders(table, RULE)
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _cell_text(cell: Any, text: str, *, bold: bool = False, color: RGBColor | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(9.5)
        if color is not None:
            run.font.color.rgb = color
        if index < len(lines) - 1:
            run.add_break()


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


# shared text ---------------------------------------------------------------------------


def _when(meeting: Any) -> str:
    text = date_long(meeting.date)
    if meeting.time:
        text += f", {time_12h(meeting.time)}"
        if meeting.end_time:
            text += f" to {time_12h(meeting.end_time)}"
    return text


def _contact_line(contact: Any) -> str:
    parts = [contact.name, contact.organization, contact.email, contact.phone]
    return ", ".join(p for p in parts if p)


def _footer_text(ctx: dict[str, Any]) -> str:
    p = ctx["partnership"]
    text = f"{p.name} · {p.industry} · {p.region}"
    if ctx.get("contact") is not None:
        text += f" · Contact: {_contact_line(ctx['contact'])}"
    return text


def _due(item: Any) -> str:
    text = date_short(item.due)
    return f"{text} (overdue)" if item.overdue else text


def _action_table(w: _Writer, items: Sequence[Any], last: str) -> None:
    rows = [
        [
            i.text,
            i.owner or "",
            _due(i) if last == "From" else date_short(i.due),
            i.source if last == "From" else i.status,
        ]
        for i in items
    ]
    w.table(
        ["Action", "Owner", "Due", last],
        rows,
        [2.9, 1.4, 1.1, 1.3],
        warn=lambda r, c: (
            (c == 2 and items[r].overdue and last == "From")
            or (c == 3 and last == "Status" and items[r].status == "overdue")
        ),
    )


def _task_table(w: _Writer, tasks: Sequence[Any]) -> None:
    rows = [[t.team, t.text + (" (quick win)" if t.quick_win else ""), t.owner or "", _due(t)] for t in tasks]
    w.table(
        ["Team", "Task", "Owner", "Due"],
        rows,
        [1.5, 2.9, 1.2, 1.1],
        warn=lambda r, c: c == 3 and tasks[r].overdue,
    )


# the documents -------------------------------------------------------------------------


def _agenda(w: _Writer, ctx: dict[str, Any]) -> None:
    meeting, attendance = ctx["meeting"], ctx["attendance"]
    w.masthead(ctx["partnership"].name, f"Agenda · {meeting.kind_label}", meeting.title)
    facts = [("When", _when(meeting))]
    if meeting.location:
        facts.append(("Where", meeting.location))
    if meeting.team:
        facts.append(("Action team", meeting.team))
    if attendance.invited_total:
        facts.append(
            (
                "Invited",
                f"{plural(attendance.invited_business, 'business leader')} and "
                f"{plural(attendance.invited_public, 'public partner')}",
            )
        )
    if attendance.answered:
        facts.append(
            (
                "Expected (said yes)",
                f"{plural(attendance.said_yes_business, 'business leader')} and "
                f"{plural(attendance.said_yes_public, 'public partner')}",
            )
        )
    w.facts(facts)
    w.heading("Agenda")
    agenda = ctx["agenda"]
    if agenda:
        rows = [
            [
                time_12h(item.start),
                item.title + (f"\n{item.notes}" if item.notes else ""),
                item.lead or "",
                "" if item.minutes is None else str(item.minutes),
            ]
            for item in agenda
        ]
        if meeting.end_time:
            rows.append([time_12h(meeting.end_time), "Close", "", ""])
        w.table(["Time", "Item", "Lead", "Minutes"], rows, [0.85, 3.15, 1.85, 0.85])
    else:
        w.para(f"No agenda items yet: add them under 'agenda:' in meetings/{meeting.id}.yaml.", italic=True)
    if ctx["open_action_items"]:
        w.heading("Open action items to review")
        _action_table(w, ctx["open_action_items"], "From")
    if ctx["team_tasks"]:
        w.heading("Action team tasks to review")
        _task_table(w, ctx["team_tasks"])
    if ctx.get("team_updates"):
        w.heading("Action teams: recent progress")
        _update_list(w, ctx["team_updates"])


def _update_list(w: _Writer, updates: Sequence[Any]) -> None:
    for u in updates:
        parts = [(u.team, "b"), (f", {date_short(u.date)}: {u.text}", "")]
        if u.by:
            parts.append((f" ({u.by})", "m"))
        w.rich(parts, style="List Bullet")


def _intro(ctx: dict[str, Any]) -> list[str]:
    p, meeting = ctx["partnership"], ctx["meeting"]
    industry = p.industry.lower()
    if meeting.kind == "launch":
        return [
            f"We lead {industry} organizations in {p.region}, and we are asking you to join us "
            f"for the launch of {p.the_name}.",
            "This meeting is run by business leaders, for business leaders. We will talk about where "
            "our industry can grow in the region over the next few years and what stands in the way, "
            "and then choose a few priorities to act on together. Colleges, workforce and economic "
            "development partners will be in the room to listen and to support what we decide, not to "
            "present programs.",
        ]
    if meeting.kind == "action-team":
        return [
            f"The {meeting.team or 'action'} team of {p.the_name} is meeting, and we would value your "
            "experience at the table. We will review what we have done, decide the next steps and who "
            "takes them."
        ]
    return [
        f"{upfirst(p.the_name)} is meeting as a whole. We will hear what our action teams have done, "
        "set goals for the months ahead and welcome new members. The partnership works on what business "
        "leaders say matters most, so your voice sets the agenda."
    ]


def _invite(w: _Writer, ctx: dict[str, Any]) -> None:
    meeting, p, contact = ctx["meeting"], ctx["partnership"], ctx["contact"]
    w.masthead(p.name, f"Invitation · {meeting.kind_label}", f"You are invited: {meeting.title}")
    w.para(date_long(ctx["as_of"]))
    w.para(ctx["salutation"])
    for text in _intro(ctx):
        w.para(text)
    if ctx["selected_priorities"]:
        w.para("The priority this team works on:" if meeting.team else "Our priorities so far:")
        w.bullets(
            [
                s.title + (f" (champions: {', '.join(s.champions)})" if s.champions else "")
                for s in ctx["selected_priorities"]
            ]
        )
    facts = [("When", _when(meeting))]
    if meeting.location:
        facts.append(("Where", meeting.location))
    rsvp = ctx["rsvp_by"]
    if contact is not None:
        facts.append(("Reply to", _contact_line(contact) + (f"\nby {date_long(rsvp)}" if rsvp else "")))
    w.facts(facts)
    if ctx["agenda"]:
        w.para("What we will cover:")
        w.bullets([item.title for item in ctx["agenda"]], numbered=True)
    by = f" by {date_long(rsvp)}" if rsvp else ""
    if contact is not None:
        w.para(f"Please let {contact.name} know whether you can come{by}.")
    else:
        w.para(f"Please reply to this letter to let us know whether you can come{by}.")
    if p.conveners:
        n = len(p.conveners)
        w.para(
            f"Our {noun(n, 'convener')}, {and_list(p.conveners)}, {verb(n, 'takes', 'take')} care of the "
            "room and the logistics so that we can focus on the conversation."
        )
    w.para(
        "Do you know another leader in our industry who should be at the table? "
        "Please bring them along or forward this invitation."
    )
    w.para("We look forward to seeing you.")
    w.para("Sincerely,")
    signers = ctx["signers"]
    if signers:
        for signer in signers:
            w.rich([(signer.name, "b"), ("\n", ""), (signer.title_and_org, "m")])
    elif p.conveners:
        w.rich(
            [
                (f"The {noun(len(p.conveners), 'convener')} of {p.the_name}", "b"),
                ("\n", ""),
                (and_list(p.conveners), "m"),
            ],
        )
    else:
        w.rich([(upfirst(p.the_name), "b")])


def _memo(w: _Writer, ctx: dict[str, Any]) -> None:
    meeting, p, contact, attendance = ctx["meeting"], ctx["partnership"], ctx["contact"], ctx["attendance"]
    w.masthead(p.name, f"Meeting summary · {meeting.kind_label}", meeting.title)
    facts = [("To", ctx["audience"])]
    signers = ctx["signers"]
    if signers:
        names = " and ".join(s.name for s in signers)
        role = ctx["signers_role"]
        with_contact = f", with {contact.name}, {contact.organization}" if contact else ""
        facts.append(("From", f"{names}, {role}{with_contact}"))
    elif contact is not None:
        facts.append(("From", f"{contact.name}, {contact.organization}"))
    facts.append(("Date", date_long(ctx["as_of"])))
    where = f"\n{meeting.location}" if meeting.location else ""
    when = date_long(meeting.date) + (f", {time_12h(meeting.time)}" if meeting.time else "")
    facts.append(("Meeting", when + where))
    w.facts(facts)

    w.heading("Who came")
    if attendance.recorded:
        invited = (
            f" ({attendance.total} of {attendance.invited_total} invited)" if attendance.invited_total else ""
        )
        verdict = ""
        if attendance.industry_table:
            verdict = (
                " Business leaders outnumbered public partners: industry held the table."
                if attendance.business_outnumber_public
                else " Public partners were as many as or more than business leaders; "
                "the next invitation list should grow the business side."
            )
        w.rich(
            [
                (plural(attendance.business_count, "business leader"), "b"),
                (" and ", ""),
                (plural(attendance.public_count, "public partner"), "b"),
                (f" came{invited}.{verdict}", ""),
            ]
        )
    else:
        asked = attendance.total
        w.para(
            f"Attendance was not recorded; {plural(asked, 'person', 'people')} "
            f"{verb(asked, 'was', 'were')} invited."
        )
    for label, people in (("Business leaders", attendance.business), ("Public partners", attendance.public)):
        if people:
            w.heading(label, level=2)
            w.table(
                ["Name", "Title", "Organization"],
                [[x.name, x.title or "", x.organization] for x in people],
                [1.8, 2.3, 2.6],
            )
    if ctx["industry_said"]:
        w.heading("What industry said")
        for quote in ctx["industry_said"]:
            w.para(quote, style="Quote")
    if ctx["decisions"]:
        w.heading("Decisions")
        w.bullets(ctx["decisions"])
    if ctx["priorities"]:
        w.heading("Priorities")
        rows = []
        for prio in ctx["priorities"]:
            title = prio.title + ("" if prio.status == "selected" else f" ({prio.status})")
            team = (prio.team or "") + (f"\n{', '.join(prio.champions)}" if prio.champions else "")
            rows.append(
                [
                    str(prio.rank or ""),
                    title,
                    f"{prio.business_points} ({prio.business_voters})" if prio.has_votes else "",
                    f"{prio.public_points} ({prio.public_voters})" if prio.has_votes else "",
                    team,
                ]
            )
        w.table(
            ["Rank", "Priority", "Business dots (voters)", "Public partner dots (voters)", "Action team"],
            rows,
            [0.5, 2.4, 1.1, 1.1, 1.6],
        )
    if ctx["candidates"]:
        w.heading("Opportunities named at the meeting")
        for c in ctx["candidates"]:
            parts = [(c.title, "b"), (f" ({c.category})", "m")]
            if c.description:
                parts.append((f": {c.description}", ""))
            w.rich(parts, style="List Bullet")
    if ctx["action_items"]:
        w.heading("Action items")
        _action_table(w, ctx["action_items"], "Status")
    if ctx["carried_items"]:
        w.heading("Open items from earlier meetings")
        _action_table(w, ctx["carried_items"], "From")
    if ctx["team_tasks"]:
        w.heading("Action teams: open tasks")
        _task_table(w, ctx["team_tasks"])
    if ctx["team_updates"]:
        w.heading("Action teams: recent progress")
        _update_list(w, ctx["team_updates"])
    if meeting.notes:
        w.heading("Notes")
        w.para(meeting.notes)
    w.heading("Next meeting")
    following = ctx["next_meeting"]
    if following is not None:
        details = date_long(following.date) + (f", {time_12h(following.time)}" if following.time else "")
        if following.location:
            details += f", {following.location}"
        w.rich([(following.title, "b"), ("\n", ""), (details, "")])
        if contact is not None:
            email = f" ({contact.email})" if contact.email else ""
            w.para(f"Please tell {contact.name}{email} whether you can come.")
    else:
        w.para("The date of the next meeting will follow.")


_BUILDERS: dict[str, Callable[[_Writer, dict[str, Any]], None]] = {
    "agenda": _agenda,
    "invite": _invite,
    "memo": _memo,
}


def build(document: str, ctx: dict[str, Any], root: Path | None = None) -> bytes:
    """The Word file of `document` for the context built by services.documents."""
    reference = root / OVERRIDE_FOLDER / REFERENCE_DOCX if root is not None else None
    writer = _Writer(reference if reference is not None and reference.is_file() else None, ctx)
    _BUILDERS[document](writer, ctx)
    for paragraph in writer.doc.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return writer.to_bytes()
