"""`ngsp init` in a real terminal asks for what is missing (questionary over a pty)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e


def test_init_asks_in_a_terminal(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_") and k != "CI"}
    # The pty answers no cursor-position requests; without this prompt_toolkit waits for each.
    env.update({"NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ngsp_cli", "init", "farm", "--no-git"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    for question, answer in (
        ("Name of the partnership", "Valley Food Partnership"),
        ("Which industry", "Food processing"),
        ("Which labor-market region", "Treasure Valley"),
        ("Convening organization", "Valley Workforce Board, Valley College"),
        ("Time zone of the meetings", "America/Boise"),
        ("Counties of the region", "Ada, Canyon"),
    ):
        child.expect(question)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = (tmp_path / "farm/partnership.yaml").read_text(encoding="utf-8")
    assert "name: Valley Food Partnership\nindustry: Food processing\nregion: Treasure Valley\n" in text
    assert "conveners:\n  - valley-workforce-board\n  - valley-college\n" in text
    assert "counties:\n  - Ada\n  - Canyon\n" in text
    assert "timezone: America/Boise" in text
