"""Help screens read as prose: no sentence broken by the source's line breaks, one wording per option."""

from __future__ import annotations

import itertools
import re
import sys

import pytest
from tests.cli.test_startup import _command_paths


def _help(monkeypatch, capsys, path: tuple[str, ...], width: int) -> str:
    from ngsp_cli.cli.app import main

    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys, "argv", ["ngsp", *path, "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0, path
    return str(capsys.readouterr().out)


def _early_breaks(lines: list[str], width: int) -> list[str]:
    """Lines of a paragraph that end although the next word would have fitted."""
    early = []
    for line, after in itertools.pairwise(lines):
        if not line.strip() or not after.strip():
            continue
        next_word = after.split()[0]
        if len(line.rstrip()) + 1 + len(next_word) < width - 2:
            early.append(line.strip())
    return early


def _description(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Usage: ngsp" in line) + 1
    end = next((i for i, line in enumerate(lines) if line.startswith("╭")), len(lines))
    return lines[start:end]


def _listing_rows(text: str) -> dict[str, list[str]]:
    """The rows of the Commands panel, by command: the help column of each row."""
    rows: dict[str, list[str]] = {}
    panel = text.split("Commands", 1)[1] if "Commands" in text else ""
    current = None
    for line in panel.splitlines():
        match = re.match(r"│ (\S+)?(\s+)(.*?)\s*│$", line)
        if not match:
            continue
        if match.group(1):
            current = match.group(1)
            rows[current] = []
        if current is not None:
            rows[current].append(match.group(3))
    return rows


@pytest.mark.parametrize("width", [80, 120])
def test_no_help_breaks_a_sentence_at_the_source_line_breaks(monkeypatch, capsys, width) -> None:
    for path in [(), *_command_paths()]:
        shown = _help(monkeypatch, capsys, path, width)
        assert not _early_breaks(_description(shown), width), (
            path,
            _early_breaks(_description(shown), width),
        )
        for name, rows in _listing_rows(shown).items():
            column = max(len(r) for r in rows) + 4
            assert not _early_breaks(rows, column), (path, name, rows)


def test_report_help_reads_as_one_sentence_in_the_listing(monkeypatch, capsys) -> None:
    rows = _listing_rows(_help(monkeypatch, capsys, (), 120))["report"]
    assert "meetings and attendance, priorities, action teams, outcomes." in " ".join(rows)


def test_in_process_help_is_reflowed_too(ngsp) -> None:
    shown = ngsp("report", "--help").stdout
    assert "opens offline. Written" in " ".join(shown.split())
    assert not _early_breaks(_description(shown), 100)


def test_as_of_has_one_wording(monkeypatch, capsys) -> None:
    wordings = set()
    for path in _command_paths():
        shown = _help(monkeypatch, capsys, path, 200)
        for line in shown.splitlines():
            if "--as-of" in line:
                wordings.add(re.sub(r".*YYYY-MM-DD\s+", "", line).split(" (default: today).")[0])
    assert wordings == {"Work as if today were this date"}
