"""Partnership names, field paths and verbs in messages and documents read as English."""

from __future__ import annotations

import pytest

from ngsp_cli.text import and_list, field_label, partnership_in_text, verb


@pytest.mark.parametrize(
    ("name", "in_text"),
    [
        ("River Valley Manufacturing", "the River Valley Manufacturing partnership"),
        ("Northeast Louisiana Healthcare Partnership", "the Northeast Louisiana Healthcare Partnership"),
        ("Health Care Partners", "the Health Care Partners"),
        ("The Tooling Alliance", "the Tooling Alliance"),
        ("Delta Health Network (DHN)", "the Delta Health Network (DHN)"),
        ("South Central PA Manufacturing Council", "the South Central PA Manufacturing Council"),
        ("  River   Valley  ", "the River Valley partnership"),
    ],
)
def test_partnership_names_read_well_after_the(name: str, in_text: str) -> None:
    assert partnership_in_text(name) == in_text


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("agenda.0.minutes", "agenda item 1, minutes"),
        ("tasks.2.due", "task 3, due"),
        ("counties.3", "county 4"),
        ("indicators.0.params.days", "indicator 1, params.days"),
        ("settings.stale_after_days", "settings.stale_after_days"),
        ("name", "name"),
    ],
)
def test_field_paths_read_as_words(path: str, label: str) -> None:
    assert field_label(path) == label


def test_verbs_agree_with_the_count_and_no_names_make_no_list() -> None:
    assert and_list([]) == ""
    assert [verb(n, "takes", "take") for n in (0, 1, 2)] == ["take", "takes", "take"]
