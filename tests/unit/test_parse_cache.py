"""The cache of parsed and validated files never changes what is read: the files' content is the key,
not their times."""

from __future__ import annotations

import marshal
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from ngsp_cli.errors import FolderInvalid, Problem
from ngsp_cli.model import Organization, migrate, version
from ngsp_cli.store import folder, listing, parsecache, yamlio
from ngsp_cli.store.folder import load
from ngsp_cli.store.reading import RawFile


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the YAML parser was given (every one a cache miss)."""
    seen: list[str] = []
    real = yamlio.parse

    def counting(text: str) -> Any:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(yamlio, "parse", counting)
    return seen


def cache_files() -> list[Path]:
    folder = parsecache.cache_folder()
    assert folder is not None
    return sorted(folder.glob("*.marshal")) if folder.is_dir() else []


def test_an_unchanged_folder_is_not_parsed_again(
    partnership_tree: Callable[..., Path], parses: list[str]
) -> None:
    root = partnership_tree()
    first = load(root)
    assert len(parses) == 5
    assert len(cache_files()) == 1
    parses.clear()
    second = load(root)
    assert parses == []
    assert second.organizations == first.organizations
    assert second.people == first.people
    assert second.partnership == first.partnership


def test_an_edit_in_the_same_tick_with_the_old_time_and_size_is_seen(
    partnership_tree: Callable[..., Path], parses: list[str]
) -> None:
    root = partnership_tree()
    path = root / "organizations" / "acme-tools.yaml"
    load(root)
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Acme Tools", "Acme Tooos"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    parses.clear()
    assert load(root).organizations["acme-tools"].name == "Acme Tooos"
    assert len(parses) == 1


def test_new_deleted_and_new_folder_files(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree()
    load(root)
    (root / "organizations" / "acme-tools.yaml").unlink()
    (root / "people" / "ann-lee.yaml").unlink()
    (root / "organizations" / "new-co.yaml").write_text("name: New Co\nkind: business\n")
    (root / "meetings").mkdir(exist_ok=True)
    (root / "meetings" / "2027-01-10-launch.yaml").write_text(
        "kind: launch\ntitle: Launch\ndate: 2027-01-10\n"
    )
    snap = load(root)
    assert sorted(snap.organizations) == ["new-co", "valley-workforce-board"]
    assert "ann-lee" not in snap.people
    assert list(snap.meetings) == ["2027-01-10-launch"]
    again = load(root)
    assert sorted(again.organizations) == ["new-co", "valley-workforce-board"]
    assert list(again.meetings) == ["2027-01-10-launch"]


def test_a_damaged_cache_is_ignored_and_written_again(
    partnership_tree: Callable[..., Path], parses: list[str]
) -> None:
    root = partnership_tree()
    load(root)
    [cache] = cache_files()
    cache.write_bytes(b"\x00garbage" * 10)
    parses.clear()
    assert load(root).organizations["acme-tools"].name == "Acme Tools"
    assert len(parses) == 5
    parses.clear()
    load(root)
    assert parses == []


def test_a_cache_of_another_version_is_not_used(
    partnership_tree: Callable[..., Path], parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = partnership_tree()
    load(root)
    monkeypatch.setattr("ngsp_cli.__version__", "0.0.0-other")
    parses.clear()
    load(root)
    assert len(parses) == 5


def test_a_file_that_does_not_parse_is_reported_every_time(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree({"organizations/broken.yaml": "name: [unclosed\nkind: business\n"})
    for _ in range(2):
        with pytest.raises(FolderInvalid) as caught:
            load(root)
        assert [p.file for p in caught.value.problems] == ["organizations/broken.yaml"]


def test_without_a_writable_cache_folder_and_switched_off(
    partnership_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = partnership_tree()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load(root).organizations["acme-tools"].name == "Acme Tools"
    assert load(root).organizations["acme-tools"].name == "Acme Tools"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-off"))
    monkeypatch.setenv("NGSP_NO_CACHE", "1")
    load(root)
    assert not (tmp_path / "cache-off").exists()


def test_a_read_only_folder_reads_with_the_cache(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree()
    for path in [root, *root.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert load(root).organizations["acme-tools"].name == "Acme Tools"
        assert load(root).organizations["acme-tools"].name == "Acme Tools"
        assert len(cache_files()) == 1
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


# --- validated models ---------------------------------------------------------------------------


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files validated into models (every one a miss of the kept models)."""
    seen: list[str] = []
    real = folder.validate_raw

    def counting(raw: RawFile, model: type[BaseModel], problems: list[Problem]) -> Any:
        seen.append(raw.rel)
        return real(raw, model, problems)

    monkeypatch.setattr(folder, "validate_raw", counting)
    return seen


