"""A folder's own template cannot make ngsp run out of memory or time.

Each hostile template ends as exit 2 naming the template file and line with a hint,
quickly, instead of running until killed or ending as an internal error.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ngsp_cli.errors import InputError
from ngsp_cli.render import sandbox
from ngsp_cli.render.env import render_template

MEETING = {
    "meetings/2027-03-04-quarterly-meeting.yaml": {
        "kind": "full-partnership",
        "title": "Quarterly meeting",
        "date": "2027-03-04",
        "status": "planned",
    }
}

HOSTILE = {
    "text-multiplied": ("# Agenda\n\n{{ 'a' * 300000000 }}\n", 3, "longer than"),
    "list-multiplied": ("# Agenda\n{{ ([1] * 100000000)|length }}\n", 2, "longer than"),
    "nested-ranges": (
        "# Agenda\n{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n{% endfor %}\n",
        3,
        "loops ran more than",
    ),
    "huge-range": ("# Agenda\n{% for i in range(10**9) %}{% endfor %}\n", 2, "range(...)"),
    "self-include": ("# Agenda\n\n{% include 'agenda.md.j2' %}\n", 3, "includes itself"),
    "macro-recursion": (
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n# Agenda\n{{ f(1) }}\n",
        1,
        "calls itself",
    ),
    "centered-wide": ("# Agenda\n{{ 'a'|center(300000000) }}\n", 2, "longer than"),
    "method-wide": ("# Agenda\n{{ 'a'.rjust(300000000) }}\n", 2, "longer than"),
    "format-width": ("# Agenda\n{{ '%300000000s' % 'a' }}\n", 2, "longer than"),
    "str-format-width": ("# Agenda\n{{ '{:>300000000}'.format('a') }}\n", 2, "longer than"),
    "huge-power": ("# Agenda\n{{ 10 ** 1000000000 }}\n", 2, "too large"),
    "doubling": (
        "# Agenda\n{% set ns = namespace(s='ab') %}\n{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}\n{{ ns.s|length }}\n",
        3,
        "longer than",
    ),
    "joined-copies": ("# Agenda\n{{ (['x' * 1000000] * 100)|join }}\n", 2, "longer than"),
    "printed-copies": ("# Agenda\n\n{{ ['x' * 9000000] * 1000 }}\n", 3, "the text of a list"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_template_ends_as_a_plain_error_naming_template_and_line(
    case: str, ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    source, line, words = HOSTILE[case]
    root = partnership_tree({**MEETING, "templates/agenda.md.j2": source})
    started = time.monotonic()
    result = ngsp("-C", root, "agenda", "2027-03-04-quarterly-meeting", "--out", "-")
    assert time.monotonic() - started < 15
    assert result.exit_code == 2, result.output
    assert f"templates/agenda.md.j2:{line}" in result.stderr
    assert words in result.stderr
    assert "hint:" in result.stderr
    assert "internal error" not in result.output
    assert "Traceback" not in result.output


def test_a_template_that_runs_too_long_is_stopped_at_the_deadline(
    partnership_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loops within the step budget that would still take minutes: the clock stops them.
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    source = (
        "{% for i in range(100000) %}{% for j in range(40) %}{{ ('x' * 1000)|replace('x', 'yy')|length }}"
        "{% endfor %}{% endfor %}"
    )
    root = partnership_tree({"templates/slow.md.j2": "# Slow\n" + source + "\n"})
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        render_template("slow.md.j2", {}, root)
    assert time.monotonic() - started < 10  # near the 0.5 s deadline, with slack for a busy machine
    problem = caught.value.problem
    assert "longer than 0.5 seconds" in problem.message
    assert (problem.file, problem.line) == ("templates/slow.md.j2", 2)
    assert problem.hint


def test_a_document_larger_than_the_limit_is_refused(
    partnership_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every piece is small; only the whole document is too large.
    monkeypatch.setattr(sandbox, "MAX_SIZE", 50_000)
    root = partnership_tree({"templates/long.md.j2": "{% for i in range(20000) %}line {{ i }}\n{% endfor %}"})
    with pytest.raises(InputError) as caught:
        render_template("long.md.j2", {}, root)
    assert "document would be longer than 50,000 characters" in caught.value.problem.message
    assert caught.value.problem.file == "templates/long.md.j2"


def test_an_included_template_is_named_where_it_fails(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree(
        {
            "templates/outer.md.j2": "# Outer\n{% include 'inner.md.j2' %}\n",
            "templates/inner.md.j2": "inner\n\n{{ 'a' * 300000000 }}\n",
        }
    )
    with pytest.raises(InputError) as caught:
        render_template("outer.md.j2", {}, root)
    assert (caught.value.problem.file, caught.value.problem.line) == ("templates/inner.md.j2", 3)


def test_ordinary_templates_still_render_within_the_limits(partnership_tree: Callable[..., Path]) -> None:
    source = (
        "{% for i in range(3) %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}"
        "|{{ 'ab' * 3 }}|{{ [1, 2] + [3] }}|{{ 2 ** 10 }}|{{ '%5s' % 'x' }}|{{ '{:>4}'.format('y') }}"
        "|{{ 'a'|center(5) }}|{{ ['x', 'y']|join('-') }}|{{ 'a' ~ 'b' }}"
        "|{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% else %}none{% endfor %}"
        "|{% for x in [] %}{{ x }}{% else %}empty{% endfor %}"
    )
    root = partnership_tree({"templates/fine.md.j2": source})
    assert render_template("fine.md.j2", {}, root) == (
        "0,1,2|ababab|[1, 2, 3]|1024|    x|   y|  a  |x-y|ab|a=1|empty"
    )
