"""Compiled templates kept between runs (Jinja's bytecode cache) never change what is rendered."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ngsp_cli.errors import InputError
from ngsp_cli.render import env
from ngsp_cli.render.env import render_template
from ngsp_cli.render.sandbox import LimitedSandbox
from ngsp_cli.store import parsecache

CONTEXT = {"who": "Ann"}


@pytest.fixture(autouse=True)
def new_process() -> Iterator[None]:
    """Each render below starts as a new ngsp process would: no environment in memory yet."""
    env._environment.cache_clear()
    yield
    env._environment.cache_clear()


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates Jinja compiled (each one not taken from the cache)."""
    seen: list[str | None] = []
    real = LimitedSandbox.compile

    def counting(
        self: LimitedSandbox, source: Any, name: str | None = None, *args: Any, **kwargs: Any
    ) -> Any:
        seen.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(LimitedSandbox, "compile", counting)
    return seen


def _render(root: Path, name: str = "note.md.j2") -> str:
    env._environment.cache_clear()
    return render_template(name, CONTEXT, root)


def _kept() -> list[Path]:
    root = parsecache.cache_root()
    assert root is not None
    return sorted((root / "templates").rglob("*.cache")) if (root / "templates").is_dir() else []


@pytest.fixture
def folder(partnership_tree: Callable[..., Path]) -> Path:
    return partnership_tree({"templates/note.md.j2": "Hello {{ who }}\n"})


def test_a_template_is_compiled_once(folder: Path, compiled: list[str | None]) -> None:
    assert _render(folder) == "Hello Ann\n"
    assert compiled == ["note.md.j2"]
    assert len(_kept()) == 1
    compiled.clear()
    assert _render(folder) == "Hello Ann\n"
    assert compiled == []


def test_an_edit_in_the_same_tick_is_compiled_again(folder: Path, compiled: list[str | None]) -> None:
    path = folder / "templates" / "note.md.j2"
    _render(folder)
    before = path.stat()
    path.write_text("Howdy {{ who }}\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    compiled.clear()
    assert _render(folder) == "Howdy Ann\n"
    assert compiled == ["note.md.j2"]


def test_errors_name_the_same_line_from_a_kept_template(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree({"templates/note.md.j2": "Hello\n\n{{ nobody }}\n"})
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            _render(root)
        assert caught.value.problem.file == "templates/note.md.j2"
        assert caught.value.problem.line == 3
    broken = partnership_tree({"templates/note.md.j2": "Hello\n{% if %}\n"}, name="broken")
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            _render(broken)
        assert caught.value.problem.line == 2


def test_a_damaged_cache_is_passed_by(folder: Path, compiled: list[str | None]) -> None:
    _render(folder)
    [kept] = _kept()
    kept.write_bytes(b"\x00garbage" * 10)
    compiled.clear()
    assert _render(folder) == "Hello Ann\n"
    assert compiled == ["note.md.j2"]
    compiled.clear()
    assert _render(folder) == "Hello Ann\n"
    assert compiled == []


def test_switched_off_or_unwritable(
    folder: Path, compiled: list[str | None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NGSP_NO_CACHE", "1")
    assert _render(folder) == "Hello Ann\n"
    assert _render(folder) == "Hello Ann\n"
    assert compiled == ["note.md.j2", "note.md.j2"]
    assert _kept() == []
    monkeypatch.delenv("NGSP_NO_CACHE")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _render(folder) == "Hello Ann\n"
    assert _render(folder) == "Hello Ann\n"


def test_the_bundled_agenda_is_kept(compiled: list[str | None]) -> None:
    from ngsp_cli.resources import bundled

    source = (bundled("templates") / "agenda.md.j2").read_text()
    assert "{%" in source
    kept_before = len(_kept())
    env.environment(None).get_template("agenda.md.j2")
    assert len(_kept()) > kept_before
    compiled.clear()
    env._environment.cache_clear()
    env.environment(None).get_template("agenda.md.j2")
    assert compiled == []
