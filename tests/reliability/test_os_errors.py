"""No permission, a read-only disk, a full disk: exit 2, a plain sentence and a hint, nothing half-written.

These are the person's situation, not a bug in ngsp (which would be exit 3, "internal error").
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".ngsp.lock"
    }


def _failing(code: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("code", "words", "hint"),
    [
        (errno.ENOSPC, "the disk is full", "free some space"),
        (errno.EROFS, "read-only disk", "copy the folder"),
        (errno.EACCES, "permission denied", "write access"),
    ],
)
def test_a_write_the_system_refuses_is_the_persons_situation(
    ngsp: Callable[..., Any],
    partnership_tree: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    words: str,
    hint: str,
) -> None:
    root = partnership_tree()
    before = fingerprint(root)
    where = os if code == errno.ENOSPC else tempfile
    monkeypatch.setattr(where, "fsync" if code == errno.ENOSPC else "mkstemp", _failing(code))
    result = ngsp("-C", root, "org", "edit", "acme-tools", "--city", "Monroe")
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert hint in result.output
    assert "organizations/acme-tools.yaml" in result.output
    assert "internal error" not in result.output
    assert fingerprint(root) == before
    assert not list(root.rglob("*.tmp"))


@pytest.mark.skipif(
    os.name != "posix" or not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="needs root and setpriv to take away root's right to write anywhere",
)
def test_a_folder_the_person_may_not_write_in_a_real_process(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree()
    for path in [root, *root.rglob("*")]:
        os.chown(path, 65534, 65534)  # someone else's folder (nobody), read-only for us
        path.chmod(0o555 if path.is_dir() else 0o444)
    before = fingerprint(root)
    caps = "-dac_override,-dac_read_search,-fowner"
    ngsp = Path(sys.executable).with_name("ngsp")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_")}
    done = subprocess.run(
        ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", str(ngsp), "-C", str(root),
         "org", "add", "Carter Plastics", "--kind", "business"],
        capture_output=True, text=True, env={**env, "NO_COLOR": "1"}, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "permission denied" in done.stderr
    assert "hint:" in done.stderr
    assert fingerprint(root) == before
