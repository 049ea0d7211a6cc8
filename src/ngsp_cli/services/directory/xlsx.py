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
        values = list(worksheet.iter_rows(values_only=True))
        title = worksheet.title
    finally:
        workbook.close()
    blanks = {(r, c) for r, row in enumerate(values) for c, value in enumerate(row) if value is None}
    if blanks:
        _refuse_unsaved_formulas(path, title, blanks)
    return title, names, [[cell_text(value) for value in row] for row in values]


def _refuse_unsaved_formulas(path: Path, title: str, blanks: set[tuple[int, int]]) -> None:
    """Refuse a workbook whose formula cells have no saved value (they would read as blank).

    Excel saves each formula's last value beside it; files written by some programs and
    scripts hold the formula alone, and the cell would pass for empty ("the name is blank").
    """
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        found = [
            (r, c, str(getattr(value, "text", value)))
            for r, row in enumerate(workbook[title].iter_rows(values_only=True))
            for c, value in enumerate(row)
            if (r, c) in blanks
            and value is not None
            and (not isinstance(value, str) or value.startswith("="))
        ]
    finally:
        workbook.close()
    if not found:
        return
    r, c, formula = found[0]
    more = f" (and {len(found) - 1} more cells)" if len(found) > 1 else ""
    raise InputError(
        f"cell {get_column_letter(c + 1)}{r + 1} of sheet '{title}' holds a formula ({formula}) "
        f"without a saved value{more}, so ngsp cannot tell what it shows",
        file=path.name,
        line=r + 1,
        hint="open the workbook in Excel or LibreOffice and save it again (that stores the values), "
        "or replace the formulas by their values (copy, then paste values only)",
    )


def _is_formula(value: object) -> bool:
    """A formula as openpyxl reads it without values: '=...' text, or an array or table formula."""
    return value is not None and (not isinstance(value, str) or value.startswith("="))
