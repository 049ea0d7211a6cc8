"""`ngsp agenda / invite / memo` and `ngsp templates`: golden files, parsing back, overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-25"
DOCUMENTS = ("agenda", "invite", "memo")
QUARTERLY = "2026-12-10-quarterly-meeting"
LAUNCH = "2026-09-17-launch-meeting"
NEXT = "2026-12-03-rural-acute-care-network-meeting"
LAST_HELD = "2026-10-06-cna-to-lpn-pathway-first-call"
SUPPORT = "2026-05-12-support-team-kickoff"


def docx_dump(path: Path) -> str:
    """A Word file as text: each paragraph with its style, each table row with its cells, the footer."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    lines: list[str] = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, doc)
            if paragraph.text.strip():
                lines.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif tag == "tbl":
            lines.append("[table]")
            for row in Table(element, doc).rows:
                lines.append("  | " + " | ".join(cell.text.replace("\n", " / ") for cell in row.cells))
    lines.append("[footer] " + " ".join(p.text for p in doc.sections[0].footer.paragraphs))
    return "\n".join(lines) + "\n"


# Each document for the meeting it picks by default on the example, and for the meeting that
# shows the most of it: the quarterly full-partnership meeting (agenda, invitation) and the launch
# (memo).  Golden files live in tests/golden/<document>/<case>.<ext>; after an intended change of
# a template or of the example, rewrite them with `pytest --update-golden` and review the diff.
CASES = [
    ("agenda", None, "next"),
    ("invite", None, "next"),
    ("memo", None, "last"),
    ("agenda", QUARTERLY, "quarterly"),
    ("invite", QUARTERLY, "quarterly"),
    ("memo", LAUNCH, "launch"),
]


