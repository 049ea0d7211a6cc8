"""--out never overwrites a partnership's data, and replaces another file only when ngsp wrote it.

Every command that writes a file the person names (export, agenda, invite, memo,
report, portfolio) goes through one guard (store/outputs.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

MEETING = {
    "meetings/2027-01-12-kickoff.yaml": {
        "kind": "full-partnership",
        "title": "Kickoff",
        "date": "2027-01-12",
        "status": "held",
        "attendees": ["ann-lee"],
    }
}


def fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".ngsp.lock"
    }


def _commands(root: Path) -> dict[str, list[str]]:
    return {
        "export": ["export"],
        "export-json": ["export", "-f", "json"],
        "agenda": ["agenda", "2027-01-12-kickoff", "-f", "md"],
        "invite": ["invite", "2027-01-12-kickoff", "-f", "md"],
        "memo": ["memo", "2027-01-12-kickoff", "-f", "md", "--as-of", "2027-01-12"],
        "report": ["report"],
        "portfolio": ["portfolio", str(root), "-f", "md"],
    }


CASES = [
    ("export", "partnership.yaml"),
    ("export-json", "people/ann-lee.yaml"),
    ("export", "organizations/new.yaml"),
    ("agenda", "meetings/2027-01-12-kickoff.yaml"),
    ("agenda", "templates/agenda.md.j2"),
    ("invite", ".git/config"),
    ("memo", "playbook/indicators.yaml"),
    ("report", "partnership.yaml"),
    ("report", "indicators.yaml"),
    ("portfolio", "people/ann-lee.yaml"),
]


@pytest.mark.parametrize(("command", "target"), CASES)
def test_out_into_the_partnership_data_is_refused_and_nothing_is_written(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], command: str, target: str
) -> None:
    root = partnership_tree({**MEETING, "templates/agenda.md.j2": "# {{ meeting.title }}\n"})
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    before = fingerprint(root)
    args = _commands(root)[command]
    result = ngsp("-C", root, "--no-input", *args, "--out", root / target, "--force")
    assert result.exit_code == 2, result.output
    assert target in result.output
    assert "hint:" in result.output
    assert fingerprint(root) == before


def test_a_symlinked_out_into_the_data_is_refused(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    link = tmp_path / "contacts.csv"
    link.symlink_to(root / "partnership.yaml")
    before = fingerprint(root)
    result = ngsp("-C", root, "export", "--out", link)
    assert result.exit_code == 2, result.output
    assert fingerprint(root) == before


def test_a_file_ngsp_did_not_write_is_kept_unless_forced(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    mine = tmp_path / "contacts.csv"
    mine.write_text("my own list\n", encoding="utf-8")
    refused = ngsp("-C", root, "export", "--out", mine)
    assert refused.exit_code == 2, refused.output
    assert "--force" in refused.output
    assert mine.read_text(encoding="utf-8") == "my own list\n"
    forced = ngsp("-C", root, "export", "--out", mine, "--force")
    assert forced.exit_code == 0, forced.output
    assert "Ann Lee" in mine.read_text(encoding="utf-8-sig")


def test_a_file_ngsp_wrote_is_replaced_until_someone_changes_it(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree(MEETING)
    doc = tmp_path / "agenda.md"
    assert ngsp("-C", root, "agenda", "2027-01-12-kickoff", "--out", doc).exit_code == 0
    again = ngsp("-C", root, "agenda", "2027-01-12-kickoff", "--out", doc)
    assert again.exit_code == 0, again.output
    # The default place (out/ of the folder) works the same way, run after run.
    assert ngsp("-C", root, "export").exit_code == 0
    assert ngsp("-C", root, "export").exit_code == 0
    doc.write_text(doc.read_text(encoding="utf-8") + "\nBring the sign-in sheet.\n", encoding="utf-8")
    edited = ngsp("-C", root, "agenda", "2027-01-12-kickoff", "--out", doc)
    assert edited.exit_code == 2, edited.output
    assert "sign-in sheet" in doc.read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["templates", "playbook", "."])
def test_a_site_is_never_written_into_the_partnership_data(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], target: str
) -> None:
    root = partnership_tree()
    before = fingerprint(root)
    result = ngsp("-C", root, "site", "--out", root / target)
    assert result.exit_code == 2, result.output
    assert "hint:" in result.output
    assert fingerprint(root) == before


def test_schemas_are_never_written_into_the_partnership_data(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    root = partnership_tree()
    before = fingerprint(root)
    result = ngsp("-C", root, "schema", "--out", root / "people")
    assert result.exit_code == 2, result.output
    assert fingerprint(root) == before
