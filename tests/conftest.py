"""Shared fixtures: an isolated environment, partnership folders from dicts, a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from ngsp_cli.cli.app import app
from ngsp_cli.cli.options import STATE
from ngsp_cli.resources import bundled

EXAMPLE = "northeast-louisiana-healthcare"
GOLDEN = Path(__file__).parent / "golden"


def pytest_configure(config: pytest.Config) -> None:
    # ngsp's caches stay out of the user's home also for processes a test starts with an
    # environment built when its module was imported (before the fixture below sets a folder).
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ngsp-test-cache-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files of rendered documents instead of comparing",
    )


@pytest.fixture(autouse=True)
def isolation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test runs with no ngsp environment, no colour, a fixed width, no prompts."""
    for name in ("NGSP_DIR", "NGSP_NO_INPUT", "NGSP_DEBUG", "NGSP_TODAY", "CI", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # A command that saves a file it read without the folder lock fails loudly here.
    monkeypatch.setenv("NGSP_CHECK_LOCKS", "1")
    # ngsp's record of the files it wrote (store/outputs.py) stays in this test's own place.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path.parent / f"{tmp_path.name}-state"))
    # ...and so does its cache of parsed files (store/parsecache.py).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.chdir(tmp_path)
    STATE.folder = None
    STATE.no_input = False
    yield
    STATE.folder = None
    STATE.no_input = False


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def ngsp() -> Callable[..., Result]:
    """Run an ngsp command in-process: ngsp("org", "list", "--json")."""

    def run(*args: str | Path, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def write_tree(root: Path, files: Mapping[str, Any]) -> Path:
    """Write a partnership folder from {relative path: data or YAML text}."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture
def partnership_tree(tmp_path: Path) -> Callable[..., Path]:
    """Build a small valid partnership folder, plus any extra files given."""

    def build(files: Mapping[str, Any] | None = None, name: str = "tree") -> Path:
        base: dict[str, Any] = {
            "partnership.yaml": {
                "schema_version": 1,
                "name": "Test Valley Manufacturing",
                "industry": "Manufacturing",
                "region": "Test Valley",
                "conveners": ["valley-workforce-board"],
            },
            "organizations/valley-workforce-board.yaml": {
                "name": "Valley Workforce Board",
                "kind": "workforce",
            },
            "organizations/acme-tools.yaml": {"name": "Acme Tools", "kind": "business"},
            "people/ann-lee.yaml": {
                "name": "Ann Lee",
                "org": "acme-tools",
                "title": "CEO",
                "roles": ["business-leader", "champion"],
            },
            "people/bo-diaz.yaml": {
                "name": "Bo Diaz",
                "org": "valley-workforce-board",
                "roles": ["convener"],
            },
        }
        base.update(files or {})
        return write_tree(tmp_path / name, base)

    return build


@pytest.fixture
def example_folder(tmp_path: Path) -> Path:
    """A private copy of the bundled example partnership."""
    target = tmp_path / EXAMPLE
    shutil.copytree(bundled("examples") / EXAMPLE, target)
    return target


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/<rel>; `pytest --update-golden` rewrites the file instead."""
    update = bool(request.config.getoption("--update-golden"))

    def check(rel: str, actual: str) -> None:
        path = GOLDEN / rel
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.is_file():
            pytest.fail(f"there is no golden file tests/golden/{rel}; create it with: pytest --update-golden")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, (
            f"tests/golden/{rel} differs; if the change is intended: pytest --update-golden"
        )

    return check


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Convener",
    "GIT_AUTHOR_EMAIL": "convener@example.org",
    "GIT_COMMITTER_NAME": "Test Convener",
    "GIT_COMMITTER_EMAIL": "convener@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` with a fixed identity and no user configuration; its output."""
    import os
    import subprocess

    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_IDENTITY},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def bare_repository(folder: Path, bare: Path, *, branch: str = "main") -> Path:
    """A bare repository at `bare` whose branch `branch` holds the partnership folder `folder`."""
    git(folder, "init", "--quiet", "--initial-branch", branch)
    git(folder, "add", "-A")
    git(folder, "commit", "--quiet", "-m", "The partnership's files")
    git(folder.parent, "clone", "--quiet", "--bare", str(folder), str(bare))
    return bare


def commit_all(folder: Path, bare: Path, message: str = "Update") -> str:
    """Commit every change of the working folder and push it to `bare`; the new commit."""
    git(folder, "add", "-A")
    git(folder, "commit", "--quiet", "-m", message)
    branch = git(folder, "rev-parse", "--abbrev-ref", "HEAD")
    git(folder, "push", "--quiet", str(bare), f"HEAD:refs/heads/{branch}")
    return git(folder, "rev-parse", "HEAD")