@pytest.mark.parametrize(("document", "meeting", "case"), CASES)
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_documents_of_the_example_match_golden_files(
    ngsp,
    example_folder: Path,
    golden,
    tmp_path: Path,
    document: str,
    meeting: str | None,
    case: str,
    fmt: str,
) -> None:
    which = [meeting] if meeting else []
    if fmt == "md":
        result = ngsp(document, *which, "--as-of", AS_OF, "-C", example_folder)
        assert result.exit_code == 0, result.output
        golden(f"{document}/{case}.md", result.stdout)
        return
    out = tmp_path / f"{document}.{fmt}"
    result = ngsp(document, *which, "--as-of", AS_OF, "--format", fmt, "--out", out, "-C", example_folder)
    assert result.exit_code == 0, result.output
    if fmt == "html":
        html = out.read_text(encoding="utf-8")
        # One self-contained page: its style is inside, nothing is fetched from elsewhere.
        assert ("<style>" in html, "<link" in html, "src=" in html) == (True, False, False)
        golden(f"{document}/{case}.html", html)
    else:
        golden(f"{document}/{case}.docx.txt", docx_dump(out))


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_support_team_invitation_matches_golden_files(
    ngsp, example_folder: Path, golden, tmp_path: Path, fmt: str
) -> None:
    """The support team's own letter: to the partner staff, from the convener contact."""
    which = ["invite", SUPPORT, "--as-of", "2026-05-01", "-C", example_folder]
    if fmt == "md":
        result = ngsp(*which)
        assert result.exit_code == 0, result.output
        golden("invite/support.md", result.stdout)
        return
    out = tmp_path / f"invite.{fmt}"
    result = ngsp(*which, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    if fmt == "html":
        golden("invite/support.html", out.read_text(encoding="utf-8"))
    else:
        golden("invite/support.docx.txt", docx_dump(out))


def test_invite_ics_matches_golden_file(ngsp, example_folder: Path, golden) -> None:
    result = ngsp("invite", QUARTERLY, "--as-of", AS_OF, "--ics", "-f", "html", "-C", example_folder)
    assert result.exit_code == 0, result.output
    golden("invite/quarterly.ics", (example_folder / "out" / f"{QUARTERLY}-invite.ics").read_text())


def test_default_meetings_are_the_next_planned_and_the_last_held(ngsp, example_folder: Path) -> None:
    # On 2026-11-25 the example's next planned meeting is the rural acute care team meeting of
    # December 3 and the last one held is the CNA to LPN team's first call of October 6.
    for document, meeting in (("agenda", NEXT), ("invite", NEXT), ("memo", LAST_HELD)):
        result = ngsp(document, "--as-of", AS_OF, "-f", "html", "-C", example_folder)
        assert result.exit_code == 0, result.output
        assert (example_folder / "out" / f"{meeting}-{document}.html").is_file()


def test_ics_parses_back_with_the_meeting_facts(ngsp, example_folder: Path) -> None:
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    result = ngsp("invite", QUARTERLY, "--as-of", AS_OF, "--ics", "-o", "letter.md", "-C", example_folder)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(Path("letter.ics").read_bytes())
    event = calendar.walk("VEVENT")[0]
    chicago = ZoneInfo("America/Chicago")
    assert (
        str(event["SUMMARY"]),
        event.decoded("DTSTART"),
        event.decoded("DTEND") - event.decoded("DTSTART"),
        str(event["LOCATION"]),
        str(event["UID"]),
    ) == (
        "First quarterly meeting of the full partnership",
        dt.datetime(2026, 12, 10, 7, 30, tzinfo=chicago),
        dt.timedelta(minutes=120),
        "Ouachita Regional Medical Center, Conference Center, 3421 Medical Park Dr, Monroe",
        f"{QUARTERLY}@northeast-louisiana-healthcare-partnership.ngsp",
    )
    assert "Report-outs from the priority champions" in str(event["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Chicago"


def test_ics_uid_is_stable_across_renders(ngsp, example_folder: Path) -> None:
    from icalendar import Calendar

    uids = []
    for as_of in ("2026-11-01", AS_OF):
        ngsp("invite", QUARTERLY, "--as-of", as_of, "--ics", "-o", "letter.md", "-C", example_folder)
        uids.append(str(Calendar.from_ical(Path("letter.ics").read_bytes()).walk("VEVENT")[0]["UID"]))
    assert uids[0] == uids[1]


def test_ics_without_a_time_zone_uses_floating_time(ngsp, partnership_tree) -> None:
    from icalendar import Calendar

    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _meeting(time="14:00", duration_minutes=45)})
    assert ngsp("invite", "--as-of", "2027-01-01", "--ics", "-o", "x.md", "-C", root).exit_code == 0
    event = Calendar.from_ical(Path("x.ics").read_bytes()).walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert (start, start.tzinfo, event.decoded("DTEND")) == (
        dt.datetime(2027, 1, 12, 14, 0),
        None,
        dt.datetime(2027, 1, 12, 14, 45),
    )


def test_docx_parses_back_with_headings_lists_and_tables(ngsp, example_folder: Path) -> None:
    from docx import Document

    result = ngsp("memo", LAUNCH, "--as-of", AS_OF, "-f", "docx", "-C", example_folder)
    assert result.exit_code == 0, result.output
    doc = Document(str(example_folder / "out" / f"{LAUNCH}-memo.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["Who came", "What industry said", "Decisions", "Priorities"]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert "The partnership meets as a whole every quarter; action teams meet monthly." in bullets
    people = [t for t in doc.tables if t.rows[0].cells[0].text == "Name"]
    business, public = people
    assert [c.text for c in business.rows[0].cells] == ["Name", "Title", "Organization"]
    assert (len(business.rows), len(public.rows)) == (1 + 23, 1 + 8)
    actions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Action")
    assert [c.text for c in actions.rows[3].cells] == [
        "Share nursing program capacity and waitlist numbers with the partnership",
        "Dr. Eric Sonnier",
        "Oct 15, 2026",
        "overdue",
    ]


def test_html_escapes_names_from_the_data(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "people/ann-lee.yaml": {
                "name": "<script>alert('x')</script>",
                "org": "acme-tools",
                "roles": ["business-leader", "champion"],
            },
            "meetings/2027-01-12-kickoff.yaml": _meeting(invitees=["ann-lee", "bo-diaz"]),
        }
    )
    result = ngsp("invite", "--as-of", "2027-01-01", "-f", "html", "-o", "-", "-C", root)
    assert result.exit_code == 0, result.output
    assert "<script>alert" not in result.stdout
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in result.stdout


def test_invite_is_signed_by_business_champions_not_public_partners(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _meeting()})
    result = ngsp("invite", "--as-of", "2027-01-01", "-C", root)
    assert result.exit_code == 0, result.output
    signature = result.stdout.split("Sincerely,", 1)[1]
    assert "Ann Lee" in signature
    assert "Bo Diaz" not in signature


def test_invite_without_a_business_champion_warns(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "people/ann-lee.yaml": {"name": "Ann Lee", "org": "acme-tools", "roles": ["business-leader"]},
            "meetings/2027-01-12-kickoff.yaml": _meeting(),
        }
    )
    result = ngsp("invite", "--as-of", "2027-01-01", "-C", root)
    assert result.exit_code == 0, result.output
    assert "peers invite peers" in " ".join(result.stderr.split())
    signature = "The convener of the Test Valley Manufacturing partnership: Valley Workforce Board"
    assert signature in result.stdout
    assert "signed by the convener." in " ".join(result.stderr.split())


