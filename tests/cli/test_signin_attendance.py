"""The sign-in sheet (`ngsp signin`) and who came from a file (`ngsp meeting attend --from`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

BEFORE = "2026-11-25"
AFTER = "2026-12-11"
QUARTERLY = "2026-12-10-quarterly-meeting"


@pytest.fixture(autouse=True)
def _today_is_after_the_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recording who came works as of today or earlier: today is the day after the meeting."""
    monkeypatch.setenv("NGSP_TODAY", AFTER)


def _attend(ngsp, folder: Path, source: Path, *extra: str) -> Any:
    result = ngsp(
        "meeting", "attend", QUARTERLY, "--from", source, "--as-of", AFTER, "-C", folder, "--json", *extra
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result


def _attendees(ngsp, folder: Path) -> list[str]:
    shown = ngsp("meeting", "show", QUARTERLY, "-C", folder, "--json")
    return [p["id"] for p in json.loads(shown.stdout)["attendees"]]


# --- the sign-in sheet -------------------------------------------------------------------


def test_the_sign_in_sheet_in_word_lists_business_leaders_then_public_partners(
    ngsp, example_folder: Path
) -> None:
    from docx import Document

    out = example_folder / "signin.docx"
    result = ngsp("signin", QUARTERLY, "-o", out, "--as-of", BEFORE, "-C", example_folder)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Business leaders", "Public partners", "Not on the list"]
    business, public, blank = (t for t in doc.tables[1:])
    assert [c.text for c in business.rows[0].cells] == ["Name", "Organization", "Signature"]
    assert [c.text for c in blank.rows[0].cells] == ["Name", "Organization", "E-mail", "Signature"]
    assert business.rows[1].cells[0].text == "☐ Lisa Arceneaux"
    assert "☐ Jamal Richard" in [r.cells[0].text for r in public.rows]
    assert len(blank.rows) == 1 + 8  # the header and eight blank lines
    assert all(c.text == "" for r in blank.rows[1:] for c in r.cells)
    assert len(business.rows) - 1 + len(public.rows) - 1 == len(
        json.loads(ngsp("meeting", "show", QUARTERLY, "-C", example_folder, "--json").stdout)["invitees"]
    )


def test_the_sign_in_sheet_in_html_prints_with_blank_lines(ngsp, example_folder: Path) -> None:
    result = ngsp("signin", QUARTERLY, "--blank", "3", "--as-of", BEFORE, "-C", example_folder)
    assert result.exit_code == 0, result.output
    html = (example_folder / "out" / f"{QUARTERLY}-signin.html").read_text(encoding="utf-8")
    assert html.index("<h2>Business leaders</h2>") < html.index("<h2>Public partners</h2>")
    assert html.count('<tr><td class="box"></td><td></td>') == 3
    assert "Bayou DeSiard Nursing &amp; Rehabilitation" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "md"], "'md' is not a document format"),
        (["--blank", "0"], "at least 1"),
        (["no-such-meeting"], "no-such-meeting"),
    ],
)
def test_bad_sign_in_sheet_requests_are_usage_errors(ngsp, example_folder: Path, args, message: str) -> None:
    meeting = [] if args[0] == "no-such-meeting" else [QUARTERLY]
    result = ngsp("signin", *meeting, *args, "--as-of", BEFORE, "-C", example_folder)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


# --- attendance from Zoom, Teams and typed sign-in sheets -------------------------------

DATA = Path(__file__).resolve().parents[1] / "data" / "attendance"


def test_a_zoom_report_with_its_meeting_summary_is_read_and_matched(ngsp, example_folder: Path) -> None:
    source = DATA / "zoom-participants.csv"
    data, result = _attend(ngsp, example_folder, source)
    found = data["from"]
    assert found["kind"] == "Zoom participant report"
    assert found["columns"] == {
        "name": "Name (Original Name)",
        "e-mail": "User Email",
        "join time": "Join Time",
    }
    assert [(m["person"], m["by"], m["rows"]) for m in found["matched"]] == [
        ("jamal-richard", "e-mail", [5]),
        ("lisa-arceneaux", "name", [6, 7]),  # joined twice, counted once
        ("marcus-thibodeaux", "e-mail", [8]),  # any case of the address
    ]
    assert found["unknown"] == [
        {
            "name": "Sam Pike",
            "email": "sam@pikeclinic.example",
            "organization": None,
            "rows": [9],
            "reason": "no one of this name or e-mail address in people/",
            "command": "ngsp person add 'Sam Pike' --org ORG --email sam@pikeclinic.example",
        }
    ]
    assert sorted(data["added"]) == ["jamal-richard", "lisa-arceneaux", "marcus-thibodeaux"]
    assert data["status"] == "held"
    assert "ngsp person add 'Sam Pike' --org ORG --email sam@pikeclinic.example" in result.stderr


