"""Many ngsp processes changing one file at once: every change is kept, every file stays valid.

Each command reads the file, changes it and writes it back; that whole
read-modify-write happens under the folder lock, so a second process reads the
first one's result instead of overwriting it with what it read before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

NGSP = Path(sys.executable).with_name("ngsp")

MEETING = {
    "kind": "full-partnership",
    "title": "Second full meeting",
    "date": "2027-01-12",
    "status": "held",
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "NGSP_TODAY": "2027-02-01", "NGSP_NO_INPUT": "1"})
    return env


def _run_all(root: Path, commands: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess[str]]:
    env = _env()

    def one(args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(NGSP), "-C", str(root), *args],
            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=240,
        )  # fmt: skip

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(one, commands))


def _all_valid(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path
    assert not list(root.rglob("*.tmp"))
    args = [str(NGSP), "-C", str(root), "check", "--only", "schema"]
    done = subprocess.run(args, capture_output=True, text=True, env=_env(), check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_parallel_notes_and_decisions_are_all_kept(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree({"meetings/m.yaml": MEETING})
    commands = [["meeting", "note", "m", f"note {i}"] for i in range(6)]
    commands += [["meeting", "decide", "m", f"decision {i}"] for i in range(6)]
    results = _run_all(root, commands)
    assert [r.returncode for r in results] == [0] * 12, [r.stderr for r in results if r.returncode]
    meeting = yaml.safe_load((root / "meetings" / "m.yaml").read_text(encoding="utf-8"))
    notes = meeting["notes"].split("\n\n")
    assert sorted(notes) == sorted(f"note {i}" for i in range(6))
    assert sorted(meeting["decisions"]) == sorted(f"decision {i}" for i in range(6))
    _all_valid(root)


def test_parallel_edits_of_different_fields_are_all_kept(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree()
    edits = {
        "--city": "Monroe",
        "--county": "Ouachita",
        "--website": "https://acme.example",
        "--naics": "332",
    }
    results = _run_all(root, [["org", "edit", "acme-tools", flag, value] for flag, value in edits.items()])
    assert [r.returncode for r in results] == [0] * len(edits), [r.stderr for r in results if r.returncode]
    text = (root / "organizations" / "acme-tools.yaml").read_text(encoding="utf-8")
    org = yaml.safe_load(text)
    for flag, value in edits.items():
        assert str(org[flag[2:]]) == value, text
    assert all(v is not None for v in org.values()), text
    _all_valid(root)


def test_a_command_holding_the_lock_can_take_it_again(partnership_tree: Callable[..., Path]) -> None:
    from ngsp_cli.services.directory.entries import edit_organization
    from ngsp_cli.store.files import folder_lock

    root = partnership_tree()
    with folder_lock(root, timeout=1), folder_lock(root, timeout=1):
        org, changed = edit_organization(root, "acme-tools", city="Monroe")
    assert changed
    assert org.city == "Monroe"
    with folder_lock(root, timeout=1):  # released: free again
        pass
