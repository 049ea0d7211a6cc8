"""Smaller safety items: ids of symbol-only names, CSV cells a spreadsheet would compute,
UTF-16 without a byte-order mark, unsaved formulas in workbooks, --no-input everywhere."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def _ids(root: Path) -> set[str]:
    return {p.stem for p in (root / "organizations").glob("*.yaml")}


def test_names_of_emoji_or_punctuation_only_get_distinct_stable_ids(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    from ngsp_cli.ids import slug

    root = partnership_tree()
    before = _ids(root)
    for name in ("🚀", "🍕🍔", "!!!", "?", "★★★"):
        result = ngsp("-C", root, "org", "add", name, "--kind", "business")
        assert result.exit_code == 0, result.output
    added = _ids(root) - before
    assert len(added) == 5
    assert "item" not in added
    assert "rocket" in added
    assert slug("🍕🍔") == slug("🍕🍔") == "slice-of-pizza-hamburger"
    long_one, other = "!" * 40, "!" * 41
    assert slug(long_one) != slug(other)
    assert max(len(slug(long_one)), len(slug(other))) <= 60


def test_every_csv_cell_a_spreadsheet_would_compute_is_shown_as_text(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree(
        {"people/cy.yaml": {"name": "Cy", "org": "acme-tools", "title": "-2+3", "phone": "+1-1"}}
    )
    out = tmp_path / "contacts.csv"
    assert ngsp("-C", root, "export", "--out", out).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        cy = next(row for row in csv.DictReader(handle) if row["Id"] == "cy")
    assert (cy["Title"], cy["Phone"]) == ("'-2+3", "'+1-1")
    again = ngsp("-C", root, "person", "import", out)  # the apostrophes come off again
    assert again.exit_code == 0, again.output
    assert "title: -2+3" in (root / "people" / "cy.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_utf16_without_a_byte_order_mark_is_read(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path, encoding: str
) -> None:
    root = partnership_tree()
    sheet = tmp_path / "orgs.csv"
    sheet.write_bytes("name,kind\r\nCafé Olé,business\r\n".encode(encoding))
    result = ngsp("-C", root, "org", "import", sheet)
    assert result.exit_code == 0, result.output
    assert "without a byte-order mark" in result.output
    assert "cafe-ole" in _ids(root)


def test_a_workbook_formula_without_a_saved_value_is_named(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    import openpyxl

    root = partnership_tree()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "kind"])
    sheet.append(["Plain Co", "business"])
    sheet.append(['=CONCAT("Formula", " Co")', "business"])  # openpyxl saves no value for it
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    before = _ids(root)
    result = ngsp("-C", root, "org", "import", path)
    assert result.exit_code == 2, result.output
    shown = " ".join(result.output.split())
    assert "cell A3" in shown
    assert "holds a formula" in shown
    assert "without a saved value" in shown
    assert "blank" not in shown
    assert _ids(root) == before


def test_no_input_is_accepted_by_commands_that_never_ask(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    sheet = tmp_path / "orgs.csv"
    sheet.write_text("name,kind\nBeta Works,business\n", encoding="utf-8")
    result = ngsp("-C", root, "org", "import", sheet, "--no-input")
    assert result.exit_code == 0, result.output
    assert "beta-works" in _ids(root)
    assert ngsp("-C", root, "org", "list", "--no-input").exit_code == 0
