"""The generated benchmark folders are valid on any day after they were made: no held meeting lies ahead."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.generate import LAST_DAY, SIZES, Size, generate

# A stress-like folder (many meetings) that generates in a fraction of a second.
CROWDED = Size(**{**SIZES["typical"].__dict__, "meetings": 80, "tasks_per_team": 20})


@pytest.mark.parametrize("size", ["typical", "crowded"])
@pytest.mark.parametrize("seed", [0, 3])
def test_every_generated_date_is_past_and_check_passes(
    ngsp: Callable[..., Any], tmp_path: Path, size: str, seed: int
) -> None:
    root = generate(tmp_path / size, CROWDED if size == "crowded" else size, seed=seed)
    again = generate(tmp_path / "again", CROWDED if size == "crowded" else size, seed=seed)
    days = [
        day for path in root.rglob("*.yaml") for day in re.findall(r"\b20\d\d-\d\d-\d\d\b", path.read_text())
    ]
    assert max(days) <= LAST_DAY.isoformat()
    files = sorted(p.relative_to(root) for p in root.rglob("*.yaml"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.yaml"))  # seeded: the same again
    assert all((root / rel).read_bytes() == (again / rel).read_bytes() for rel in files)
    result = ngsp("-C", root, "check")
    assert result.exit_code in (0, 1), result.output
