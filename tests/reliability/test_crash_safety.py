"""Writers killed at any moment leave every file old or new, never half; the lock serializes writers."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from ngsp_cli.store import yamlio
from ngsp_cli.store.folder import load

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("NGSP_CRASH_KILLS", "12"))

# Writes file after file, each carrying the checksum of its own body, and says so after each.
ATOMIC_WRITER = """
import hashlib, sys
from pathlib import Path
from ngsp_cli.store.files import write_atomic
path = Path(sys.argv[1])
i = 0
while True:
    i += 1
    body = f"counter: '{i}'\\npadding: '{'x' * (30000 + 997 * (i % 50))}'\\n"
    digest = hashlib.sha256(body.encode()).hexdigest()
    write_atomic(path, body + f"digest: '{digest}'\\n")
    print(i, flush=True)
"""

# Edits one organization through the careful write path (round trip, lock, atomic replace).
SAVE_WRITER = """
import sys
from pathlib import Path
from ngsp_cli.model import Organization
from ngsp_cli.store.write import save
root = Path(sys.argv[1])
i = 0
while True:
    i += 1
    org = Organization(name="Acme Tools", kind="business", notes=f"edit {i} " + "n" * (i % 4000))
    org.id = "acme-tools"
    save(root, org)
    print(i, flush=True)
"""


def kill_after_a_while(script: str, target: Path, rng: random.Random) -> int:
    """Start a writer, let it write for a random moment, SIGKILL it; how many writes it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # it is writing now
    assert first, child.stderr.read() if child.stderr else ""
    time.sleep(rng.uniform(0.0, 0.25))
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return 1 + len(rest.split())


def check_whole(path: Path) -> int:
    data = yamlio.parse(path.read_text(encoding="utf-8"))
    body = f"counter: '{data['counter']}'\npadding: '{data['padding']}'\n"
    assert hashlib.sha256(body.encode()).hexdigest() == data["digest"], "a half-written file"
    return int(data["counter"])


def test_killed_atomic_writers_never_leave_a_half_written_file(tmp_path: Path) -> None:
    rng = random.Random(7)
    target = tmp_path / "organizations" / "acme-tools.yaml"
    writes = 0
    for _ in range(KILLS):
        writes += kill_after_a_while(ATOMIC_WRITER, target, rng)
        counter = check_whole(target)
        assert counter >= 1
    assert writes >= KILLS  # typically hundreds; each kill comes after at least one write


def test_killed_saves_leave_a_valid_folder(tmp_path: Path) -> None:
    rng = random.Random(11)
    (tmp_path / "partnership.yaml").write_text(
        yaml.safe_dump({"schema_version": 1, "name": "Crash", "industry": "Tests", "region": "Here"}),
        encoding="utf-8",
    )
    (tmp_path / "organizations").mkdir()
    path = tmp_path / "organizations" / "acme-tools.yaml"
    path.write_text("# written by hand\nname: Acme Tools\nkind: business\n", encoding="utf-8")
    for _ in range(max(KILLS // 2, 3)):
        kill_after_a_while(SAVE_WRITER, tmp_path, rng)
        org = load(tmp_path).organizations["acme-tools"]
        assert org.notes is not None
        assert org.notes.startswith("edit ")
        assert path.read_text(encoding="utf-8").startswith("# written by hand\n")
    leftovers = [p.name for p in path.parent.iterdir() if p.name != path.name]
    # A killed writer may leave its temporary file; it is hidden and never read as an entity.
    assert all(name.startswith(".acme-tools.yaml.") for name in leftovers)


COUNTER = """
import sys
from pathlib import Path
from ngsp_cli.store.files import folder_lock, write_atomic
root = Path(sys.argv[1]); path = root / "counter.txt"
for _ in range(int(sys.argv[2])):
    with folder_lock(root):
        value = int(path.read_text())
        write_atomic(path, str(value + 1))
"""


def test_concurrent_writers_take_turns(tmp_path: Path) -> None:
    (tmp_path / "counter.txt").write_text("0")
    writers = [
        subprocess.Popen([sys.executable, "-c", COUNTER, str(tmp_path), "100"], stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert (tmp_path / "counter.txt").read_text() == "200"
