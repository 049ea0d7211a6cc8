"""With one of something, screens and documents say it in the singular."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

# "1 meetings", "all 1 active team", "1 need attention": a count of one with a plural after it.
WRONG = re.compile(
    r"\b(?<![.,/-])1 (business leaders|public partners|meetings|action teams|teams|problems|organizations|"
    r"businesses|days|champions|questions|partnerships|files|answers|need|people|priorities|assessments|tasks)\b"
    r"|\ball 1 \b|fix them|\bthe (last )?1 "
)


def _one_of_each(partnership_tree: Any) -> Path:
    return partnership_tree(
        {
            "priorities/welding.yaml": {
                "title": "Welding pipeline",
                "category": "talent",
                "status": "selected",
            },
            "action-teams/welding.yaml": {
                "name": "Welding team",
                "priority": "welding",
                "champions": ["ann-lee"],
                "formed": "2026-10-01",
            },
            "meetings/2026-10-01-launch.yaml": {
                "kind": "launch",
                "title": "Launch",
                "date": "2026-10-01",
                "status": "held",
                "invitees": ["ann-lee"],
                "attendees": ["ann-lee"],
            },
            "meetings/2027-02-01-full.yaml": {
                "kind": "full-partnership",
                "title": "Spring meeting",
                "date": "2027-02-01",
                "invitees": ["ann-lee", "bo-diaz"],
            },
        }
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--as-of", "2026-12-15"),
        ("check", "--as-of", "2026-12-15"),
        ("check", "--only", "schema"),
        ("report", "--as-of", "2026-12-15", "--out", "-"),
        ("report", "--as-of", "2026-12-15", "--format", "html", "--out", "-"),
        ("meeting", "list"),
        ("meeting", "show", "2027-02-01-full"),
        ("org", "list"),
        ("person", "list", "--org", "acme-tools"),
        ("team", "list", "--as-of", "2026-12-15"),
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_one_thing_is_never_counted_in_the_plural(ngsp, partnership_tree, args) -> None:
    root = _one_of_each(partnership_tree)
    result = ngsp("-C", root, *args)
    assert result.exit_code in (0, 1), result.output
    text = _flat(re.sub(r"<[^>]+>", " ", result.output))
    assert not WRONG.search(text), WRONG.search(text)


def test_the_singular_reads_naturally(ngsp, partnership_tree) -> None:
    root = _one_of_each(partnership_tree)
    status = _flat(ngsp("-C", root, "status", "--as-of", "2026-12-15").stdout)
    assert "invited: 1 business leader, 1 public partner" in status
    report = _flat(ngsp("-C", root, "report", "--as-of", "2026-12-15", "--out", "-").stdout)
    assert "1 (1 needs attention)" in report
    assert "1 business leader and 1 public partner invited" in report
    assert "Business share at the last launch or full-partnership meeting" in report
    check = _flat(ngsp("-C", root, "check", "--as-of", "2026-12-15").stdout)
    assert "1 business leader leads as co-chair or champion" in check


def test_one_problem_is_it(ngsp, partnership_tree) -> None:
    root = partnership_tree({"people/zed.yaml": {"name": "Zed"}})
    result = ngsp("-C", root, "check")
    assert result.exit_code == 2
    assert "The folder has 1 problem (fix it, then check again)" in _flat(result.output)


@pytest.mark.parametrize("fmt", [None, "md"])
def test_a_portfolio_of_one_partnership_counts_in_the_singular(ngsp, partnership_tree, fmt) -> None:
    root = _one_of_each(partnership_tree)
    extra = ("--format", fmt, "--out", "-") if fmt else ()
    result = ngsp("portfolio", root, "--as-of", "2026-12-15", *extra)
    assert result.exit_code == 0, result.output
    text = _flat(result.output)
    assert not WRONG.search(text), WRONG.search(text)
    assert "1 partnership" in text


def test_a_warning_about_one_public_partner_is_singular(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "meetings/2027-02-01-full.yaml": {
                "kind": "full-partnership",
                "title": "Spring meeting",
                "date": "2027-02-01",
                "invitees": ["bo-diaz"],
            }
        }
    )
    text = _flat(ngsp("-C", root, "status", "--as-of", "2026-12-15").stdout)
    assert "1 public partner is invited but only 0 business leaders" in text
