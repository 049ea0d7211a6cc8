"""Read a spreadsheet a convener was given: CSV in any common dialect and encoding, or XLSX.

Rows are numbered as a spreadsheet program shows them (the header is usually row 1),
so a message such as "row 7: ..." points at the row the person sees.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError

DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
_SEP_LINE = re.compile(r"^sep=(.)\s*$")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class Sheet:
    """A table read from a file: its header and data rows, all cells as stripped text."""

    source: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]
    notes: list[str] = field(default_factory=list)

    def cell(self, row: list[str], column: int) -> str:
        return row[column] if column < len(row) else ""


_UTF16_NAMES = {"utf-16-be": "big-endian", "utf-16-le": "little-endian"}


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-be' or 'utf-16-le' when `data` is UTF-16 without a byte-order mark, else None.

    Text in Latin letters saved as UTF-16 has a zero byte before (big-endian) or after
    (little-endian) each letter; read as UTF-8 those zeros would pass as characters.
    """
    sample = data[:4096]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) > len(even) // 2 and odd.count(0) == 0:
        return "utf-16-be"
    if odd.count(0) > len(odd) // 2 and even.count(0) == 0:
        return "utf-16-le"
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and how it was read: UTF-8 (BOM or not), UTF-16, or Windows cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16 text (Excel's 'Unicode text')"
    bare = _utf16_without_bom(data)
    if bare is not None:
        try:
            return data.decode(bare), f"UTF-16 text without a byte-order mark ({_UTF16_NAMES[bare]})"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"the file looks like UTF-16 text ({_UTF16_NAMES[bare]}) but cannot be read as such",
                file=name,
                hint="open it in Excel or LibreOffice and save it as 'CSV UTF-8'",
            ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return text, "UTF-8 text" + (" with a byte-order mark" if data.startswith(b"\xef\xbb\xbf") else "")
    try:
        return data.decode("cp1252"), (
            "Windows text (cp1252), not UTF-8, as Excel saves 'CSV (Comma delimited)'; "
            "check that accented names look right"
        )
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            "the file is neither UTF-8 nor Windows (cp1252) text",
            file=name,
            line=line,
            hint="open it in Excel or LibreOffice and save it as 'CSV UTF-8'",
        ) from exc


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def sniff_delimiter(text: str) -> tuple[str, bool]:
    """The delimiter (comma, semicolon, tab or bar) and whether spaces follow it."""
    header = _first_line(text)
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=DELIMITERS)
        delimiter, skip_space = dialect.delimiter, bool(dialect.skipinitialspace)
    except csv.Error:
        delimiter, skip_space = "", False
    if not delimiter or delimiter not in header:
        # The sniffer guesses from the whole sample; the header line is the surest witness.
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        delimiter = best if counts[best] else ","
    return delimiter, skip_space


def _csv_records(path: Path) -> tuple[list[list[str]], list[str]]:
    data = path.read_bytes()
    text, how = decode(data, path.name)
    notes = [f"read as {how}"]
    sep = _SEP_LINE.match(text.split("\n", 1)[0].rstrip("\r"))
    if sep:
        # Excel's "sep=;" hint line: Excel hides it, so rows are counted without it.
        delimiter, skip_space = sep.group(1), False
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter, skip_space = sniff_delimiter(text)
    notes.append(f"columns separated by {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}")
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        skipinitialspace=skip_space,
        strict=False,
    )
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        raise InputError(
            f"row {reader.line_num}: the file cannot be read as CSV ({exc})",
            file=path.name,
            hint="open it in a spreadsheet program and save it again as CSV UTF-8",
        ) from exc
    return records, notes


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """Read CSV (any delimiter, UTF-8 or cp1252) or an Excel workbook (.xlsx) into a Sheet."""
    if not path.is_file():
        raise NotFoundError(f"there is no file {path}", hint="check the file name and folder")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == _OLE_MAGIC or path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise InputError(
            f"{path.name} is in a spreadsheet format ngsp cannot read",
            file=path.name,
            hint="save it as Excel workbook (.xlsx) or as CSV UTF-8 and import that file",
        )
    if magic == _ZIP_MAGIC or path.suffix.lower() in {".xlsx", ".xlsm"}:
        from ngsp_cli.services.directory import xlsx

        title, names, records = xlsx.read_rows(path, sheet)
        others = f" (the first of {len(names)}; choose another with --sheet)" if len(names) > 1 else ""
        notes = [f"read sheet '{title}'" + ("" if sheet else others)]
    else:
        if sheet is not None:
            raise InputError("--sheet is only for Excel workbooks", hint="leave it out for a CSV file")
        records, notes = _csv_records(path)
    rows = [(number, [cell.strip() for cell in record]) for number, record in enumerate(records, start=1)]
    header_at = next((i for i, (_, cells) in enumerate(rows) if any(cells)), None)
    if header_at is None:
        raise InputError(f"{path.name} is empty", file=path.name, hint="the first row must name the columns")
    header_row, headers = rows[header_at]
    while headers and not headers[-1]:
        headers.pop()
    return Sheet(
        source=path.name,
        headers=headers,
        header_row=header_row,
        rows=rows[header_at + 1 :],
        notes=notes,
    )
