"""The bad-input corpus (tests/data/bad/): each case is refused with file, line and hint; nothing changes.

A case is a folder with `case.yaml` (about, args with {root} for the folder, exit,
expect: message fragments, optionally generate: huge) and `files/`, laid over a small
valid partnership.  Each runs through the command line in-process, a few also
as a real process, and the folder's bytes are compared before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ngsp_cli.errors import InputError
from ngsp_cli.render.env import render_template

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
IN_A_REAL_PROCESS = ["broken-yaml", "traversal-show", "alias-bomb", "cp1252-yaml", "template-self-include"]


def fingerprint(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def build(case: str, partnership_tree: Callable[..., Path]) -> tuple[Path, dict[str, Any]]:
    spec = yaml.safe_load((CORPUS / case / "case.yaml").read_text(encoding="utf-8"))
    root = partnership_tree(name=case)
    files = CORPUS / case / "files"
    if files.is_dir():
        shutil.copytree(files, root, dirs_exist_ok=True)
    if spec.get("generate") == "huge":
        filler = "".join(f"note{i}: '{'x' * 200}'\n" for i in range(12_000))
        (root / "organizations" / "huge.yaml").write_text("name: Huge\nkind: business\n" + filler)
    return root, spec


def check_result(spec: dict[str, Any], code: int, stdout: str, stderr: str) -> None:
    shown = stdout + stderr  # `check` reports problems on stdout, other commands on stderr
    assert code == spec["exit"], stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert "internal error" not in stdout + stderr
    missing = [fragment for fragment in spec["expect"] if fragment not in shown]
    assert missing == [], shown


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_clearly_and_changes_nothing(
    case: str, ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    root, spec = build(case, partnership_tree)
    before = fingerprint(root)
    result = ngsp("-C", root, *(arg.replace("{root}", str(root)) for arg in spec["args"]))
    check_result(spec, result.exit_code, result.stdout, result.stderr)
    assert fingerprint(root) == before


@pytest.mark.parametrize("case", IN_A_REAL_PROCESS)
def test_bad_input_in_a_real_process(case: str, partnership_tree: Callable[..., Path]) -> None:
    root, spec = build(case, partnership_tree)
    before = fingerprint(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGSP_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "100"})
    code = "import sys; sys.argv[0] = 'ngsp'; from ngsp_cli.cli.app import main; main()"
    args = [a.replace("{root}", str(root)) for a in spec["args"]]
    done = subprocess.run(
        [sys.executable, "-c", code, "-C", str(root), *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    check_result(spec, done.returncode, done.stdout, done.stderr)
    assert fingerprint(root) == before


def test_a_template_syntax_error_names_the_template_and_line(partnership_tree: Callable[..., Path]) -> None:
    root = partnership_tree({"templates/broken.md.j2": "# Agenda\n\n{% for item in %}\n{{ item }}\n"})
    with pytest.raises(InputError) as caught:
        render_template("broken.md.j2", {"items": []}, root)
    problem = caught.value.problem
    assert (problem.file, problem.line) == ("templates/broken.md.j2", 3)
    assert problem.hint


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ meeting.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.system('echo pwned') }}",
        "{% set x = ''.__class__ %}{{ x.__base__.__subclasses__() }}",
    ],
)
def test_a_template_cannot_reach_python_internals(partnership_tree: Callable[..., Path], source: str) -> None:
    root = partnership_tree({"templates/evil.md.j2": source})
    with pytest.raises(InputError) as caught:
        render_template("evil.md.j2", {"meeting": {"title": "x"}}, root)
    assert caught.value.problem.file == "templates/evil.md.j2"
    assert "pwned" not in str(caught.value)