def test_agenda_runs_a_clock_through_the_items(ngsp, partnership_tree) -> None:
    agenda = [
        {"title": "Welcome", "minutes": 10, "lead": "ann-lee"},
        {"title": "Opportunities", "minutes": 50},
        {"title": "Wrap up"},
        {"title": "Networking", "minutes": 15},
    ]
    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _meeting(time="11:45", agenda=agenda)})
    result = ngsp("agenda", "--as-of", "2027-01-01", "-C", root)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "Minutes" not in line]
    assert rows == [
        "| 11:45 AM | Welcome | Ann Lee (Acme Tools) | 10 |",
        "| 11:55 AM | Opportunities |  | 50 |",
        "| 12:45 PM | Wrap up |  |  |",
        "|  | Networking |  | 15 |",
        "| 1:45 PM | *Close* | | |",
    ]


def test_memo_without_a_held_meeting_says_so(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _meeting()})
    result = ngsp("memo", "--as-of", "2027-01-01", "-C", root)
    assert result.exit_code == 2
    assert "no meeting has been held by 2027-01-01" in result.stderr


def test_agenda_without_a_planned_meeting_says_so(ngsp, example_folder: Path) -> None:
    result = ngsp("agenda", "--as-of", "2027-06-01", "-C", example_folder)
    assert result.exit_code == 2
    assert "no meeting is planned on or after 2027-06-01" in result.stderr


def test_meeting_by_title_and_unknown_meeting(ngsp, example_folder: Path) -> None:
    by_title = ngsp("memo", "Launch meeting of the Northeast Louisiana Healthcare Partnership",
                    "--as-of", AS_OF, "-C", example_folder)  # fmt: skip
    unknown = ngsp("memo", "2026-09-17-lunch-meeting", "--as-of", AS_OF, "-C", example_folder)
    assert by_title.exit_code == 0, by_title.output
    assert by_title.stdout.startswith("# Meeting summary: Launch meeting")
    assert unknown.exit_code == 2
    assert "did you mean '2026-09-17-launch-meeting'" in unknown.stderr


def test_a_meeting_can_be_named_by_its_date(ngsp, example_folder: Path) -> None:
    by_date = ngsp("memo", "2026-09-17", "--as-of", AS_OF, "-C", example_folder)
    assert by_date.exit_code == 0, by_date.output
    assert by_date.stdout.startswith("# Meeting summary: Launch meeting")


