"""Word documents come from Word templates that conveners can copy and edit in Word."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ngsp_cli.resources import bundled

AS_OF = "2026-11-25"
LAUNCH = "2026-09-17-launch-meeting"
QUARTERLY = "2026-12-10-quarterly-meeting"
TOOLS = Path(__file__).resolve().parents[2] / "tools" / "docx_templates.py"


def _paragraphs(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def _replace_text(path: Path, old: str, new: str) -> None:
    """Change wording in a Word file as a convener would in Word."""
    from docx import Document

    doc = Document(str(path))
    found = False
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                found = True
    assert found, f"'{old}' is not in {path.name}"
    doc.save(str(path))


@pytest.mark.skipif(not TOOLS.is_file(), reason="the authoring script ships in the source tree only")
def test_the_bundled_word_templates_are_what_the_authoring_script_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("docx_templates", TOOLS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == ["agenda.docx", "invite.docx", "memo.docx", "report.docx", "signin.docx"]
    for name in made:
        assert (tmp_path / name).read_bytes() == (bundled("templates") / name).read_bytes(), (
            f"templates/{name} is stale: run python tools/docx_templates.py"
        )


def test_templates_list_shows_the_word_templates(ngsp) -> None:
    result = ngsp("templates", "list", "--json")
    assert result.exit_code == 0, result.output
    word = {e["name"]: e["for"] for e in json.loads(result.stdout) if e["name"].endswith(".docx")}
    assert word == {
        "agenda.docx": "ngsp agenda --format docx",
        "invite.docx": "ngsp invite --format docx",
        "memo.docx": "ngsp memo --format docx",
        "report.docx": "ngsp report --format docx",
        "signin.docx": "ngsp signin --format docx",
    }


def test_a_copied_memo_template_edited_in_word_is_used(ngsp, example_folder: Path) -> None:
    result = ngsp("templates", "copy", "memo.docx", "-C", example_folder)
    assert result.exit_code == 0, result.output
    own = example_folder / "templates" / "memo.docx"
    assert own.is_file()
    _replace_text(own, "Who came", "Who was in the room")
    out = example_folder / "memo.docx"
    result = ngsp("memo", LAUNCH, "-f", "docx", "-o", out, "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 0, result.output
    text = _paragraphs(out)
    assert "Who was in the room" in text
    assert "Who came" not in text
    listed = ngsp("templates", "list", "--json", "-C", example_folder)
    entry = next(e for e in json.loads(listed.stdout) if e["name"] == "memo.docx")
    assert entry["used"] == "yours"


def test_templates_show_prints_the_tags_of_a_word_template(ngsp) -> None:
    result = ngsp("templates", "show", "invite.docx")
    assert result.exit_code == 0, result.output
    assert "{{ salutation }}" in result.stdout
    assert "We look forward to seeing you." in result.stdout


def test_a_wrong_tag_in_a_word_template_names_the_file(ngsp, example_folder: Path) -> None:
    ngsp("templates", "copy", "agenda.docx", "-C", example_folder)
    own = example_folder / "templates" / "agenda.docx"
    _replace_text(own, "{{ meeting.title }}", "{{ meeting.title }")
    result = ngsp("agenda", QUARTERLY, "-f", "docx", "-o", "a.docx", "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 2
    assert "templates/agenda.docx" in result.stderr
    assert "Traceback" not in result.output


def test_a_misspelt_value_in_a_word_template_says_which(ngsp, example_folder: Path) -> None:
    ngsp("templates", "copy", "agenda.docx", "-C", example_folder)
    own = example_folder / "templates" / "agenda.docx"
    _replace_text(own, "{{ meeting.title }}", "{{ meeting.titel }}")
    result = ngsp("agenda", QUARTERLY, "-f", "docx", "-o", "a.docx", "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 2
    assert "titel" in result.stderr
    assert "templates/agenda.docx" in result.stderr


def test_a_file_that_is_not_word_is_refused_with_a_hint(ngsp, example_folder: Path) -> None:
    (example_folder / "templates").mkdir()
    (example_folder / "templates" / "invite.docx").write_text("not a Word file", encoding="utf-8")
    result = ngsp("invite", QUARTERLY, "-f", "docx", "-o", "i.docx", "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 2
    assert "cannot be opened" in result.stderr
    assert "templates/invite.docx" in result.stderr


def test_names_with_ampersands_stay_text_in_word(ngsp, example_folder: Path) -> None:
    """Values are escaped: 'Bayou DeSiard Nursing & Rehabilitation' does not break the file."""
    out = example_folder / "memo.docx"
    result = ngsp("memo", LAUNCH, "-f", "docx", "-o", out, "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 0, result.output
    from docx import Document

    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "Bayou DeSiard Nursing & Rehabilitation" in cells


def test_a_word_template_that_loops_without_end_is_stopped(ngsp, example_folder: Path) -> None:
    from docx import Document

    own = Document()
    own.add_paragraph("{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}")
    (example_folder / "templates").mkdir()
    own.save(str(example_folder / "templates" / "memo.docx"))
    result = ngsp("memo", LAUNCH, "-f", "docx", "-o", "m.docx", "--as-of", AS_OF, "-C", example_folder)
    assert result.exit_code == 2
    assert "templates/memo.docx" in result.stderr
    assert "loops" in result.stderr or "longer than" in result.stderr
