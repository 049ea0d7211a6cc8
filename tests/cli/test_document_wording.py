"""Documents go to business leaders: the partnership's name, counts and paragraphs read as English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from tests.cli.test_documents import docx_dump


def _launch(**overrides: Any) -> dict[str, Any]:
    meeting: dict[str, Any] = {
        "kind": "launch",
        "title": "Kickoff",
        "date": "2027-01-12",
        "time": "08:00",
        "invitees": ["ann-lee", "bo-diaz"],
    }
    meeting.update(overrides)
    return meeting


def _text(root: Path, fmt: str, ngsp: Any, *args: str) -> str:
    """A document of the folder in `fmt`, as plain text on one line per paragraph."""
    out = root / "out" / f"doc.{fmt}"
    result = ngsp("-C", root, *args, "--as-of", "2027-01-01", "--out", out)
    assert result.exit_code == 0, result.output
    if fmt == "docx":
        return docx_dump(out)
    text = out.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", text) if fmt == "html" else text


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_name_without_partnership_word_gets_one_in_sentences(ngsp, partnership_tree, fmt) -> None:
    root = partnership_tree(
        {
            "meetings/2027-01-12-kickoff.yaml": _launch(),
            "meetings/2027-03-02-full.yaml": _launch(
                kind="full-partnership", date="2027-03-02", title="Spring"
            ),
        }
    )
    launch = " ".join(_text(root, fmt, ngsp, "invite", "2027-01-12-kickoff").split())
    assert "join us for the launch of the Test Valley Manufacturing partnership." in launch
    assert "the launch of the Test Valley Manufacturing." not in launch
    full = " ".join(_text(root, fmt, ngsp, "invite", "2027-03-02-full").split())
    assert "The Test Valley Manufacturing partnership is meeting as a whole." in full


def test_a_name_ending_in_partnership_is_not_doubled(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _launch()})
    yaml_file = root / "partnership.yaml"
    renamed = yaml_file.read_text().replace("Test Valley Manufacturing", "The Valley Tooling Alliance")
    yaml_file.write_text(renamed)
    text = " ".join(_text(root, "md", ngsp, "invite").split())
    assert "join us for the launch of the Valley Tooling Alliance." in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_one_convener_is_singular(ngsp, partnership_tree, fmt) -> None:
    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _launch()})
    text = " ".join(_text(root, fmt, ngsp, "invite").split())
    assert "Our convener, Valley Workforce Board, takes care of the room" in text


def test_two_conveners_are_plural(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "meetings/2027-01-12-kickoff.yaml": _launch(),
            "organizations/valley-college.yaml": {"name": "Valley College", "kind": "education"},
        }
    )
    yaml_file = root / "partnership.yaml"
    yaml_file.write_text(yaml_file.read_text() + "- valley-college\n")
    text = " ".join(_text(root, "md", ngsp, "invite").split())
    assert "Our conveners, Valley Workforce Board and Valley College, take care of the room" in text


def test_reply_line_and_conveners_line_are_separate_markdown_paragraphs(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-01-12-kickoff.yaml": _launch()})
    text = _text(root, "md", ngsp, "invite")
    reply = next(line for line in text.splitlines() if line.startswith("Please let Bo Diaz"))
    after = text.split(reply, 1)[1]
    assert after.startswith("\n\nOur convener,"), after[:80]


def test_memo_is_addressed_to_the_partnership_by_a_readable_name(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"meetings/2026-12-01-kickoff.yaml": _launch(date="2026-12-01", attendees=["ann-lee"], status="held")}
    )
    text = _text(root, "md", ngsp, "memo")
    assert "Members and partners of the Test Valley Manufacturing partnership" in text


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_one_invited_person_is_a_person(ngsp, partnership_tree, fmt) -> None:
    root = partnership_tree(
        {"meetings/2026-12-01-kickoff.yaml": _launch(date="2026-12-01", invitees=["ann-lee"], status="held")}
    )
    text = " ".join(_text(root, fmt, ngsp, "memo").split())
    assert "Attendance was not recorded; 1 person was invited." in text
