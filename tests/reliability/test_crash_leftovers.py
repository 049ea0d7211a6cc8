"""What a kill -9 during an import leaves: one staging folder that the next command clears or finishes.

The import runs as a real process that kills itself (SIGKILL, nothing runs after it)
at a chosen staged file or rename, so the crash lands exactly in one phase.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROWS = 60
KILLER = """
import os, signal, sys
from ngsp_cli.store import batch
phase, at = sys.argv[1], int(sys.argv[2])
original = getattr(batch, phase)
calls = [0]
def wrapper(*args):
    calls[0] += 1
    if calls[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args)
setattr(batch, phase, wrapper)
sys.argv = ["ngsp", *sys.argv[3:]]
from ngsp_cli.cli.app import main
main()
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "orgs.csv"
    lines = ["Company,Type,City"] + [f"Maker {i} Works,business,Ruston" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_killed(root: Path, phase: str, at: int, *args: str | Path) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "NGSP_TODAY": "2027-01-15"})
    done = subprocess.run(
        [sys.executable, "-c", KILLER, phase, str(at), "-C", str(root), *map(str, args)],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    return done.returncode


def data_files(root: Path) -> dict[str, str]:
    """Every file of the folder's data (not the lock, not the staging folder), with a hash."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ngsp-staging" not in p.parts and p.name != ".ngsp.lock"
    }


def flat(text: str) -> str:
    """Screen text with its line wrapping undone."""
    return " ".join(text.split())


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp") if ".ngsp-staging" not in p.parts]


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-01-15")


@pytest.mark.usefixtures("today")
def test_a_kill_while_staging_changes_nothing_and_the_next_command_clears_it(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    (root / ".gitignore").write_text("out/\n", encoding="utf-8")  # a folder made by an older ngsp
    path = sheet(tmp_path)
    before = data_files(root)
    assert run_killed(root, "stage", ROWS // 2, "org", "import", path) == -9
    assert (root / ".ngsp-staging").is_dir()
    assert temp_files(root) == []  # nothing beside the data files
    assert {k: v for k, v in data_files(root).items() if k != ".gitignore"} == {
        k: v for k, v in before.items() if k != ".gitignore"
    }
    assert ".ngsp-staging/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()

    check = ngsp("-C", root, "check")
    shown = flat(check.stdout)
    assert ".ngsp-staging/" in shown
    assert f"{ROWS // 2 - 1} temporary files" in shown
    assert "changed nothing" in shown

    again = ngsp("-C", root, "org", "import", path)
    assert again.exit_code == 0, again.output
    said = flat(again.stderr)
    assert f"removed {ROWS // 2 - 1} temporary files" in said
    assert not (root / ".ngsp-staging").exists()
    assert len(list((root / "organizations").glob("maker-*.yaml"))) == ROWS
    assert "temporary" not in ngsp("-C", root, "check").stdout


@pytest.mark.usefixtures("today")
def test_a_kill_while_files_are_put_in_place_is_finished_by_the_next_run(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    path = sheet(tmp_path)
    clean = partnership_tree(name="clean")
    assert ngsp("-C", clean, "org", "import", path).exit_code == 0
    root = partnership_tree(name="killed")
    assert run_killed(root, "commit", 20, "org", "import", path) == -9
    assert len(list((root / "organizations").glob("maker-*.yaml"))) == 19

    check = ngsp("-C", root, "check")
    shown = flat(check.stdout)
    assert check.exit_code == 2
    assert "stopped while its files were being put in place" in shown
    assert f"{ROWS - 19:,} of its files are still waiting" in shown

    again = ngsp("-C", root, "org", "import", path)
    assert again.exit_code == 0, again.output
    said = flat(again.stderr)
    assert "finished a change that was stopped while its files were being put in place" in said
    assert f"{ROWS - 19} more files are in place now" in said
    assert "0 organizations created" in said  # the finished change already holds every row
    assert not (root / ".ngsp-staging").exists()
    assert data_files(root) == data_files(clean)


@pytest.mark.usefixtures("today")
def test_temporary_files_beside_data_files_are_reported_and_cleared(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    # What an older ngsp's staging or a single write stopped before its rename leaves.
    for i in range(3):
        (root / "organizations" / f".maker-{i}-works.yaml.k2j4x9_{i}.tmp").write_text("name: half\n")
    check = ngsp("-C", root, "check")
    shown = flat(check.stdout)
    assert "3 temporary files (.NAME.tmp)" in shown
    result = ngsp("-C", root, "org", "import", sheet(tmp_path))
    assert result.exit_code == 0, result.output
    assert "removed 3 temporary files" in flat(result.stderr)
    assert temp_files(root) == []


def test_init_makes_git_ignore_the_staging_folder(ngsp: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = ngsp("init", target, "--name", "N", "--industry", "I", "--region", "R", "--no-git", "--no-input")
    assert result.exit_code == 0, result.output
    lines = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".ngsp-staging/" in lines
    assert ".*.tmp" in lines


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_batch_keeps_the_mode_of_files_it_changes_and_gives_new_files_the_usual_one(
    partnership_tree: Callable[..., Path],
) -> None:
    from ngsp_cli.model import Organization, OrgKind
    from ngsp_cli.store.batch import save_all
    from ngsp_cli.store.folder import load

    root = partnership_tree()
    kept = root / "organizations" / "acme-tools.yaml"
    kept.chmod(0o640)
    acme = load(root).organizations["acme-tools"]
    acme.city = "Ruston"
    new = Organization(name="New Co", kind=OrgKind.business)
    new.id = "new-co"
    umask = os.umask(0o022)
    try:
        result = save_all(root, creates=[new], updates=[acme])
    finally:
        os.umask(umask)
    assert sorted(result.written) == ["organizations/acme-tools.yaml", "organizations/new-co.yaml"]
    assert kept.stat().st_mode & 0o777 == 0o640
    assert (root / "organizations" / "new-co.yaml").stat().st_mode & 0o777 == 0o644
    assert "city: Ruston" in kept.read_text(encoding="utf-8")


@pytest.mark.usefixtures("today")
def test_any_command_that_writes_finishes_a_stopped_import_first_and_says_so(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    assert run_killed(root, "commit", 10, "org", "import", sheet(tmp_path)) == -9
    added = ngsp("-C", root, "org", "add", "Other Co", "--kind", "business")
    assert added.exit_code == 0, added.output
    said = flat(added.stderr)
    assert (
        f"finished a change that was stopped while its files were being put in place (an import): {ROWS - 9}"
        in said
    )
    assert len(list((root / "organizations").glob("maker-*.yaml"))) == ROWS
    assert (root / "organizations" / "other-co.yaml").is_file()
    assert not (root / ".ngsp-staging").exists()
