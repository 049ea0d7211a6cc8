"""No file of ngsp holds the markers git leaves in a merge it could not finish.

A marker inside a string would reach users: `ngsp init` would write it into every new
partnership's .gitignore. The bad-input corpus keeps its markers on purpose.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)
SOURCES = ("src", "templates", "playbooks", "docs", "examples", "tests", "tools", "benchmarks", ".ci")
KEPT = ROOT / "tests" / "data" / "bad"  # the corpus of broken files ngsp must report


TEXT = {".py", ".md", ".yaml", ".yml", ".j2", ".toml", ".txt", ".csv", ".html", ".json", ".cfg", ".ini", ""}


def _marked_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    rel = path.relative_to(ROOT)
    return [f"{rel}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]


def _files(folder: Path) -> list[Path]:
    """The text files below `folder`, skipping generated folders (benchmark data, caches)."""
    found = []
    for where, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in {"__pycache__", ".work", ".venv"}]
        here = Path(where)
        if here == KEPT or KEPT in here.parents:
            continue
        found += [here / name for name in names if Path(name).suffix in TEXT]
    return found


def test_no_file_holds_merge_conflict_markers() -> None:
    files = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder in SOURCES:
        files += _files(ROOT / folder)
    assert len(files) > 200, "the repository's files were not found"
    found = [line for path in files for line in _marked_lines(path)]
    assert not found, f"merge conflict markers left in: {found}"
