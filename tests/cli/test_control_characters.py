"""Terminal escape codes in names: refused at input, reported by check, never printed raw."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

EVIL = "Esc\x1b]0;PWNED\x07Org"


def test_a_screen_shows_control_characters_as_visible_symbols(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    # A bad value is quoted back in the message: the one display helper shows ESC as ␛.
    root = partnership_tree({"organizations/odd.yaml": 'name: Odd\nkind: "busi\\e]0;X\\aness"\n'})
    result = ngsp("-C", root, "check")
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "busi␛]0;X" in result.output


def test_an_import_row_with_control_characters_is_refused_and_shown_safely(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    sheet = tmp_path / "orgs.csv"
    sheet.write_text(f'name,kind\n"{EVIL}",business\nGood Co,business\n', encoding="utf-8")
    result = ngsp("-C", root, "org", "import", sheet)
    assert "\x1b" not in result.output
    assert "control character" in result.output
    names = [
        yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (root / "organizations").iterdir()
    ]
    assert "Good Co" in names
    assert EVIL not in names


def test_edits_refuse_control_characters_in_one_line_fields(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    root = partnership_tree()
    before = (root / "people" / "ann-lee.yaml").read_bytes()
    result = ngsp("-C", root, "person", "edit", "ann-lee", "--title", "CEO\x9b2J")
    assert result.exit_code == 2, result.output
    assert "U+009B" in result.output
    assert "\x9b" not in result.output
    assert (root / "people" / "ann-lee.yaml").read_bytes() == before


def test_notes_may_still_span_lines_and_hold_tabs(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-02-01")
    root = partnership_tree(
        {"meetings/m.yaml": {"kind": "other", "title": "M", "date": "2027-01-12", "status": "held"}}
    )
    result = ngsp("-C", root, "meeting", "note", "m", "first line\n\tindented second line")
    assert result.exit_code == 0, result.output
    notes = yaml.safe_load((root / "meetings" / "m.yaml").read_text(encoding="utf-8"))["notes"]
    assert notes == "first line\n\tindented second line"
