"""The one home of openpyxl: read the rows of an Excel workbook as text.

Imported only when a workbook is read, so CSV imports and every other command
never pay for loading openpyxl.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from ngsp_cli.errors import InputError, NotFoundError


def cell_text(value: object) -> str:
    """A cell as the text a person sees in Excel (numbers without a spurious '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def read_rows(path: Path, sheet: str | None = None) -> tuple[str, list[str], list[list[str]]]:
    """(sheet read, all sheet names, rows as text); row i of the list is spreadsheet row i + 1."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"{path.name} cannot be read as an Excel workbook ({exc})",
            file=path.name,
            hint="open it in Excel or LibreOffice and save it again as .xlsx or as CSV UTF-8",
        ) from exc
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            raise NotFoundError(
                f"{path.name} has no sheet called '{sheet}'",
                file=path.name,
                hint=f"its sheets are: {', '.join(names)}",
            )
        rows = [[cell_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
        return worksheet.title, names, rows
    finally:
        workbook.close()
