"""docs/cli.md is the command reference generated from the commands; it must say what they say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ngsp_cli.cli.reference import REGENERATE, render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_docs_cli_md_is_up_to_date() -> None:
    expected = render()
    written = DOCS.read_text(encoding="utf-8") if DOCS.is_file() else ""
    assert written == expected, (
        "docs/cli.md does not match the commands (a command, option or help text changed). "
        f"Regenerate it from the repository root with:\n\n    {REGENERATE}\n"
    )


def test_the_reference_has_every_command_with_its_options() -> None:
    text = render()
    headings = re.findall(r"^#+ `(ngsp[^`]*)`$", text, flags=re.MULTILINE)
    assert {"ngsp", "ngsp org", "ngsp org add", "ngsp check", "ngsp meeting new"} <= set(headings)
    org_add = text.split("`ngsp org add`\n", 1)[1].split("\n#", 1)[0]
    assert "--kind" in org_add
    # Types read as words, as on the help screens, not as Python names.
    assert "<str>" not in text
    # Each command listed by a group links to its own section.
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert any(h.replace(" ", "-") == target for h in headings), target


def test_the_regeneration_command_writes_the_reference() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ngsp_cli.cli.reference"], capture_output=True, text=True, check=True
    )
    assert done.stdout == render()
