"""`ngsp prioritize` in a real terminal: votes typed in when no file is given."""

from __future__ import annotations

import os
import sys

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e


def test_votes_can_be_typed_in_a_terminal(partnership_tree) -> None:
    root = partnership_tree(
        {
            "meetings/2027-01-10-launch.yaml": {
                "kind": "launch",
                "title": "Launch",
                "date": "2027-01-10",
                "candidates": [
                    {"id": "housing", "title": "Housing"},
                    {"id": "broadband", "title": "Broadband"},
                ],
            }
        }
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_") and k != "CI"}
    env.update({"NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100", "NGSP_TODAY": "2027-01-10"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ngsp_cli", "-C", str(root), "prioritize", "--top", "1"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    for question, answer in (
        ("Voter", "Ann Lee"),
        ("Dots of Ann Lee", "housing=2, broadband=1"),
        ("Voter", "bo-diaz"),
        ("Dots of Bo Diaz", "broadband=3"),
        ("Voter", ""),
    ):
        child.expect(question)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    housing = yaml.safe_load((root / "priorities/housing.yaml").read_text(encoding="utf-8"))
    broadband = yaml.safe_load((root / "priorities/broadband.yaml").read_text(encoding="utf-8"))
    assert (housing["status"], broadband["status"]) == ("selected", "parked")
    assert (broadband["votes"]["business_points"], broadband["votes"]["public_points"]) == (1, 3)
