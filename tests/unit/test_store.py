from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ngsp_cli.errors import FolderInvalid, NotFoundError
from ngsp_cli.model import Organization, OrgKind, Person
from ngsp_cli.store.files import write_atomic
from ngsp_cli.store.folder import find_root, load
from ngsp_cli.store.write import save


def test_find_root_walks_up_like_git(partnership_tree) -> None:
    root = partnership_tree()
    deep = root / "meetings" / "notes"
    deep.mkdir(parents=True)
    assert find_root(start=deep) == root.resolve()


def test_find_root_outside_a_partnership_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_root(start=tmp_path)
    assert "ngsp init" in (caught.value.problem.hint or "")


def test_a_folder_given_that_does_not_exist_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        find_root(explicit=tmp_path / "nowhere")
    with pytest.raises(NotFoundError, match="is not a partnership folder"):
        find_root(explicit=tmp_path)


def test_find_root_honours_the_environment(partnership_tree, monkeypatch) -> None:
    root = partnership_tree()
    monkeypatch.setenv("NGSP_DIR", str(root))
    assert find_root(start=Path("/")) == root.resolve()


def test_load_reads_every_entity(partnership_tree) -> None:
    snap = load(partnership_tree())
    assert set(snap.organizations) == {"acme-tools", "valley-workforce-board"}
    assert snap.people["ann-lee"].org == "acme-tools"
    assert snap.is_business("ann-lee")
    assert not snap.is_business("bo-diaz")


def test_every_problem_of_the_folder_is_reported_at_once_sorted(partnership_tree) -> None:
    root = partnership_tree(
        {
            "people/zed.yaml": "name: Zed\norg: nowhere\n",
            "organizations/bad-kind.yaml": "name: Bad\nkind: bakery\n",
            "meetings/2027-01-05-launch.yaml": "kind: launch\ntitle: Launch\ndate: 2027-13-45\n",
            "organizations/broken.yaml": "name: [unclosed\n",
        }
    )
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    problems = caught.value.problems
    assert [p.file for p in problems] == [
        "meetings/2027-01-05-launch.yaml",
        "organizations/bad-kind.yaml",
        "organizations/broken.yaml",
        "people/zed.yaml",
    ]
    by_file = {p.file: p for p in problems}
    assert by_file["meetings/2027-01-05-launch.yaml"].line == 3
    assert by_file["meetings/2027-01-05-launch.yaml"].field == "date"
    assert by_file["organizations/bad-kind.yaml"].line == 2
    assert "business" in (by_file["organizations/bad-kind.yaml"].hint or "")
    assert by_file["people/zed.yaml"].line == 2
    assert by_file["people/zed.yaml"].field == "org"
    assert all(p.hint for p in problems)


def test_unknown_keys_are_errors_not_ignored(partnership_tree) -> None:
    root = partnership_tree({"organizations/acme-tools.yaml": "name: Acme\nkind: business\ncountry: US\n"})
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (3, "country")
    assert "county" in (problem.hint or "")


def test_new_files_are_written_in_schema_order(tmp_path: Path, partnership_tree) -> None:
    root = partnership_tree()
    person = Person(name="Cy Ng", org="acme-tools", roles=["champion"], email="cy@acme.example", title="COO")
    person.id = "cy-ng"
    save(root, person, create=True)
    text = (root / "people/cy-ng.yaml").read_text()
    assert text == "name: Cy Ng\norg: acme-tools\ntitle: COO\nemail: cy@acme.example\nroles:\n  - champion\n"


def test_a_hand_written_default_value_is_not_trimmed(partnership_tree) -> None:
    root = partnership_tree(
        {"organizations/acme-tools.yaml": "name: Acme Tools\nkind: business\nnotes: ~   # none yet\n"}
    )
    org = load(root).organizations["acme-tools"]
    org.county = "Ouachita"
    save(root, org)
    # ruamel writes every null as an empty value, so `~` becomes blank; the key
    # and its comment stay.
    assert (root / "organizations/acme-tools.yaml").read_text() == (
        "name: Acme Tools\nkind: business\ncounty: Ouachita\nnotes:     # none yet\n"
    )


def test_create_refuses_to_overwrite(partnership_tree) -> None:
    root = partnership_tree()
    org = Organization(name="Acme Tools", kind=OrgKind.business)
    org.id = "acme-tools"
    with pytest.raises(Exception, match="already exists"):
        save(root, org, create=True)


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("a: 1\n")
    target.chmod(0o644)
    write_atomic(target, "a: 2\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "a: 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("a: 1\n")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "a: 2\n")
    assert target.read_text() == "a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


@pytest.mark.parametrize("style", [">", "|", ">-", "|-"])
def test_a_block_of_notes_keeps_its_style_when_another_field_changes(partnership_tree, style: str) -> None:
    notes = f"notes: {style}\n  First line\n  second line.\n"
    root = partnership_tree({"organizations/acme-tools.yaml": "name: Acme Tools\nkind: business\n" + notes})
    org = load(root).organizations["acme-tools"]
    org.county = "Ouachita"
    save(root, org)
    assert (root / "organizations/acme-tools.yaml").read_text() == (
        "name: Acme Tools\nkind: business\ncounty: Ouachita\n" + notes
    )


def test_a_file_saved_as_yml_is_reported_not_skipped(partnership_tree) -> None:
    root = partnership_tree({"organizations/acme-tools.yaml": "name: Acme Tools\nkind: business\n"})
    (root / "organizations/new-co.yml").write_text("name: New Co\nkind: business\n")
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    [problem] = caught.value.problems
    assert problem.file == "organizations/new-co.yml"
    assert "rename it to new-co.yaml" in (problem.hint or "")
