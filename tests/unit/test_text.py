"""Counted words in messages read right for one and for many."""

from __future__ import annotations

from pathlib import Path

from ngsp_cli.text import and_list, noun, plural


def test_plural_and_noun() -> None:
    assert [plural(n, "dot") for n in (0, 1, 2)] == ["0 dots", "1 dot", "2 dots"]
    assert plural(1, "business", "businesses") == "1 business"
    assert plural(3, "business", "businesses") == "3 businesses"
    assert noun(1, "team") == "team"


def test_and_list() -> None:
    assert [and_list(w) for w in (["a"], ["a", "b"], ["a", "b", "c"])] == ["a", "a and b", "a, b and c"]


def test_init_without_a_terminal_names_every_missing_value_at_once(ngsp, tmp_path: Path) -> None:
    result = ngsp("init", str(tmp_path / "new"), "--industry", "Healthcare")
    assert result.exit_code == 2
    assert "--name and --region are missing" in result.stderr
    assert not (tmp_path / "new").exists()


def test_a_tie_on_one_dot_reads_right(ngsp, example_folder: Path, tmp_path: Path) -> None:
    for team in ("clinical-placements", "cna-to-lpn-pathway", "rural-acute-care-network"):
        assert ngsp("-C", example_folder, "team", "status", team, "done").exit_code == 0
    sheet = tmp_path / "votes.csv"
    sheet.write_text(
        "voter,priority,points\ndenise-broussard,telehealth,1\nraymond-guidry,workforce-housing,1\n"
        "eric-sonnier,telehealth,1\n",
        encoding="utf-8",
    )
    result = ngsp("-C", example_folder, "prioritize", "--votes", sheet, "--top", "1", "--dry-run")
    text = " ".join(result.output.split())
    assert "Tie on 1 dot at the cut-off" in text
    assert "1 voter, 1 dot" in text
    assert "1 dots" not in text
    assert "1 voters" not in text
