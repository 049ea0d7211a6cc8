"""Kept definitions (playbook, indicators, survey questions) never change what is read.

The bytes of every file a definition comes from are the key, not the files' times.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ngsp_cli.playbook import PlaybookInvalid, load_playbook
from ngsp_cli.playbook.indicators import load_indicator_set
from ngsp_cli.resources import bundled
from ngsp_cli.services.assessment import survey
from ngsp_cli.store import definitions, parsecache, yamlio
from ngsp_cli.store.folder import read_partnership


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the YAML parser was given (each a definition read again)."""
    seen: list[str] = []
    real = yamlio.parse

    def counting(text: str) -> Any:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(yamlio, "parse", counting)
    return seen


@pytest.fixture(autouse=True)
def fresh_survey() -> Iterator[None]:
    survey.load_survey.cache_clear()  # the process's own memory of the bundled questions
    yield
    survey.load_survey.cache_clear()


def kept_file() -> Path:
    folder = parsecache.cache_folder()
    assert folder is not None
    return folder / definitions.FILE_NAME


def _launch() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((bundled("playbooks") / "phases" / "4-launch.yaml").read_text())
    return data


def test_an_unchanged_playbook_is_not_read_again(parses: list[str]) -> None:
    first = load_playbook()
    assert len(parses) == 6
    assert kept_file().is_file()
    parses.clear()
    second = load_playbook()
    assert parses == []
    assert second == first
    assert second is not first


def test_an_edit_of_a_phase_in_the_same_tick_is_seen(
    partnership_tree: Callable[..., Path], parses: list[str]
) -> None:
    launch = _launch()
    launch["title"] = "Our industry summit"
    root = partnership_tree({"playbook/phases/4-launch.yaml": launch})
    path = root / "playbook/phases/4-launch.yaml"
    assert load_playbook(root, read_partnership(root)).by_id("launch").title == "Our industry summit"
    before = path.stat()
    path.write_text(path.read_text().replace("Our industry summit", "Our industry meeting"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    parses.clear()
    assert load_playbook(root, read_partnership(root)).by_id("launch").title == "Our industry meeting"
    assert parses
    # The folder's own phase is what the bundled playbook of another folder does not have.
    assert load_playbook().by_id("launch").title != "Our industry meeting"


def test_a_playbook_with_problems_is_reported_every_time(partnership_tree: Callable[..., Path]) -> None:
    launch = _launch()
    launch["checklist"][0]["computed"] = "champions-at-leest"
    root = partnership_tree({"playbook/phases/4-launch.yaml": launch})
    for _ in range(2):
        with pytest.raises(PlaybookInvalid) as caught:
            load_playbook(root, read_partnership(root))
        assert caught.value.problems[0].file == "playbook/phases/4-launch.yaml"


def test_indicators_with_problems_are_reported_every_time(
    partnership_tree: Callable[..., Path], parses: list[str]
) -> None:
    wrong = {"indicators": [{"id": "business-champions", "rule": "nope"}]}
    root = partnership_tree({"indicators.yaml": wrong})
    for _ in range(2):
        _, problems = load_indicator_set(root, read_partnership(root))
        assert [p.file for p in problems] == ["indicators.yaml"]
    parses.clear()
    good, problems = load_indicator_set()
    assert problems == []
    assert len(parses) == 1
    parses.clear()
    again, _ = load_indicator_set()
    assert parses == []
    assert again.ids() == good.ids()
    assert [i.params for i in again.indicators] == [i.params for i in good.indicators]


def test_survey_questions_are_kept(parses: list[str]) -> None:
    first = survey.load_survey()
    survey.load_survey.cache_clear()
    parses.clear()
    assert survey.load_survey() == first
    assert parses == []


def test_a_damaged_cache_is_ignored_and_written_again(parses: list[str]) -> None:
    load_playbook()
    kept_file().write_bytes(b"\x00garbage" * 10)
    definitions._opened.clear()  # as a new process would
    parses.clear()
    assert len(load_playbook().phases) == 6
    assert len(parses) == 6
    header, entries = marshal.loads(kept_file().read_bytes())
    kept_file().write_bytes(marshal.dumps((header, dict.fromkeys(entries, b"\x80damaged"))))
    definitions._opened.clear()
    parses.clear()
    assert len(load_playbook().phases) == 6
    assert len(parses) == 6


def test_definitions_of_other_code_are_not_used(parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    load_playbook()
    real = definitions._code_stamp
    monkeypatch.setattr(definitions, "_code_stamp", lambda: (*real(), ("rules/new.py", 1, 1)))
    definitions._opened.clear()
    parses.clear()
    load_playbook()
    assert len(parses) == 6


def test_switched_off_and_without_a_writable_cache_folder(
    parses: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NGSP_NO_CACHE", "1")
    load_playbook()
    load_playbook()
    assert len(parses) == 12
    assert not kept_file().exists()
    monkeypatch.delenv("NGSP_NO_CACHE")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert len(load_playbook().phases) == 6
    assert len(load_playbook().phases) == 6
