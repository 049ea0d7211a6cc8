from __future__ import annotations

import pytest

from ngsp_cli.store import yamlio
from ngsp_cli.store.yamlio import YamlSyntaxError


def test_every_scalar_reads_as_the_text_that_was_written() -> None:
    data = yamlio.parse("status: on\ntime: 08:30\nanswer: no\nzip: 07030\nempty:\nnothing: ~\n")
    assert data == {
        "status": "on",
        "time": "08:30",
        "answer": "no",
        "zip": "07030",
        "empty": None,
        "nothing": None,
    }


def test_duplicate_keys_are_an_error_with_both_lines() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        yamlio.parse("name: A\nkind: business\nname: B\n")
    assert caught.value.line == 3
    assert "lines 1 and 3" in str(caught.value)


def test_aliases_are_refused() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        yamlio.parse("a: &x [1, 2]\nb: *x\n")
    assert "alias" in str(caught.value)


def test_the_writer_makes_no_aliases_for_a_value_used_twice() -> None:
    """What ngsp writes it must read back: the same date object in two fields is written twice."""
    import datetime as dt
    import io

    day = dt.date(2026, 11, 18)
    out = io.StringIO()
    yamlio.writer().dump({"done_on": day, "added": day, "notes": None}, out)
    assert out.getvalue() == "done_on: 2026-11-18\nadded: 2026-11-18\nnotes:\n"
    assert yamlio.parse(out.getvalue())["added"] == "2026-11-18"


def test_merge_conflict_markers_are_named() -> None:
    text = "name: A\n<<<<<<< HEAD\nkind: business\n=======\nkind: education\n>>>>>>> other\n"
    with pytest.raises(YamlSyntaxError) as caught:
        yamlio.parse(text)
    assert caught.value.line == 2
    assert caught.value.hint
    assert "<<<<<<<" in caught.value.hint


def test_tabs_get_a_hint() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        yamlio.parse("name: A\nroles:\n\t- champion\n")
    assert caught.value.line is not None
    assert caught.value.hint
    assert "tab" in caught.value.hint


def test_line_of_finds_nested_values() -> None:
    text = "name: A\nagenda:\n  - title: Welcome\n  - title: Vote\n    minutes: x\n"
    assert yamlio.line_of(text, ("agenda", 1, "minutes")) == 5
    assert yamlio.line_of(text, ("name",)) == 1
    assert yamlio.line_of(text, ("missing",)) == 1


def test_merge_keeps_comments_and_spelling_of_unchanged_values() -> None:
    import io

    text = "# top\nname: Acme   # trailing\nnaics: 07030\nsize: on\n"
    rt = yamlio.writer()
    doc = rt.load(text)
    full = {"name": "Acme", "naics": "07030", "size": "on", "county": "Ouachita"}
    yamlio.merge_into(doc, full, full, yamlio.parse(text))
    out = io.StringIO()
    rt.dump(doc, out)
    assert out.getvalue() == "# top\nname: Acme   # trailing\nnaics: 07030\nsize: on\ncounty: Ouachita\n"
