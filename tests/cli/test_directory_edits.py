"""Edits may not create the duplicates that `ngsp check` would then reject."""

from __future__ import annotations


def test_renaming_an_org_to_another_orgs_name_is_refused(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "org", "edit", "acme-tools", "--name", "Valley Workforce Board, Inc.")
    assert result.exit_code == 2
    assert "'Valley Workforce Board' is already at the table" in result.stderr
    assert "name: Acme Tools" in (root / "organizations/acme-tools.yaml").read_text()


def test_an_org_may_keep_its_own_name_in_other_words(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "org", "edit", "acme-tools", "--name", "ACME Tools")
    assert result.exit_code == 0, result.output
    assert "name: ACME Tools" in (root / "organizations/acme-tools.yaml").read_text()


def test_giving_a_person_someone_elses_email_is_refused(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"people/bo-diaz.yaml": {"name": "Bo Diaz", "org": "valley-workforce-board", "email": "bo@vwb.org"}}
    )
    result = ngsp("-C", root, "person", "edit", "ann-lee", "--email", "BO@vwb.org")
    assert result.exit_code == 2
    assert "Bo Diaz already uses the e-mail" in result.stderr
    assert ngsp("-C", root, "person", "edit", "bo-diaz", "--email", "bo@vwb.org").exit_code == 0


def test_an_edit_with_nothing_to_change_says_so(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "org", "edit", "acme-tools")
    assert result.exit_code == 2
    assert "nothing to change" in result.stderr
    assert "updated" not in result.stderr