def test_an_unchanged_folder_is_not_validated_again(
    partnership_tree: Callable[..., Path], validations: list[str]
) -> None:
    root = partnership_tree()
    first = load(root)
    assert len(validations) == 5
    validations.clear()
    second = load(root)
    assert validations == []
    assert second.organizations == first.organizations
    assert second.people == first.people
    assert second.partnership == first.partnership
    assert second.people["ann-lee"].id == "ann-lee"
    assert second.people["ann-lee"] is not first.people["ann-lee"]
    assert second.people["ann-lee"].model_fields_set == first.people["ann-lee"].model_fields_set


def test_an_edit_in_the_same_tick_is_validated_again(
    partnership_tree: Callable[..., Path], validations: list[str]
) -> None:
    root = partnership_tree()
    path = root / "people" / "ann-lee.yaml"
    load(root)
    before = path.stat()
    path.write_text(path.read_text().replace("title: CEO", "title: COO"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    validations.clear()
    assert load(root).people["ann-lee"].title == "COO"
    assert validations == ["people/ann-lee.yaml"]
    path.write_text(path.read_text().replace("title: COO", 'title: "CE\\x1bO"'))  # an escape
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    assert [p.file for p in caught.value.problems] == ["people/ann-lee.yaml"]


def test_a_file_with_problems_is_validated_every_time(
    partnership_tree: Callable[..., Path], validations: list[str]
) -> None:
    root = partnership_tree({"organizations/odd.yaml": {"name": "Odd", "kind": "business", "colour": "red"}})
    for _ in range(2):
        validations.clear()
        snap = load(root, strict=False)
        assert "odd" not in snap.organizations
        assert [p.file for p in snap.problems] == ["organizations/odd.yaml"]
        assert "organizations/odd.yaml" in validations


def test_damaged_kept_models_are_validated_again(
    partnership_tree: Callable[..., Path], validations: list[str]
) -> None:
    root = partnership_tree()
    load(root)
    [cache] = cache_files()
    header, entries, _ = marshal.loads(cache.read_bytes())  # without the kept snapshot
    digest, data, _ = entries["people/ann-lee.yaml"]
    entries["people/ann-lee.yaml"] = (digest, data, b"\x80garbage")
    digest, data, _ = entries["people/bo-diaz.yaml"]  # a model of another kind
    entries["people/bo-diaz.yaml"] = (digest, data, pickle.dumps(load(root).organizations["acme-tools"]))
    cache.write_bytes(marshal.dumps((header, entries, {})))
    validations.clear()
    snap = load(root)
    assert sorted(validations) == ["people/ann-lee.yaml", "people/bo-diaz.yaml"]
    assert snap.people["ann-lee"].name == "Ann Lee"
    assert snap.people["bo-diaz"].name == "Bo Diaz"


def test_models_of_other_model_code_or_pydantic_are_not_used(
    partnership_tree: Callable[..., Path], validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = partnership_tree()
    load(root)
    real = parsecache._code_stamp
    monkeypatch.setattr(parsecache, "_code_stamp", lambda: (*real(), ("model/new.py", 1, 1)))
    validations.clear()
    load(root)
    assert len(validations) == 5
    monkeypatch.setattr("pydantic.VERSION", "0.0.0-other")
    validations.clear()
    load(root)
    assert len(validations) == 5


def test_a_migrated_folder_is_validated_every_time(
    partnership_tree: Callable[..., Path], validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename(files: Any) -> None:
        for rel, data in files.items():
            if rel.startswith("organizations/") and isinstance(data, dict):
                data["name"] = data["name"] + " (migrated)"

    monkeypatch.setattr(version, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrate.MIGRATIONS, 1, rename)
    root = partnership_tree()
    for _ in range(2):
        validations.clear()
        assert load(root).organizations["acme-tools"].name == "Acme Tools (migrated)"
        assert len(validations) == 5


# --- the whole snapshot -------------------------------------------------------------------------


@pytest.fixture
def reference_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    from ngsp_cli.store import references

    real = references.check_references

    def counting(snap: Any, raws: Any, loaded: Any) -> Any:
        seen.append(snap.root.name)
        return real(snap, raws, loaded)

    monkeypatch.setattr(references, "check_references", counting)
    return seen


def test_an_unchanged_folder_is_not_checked_again(
    partnership_tree: Callable[..., Path], validations: list[str], reference_checks: list[str]
) -> None:
    root = partnership_tree()
    first = load(root)
    assert reference_checks == ["tree"]
    validations.clear()
    reference_checks.clear()
    second = load(root)
    assert (validations, reference_checks) == ([], [])
    assert second.root == root
    assert second.problems == []
    assert (second.partnership, second.organizations, second.people) == (
        first.partnership,
        first.organizations,
        first.people,
    )
    # Another choice of kinds is a snapshot of its own.
    only = load(root, kinds=(Organization,))
    assert (list(only.organizations), only.people) == (list(first.organizations), {})


def test_one_changed_file_is_validated_and_the_folder_checked_again(
    partnership_tree: Callable[..., Path], validations: list[str], reference_checks: list[str]
) -> None:
    root = partnership_tree()
    load(root)
    path = root / "people" / "ann-lee.yaml"
    path.write_text(path.read_text().replace("org: acme-tools", "org: nowhere-inc"))
    validations.clear()
    reference_checks.clear()
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    assert validations == ["people/ann-lee.yaml"]
    assert reference_checks == ["tree"]
    assert "nowhere-inc" in caught.value.problems[0].message
    for _ in range(2):  # a folder with a problem is checked every time
        reference_checks.clear()
        assert [p.file for p in load(root, strict=False).problems] == ["people/ann-lee.yaml"]
        assert reference_checks == ["tree"]
    (root / "people" / "new-person.yaml").write_text("name: New Person\norg: acme-tools\n")
    path.write_text(path.read_text().replace("org: nowhere-inc", "org: acme-tools"))
    assert sorted(load(root).people) == ["ann-lee", "bo-diaz", "new-person"]


def test_a_damaged_snapshot_is_read_file_by_file(
    partnership_tree: Callable[..., Path], validations: list[str], reference_checks: list[str]
) -> None:
    root = partnership_tree()
    load(root)
    [cache] = cache_files()
    header, entries, snapshots = marshal.loads(cache.read_bytes())
    assert len(snapshots) == 1
    damaged = {what: (files, b"\x80damaged") for what, (files, _) in snapshots.items()}
    cache.write_bytes(marshal.dumps((header, entries, damaged)))
    reference_checks.clear()
    assert load(root).organizations["acme-tools"].name == "Acme Tools"
    assert reference_checks == ["tree"]
    assert validations[5:] == []  # the models kept file by file were used


def test_a_kept_snapshot_is_found_before_any_file_is_parsed(
    partnership_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = partnership_tree()
    load(root)
    parsed: list[str] = []
    real = listing.read_raw

    def counting(root: Path, rel: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(rel)
        return real(root, rel, *args, **kwargs)

    monkeypatch.setattr(listing, "read_raw", counting)
    assert load(root).people["ann-lee"].name == "Ann Lee"
    assert parsed == []
    # A file that is a link (inside the folder) is read file by file, where links are checked.
    (root / "people" / "bo-link.yaml").symlink_to(root / "people" / "bo-diaz.yaml")
    assert load(root).people["bo-link"].name == "Bo Diaz"
    assert "people/bo-link.yaml" in parsed
