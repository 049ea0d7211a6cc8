"""Names people type are text, never markup; bad values from options are input errors."""

from __future__ import annotations

import pytest


def test_brackets_and_emoji_codes_in_names_print_as_typed(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    added = ngsp("-C", root, "org", "add", "Foo [/bold] Bar :x: Co", "--kind", "business")
    assert added.exit_code == 0, added.output
    assert "Foo [/bold] Bar :x: Co" in added.stderr
    shown = ngsp("-C", root, "org", "show", "foo-bold-bar-x-co")
    assert shown.exit_code == 0, shown.output
    assert "Foo [/bold] Bar :x: Co" in shown.stdout


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("person", "add", "Bob Ray", "--org", "acme-tools", "--email", "bob@"), "--email"),
        (("person", "edit", "ann-lee", "--email", "bad"), "--email"),
        (("org", "add", "", "--kind", "business"), "the name you typed after 'ngsp org add'"),
        (("org", "edit", "acme-tools", "--name", ""), "--name"),
        (("meeting", "new", "other", "--date", "2027-01-05", "--time", "25:00"), "--time"),
    ],
    ids=["add-bad-email", "edit-bad-email", "empty-org-name", "edit-empty-name", "bad-time"],
)
def test_a_bad_value_is_an_input_error_naming_the_option(ngsp, partnership_tree, args, named) -> None:
    root = partnership_tree()
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    result = ngsp("-C", root, *args)
    assert result.exit_code == 2, result.output
    assert named in " ".join(result.stderr.split())
    assert "--name" not in result.stderr or named == "--name"
    assert "internal error" not in result.stderr
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_a_wrong_date_says_how_to_write_one(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "status", "--as-of", "2026-02-30")
    assert result.exit_code == 2
    assert "'2026-02-30' is not a date; write it as YYYY-MM-DD" in result.output


def test_listings_print_bracketed_names_as_typed(ngsp, example_folder) -> None:
    name = "Foo [/bold] Bar"
    assert ngsp("-C", example_folder, "org", "add", name, "--kind", "business").exit_code == 0
    title = "Plan [/bold] [red]now"
    made = ngsp("-C", example_folder, "meeting", "new", "other", "--date", "2027-01-05", "--title", title)
    assert made.exit_code == 0, made.output
    for args in (("org", "list"), ("meeting", "list"), ("status", "--as-of", "2027-01-01"), ("check",)):
        result = ngsp("-C", example_folder, *args)
        assert result.exit_code in (0, 1), result.output
        text = " ".join(result.stdout.split())
        assert name in text or title in text, args
