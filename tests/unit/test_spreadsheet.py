"""Reading the spreadsheets people are given: dialects, encodings, row numbers, workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.services.directory.spreadsheet import read_sheet


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Name,City\n"Smith, Jones & Co",Monroe\n', ["Smith, Jones & Co", "Monroe"]),
        ('Name;City\n"Smith; Jones";Monroe\n', ["Smith; Jones", "Monroe"]),
        ("Name;City\nSmith, Jones & Co;Monroe\n", ["Smith, Jones & Co", "Monroe"]),
        ("Name\tCity\nSmith, Jones; Co\tMonroe\n", ["Smith, Jones; Co", "Monroe"]),
        ("Name|City\nO'Brien Tools|Monroe\n", ["O'Brien Tools", "Monroe"]),
        ('Name, City\n"Smith, Jones", Monroe\n', ["Smith, Jones", "Monroe"]),
    ],
    ids=["comma-quoted", "semicolon-quoted", "semicolon-with-commas", "tab", "bar", "comma-space"],
)
def test_delimiters_and_quoting(tmp_path: Path, text: str, expected: list[str]) -> None:
    sheet = read_sheet(write(tmp_path / "f.csv", text))
    assert sheet.headers == ["Name", "City"]
    assert sheet.rows == [(2, expected)]


def test_a_single_column_file(tmp_path: Path) -> None:
    sheet = read_sheet(write(tmp_path / "f.csv", "Company\nAcme Tools\nRiver Foods\n"))
    assert sheet.rows == [(2, ["Acme Tools"]), (3, ["River Foods"])]


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    text = '\r\n\r\nName,Notes\r\nAcme,"two\r\nlines"\r\n\r\nRiver Foods,\r\n'
    sheet = read_sheet(write(tmp_path / "f.csv", text))
    assert sheet.header_row == 3
    assert [(number, cells[:1]) for number, cells in sheet.rows] == [
        (4, ["Acme"]),
        (5, []),
        (6, ["River Foods"]),
    ]
    assert sheet.rows[0][1][1] == "two\r\nlines"


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"Name\nAcme\n\x81\x8d\n")
    with pytest.raises(InputError, match="neither UTF-8 nor Windows") as caught:
        read_sheet(path)
    assert caught.value.problem.line == 3


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_sheet(write(tmp_path / "f.csv", "\n,,\n"))
    with pytest.raises(NotFoundError):
        read_sheet(tmp_path / "missing.csv")


def test_workbook_cells_read_as_people_see_them(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Read me"
    first.append(["This workbook lists our members"])
    members = workbook.create_sheet("Members")
    members.append(["Name", "NAICS", "Joined", "Employees", "Active"])
    members.append(["Acme", 332710, dt.datetime(2027, 2, 10), 12.5, True])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    sheet = read_sheet(path, "Members")
    assert sheet.rows == [(2, ["Acme", "332710", "2027-02-10", "12.5", "yes"])]
    assert "the first of" in read_sheet(path).notes[0]
    with pytest.raises(NotFoundError, match="no sheet called 'Other'") as caught:
        read_sheet(path, "Other")
    assert "Read me, Members" in (caught.value.problem.hint or "")


def test_a_file_named_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read as an Excel workbook"):
        read_sheet(write(tmp_path / "f.xlsx", "Name\nAcme\n"))
