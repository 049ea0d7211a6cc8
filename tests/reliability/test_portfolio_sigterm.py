"""`ngsp portfolio` stopped with SIGTERM leaves no worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

_SCRIPT = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    from pathlib import Path
    from ngsp_cli.services.reporting import portfolio

    def slow_read(folder, as_of):
        (Path(sys.argv[1]) / f"worker-{os.getpid()}").write_text("")
        time.sleep(120)

    portfolio.read_folder = slow_read
    try:
        portfolio.build_portfolio([Path(sys.argv[2])], dt.date(2026, 11, 25), workers=2)
    except KeyboardInterrupt:
        sys.exit(130)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped by its dead parent) is gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def _wait(condition, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_sigterm_stops_the_worker_processes(tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    marks.mkdir()
    state = tmp_path / "state"
    for index in range(4):
        (state / f"p{index}").mkdir(parents=True)
        (state / f"p{index}" / "partnership.yaml").write_text("name: P\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _SCRIPT, str(marks), str(state)])
    try:
        assert _wait(lambda: len(list(marks.iterdir())) >= 2), "the workers never started"
        workers = [int(p.name.split("-")[1]) for p in marks.iterdir()]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 130
        assert _wait(lambda: not any(_alive(pid) for pid in workers)), "a worker outlived its parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for mark in marks.iterdir():
            pid = int(mark.name.split("-")[1])
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
