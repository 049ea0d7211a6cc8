"""Reference errors point at the real problem, not at its echoes."""

from __future__ import annotations

import pytest

from ngsp_cli.errors import FolderInvalid
from ngsp_cli.store.folder import load


def test_a_broken_person_file_is_reported_once_not_as_missing_everywhere(partnership_tree) -> None:
    root = partnership_tree(
        {
            "people/ann-lee.yaml": "name: Ann Lee\norg: acme-tools\ntitel: CEO\n",
            "meetings/2027-01-10-kickoff.yaml": {
                "kind": "other",
                "title": "Kickoff",
                "date": "2027-01-10",
                "invitees": ["ann-lee", "bo-diaz"],
            },
        }
    )
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    problems = caught.value.problems
    assert [(p.file, p.field) for p in problems] == [("people/ann-lee.yaml", "titel")]


def test_a_misspelled_reference_suggests_the_id(partnership_tree) -> None:
    root = partnership_tree({"people/cy-ng.yaml": {"name": "Cy Ng", "org": "acme-tool"}})
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    (problem,) = caught.value.problems
    assert problem.file == "people/cy-ng.yaml"
    assert problem.line == 2
    assert problem.hint is not None
    assert problem.hint.startswith("did you mean 'acme-tools'?")


def test_a_file_with_schema_errors_also_reports_its_dangling_references(partnership_tree) -> None:
    # Every problem at once: a bad date, a bad status and an unknown attendee in one file.
    root = partnership_tree(
        {
            "meetings/2027-01-10-kickoff.yaml": {
                "kind": "other",
                "title": "Kickoff",
                "date": "2027-13-01",
                "status": "done",
                "attendees": ["ann-lee", "nobody-here"],
                "action_items": [{"text": "Call", "owner": "ghost"}],
            },
        }
    )
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    found = {(p.field, p.line) for p in caught.value.problems}
    assert {field for field, _ in found} == {"date", "status", "attendees.1", "action_items.0.owner"}
    assert all(line is not None for _, line in found)


def test_a_dangling_co_chair_in_partnership_yaml_names_its_line(partnership_tree) -> None:
    root = partnership_tree()
    text = (root / "partnership.yaml").read_text(encoding="utf-8")
    added = "co_chairs:\n  - ann-lee\n  - nobody-here\n"
    (root / "partnership.yaml").write_text(text + added, encoding="utf-8")
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == ("partnership.yaml", "co_chairs.1")
    assert problem.line == text.count("\n") + 3


def test_a_fixed_word_spelled_as_on_the_command_line_gets_the_file_spelling(partnership_tree) -> None:
    # Commands read "Business Leader"; a file keeps one spelling and says which one.
    root = partnership_tree(
        {"people/cy-ng.yaml": {"name": "Cy Ng", "org": "acme-tools", "roles": ["Business Leader"]}}
    )
    with pytest.raises(FolderInvalid) as caught:
        load(root)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("people/cy-ng.yaml", 4)
    assert (problem.hint or "").startswith("did you mean 'business-leader'?")
