"""`ngsp survey` in a real terminal asks every question (questionary over a pty)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from ngsp_cli.resources import bundled
from ngsp_cli.services.assessment.survey import load_survey
from ngsp_cli.store.yamlio import parse

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

UP = "\x1b[A"


def test_survey_asks_each_question_in_a_terminal(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(bundled("examples") / "laramie-county-hospitality", root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_") and k != "CI"}
    env.update(
        {
            "NO_COLOR": "1",
            "TERM": "xterm",
            "COLUMNS": "120",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "NGSP_TODAY": "2027-03-01",
        }
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ngsp_cli", "-C", str(root), "survey", "--date", "2027-03-01"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    questions = load_survey().questions()
    first = questions[0]
    child.expect("new or better ideas for products")
    child.send(UP * 3 + "\r")  # from the default 'unknown' up to 'yes'
    child.expect(f"How many {first.count}")
    child.sendline("4")
    child.expect("Evidence or an example")
    child.sendline("Two members now share a caterer")
    for question in questions[1:]:
        child.expect_exact(question.text[:24])
        child.send("\r")  # keep 'unknown'
    child.expect("Who answered")
    child.sendline("Rachel Dunmore")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    data = parse((root / "assessments/2027-03-01-outcome-survey.yaml").read_text(encoding="utf-8"))
    assert data["by"] == "Rachel Dunmore"
    assert data["answers"][first.id] == {
        "answer": "yes",
        "count": "4",
        "note": "Two members now share a caterer",
    }
    assert [qid for qid, a in data["answers"].items() if a["answer"] == "unknown"] == [
        q.id for q in questions[1:]
    ]
