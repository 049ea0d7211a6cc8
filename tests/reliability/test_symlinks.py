"""Links in a shared partnership folder: a template or data file that leads outside the folder
is refused, naming the file, and never read, shown or rendered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SECRET = "root:x:0:0:SECRET-LINE"
MEETING = {
    "meetings/2027-01-12-kickoff.yaml": {
        "kind": "full-partnership",
        "title": "Kickoff",
        "date": "2027-01-12",
        "status": "planned",
    }
}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A private file elsewhere on the computer (like /etc/passwd or ~/.ssh/id_rsa)."""
    path = tmp_path / "private" / "passwd"
    path.parent.mkdir()
    path.write_text(f"name: {SECRET}\nkind: business\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "2027-01-12-kickoff"],
        ["templates", "show", "agenda.md.j2"],
        ["templates", "copy", "agenda.md.j2", "--force"],
    ],
)
def test_a_template_linked_outside_the_folder_is_refused(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], outside: Path, args: list[str]
) -> None:
    root = partnership_tree(MEETING)
    (root / "templates").mkdir()
    (root / "templates" / "agenda.md.j2").symlink_to(outside)
    result = ngsp("-C", root, *args)
    shown = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert "templates/agenda.md.j2" in shown
    assert "outside the partnership folder" in shown
    assert SECRET not in result.output
    assert SECRET in outside.read_text(encoding="utf-8")  # and nothing was written through the link


def test_a_templates_folder_linked_outside_is_refused(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], outside: Path
) -> None:
    root = partnership_tree(MEETING)
    (outside.parent / "agenda.md.j2").write_text(SECRET, encoding="utf-8")
    (root / "templates").symlink_to(outside.parent)
    result = ngsp("-C", root, "agenda", "2027-01-12-kickoff")
    assert result.exit_code == 2, result.output
    assert "templates" in result.output
    assert SECRET not in result.output


def test_a_data_file_linked_outside_is_reported_and_not_read(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path], outside: Path
) -> None:
    root = partnership_tree()
    (root / "organizations" / "beta.yaml").symlink_to(outside)
    checked = ngsp("-C", root, "check")
    shown = " ".join(checked.output.split())
    assert checked.exit_code == 2, checked.output
    assert "organizations/beta.yaml" in shown
    assert "outside the partnership folder" in shown
    listed = ngsp("-C", root, "org", "list")
    assert listed.exit_code == 2
    assert SECRET not in checked.output + listed.output


def test_links_inside_the_folder_are_followed(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    root = partnership_tree({"shared/beta.yaml": {"name": "Beta Works", "kind": "business"}})
    (root / "organizations" / "beta.yaml").symlink_to(root / "shared" / "beta.yaml")
    result = ngsp("-C", root, "org", "list")
    assert result.exit_code == 0, result.output
    assert "Beta Works" in result.output


def test_a_folder_named_like_a_file_and_a_yml_file_are_reported(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    root = partnership_tree({"people/old.yaml/x.txt": "kept", "people/cy.yml": "name: Cy\norg: acme-tools\n"})
    result = ngsp("-C", root, "check")
    assert result.exit_code == 2, result.output
    assert "people/old.yaml" in result.output
    assert "is a folder" in result.output
    assert "people/cy.yml" in result.output
