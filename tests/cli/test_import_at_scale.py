"""A large-ish import (2,000 rows) keeps every import rule; the 100,000-row figures are in benchmarks/."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.generate import generate_import_sheet

ROWS = 2_000


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = generate_import_sheet(tmp_path / "big.csv", ROWS, seed=1)
    lines = path.read_text(encoding="utf-8").splitlines()
    # Row 2002: the same organization as row 2 again, with a city that differs (kept, reported);
    # row 2003: a bad row, named by its spreadsheet row.
    first = lines[1].split(",")
    lines.append(",".join([first[0].upper(), first[1], "Elsewhere", "", "", "", "Second mention"]))
    lines.append("Nameless Kind Co,Spaceship,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_large_import_creates_every_row_once_and_names_the_bad_one(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], sheet: Path
) -> None:
    root = partnership_tree()
    before = sorted(p.name for p in (root / "organizations").iterdir())

    dry = ngsp("-C", root, "org", "import", sheet, "--dry-run")
    assert dry.exit_code == 2, dry.output  # one bad row
    assert f"{ROWS:,} organizations would be created" in flat(dry.stderr) or (
        f"{ROWS} organizations would be created" in flat(dry.stderr)
    )
    assert "rows not listed one by one" in flat(dry.stderr)
    assert sorted(p.name for p in (root / "organizations").iterdir()) == before

    done = ngsp("-C", root, "org", "import", sheet, "--json")
    assert done.exit_code == 2
    data = json.loads(done.stdout)
    assert data["organizations_created"] == ROWS
    assert data["rows_bad"] == 1
    assert [r["row"] for r in data["rows"] if r["action"] == "bad"] == [ROWS + 3]
    merged = data["rows"][ROWS]  # row 2002
    assert merged["action"] == "update"  # fills the blank notes of the entry row 2 made
    assert "same entry as row 2" in merged["detail"]
    assert "adds notes" in merged["detail"]
    assert "kept city" in merged["detail"]
    assert len(data["files_written"]) == ROWS
    assert len(list((root / "organizations").glob("*.yaml"))) == len(before) + ROWS
    assert not (root / ".ngsp-staging").exists()
    assert list(root.rglob("*.tmp")) == []

    again = ngsp("-C", root, "org", "import", sheet, "--json")
    again_data = json.loads(again.stdout)
    assert (again_data["organizations_created"], again_data["files_written"]) == (0, [])

    update = ngsp("-C", root, "org", "import", sheet, "--update", "--json")
    updated = json.loads(update.stdout)
    assert updated["organizations_updated"] == 1  # the city of row 2002 wins with --update
    assert len(updated["files_written"]) == 1
