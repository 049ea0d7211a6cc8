"""The built wheel, installed into a fresh venv (not editable), runs on its own files."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the ngsp wheel; its dependencies come from this environment."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work / "dist"), str(REPO)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("ngsp-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    return bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_")}
    # Dependencies from the test environment; ngsp itself only from the fresh venv,
    # because .pth files of an editable install are not read from PYTHONPATH.
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [str(bin_dir / "ngsp"), *args], capture_output=True, text=True, cwd=cwd, env=env,
        stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def test_installed_ngsp_comes_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    env = {"PYTHONPATH": sysconfig.get_paths()["purelib"], "PATH": os.environ.get("PATH", "")}
    where = subprocess.run(
        [str(installed / "python"), "-c",
         "import ngsp_cli.resources as r; print(r.bundled('templates')); print(r.bundled('playbooks'))"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    for line in where.stdout.splitlines():
        assert str(installed.parent) in line, line
        assert "_data" in line


def test_installed_version_and_example(installed: Path, tmp_path: Path) -> None:
    version = run(installed, "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("ngsp ")
    from ngsp_cli.resources import example_names

    if not example_names():
        pytest.skip("no bundled example yet")
    example = example_names()[0]
    made = run(installed, "init", "demo", "--example", example, "--no-git", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    listed = run(installed, "org", "list", "--json", cwd=tmp_path / "demo")
    assert listed.returncode == 0, listed.stderr
    assert '"kind": "business"' in listed.stdout
    status = run(installed, "status", "--json", "--as-of", "2026-11-25", cwd=tmp_path / "demo")
    assert status.returncode == 0, status.stderr
    assert '"phases"' in status.stdout  # the playbook ships in the wheel


def test_installed_errors_have_no_traceback(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "org", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert "not inside a partnership folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_ngsp_writes_word_from_the_bundled_word_templates(installed: Path, tmp_path: Path) -> None:
    from ngsp_cli.resources import example_names

    if not example_names():
        pytest.skip("no bundled example yet")
    made = run(installed, "init", "demo", "--example", example_names()[0], "--no-git", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    for command in (["agenda", "--format", "docx"], ["signin", "--format", "docx"]):
        result = run(
            installed, *command, "--out", f"{command[0]}.docx", "--as-of", "2026-11-25", cwd=tmp_path / "demo"
        )
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "demo" / f"{command[0]}.docx").read_bytes().startswith(b"PK")
