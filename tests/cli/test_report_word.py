"""`ngsp report --format docx`: the progress report in Word, charts as pictures; Word golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.test_documents import docx_dump

AS_OF = "2026-11-25"
QUARTERLY = "2026-12-10-quarterly-meeting"
PNG = b"\x89PNG\r\n\x1a\n"


def _pictures(path: Path) -> list[bytes]:
    from docx import Document

    doc = Document(str(path))
    return [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]


def test_the_word_report_of_the_example_matches_its_golden_file(ngsp, example_folder: Path, golden) -> None:
    out = example_folder / "report.docx"
    result = ngsp("report", "-f", "docx", "-o", out, "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 0, result.output
    golden("report/northeast-louisiana-healthcare.docx.txt", docx_dump(out))


def test_the_word_report_carries_its_charts_as_png_pictures(ngsp, example_folder: Path) -> None:
    out = example_folder / "report.docx"
    result = ngsp("report", "--out", out, "--as-of", AS_OF, "-C", example_folder)  # the name says docx
    assert result.exit_code == 0, result.output
    pictures = _pictures(out)
    # Tasks and outcome answers; one launch meeting is clearer as a table row than as a chart.
    assert len(pictures) == 2
    assert all(p.startswith(PNG) for p in pictures)


def test_a_second_full_meeting_adds_the_attendance_chart(
    ngsp, example_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2026-12-11")
    came = ngsp("meeting", "attend", QUARTERLY, "lisa-arceneaux", "jamal-richard", "--as-of", "2026-12-11",
                "-C", example_folder)  # fmt: skip
    assert came.exit_code == 0, came.output
    out = example_folder / "report.docx"
    result = ngsp("report", "-f", "docx", "-o", out, "--as-of", "2026-12-11", "-C", example_folder)
    assert result.exit_code == 0, result.output
    assert len(_pictures(out)) == 3


def test_the_numbers_of_the_word_report_are_the_reports_numbers(ngsp, example_folder: Path) -> None:
    from docx import Document

    out = example_folder / "report.docx"
    ngsp("report", "-f", "docx", "-o", out, "--as-of", AS_OF, "-C", example_folder)
    summary = json.loads(ngsp("report", "--json", "--as-of", AS_OF, "-C", example_folder).stdout)["summary"]
    glance = {row.cells[0].text: row.cells[1].text for row in Document(str(out)).tables[0].rows}
    assert glance["Meetings held"].startswith(f"{summary['meetings_held']} ")
    assert glance["Priorities"] == f"{summary['priorities_selected']} chosen"
    assert f"open {summary['tasks_open']}, overdue {summary['tasks_overdue']}" in glance["Action teams"]
    assert f"{summary['business_share']}% business" in glance["Attendance"]


def test_a_word_report_of_an_empty_partnership_says_so(ngsp, partnership_tree) -> None:
    folder = partnership_tree()
    out = folder / "report.docx"
    result = ngsp("report", "-f", "docx", "-o", out, "--as-of", AS_OF, "-C", folder)
    assert result.exit_code == 0, result.output
    text = docx_dump(out)
    assert "No meetings held yet." in text
    assert "No action teams yet." in text
    assert "No outcome survey yet." in text
    assert _pictures(out) == []


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["-f", "docx", "-o", "-"], "cannot be shown on the screen", "--out FILE.docx"),
        (["-f", "pdf"], "'pdf' is not a report format", "md, html or docx"),
        (["-f", "docx", "-o", "report.html"], "does not match", "*.docx"),
    ],
)
def test_bad_word_report_requests_are_usage_errors(ngsp, example_folder: Path, args, message, hint) -> None:
    result = ngsp("report", *args, "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 2
    assert message in result.stderr
    assert hint in result.stderr
    assert "Traceback" not in result.output


def test_the_sign_in_sheet_in_word_matches_its_golden_file(ngsp, example_folder: Path, golden) -> None:
    out = example_folder / "signin.docx"
    result = ngsp("signin", QUARTERLY, "-o", out, "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 0, result.output
    golden("signin/quarterly.docx.txt", docx_dump(out))
