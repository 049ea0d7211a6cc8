"""The rules register when the registry is first asked for, always in the same order."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
{first}
from ngsp_cli.rules import RULES, PartnershipAt
print(json.dumps([list(RULES), sorted(m for m in sys.modules if m.startswith("ngsp_cli.rules."))]))
"""


def _run(first: str) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(first=first)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: list[list[str]] = json.loads(done.stdout)
    return result


def test_rules_register_in_phase_order_whatever_is_imported_first() -> None:
    plain, _ = _run("")
    after_others, _ = _run("import ngsp_cli.rules.leadership, ngsp_cli.rules.indicators")
    assert plain == after_others
    assert plain[0] == "conveners-named"
    assert len(plain) > 25


def test_looking_at_a_date_imports_no_rule_module() -> None:
    code = "import sys; from ngsp_cli.rules import PartnershipAt; print(sorted(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "ngsp_cli.rules.checklist_1_founding" not in done.stdout
    assert "ngsp_cli.rules.view" in done.stdout
