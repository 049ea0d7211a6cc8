"""`ngsp assess` in a real terminal asks each indicator's question (questionary over a pty)."""

from __future__ import annotations

import os
import sys

import pytest

from ngsp_cli.playbook.indicators import load_indicators
from ngsp_cli.store.folder import load

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e


def test_assess_asks_every_indicator_in_a_terminal(partnership_tree) -> None:
    root = partnership_tree()
    ids = load_indicators().ids()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_") and k != "CI"}
    env.update({"NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ngsp_cli", "-C", str(root), "assess", "--date", "2026-10-01"],
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 100),
    )
    for indicator_id in ids:
        child.expect(f"\\({indicator_id}\\)")
        child.expect(r"4\) unknown")
        if indicator_id == "region-labor-market":
            child.send("1")  # yes
        elif indicator_id == "action-plan-current":
            child.send("2")  # partly
        child.send("\r")
        child.expect("Note")
        child.sendline("follows the commute shed" if indicator_id == "region-labor-market" else "")
    child.expect("Who took part")
    child.sendline("Support team")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assessment = load(root).assessments["2026-10-01-self-assessment"]
    assert assessment.by == "Support team"
    assert list(assessment.answers) == ids
    assert assessment.answers["region-labor-market"].answer.value == "yes"
    assert assessment.answers["region-labor-market"].note == "follows the commute shed"
    assert assessment.answers["action-plan-current"].answer.value == "partly"
    assert assessment.answers["business-champions"].answer.value == "unknown"
