"""Errors speak of what the person typed or wrote, in plain words with a hint."""

from __future__ import annotations

import pytest


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("meeting", "new", "other", "--date", "2027-01-05", "--duration", "-5"),
            "must be at least 1, e.g. 90",
        ),
        (
            ("meeting", "new", "other", "--date", "2027-01-05", "--duration", "abc"),
            "write digits only, e.g. 90",
        ),
        (("check", "--min", "70"), "it must be at most 1, e.g. 0.7"),
        (("check", "--min", "lots"), "'lots' is not a number"),
        (("prioritize", "--top", "0"), "must be at least 1"),
    ],
    ids=["negative-duration", "word-duration", "min-too-large", "min-not-a-number", "top-zero"],
)
def test_numbers_on_the_command_line(ngsp, partnership_tree, args, expected) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, *args)
    assert result.exit_code == 2, result.output
    text = _flat(result.output)
    assert expected in text
    assert "Input should be" not in text
    assert "unable to parse" not in text


def test_a_number_out_of_range_in_a_file_says_what_to_write(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    path = root / "partnership.yaml"
    path.write_text(path.read_text() + "settings:\n  stale_after_days: -1\n")
    result = ngsp("-C", root, "status")
    assert result.exit_code == 2
    text = _flat(result.output)
    assert "-1 is too small: it must be at least 1" in text
    assert "hint: write 1 or more, e.g. 60" in text
    assert "Input should be" not in text


def test_a_list_entry_is_named_by_its_position(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "meetings/2027-01-05-kickoff.yaml": {
                "kind": "launch",
                "title": "Kickoff",
                "date": "2027-01-05",
                "agenda": [{"title": "Welcome", "minutes": 10}, {"title": "Votes", "minutes": "lots"}],
            }
        }
    )
    result = ngsp("-C", root, "check")
    assert result.exit_code == 2
    text = _flat(result.output)
    assert "(agenda item 2, minutes): 'lots' is not a whole number" in text
    assert "agenda.1.minutes" not in text


def test_a_wrong_shape_names_the_command_that_shows_a_good_file(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"people/cy-ng.yaml": {"name": "Cy Ng", "org": "acme-tools", "roles": "champion"}}
    )
    result = ngsp("-C", root, "check")
    text = _flat(result.output)
    assert "<kind>" not in text
    assert "'ngsp person show PERSON'" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("meeting", "new", "launch"), "the date of the meeting is missing"),
        (("org", "add", "Foo Co"), "the kind of organization is missing"),
    ],
)
def test_a_missing_value_reads_as_a_sentence(ngsp, partnership_tree, args, expected) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, *args)
    assert result.exit_code == 2
    text = _flat(result.stderr)
    assert text.startswith(f"error: {expected}")
    assert "?)" not in text


def test_an_indicator_setting_out_of_range_is_plain_words(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"indicators.yaml": "indicators:\n  - id: action-plan-current\n    params:\n      days: -4\n"}
    )
    result = ngsp("-C", root, "check")
    assert result.exit_code == 2
    text = _flat(result.output)
    assert "(indicator 1, params.days): -4 is too small: it must be at least 1" in text
    assert "Input should be" not in text
