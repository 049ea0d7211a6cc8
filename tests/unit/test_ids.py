from __future__ import annotations

import pytest

from ngsp_cli.errors import InputError
from ngsp_cli.ids import check_id, is_valid_id, new_id, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Café Olé Bakery", "cafe-ole-bakery"),
        ("Østergaard Health", "ostergaard-health"),
        ("St. Francis Medical Center, Inc.", "st-francis-medical-center-inc"),
        ("Hébert & Sons", "hebert-sons"),
        ("   ", "item"),
        ("CON", "con-1"),
    ],
)
def test_slug_is_readable_ascii(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_a_very_long_name_is_cut_at_a_word() -> None:
    value = slug("Northeast Louisiana Regional Healthcare Workforce Development Collaborative Board")
    assert len(value) <= 60
    assert not value.endswith("-")


def test_new_id_adds_a_suffix_on_collision() -> None:
    taken = {"acme", "acme-2"}
    assert new_id("Acme", taken) == "acme-3"
    assert new_id("Other", taken) == "other"


@pytest.mark.parametrize("bad", ["../etc", "a/b", "A", "", "con", "x..y", "-x", "a_b", "é"])
def test_ids_that_are_not_plain_slugs_are_refused(bad: str) -> None:
    assert not is_valid_id(bad)
    with pytest.raises(InputError):
        check_id(bad)