def test_a_support_team_memo_does_not_judge_the_business_share(ngsp, example_folder: Path) -> None:
    # The support team is public partners by design; the industry's table is the launch.
    support = ngsp("memo", "2026-05-12-support-team-kickoff", "--as-of", AS_OF, "-C", example_folder)
    launch = ngsp("memo", "2026-09-17-launch-meeting", "--as-of", AS_OF, "-C", example_folder)
    assert support.exit_code == 0, support.output
    assert "Public partners were as many as" not in support.stdout
    assert "industry held the table" not in support.stdout
    assert "industry held the table" in launch.stdout


def test_word_on_the_screen_is_refused(ngsp, example_folder: Path) -> None:
    result = ngsp("memo", "--as-of", AS_OF, "-f", "docx", "-o", "-", "-C", example_folder)
    assert result.exit_code == 2
    assert "--out FILE.docx" in result.stderr


def test_out_file_name_picks_the_format(ngsp, example_folder: Path) -> None:
    result = ngsp("agenda", "--as-of", AS_OF, "-o", "agenda.html", "-C", example_folder)
    assert result.exit_code == 0, result.output
    assert Path("agenda.html").read_text().startswith("<!DOCTYPE html>")


# --- templates ---------------------------------------------------------------------------


def test_user_override_wins_and_is_listed(ngsp, example_folder: Path) -> None:
    own = example_folder / "templates" / "memo.md.j2"
    own.parent.mkdir()
    own.write_text("Our own memo of {{ meeting.title }} ({{ attendance.business_count }} businesses)\n")
    memo = ngsp("memo", LAUNCH, "--as-of", AS_OF, "-C", example_folder)
    listing = ngsp("templates", "list", "--json", "-C", example_folder)
    assert memo.stdout == (
        "Our own memo of Launch meeting of the Northeast Louisiana Healthcare Partnership (23 businesses)\n"
    )
    used = {entry["name"]: entry["used"] for entry in _json(listing.stdout)}
    assert (used["memo.md.j2"], used["memo.html.j2"]) == ("yours", "bundled")


