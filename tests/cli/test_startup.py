"""Start-up stays light: `ngsp --help` and `--version` import no heavy library, commands load lazily."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main

from ngsp_cli.cli.app import NgspGroup, app, lazy_command

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "ngsp_cli"
HEAVY = ["ruamel", "jinja2", "questionary", "openpyxl", "docx", "pygal", "icalendar"]
# Not libraries users notice, but `--help` has no use for them either.
CORE = ["pydantic", "yaml", "ngsp_cli.store", "ngsp_cli.model", "ngsp_cli.render", "ngsp_cli.services"]

PROBE = """
import json, sys
sys.argv = ["ngsp", *sys.argv[1:]]
from ngsp_cli.cli.entry import run
try:
    run()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120,
        env={"NO_COLOR": "1", "PATH": "", "COLUMNS": "100"},
    )  # fmt: skip
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("args", [("--help",), ("--version",)])
def test_start_up_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    modules = modules_after(*args)
    assert [name for name in HEAVY + CORE if loaded(modules, name)] == []


def test_version_answers_without_loading_the_command_line() -> None:
    assert not loaded(modules_after("--version"), "typer")


def test_the_probe_sees_imports_when_a_command_runs(tmp_path: Path) -> None:
    # Guards the test above: a real command does import the core.
    modules = modules_after("-C", str(tmp_path), "org", "list")
    assert loaded(modules, "ngsp_cli.store")


def table_driven() -> Any:
    """The group the console script runs: the commands of COMMANDS, their modules imported on use."""
    fresh = typer.Typer(cls=NgspGroup, rich_markup_mode="rich")
    fresh.callback()(lambda: None)
    return lazy_command(fresh, lazy=True)


def test_a_command_imports_only_its_own_command_module(tmp_path: Path) -> None:
    modules = modules_after("-C", str(tmp_path), "org", "list")
    assert loaded(modules, "ngsp_cli.cli.org")
    assert [
        m
        for m in ("ngsp_cli.cli.meeting", "ngsp_cli.cli.team", "ngsp_cli.cli.documents")
        if loaded(modules, m)
    ] == []


@pytest.mark.parametrize("make", [lambda: lazy_command(app), table_driven], ids=["registered", "table"])
def test_lazy_help_lists_every_command_with_its_help(make: Callable[[], Any]) -> None:
    eager = typer.main.get_command(app)
    lazy = make()
    ctx = eager.make_context("ngsp", ["--help"], resilient_parsing=True)
    eager_listing = {
        name: eager.get_command(ctx, name).get_short_help_str()  # type: ignore[attr-defined, union-attr]
        for name in eager.list_commands(ctx)  # type: ignore[attr-defined]
    }
    lazy.commands.listing = True
    lazy_listing = {
        name: lazy.get_command(ctx, name).get_short_help_str() for name in lazy.list_commands(ctx)
    }
    assert lazy_listing == eager_listing


@pytest.mark.parametrize("make", [lambda: lazy_command(app), table_driven], ids=["registered", "table"])
def test_lazy_commands_are_the_real_commands(make: Callable[[], Any]) -> None:
    eager = typer.main.get_command(app)
    lazy = make()
    ctx = eager.make_context("ngsp", ["--help"], resilient_parsing=True)

    def shape(command: object) -> object:
        subcommands = getattr(command, "commands", None)
        params = sorted(p.name or "" for p in getattr(command, "params", []))
        if subcommands is None:
            return params
        return {"params": params, "commands": {name: shape(sub) for name, sub in subcommands.items()}}

    eager_shape = {name: shape(eager.get_command(ctx, name)) for name in eager.list_commands(ctx)}  # type: ignore[attr-defined]
    lazy_shape = {name: shape(lazy.get_command(ctx, name)) for name in lazy.list_commands(ctx)}
    assert lazy_shape == eager_shape


def test_a_mistyped_command_gets_a_suggestion() -> None:
    code = "import sys; sys.argv=['ngsp', 'orgg']; from ngsp_cli.cli.app import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
        env={"NO_COLOR": "1", "PATH": "", "COLUMNS": "100"},
    )  # fmt: skip
    assert "Did you mean 'org'" in done.stderr


def test_ruff_bans_module_level_imports_of_heavy_libraries() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed next to this Python")
    done = subprocess.run(
        [str(ruff), "check", "--no-cache", "--select", "TID253", "--output-format", "concise",
         "--stdin-filename", "src/ngsp_cli/services/probe.py", "-"],
        input="".join(f"import {name}\n" for name in HEAVY), capture_output=True, text=True, cwd=REPO,
        timeout=120,
    )  # fmt: skip
    assert done.stdout.count("TID253") == len(HEAVY)


def _module_level_imports(path: Path) -> set[str]:
    """Top-level packages imported at module level (not inside functions, not for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def test_each_heavy_library_has_at_most_one_home_outside_the_cli() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    ignores = config["tool"]["ruff"]["lint"]["per-file-ignores"]
    allowed = {rel for rel, rules in ignores.items() if "TID253" in rules and rel.startswith("src/")}
    homes: dict[str, list[str]] = {name: [] for name in HEAVY}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        for name in _module_level_imports(path) & set(HEAVY):
            homes[name].append(rel)
    assert {name: files for name, files in homes.items() if len(files) > 1} == {}
    everywhere = [rel for files in homes.values() for rel in files]
    assert [rel for rel in everywhere if rel not in allowed or "/cli/" in rel] == []


def _command_paths() -> list[tuple[str, ...]]:
    lazy = lazy_command(app)
    ctx = lazy.make_context("ngsp", ["--help"], resilient_parsing=True)
    paths: list[tuple[str, ...]] = [()]

    def walk(commands: dict[str, object], path: tuple[str, ...]) -> None:
        for name, sub in commands.items():
            paths.append((*path, name))
            walk(getattr(sub, "commands", {}), (*path, name))

    walk({name: lazy.get_command(ctx, name) for name in lazy.list_commands(ctx)}, ())
    return paths


def test_help_names_value_types_in_words(monkeypatch, capsys) -> None:
    # Python type names (<str>, <list[str]>, <bool>) read as code; flags take no value at all.
    from ngsp_cli.cli.app import main

    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    paths = _command_paths()
    assert ("team", "task", "add") in paths
    assert len(paths) > 40
    for path in paths:
        monkeypatch.setattr(sys, "argv", ["ngsp", *path, "--help"])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 0, path
        shown = capsys.readouterr().out
        assert "Usage: ngsp" in shown, path
        for code_word in ("<str>", "<bool>", "<int>", "<list[", "<path>", "<dir>"):
            assert code_word not in shown, (path, code_word)
    monkeypatch.setattr(sys, "argv", ["ngsp", "team", "new", "--help"])
    with pytest.raises(SystemExit):
        main()
    lines = capsys.readouterr().out.splitlines()
    assert any("--force " in line and "TEXT" not in line and "<" not in line for line in lines)
    assert any("--champion" in line and "TEXT" in line for line in lines)
    assert any("--formed" in line and "YYYY-MM-DD" in line for line in lines)
