"""`ngsp org import` and `ngsp person import` as a convener runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ngsp_cli.store import batch

GOOD = "Company,Type,Parish\nCafé Olé Bakery,Business,Ouachita\nRiver Foods,Private,\n"
WITH_BAD = GOOD + "Bayou Hospital,Hospital,\n,Business,Monroe\n"


def test_a_clean_file_imports_with_exit_0_and_again_changes_nothing(
    ngsp, partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "orgs.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    first = ngsp("-C", root, "org", "import", path)
    assert first.exit_code == 0, first.output
    assert "2 organizations created, 0 updated" in first.stderr
    second = ngsp("-C", root, "org", "import", path)
    assert second.exit_code == 0
    assert "0 organizations created, 0 updated; 2 rows with nothing new" in second.stderr


def test_bad_rows_give_exit_2_and_name_their_rows_while_good_rows_import(
    ngsp, partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "orgs.csv"
    path.write_text(WITH_BAD, encoding="utf-8")
    result = ngsp("-C", root, "org", "import", path)
    assert result.exit_code == 2
    assert "2 rows were not imported (rows 4, 5)" in result.stderr
    assert "Hospital" in result.stdout
    assert (root / "organizations/river-foods.yaml").is_file()


def test_json_is_one_document_with_every_row(
    ngsp, partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "orgs.csv"
    path.write_text(WITH_BAD, encoding="utf-8")
    result = ngsp("-C", root, "org", "import", path, "--dry-run", "--json")
    data = json.loads(result.stdout)
    assert [(r["row"], r["action"]) for r in data["rows"]] == [
        (2, "create"),
        (3, "create"),
        (4, "bad"),
        (5, "bad"),
    ]
    assert (data["dry_run"], data["organizations_created"], data["files_written"]) == (True, 2, [])
    assert not (root / "organizations/river-foods.yaml").exists()


def test_map_and_kind_options(ngsp, partnership_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = partnership_tree()
    path = tmp_path / "odd.csv"
    path.write_text("Legal Entity;Where\nRiver Foods;Monroe\n", encoding="utf-8")
    result = ngsp("-C", root, "org", "import", path, "--map", "Legal Entity=name", "--map", "Where=city",
                  "--kind", "Employer")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (root / "organizations/river-foods.yaml").read_text(encoding="utf-8")
    assert "kind: business\ncity: Monroe\n" in text


def test_person_import_with_create_orgs(ngsp, partnership_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = partnership_tree()
    path = tmp_path / "people.csv"
    path.write_text(
        "Name\tEmployer\tEmail Address\nCy Young\tRiver Foods\tcy@river.example\n", encoding="utf-8"
    )
    refused = ngsp("-C", root, "person", "import", path)
    assert refused.exit_code == 2
    assert "--create-orgs" in refused.stdout
    created = ngsp("-C", root, "person", "import", path, "--create-orgs", "--kind", "business")
    assert created.exit_code == 0, created.output
    assert "1 person created, 0 updated; 1 organization created" in created.stderr
    listed = json.loads(ngsp("-C", root, "person", "list", "--json").stdout)
    assert {p["name"]: p["org"] for p in listed}["Cy Young"] == "river-foods"


def test_as_of_dates_the_joining_of_new_entries(
    ngsp, partnership_tree: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet entered late: its new organizations and people join on the --as-of day, never later."""
    monkeypatch.setenv("NGSP_TODAY", "2027-03-01")
    root = partnership_tree()
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("Company,Joined\nRiver Foods,\nDelta Mills,2027-01-05\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text("Name,Organization\nCy Young,river-foods\n", encoding="utf-8")
    future = ngsp("-C", root, "org", "import", orgs, "--kind", "business", "--as-of", "2027-03-02")
    assert future.exit_code == 2
    assert "after today" in future.stderr
    assert not (root / "organizations/river-foods.yaml").exists()
    done = ngsp("-C", root, "org", "import", orgs, "--kind", "business", "--as-of", "2027-02-01")
    assert done.exit_code == 0, done.output
    assert ngsp("-C", root, "person", "import", people, "--as-of", "2027-02-01").exit_code == 0
    listed = {o["id"]: o["joined"] for o in json.loads(ngsp("-C", root, "org", "list", "--json").stdout)}
    assert (listed["river-foods"], listed["delta-mills"]) == ("2027-02-01", "2027-01-05")  # the sheet's own
    person = json.loads(ngsp("-C", root, "person", "show", "cy-young", "--json").stdout)
    assert person["joined"] == "2027-02-01"


def test_ctrl_c_during_an_import_exits_130_and_changes_nothing(
    ngsp,
    partnership_tree: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = partnership_tree()
    before = sorted(p.name for p in (root / "organizations").iterdir())
    path = tmp_path / "orgs.csv"
    path.write_text(GOOD, encoding="utf-8")
    original = batch.stage

    def stage_then_stop(*args: Any) -> Path:
        original(*args)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "stage", stage_then_stop)
    result = ngsp("-C", root, "org", "import", path)
    assert result.exit_code == 130
    assert "no file was changed" in result.stderr
    assert sorted(p.name for p in (root / "organizations").iterdir()) == before


def test_an_unreadable_workbook_is_a_clear_error(
    ngsp, partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    result = ngsp("-C", root, "org", "import", path)
    assert result.exit_code == 2
    assert "save it as Excel workbook (.xlsx) or as CSV UTF-8" in result.stderr
