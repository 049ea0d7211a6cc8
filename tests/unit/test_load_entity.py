"""Reading one entity by id reads just its file, with the same errors as a full load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ngsp_cli.errors import FolderInvalid
from ngsp_cli.model import Organization, Person
from ngsp_cli.services.directory.entries import edit_organization, edit_person
from ngsp_cli.store.folder import load, load_entity


def test_load_entity_equals_the_entity_of_a_full_load(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree()
    assert load_entity(root, Person, "ann-lee") == load(root).people["ann-lee"]


@pytest.mark.parametrize("entity_id", ["nobody", "../people/ann-lee", "Ann Lee", "con"])
def test_load_entity_is_none_for_ids_without_a_file(
    partnership_tree: Callable[..., Path], entity_id: str
) -> None:
    assert load_entity(partnership_tree(), Person, entity_id) is None


def test_load_entity_reports_its_file_and_line(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree({"organizations/acme-tools.yaml": "name: Acme Tools\nkind: bakery\n"})
    with pytest.raises(FolderInvalid) as caught:
        load_entity(root, Organization, "acme-tools")
    assert (caught.value.problem.file, caught.value.problem.line) == ("organizations/acme-tools.yaml", 2)


def test_editing_by_id_works_while_another_file_is_broken(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree({"organizations/broken.yaml": "name: [unclosed\n"})
    edit_organization(root, "acme-tools", city="Monroe")
    assert "city: Monroe" in (root / "organizations/acme-tools.yaml").read_text(encoding="utf-8")


def test_editing_by_name_still_finds_the_entity(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree()
    edit_person(root, "Ann Lee", org="Valley Workforce Board")
    assert load(root).people["ann-lee"].org == "valley-workforce-board"
