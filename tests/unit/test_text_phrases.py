"""Partnership names, field paths and verbs in messages and documents read as English."""

from __future__ import annotations

import pytest

from ngsp_cli.text import field_label, join_and, partnership_in_text, verb


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


def test_join_and_and_verb_agree_with_the_count() -> None:
    assert [join_and(x) for x in (["A"], ["A", "B"], ["A", "B", "C"])] == ["A", "A and B", "A, B and C"]
    assert [verb(n, "takes", "take") for n in (0, 1, 2)] == ["take", "takes", "take"]