def test_reading_the_same_file_twice_changes_nothing(ngsp, example_folder: Path) -> None:
    source = DATA / "zoom-participants.csv"
    _attend(ngsp, example_folder, source)
    meeting_file = example_folder / "meetings" / f"{QUARTERLY}.yaml"
    before = meeting_file.read_bytes()
    data, result = _attend(ngsp, example_folder, source)
    assert data["added"] == []
    assert meeting_file.read_bytes() == before
    assert "0 added" in result.stderr


def test_a_teams_report_in_utf16_with_tabs_reads_the_participants_section(ngsp, example_folder: Path) -> None:
    source = DATA / "teams-attendance-report.csv"
    data, _ = _attend(ngsp, example_folder, source)
    found = data["from"]
    assert found["kind"] == "Microsoft Teams attendance report"
    assert found["columns"]["name"] == "Name"
    assert found["columns"]["e-mail"] == "Email"
    assert found["columns"]["join time"] == "First Join"
    assert [(m["person"], m["by"]) for m in found["matched"]] == [
        ("jamal-richard", "e-mail"),
        ("angela-fontenot", "name"),  # "(External)" is Teams' mark, not part of the name
        ("denise-broussard", "e-mail"),  # the UPN stands in for an empty Email
    ]
    assert [u["name"] for u in found["unknown"]] == ["+1 318-555-0199"]
    # "3. In-Meeting Activities" repeats people below a blank row; it is not read twice.
    assert "wade-ducote" not in data["added"]


def test_teams_participant_id_is_read_when_there_is_no_email_column(ngsp, example_folder: Path) -> None:
    source = DATA / "teams-upn-only.csv"
    data, _ = _attend(ngsp, example_folder, source)
    assert [(m["person"], m["by"]) for m in data["from"]["matched"]] == [("denise-broussard", "e-mail")]


def test_the_older_teams_report_with_user_actions_is_read(ngsp, example_folder: Path) -> None:
    source = DATA / "teams-attendance-2020.csv"
    data, _ = _attend(ngsp, example_folder, source)
    assert data["from"]["kind"] == "Microsoft Teams attendance report"
    assert sorted(data["added"]) == ["jamal-richard", "paula-hebert"]


def test_a_typed_sign_in_sheet_counts_only_the_rows_marked_present(ngsp, example_folder: Path) -> None:
    source = DATA / "signin-typed.csv"
    data, result = _attend(ngsp, example_folder, source)
    found = data["from"]
    assert found["kind"] == "sign-in sheet"
    assert found["not_marked"] == 1
    assert data["added"] == ["lisa-arceneaux"]
    assert found["unknown"][0]["command"] == (
        "ngsp person add 'New Person' --org delta-surgical-hospital --email np@example.org"
    )
    assert "1 row not marked as present" in result.stderr


def test_a_sign_in_sheet_in_excel_is_read(ngsp, example_folder: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["First name", "Last name", "Email"])
    sheet.append(["Wade", "Ducote", None])
    sheet.append([None, None, "bjones@eastcarroll.example"])
    source = example_folder / "signin.xlsx"
    book.save(str(source))
    data, _ = _attend(ngsp, example_folder, source)
    assert sorted(data["added"]) == ["bernadette-jones", "wade-ducote"]
    assert set(_attendees(ngsp, example_folder)) >= {"bernadette-jones", "wade-ducote"}


def test_a_file_without_names_is_bad_input_with_the_columns_it_understands(
    ngsp, example_folder: Path
) -> None:
    source = example_folder / "numbers.csv"
    source.write_text("Date,Amount\n2026-12-10,40\n", encoding="utf-8")
    result = ngsp("meeting", "attend", QUARTERLY, "--from", source, "--as-of", AFTER, "-C", example_folder)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "no column of names or e-mail addresses" in said
    assert "'Date', 'Amount'" in said
    assert "Name (Original Name)" in said  # the hint lists what is read
    assert "Traceback" not in result.output
    assert _attendees(ngsp, example_folder) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "missing.csv"], "there is no file"),
        ([], "name the people who came, or read them from a file"),
    ],
)
def test_attend_without_people_or_a_readable_file_is_a_usage_error(
    ngsp, example_folder: Path, args, message: str
) -> None:
    result = ngsp("meeting", "attend", QUARTERLY, *args, "--as-of", AFTER, "-C", example_folder)
    assert result.exit_code == 2
    assert message in result.stderr


def test_attendance_from_a_file_before_the_meeting_day_is_refused(ngsp, example_folder: Path) -> None:
    source = DATA / "zoom-participants.csv"
    result = ngsp("meeting", "attend", QUARTERLY, "--from", source, "--as-of", BEFORE, "-C", example_folder)
    assert result.exit_code == 2
    assert "nobody has come to it yet" in " ".join(result.stderr.split())
