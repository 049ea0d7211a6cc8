"""The console script ends without tearing down its modules: no output is lost and exit codes stay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb", "NGSP_NO_INPUT": "1"}


def ngsp_process(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ngsp_cli", *map(str, args)], capture_output=True, text=True, env=ENV,
        timeout=120, **kwargs,
    )  # fmt: skip


@pytest.fixture
def many_orgs(partnership_tree: Callable[..., Path]) -> Path:
    # Far more output than a pipe holds (64 KB), so it must be flushed in pieces and at the end.
    return partnership_tree(
        {
            f"organizations/company-{n:04d}.yaml": {
                "name": f"Company {n:04d}",
                "kind": "business",
                "city": "x" * 40,
            }
            for n in range(600)
        }
    )


def test_piped_output_is_complete_and_equals_the_in_process_output(
    ngsp: Callable[..., Any], many_orgs: Path
) -> None:
    done = ngsp_process("-C", many_orgs, "org", "list", "--json")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 64 * 1024
    assert len(json.loads(done.stdout)) == 602
    assert done.stdout == ngsp("-C", many_orgs, "org", "list", "--json").stdout
    table = ngsp_process("-C", many_orgs, "org", "list")
    assert table.returncode == 0
    assert "Company 0599" in table.stdout
    assert table.stdout.endswith("\n")


def test_a_reader_that_goes_away_is_not_an_error(many_orgs: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m ngsp_cli -C {many_orgs} org list | head -n 3; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 3
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_exit_codes_are_kept(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    good = partnership_tree()
    bad = partnership_tree({"organizations/broken.yaml": "name: [unclosed\n"}, name="bad")
    cases = [
        ("--version",),
        ("-C", good, "org", "list"),
        ("-C", bad, "org", "list"),
        ("-C", tmp_path / "nowhere", "status"),
        ("-C", good, "org", "show", "no-such-org"),
        ("-C", good, "no-such-command"),
        ("-C", good, "check"),
    ]
    seen = set()
    for args in cases:
        done = ngsp_process(*args)
        expected = ngsp(*args)
        assert done.returncode == expected.exit_code, (args, done.stderr)
        assert done.stdout == expected.stdout, args
        seen.add(done.returncode)
    assert {0, 2} <= seen


LEAVE = """
import atexit, sys
from pathlib import Path
from ngsp_cli.cli.entry import leave
atexit.register(lambda: Path(sys.argv[1]).write_text("ran"))
sys.stdout.write("x" * 200_000)
leave(eval(sys.argv[2]))
"""


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [("None", 0, ""), ("0", 0, ""), ("3", 3, ""), ("-1", 255, ""), ("'no such thing'", 1, "no such thing")],
)
def test_leave_runs_exit_functions_flushes_and_keeps_the_status(
    tmp_path: Path, code: str, status: int, message: str
) -> None:
    marker = tmp_path / "marker"
    done = subprocess.run(
        [sys.executable, "-c", LEAVE, str(marker), code], capture_output=True, text=True, env=ENV, timeout=60
    )
    assert done.returncode == status
    assert done.stdout == "x" * 200_000
    assert done.stderr.strip() == message
    assert marker.read_text() == "ran"
