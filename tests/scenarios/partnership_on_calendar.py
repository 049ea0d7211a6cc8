"""Build a partnership step by step through the CLI, on a simulated calendar.

Each step sets the day (NGSP_TODAY, what `ngsp_cli.clock.today()` reads) and
runs ngsp commands in-process, exactly as a convener would type them. Hand
edits (a `left:` date, a team file without champions) go through `edit`, as a
convener's text editor would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

Runner = Callable[..., Any]

# The bundled indicators in the order `check` lists them, and one letter per status.
INDICATORS = (
    "region-labor-market",
    "business-outnumber-public",
    "business-champions",
    "priorities-from-business",
    "coordinated-public-support",
    "action-plan-current",
    "new-businesses-joining",
)
LETTERS = {"met": "M", "partial": "P", "not-met": "N", "unknown": "?"}


def cli_runner() -> Callable[..., Any]:
    """`ngsp` in-process, for fixtures wider than one test (the `ngsp` fixture is per test)."""
    from typer.testing import CliRunner

    from ngsp_cli.cli.app import app

    def run(*args: str | Path) -> Any:
        return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


class Partnership:
    def __init__(self, run: Runner, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self._run = run
        self.root = root
        self._env = monkeypatch
        self.today = ""

    # --- the calendar and the commands ------------------------------------------------------------

    def on(self, day: str) -> Partnership:
        """From now on, today is `day`."""
        self.today = day
        self._env.setenv("NGSP_TODAY", day)
        return self

    def __call__(self, *args: str) -> str:
        """Run `ngsp -C ROOT ARGS...`; it must succeed."""
        result = self._run("-C", self.root, *args)
        assert result.exit_code == 0, f"ngsp {' '.join(args)} failed on {self.today}:\n{result.output}"
        return str(result.stdout)

    def refused(self, *args: str) -> Any:
        """Run a command that must fail; its result (exit code, output)."""
        result = self._run("-C", self.root, *args)
        assert result.exit_code != 0, f"ngsp {' '.join(args)} succeeded on {self.today}"
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json"))

    def init(self, name: str, *args: str) -> Partnership:
        result = self._run("--no-input", "init", self.root, "--name", name, "--no-git", *args)
        assert result.exit_code == 0, result.output
        return self

    def org(self, name: str, kind: str = "business", *args: str) -> str:
        return str(self.json("org", "add", name, "--kind", kind, *args)["id"])

    def person(self, name: str, org: str, *roles: str) -> str:
        flags = [part for role in roles for part in ("--role", role)]
        return str(self.json("person", "add", name, "--org", org, *flags)["id"])

    def edit(self, rel: str, **changes: Any) -> None:
        """Change fields of a file by hand (None removes a field)."""
        path = self.root / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # --- what the screens say -------------------------------------------------------------------

    def check(self, *args: str) -> dict[str, Any]:
        data: dict[str, Any] = self.json("check", *args)
        return data

    def indicators(self, *args: str) -> dict[str, dict[str, Any]]:
        return {i["id"]: i for f in self.check(*args)["features"] for i in f["indicators"]}

    def statuses(self, *args: str) -> dict[str, str]:
        return {k: v["status"] for k, v in self.indicators(*args).items()}

    def scorecard(self, *args: str) -> tuple[str, float, str]:
        """Phase, score, a letter per indicator (INDICATORS order): M met, P partial, N not-met, ? unknown."""
        check = self.check(*args)
        found = {i["id"]: i["status"] for f in check["features"] for i in f["indicators"]}
        assert tuple(found) == INDICATORS
        return self.phase(*args), check["score"], "".join(LETTERS[found[i]] for i in INDICATORS)

    def status(self, *args: str) -> dict[str, Any]:
        data: dict[str, Any] = self.json("status", *args)
        return data

    def checklist(self, *args: str) -> dict[str, tuple[str, str]]:
        return {c["id"]: (c["state"], c["detail"]) for c in self.status(*args)["checklist"]}

    def phase(self, *args: str) -> str:
        return str(self.status(*args)["phase"]["id"])

    def item(self, phase: str, item_id: str, *args: str) -> tuple[str, str]:
        """A checklist item of any phase: (state, detail)."""
        data = self.json("playbook", phase, *args)
        entry = data["progress"]["checklist"][item_id]
        return entry["state"], entry["detail"]

    def report(self, *args: str) -> str:
        out = self.root / "out" / "report-test.md"
        self("report", "--out", str(out), *args)
        return out.read_text(encoding="utf-8")
