from __future__ import annotations

from typing import Any

import pytest

from ngsp_cli.errors import FolderInvalid
from ngsp_cli.model import migrate, version
from ngsp_cli.store.folder import load


@pytest.fixture
def fake_version_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend this ngsp writes schema 2, where version 1's `size` became `employees`."""

    def rename_size(files: dict[str, Any]) -> None:
        for rel, data in files.items():
            if rel.startswith("organizations/") and isinstance(data, dict) and "employees" in data:
                data["size"] = data.pop("employees")

    # Version 1 -> 2 renames the field back, so today's models read the result.
    monkeypatch.setattr(version, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrate.MIGRATIONS, 1, rename_size)


def test_an_older_folder_is_migrated_on_read(partnership_tree, fake_version_two) -> None:
    root = partnership_tree(
        {"organizations/acme-tools.yaml": "name: Acme Tools\nkind: business\nemployees: 50-99\n"}
    )
    snap = load(root)
    assert snap.organizations["acme-tools"].size == "50-99"
    assert snap.partnership.schema_version == 2


def test_a_newer_folder_is_refused_with_a_hint(partnership_tree) -> None:
    root = partnership_tree(
        {
            "partnership.yaml": (
                f"schema_version: {version.CURRENT_SCHEMA_VERSION + 1}\nname: X\nindustry: Y\nregion: Z\n"
            )
        }
    )
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    problem = caught.value.problems[0]
    assert problem.file == "partnership.yaml"
    assert "upgrade ngsp" in (problem.hint or "")


def test_a_missing_migration_is_reported(partnership_tree, monkeypatch) -> None:
    monkeypatch.setattr(version, "CURRENT_SCHEMA_VERSION", 3)
    with pytest.raises(FolderInvalid):
        load(partnership_tree())


def test_migrate_writes_the_current_schema_and_keeps_comments(
    partnership_tree, fake_version_two, ngsp
) -> None:
    root = partnership_tree(
        {
            "organizations/acme-tools.yaml": (
                "# our first member\nname: Acme Tools\nkind: business\nemployees: 50-99  # estimate\n"
            )
        }
    )
    result = ngsp("-C", root, "migrate")
    assert result.exit_code == 0, result.output
    assert "schema 1 -> 2" in result.stderr
    assert (root / "partnership.yaml").read_text().startswith("schema_version: 2\n")
    text = (root / "organizations/acme-tools.yaml").read_text()
    assert text.startswith("# our first member\nname: Acme Tools\nkind: business\n")
    assert "size: 50-99" in text
    assert "employees" not in text
    again = ngsp("-C", root, "migrate")
    assert "already uses the current format" in again.stderr