def test_user_override_of_the_shared_html_layout_applies_to_every_html_document(
    ngsp, example_folder: Path
) -> None:
    base = example_folder / "templates" / "_base.html.j2"
    base.parent.mkdir()
    base.write_text("<html><body class='ours'>{% block content %}{% endblock %}</body></html>\n")
    result = ngsp("agenda", QUARTERLY, "--as-of", AS_OF, "-f", "html", "-o", "-", "-C", example_folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<html><body class='ours'>")
    assert "Breakfast and welcome from the co-chairs" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# {{ meeting.title }}\n\n{{ meeting.nonexistent }}\n", "does not exist"),
        ("# {{ meeting.title }}\n\n{% if %}\n", "syntax error"),
    ],
)
def test_template_errors_name_the_file_and_line(ngsp, example_folder: Path, text: str, message: str) -> None:
    own = example_folder / "templates" / "agenda.md.j2"
    own.parent.mkdir()
    own.write_text(text)
    result = ngsp("agenda", "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 2
    assert "templates/agenda.md.j2:3" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_templates_copy_then_refuses_to_overwrite(ngsp, example_folder: Path) -> None:
    first = ngsp("templates", "copy", "invite.html", "-C", example_folder)
    copied = example_folder / "templates" / "invite.html.j2"
    copied.write_text(copied.read_text() + "{# my change #}\n")
    second = ngsp("templates", "copy", "invite.html.j2", "-C", example_folder)
    forced = ngsp("templates", "copy", "invite.html.j2", "--force", "-C", example_folder)
    assert (first.exit_code, second.exit_code, forced.exit_code) == (0, 2, 0)
    assert "--force" in second.stderr
    assert "my change" not in copied.read_text()


def test_templates_show_prints_the_winning_template(ngsp, example_folder: Path) -> None:
    bundled = ngsp("templates", "show", "memo.md", "-C", example_folder)
    own = example_folder / "templates" / "memo.md.j2"
    own.parent.mkdir()
    own.write_text("mine\n")
    mine = ngsp("templates", "show", "memo.md.j2", "-C", example_folder)
    original = ngsp("templates", "show", "memo.md.j2", "--bundled", "-C", example_folder)
    assert "# Meeting summary: {{ meeting.title }}" in bundled.stdout
    assert mine.stdout == "mine\n"
    assert original.stdout == bundled.stdout


def test_templates_show_values_lists_what_a_template_can_use(ngsp, example_folder: Path) -> None:
    result = ngsp("templates", "show", "memo.html", "--values", "-C", example_folder)
    assert result.exit_code == 0, result.output
    values = _json(result.stdout)
    assert {"meeting", "attendance", "industry_said", "action_items", "next_meeting"} <= set(values)
    assert "business_count" in values["attendance"]
    # A list shows its first item and counts the others.
    from ngsp_cli.store.folder import read_partnership

    counties = read_partnership(example_folder).counties
    assert len(counties) > 1
    more = f"... and {len(counties) - 1} more like the first"
    assert values["partnership"]["counties"] == [counties[0], more]


def test_templates_show_values_of_the_report_and_the_portfolio(ngsp, example_folder: Path) -> None:
    """Every template the report and portfolio commands fill lists its values, the ones it is given."""
    report = _json(ngsp("templates", "show", "report.html.j2", "--values", "-C", example_folder).stdout)
    data = _json(ngsp("report", "--json", "-C", example_folder).stdout)
    assert set(report) == {*data, "charts"}
    assert report["summary"] == data["summary"]  # the same numbers the report states
    assert set(report["charts"]) == {"attendance", "tasks", "outcomes"}
    markdown = _json(ngsp("templates", "show", "report.md.j2", "--values", "-C", example_folder).stdout)
    assert set(markdown) == set(data)  # no pictures in Markdown: its template gets no `charts`
    word = _json(ngsp("templates", "show", "report.docx", "--values", "-C", example_folder).stdout)
    assert set(word["charts"]) == {"attendance", "tasks", "outcomes"}
    portfolio = _json(ngsp("templates", "show", "portfolio.md.j2", "--values", "-C", example_folder).stdout)
    assert {"as_of", "partnerships", "aggregates"} <= set(portfolio)
    assert portfolio["partnerships"][0]["name"] == data["partnership"]["name"]
    site = ngsp("templates", "show", "site/partnership.html.j2", "--values", "-C", example_folder)
    assert site.exit_code == 2
    assert "report and portfolio" in site.stderr


def test_templates_show_an_ambiguous_or_unknown_name(ngsp, example_folder: Path) -> None:
    ambiguous = ngsp("templates", "show", "memo", "-C", example_folder)
    unknown = ngsp("templates", "show", "minutes.md", "-C", example_folder)
    assert (ambiguous.exit_code, unknown.exit_code) == (2, 2)
    assert "memo.html.j2" in ambiguous.stderr
    assert "ngsp templates list" in unknown.stderr


def test_templates_list_outside_a_folder_shows_the_bundled_ones(ngsp) -> None:
    result = ngsp("templates", "list")
    assert result.exit_code == 0, result.output
    for name in ("agenda.md.j2", "invite.html.j2", "memo.html.j2", "_base.html.j2"):
        assert name in result.stdout


# --- helpers -----------------------------------------------------------------------------


def _meeting(**overrides: Any) -> dict[str, Any]:
    meeting: dict[str, Any] = {
        "kind": "launch",
        "title": "Kickoff",
        "date": "2027-01-12",
        "time": "08:00",
        "duration_minutes": 120,
        "location": "Main Hall",
        "invitees": ["ann-lee", "bo-diaz"],
    }
    meeting.update(overrides)
    return meeting


def _json(text: str) -> Any:
    import json

    return json.loads(text)
