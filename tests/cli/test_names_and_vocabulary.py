"""Names and fixed words as conveners type them on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

LAUNCH = "2026-09-17-launch-meeting"


def flat(text: str) -> str:
    return " ".join(text.split())


def _person(root: Path, person_id: str) -> dict:
    return yaml.safe_load((root / f"people/{person_id}.yaml").read_text(encoding="utf-8"))


def _two_hal_ives(ngsp, root: Path):
    ngsp("-C", root, "org", "add", "Carter Plastics", "--kind", "business")
    first = ngsp("-C", root, "person", "add", "Hal Ives", "--org", "acme-tools")
    second = ngsp("-C", root, "person", "add", "Hal Ives", "--org", "Carter Plastics")
    return first, second


def test_a_second_person_of_the_same_name_is_added_with_a_word_about_the_first(
    ngsp, partnership_tree
) -> None:
    root = partnership_tree()
    first, second = _two_hal_ives(ngsp, root)
    assert first.exit_code == 0
    assert "already" not in first.stderr
    assert second.exit_code == 0, second.output
    said = flat(second.stderr)
    assert "there is already a person called Hal Ives (hal-ives, Acme Tools" in said
    assert "this one is hal-ives-2 (Carter Plastics)" in said
    assert _person(root, "hal-ives-2")["org"] == "carter-plastics"


@pytest.mark.parametrize(
    "command",
    [
        ("person", "show", "Hal Ives"),
        ("person", "edit", "hal ives", "--title", "Owner"),
        ("meeting", "invite", "2027-04-01-spring-meeting", "Hal Ives"),
        ("meeting", "attend", "2027-04-01-spring-meeting", "Hal Ives"),
        ("meeting", "action", "2027-04-01-spring-meeting", "Call back", "--owner", "Hal Ives"),
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_name_two_people_share_is_refused_everywhere(ngsp, partnership_tree, command) -> None:
    meeting = {"kind": "full-partnership", "title": "Spring meeting", "date": "2027-04-01"}
    root = partnership_tree({"meetings/2027-04-01-spring-meeting.yaml": meeting})
    _two_hal_ives(ngsp, root)
    before = {p.name: p.read_bytes() for p in root.rglob("*.yaml")}
    result = ngsp("-C", root, *command)
    assert result.exit_code == 2, result.output
    said = flat(result.stderr)
    assert "more than one person is called" in said
    assert "hal-ives (Acme Tools" in said
    assert "hal-ives-2 (Carter Plastics" in said
    assert {p.name: p.read_bytes() for p in root.rglob("*.yaml")} == before
    by_id = ngsp("-C", root, "person", "show", "hal-ives-2", "--json")
    assert by_id.exit_code == 0
    assert json.loads(by_id.stdout)["org"] == "carter-plastics"


def test_a_shared_name_is_refused_for_task_owners_on_the_example(ngsp, example_folder: Path) -> None:
    namesake = ngsp(
        "-C", example_folder, "person", "add", "Denise Broussard", "--org", "Union General Hospital"
    )
    assert namesake.exit_code == 0
    assert "there is already a person called Denise Broussard" in flat(namesake.stderr)
    task = ngsp("-C", example_folder, "team", "task", "add", "clinical-placements", "Call",
                "--owner", "Denise Broussard")  # fmt: skip
    assert task.exit_code == 2
    assert "denise-broussard-2 (Union General Hospital" in flat(task.stderr)


@pytest.mark.parametrize(
    ("command", "field", "stored"),
    [
        (("org", "add", "Delta EDC", "--kind", "Economic Development"), None, None),
        (("org", "add", "Delta Co", "--kind", "BUSINESS"), None, None),
        (("person", "add", "Al Roy", "--org", "acme-tools", "--role", "business leader",
          "--role", "Co_Chair"), "roles", ["business-leader", "co-chair"]),
    ],
    ids=["org kind with a space", "org kind in capitals", "roles with space and underscore"],
)  # fmt: skip
def test_fixed_words_are_read_in_any_case_with_spaces(ngsp, partnership_tree, command, field, stored) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, *command, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if field:
        assert data[field] == stored
    else:
        assert data["kind"] == command[-1].lower().replace(" ", "-")


def test_list_filters_and_edits_read_words_the_same_way(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    orgs = ngsp("-C", root, "org", "list", "--kind", "Business", "--json")
    assert [o["id"] for o in json.loads(orgs.stdout)] == ["acme-tools"]
    people = ngsp("-C", root, "person", "list", "--role", "Champion", "--json")
    assert [p["id"] for p in json.loads(people.stdout)] == ["ann-lee"]
    edited = ngsp("-C", root, "org", "edit", "acme-tools", "--kind", "Other")
    assert edited.exit_code == 0, edited.output
    role = ngsp("-C", root, "person", "edit", "bo-diaz", "--add-role", "Public Partner", "--json")
    assert json.loads(role.stdout)["roles"] == ["convener", "public-partner"]


def test_meeting_words_and_team_status_are_read_the_same_way(ngsp, example_folder: Path) -> None:
    candidate = ngsp("-C", example_folder, "meeting", "candidate", LAUNCH, "Parts shortage",
                     "--category", "Supply Chain", "--json")  # fmt: skip
    assert candidate.exit_code == 0, candidate.output
    assert json.loads(candidate.stdout)["category"] == "supply-chain"
    meetings = ngsp("-C", example_folder, "meeting", "list", "--kind", "Action Team", "--json")
    assert meetings.exit_code == 0
    assert meetings.stdout
    assert {m["kind"] for m in json.loads(meetings.stdout)} == {"action-team"}
    new = ngsp("-C", example_folder, "meeting", "new", "Full_Partnership", "--date", "2027-03-01",
               "--json")  # fmt: skip
    assert json.loads(new.stdout)["kind"] == "full-partnership"
    paused = ngsp("-C", example_folder, "team", "status", "clinical-placements", "Paused", "--json")
    assert json.loads(paused.stdout)["status"] == "paused"


def test_init_reads_the_convener_kind_the_same_way(ngsp, tmp_path: Path) -> None:
    result = ngsp("init", tmp_path / "p", "--name", "P", "--industry", "Health", "--region", "R",
                  "--convener", "Delta EDC", "--convener-kind", "economic development",
                  "--no-git")  # fmt: skip
    assert result.exit_code == 0, result.output
    org = yaml.safe_load((tmp_path / "p/organizations/delta-edc.yaml").read_text(encoding="utf-8"))
    assert org["kind"] == "economic-development"
    board = ngsp("init", tmp_path / "q", "--name", "Q", "--industry", "Health", "--region", "R",
                 "--convener-kind", "workforce board", "--no-git")  # fmt: skip
    assert board.exit_code == 2
    assert "did you mean 'workforce'?" in flat(board.stderr)
    assert not (tmp_path / "q").exists()


@pytest.mark.parametrize(
    ("command", "suggested"),
    [
        (("org", "list", "--kind", "busines"), "'business'"),
        (("org", "add", "X", "--kind", "educaton"), "'education'"),
        (("person", "list", "--role", "champions"), "'champion'"),
        (("person", "add", "X", "--org", "acme-tools", "--role", "conveener"), "'convener'"),
        (("person", "edit", "ann-lee", "--add-role", "obsever"), "'observer'"),
    ],
    ids=lambda c: " ".join(c[:2]) if isinstance(c, tuple) else c,
)
def test_an_unknown_word_gets_the_closest_one_and_the_list(
    ngsp, partnership_tree, command, suggested
) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, *command)
    assert result.exit_code == 2
    said = flat(result.stderr)
    assert f"did you mean {suggested}?" in said
    assert " or " in said.split("did you mean", 1)[1]  # the whole list follows


@pytest.mark.parametrize(
    ("command", "suggested"),
    [
        (("team", "show", "clinical"), "'clinical-placements'"),
        (("team", "update", "rural acute", "x"), "'rural-acute-care-network'"),
        (("meeting", "show", "launch"), f"'{LAUNCH}'"),
        (("playbook", "--tick", "elevator-pich"), "'elevator-pitch'"),
        (("person", "show", "Denise Brousard"), "'denise-broussard'"),
        (("org", "show", "Delta Surgical"), "'delta-surgical-hospital'"),
    ],
    ids=lambda c: " ".join(c[:2]) if isinstance(c, tuple) else c,
)
def test_every_unknown_name_gets_a_suggestion(ngsp, example_folder: Path, command, suggested) -> None:
    result = ngsp("-C", example_folder, *command)
    assert result.exit_code == 2
    said = flat(result.stderr)
    assert suggested in said.split("did you mean ", 1)[1].split("?")[0]


def test_org_names_typed_without_inc_match_while_unambiguous(ngsp, partnership_tree) -> None:
    inc = {"name": "Acme Dies, Inc.", "kind": "business"}
    root = partnership_tree({"organizations/acme-dies-inc.yaml": inc})
    added = ngsp("-C", root, "person", "add", "Cy Ng", "--org", "Acme Dies", "--json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["org"] == "acme-dies-inc"
    listed = ngsp("-C", root, "person", "list", "--org", "acme dies", "--json")
    assert [p["id"] for p in json.loads(listed.stdout)] == ["cy-ng"]
    (root / "organizations/acme-dies-llc.yaml").write_text("name: Acme Dies LLC\nkind: business\n")
    again = ngsp("-C", root, "person", "add", "Di Ng", "--org", "Acme Dies")
    assert again.exit_code == 2
    assert "acme-dies-inc" in again.stderr
    assert "acme-dies-llc" in again.stderr
    assert not (root / "people/di-ng.yaml").exists()


def test_a_public_partner_made_champion_is_warned_about(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    added = ngsp("-C", root, "person", "add", "Jo King", "--org", "valley-workforce-board",
                 "--role", "champion")  # fmt: skip
    assert added.exit_code == 0
    said = flat(added.stderr)
    assert "warning:" in said
    assert "'champion'" in said
    assert "public partner" in said
    assert "--support" in said
    assert _person(root, "jo-king")["roles"] == ["champion"]
    edited = ngsp("-C", root, "person", "edit", "bo-diaz", "--add-role", "champion")
    assert edited.exit_code == 0
    assert "public partner" in flat(edited.stderr)
    moved = ngsp("-C", root, "person", "edit", "ann-lee", "--org", "valley-workforce-board")
    assert moved.exit_code == 0
    assert "'champion'" in flat(moved.stderr)


def test_a_business_champion_is_not_warned_about(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    added = ngsp("-C", root, "person", "add", "Cy Ng", "--org", "acme-tools", "--role", "champion")
    assert added.exit_code == 0
    assert "warning" not in added.stderr
    edited = ngsp("-C", root, "person", "edit", "bo-diaz", "--add-role", "staff")
    assert edited.exit_code == 0
    assert "warning" not in edited.stderr


def test_person_list_takes_several_roles(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    both = ngsp("-C", root, "person", "list", "--role", "champion", "--role", "convener", "--json")
    assert both.exit_code == 0, both.output
    assert sorted(p["id"] for p in json.loads(both.stdout)) == ["ann-lee", "bo-diaz"]
    one = ngsp("-C", root, "person", "list", "--role", "convener", "--json")
    assert [p["id"] for p in json.loads(one.stdout)] == ["bo-diaz"]


def test_formats_and_export_parts_are_read_the_same_way(ngsp, example_folder: Path) -> None:
    csv = ngsp("-C", example_folder, "export", "--format", "CSV", "--what", "People", "--out", "-")
    assert csv.exit_code == 0, csv.output
    assert csv.stdout.startswith("Name,")
    typo = ngsp("-C", example_folder, "export", "--what", "contcts")
    assert typo.exit_code == 2
    assert "did you mean 'contacts'?" in flat(typo.stderr)
    docx = ngsp("-C", example_folder, "agenda", "--format", "DOCX", "--out", example_folder / "a.docx")
    assert docx.exit_code == 0, docx.output
    assert (example_folder / "a.docx").stat().st_size > 0
    wrong = ngsp("-C", example_folder, "agenda", "--format", "docs")
    assert wrong.exit_code == 2
    assert "did you mean 'docx'?" in flat(wrong.stderr)


def test_renaming_someone_to_a_name_already_taken_is_said(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    renamed = ngsp("-C", root, "person", "edit", "bo-diaz", "--name", "Ann Lee")
    assert renamed.exit_code == 0, renamed.output
    assert "there is already a person called Ann Lee (ann-lee, Acme Tools" in flat(renamed.stderr)
    assert ngsp("-C", root, "person", "show", "Ann Lee").exit_code == 2


def test_a_file_naming_part_of_an_id_gets_the_same_suggestion(ngsp, partnership_tree) -> None:
    root = partnership_tree({"people/cy-ng.yaml": {"name": "Cy Ng", "org": "acme"}})
    result = ngsp("-C", root, "check", "--only", "schema")
    assert result.exit_code == 2, result.output
    assert "did you mean 'acme-tools'?" in flat(result.output)
