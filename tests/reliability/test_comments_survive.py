"""Hand comments survive every command that changes files.

Every YAML file of the bundled example gets a comment line at the top and a
comment at the end of its first line; then every mutating command runs in
turn, and after each one every file written by hand still has both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main

from ngsp_cli.cli.app import app

TOP = "# kept by hand: {name}"
END = "  # why this line matters"

ANN = "denise-broussard"  # a business co-chair of the example
PUBLIC = "sharon-leblanc"
MEETING = "2026-12-10-quarterly-meeting"
LAUNCH = "2026-09-17-launch-meeting"
TEAM = "clinical-placements"

# (command words, arguments): the words say which command it is, so a missing one is skipped.
COMMANDS: list[tuple[str, list[str]]] = [
    ("org add", ["org", "add", "Bayou Bakery", "--kind", "business", "--joined", "2026-11-05"]),
    ("org edit", ["org", "edit", "union-general-hospital", "--city", "Farmerville", "--notes", "Tours"]),
    ("person add", ["person", "add", "Lou Fontenot", "--org", "union-general-hospital", "--role",
                    "business-leader", "--joined", "2026-11-05"]),
    ("person edit", ["person", "edit", ANN, "--title", "CEO and founder", "--add-role", "champion"]),
    ("meeting new", ["meeting", "new", "full-partnership", "--date", "2027-03-04", "--time", "08:00",
                     "--location", "Monroe", "--as-of", "2027-01-05"]),
    ("meeting invite", ["meeting", "invite", MEETING, "anita-dugas"]),
    ("meeting attend", ["meeting", "attend", MEETING, ANN, "--as-of", "2026-12-10"]),
    ("meeting note", ["meeting", "note", MEETING, "Good turnout; the hospitals led."]),
    ("meeting decide", ["meeting", "decide", MEETING, "Meet again in March."]),
    ("meeting action", ["meeting", "action", MEETING, "Send the summary", "--owner", PUBLIC,
                        "--due", "2027-01-20"]),
    ("meeting candidate", ["meeting", "candidate", MEETING, "Shared night-shift childcare",
                           "--category", "infrastructure"]),
    ("team update", ["team", "update", TEAM, "Two more hospitals host students.", "--by", ANN,
                     "--date", "2027-01-06", "--as-of", "2027-01-06"]),
    ("team task add", ["team", "task", "add", TEAM, "Draft the placement agreement", "--owner", ANN,
                       "--due", "2027-02-01"]),
    ("team task done", ["team", "task", "done", TEAM, "t2", "--date", "2027-01-07", "--as-of", "2027-01-07"]),
    ("team status", ["team", "status", TEAM, "paused"]),
    ("prioritize", ["prioritize", LAUNCH, "--top", "4"]),
    ("assess", ["assess", "--answer", "region-labor-market=yes", "--date", "2027-01-08", "--by", PUBLIC]),
    ("survey", ["survey", "--answer", "work-based-learning=yes:3", "--date", "2027-01-09", "--by", PUBLIC]),
    ("migrate", ["migrate"]),
]  # fmt: skip


def available(words: str) -> bool:
    command: Any = typer.main.get_command(app)
    for word in words.split():
        command = getattr(command, "commands", {}).get(word)
        if command is None:
            return False
    return True


def annotate(root: Path) -> dict[str, str]:
    """Add the two comments to every YAML file; {relative path: its first line}."""
    first_lines: dict[str, str] = {}
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        first_lines[rel] = lines[0]
        lines[0] += END
        path.write_text("\n".join([TOP.format(name=rel), *lines]) + "\n", encoding="utf-8")
    return first_lines


def lost_comments(root: Path, first_lines: dict[str, str]) -> list[str]:
    lost = []
    for rel in first_lines:
        text = (root / rel).read_text(encoding="utf-8")
        if TOP.format(name=rel) not in text or END.strip() not in text:
            lost.append(rel)
    return lost


@pytest.mark.parametrize("words", [words for words, _ in COMMANDS])
def test_hand_comments_survive_each_mutating_command(
    words: str, ngsp: Callable[..., Any], example_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-01-10")  # after every day the commands record
    if not available(words):
        pytest.skip(f"'ngsp {words}' is not available yet")
    args = dict(COMMANDS)[words]
    first_lines = annotate(example_folder)
    before = {rel: (example_folder / rel).read_bytes() for rel in first_lines}
    result = ngsp("-C", example_folder, "--no-input", *args)
    assert result.exit_code == 0, result.output
    changed = [rel for rel in before if (example_folder / rel).read_bytes() != before[rel]]
    created = sorted(
        p.relative_to(example_folder).as_posix()
        for p in example_folder.rglob("*.yaml")
        if p.relative_to(example_folder).as_posix() not in before
    )
    assert changed or created or words == "migrate", f"'ngsp {words}' changed no file"
    assert lost_comments(example_folder, first_lines) == []
