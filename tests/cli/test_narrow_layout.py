"""Screens in narrow terminals: ids stay whole, wrapped lines stay under their bullet."""

from __future__ import annotations

import json
import re
import shutil
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ngsp_cli.cli.app import main
from ngsp_cli.cli.layout import fit_widths
from ngsp_cli.text import shorten

DAY = "2026-11-25"


def flat(text: str) -> str:
    return " ".join(text.split())


def narrow(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))


def assert_fits(text: str, columns: int) -> None:
    assert max(len(line.rstrip()) for line in text.splitlines()) <= columns, text


def assert_whole(ids: list[str], text: str) -> None:
    """Each id is printed whole on one line (not split across two)."""
    words = set(re.findall(r"[\w-]+", text))
    split = [i for i in ids if i not in words]
    assert split == [], text


def ids_of(ngsp, folder: Path, *args: str) -> list[str]:
    return [entry["id"] for entry in json.loads(ngsp("-C", folder, *args, "--json").stdout)]


@pytest.mark.parametrize(
    ("kind", "columns"),
    [(kind, columns) for kind in ("org", "person", "meeting", "team") for columns in (80, 60)]
    + [("team", 40)],
)
def test_listings_never_split_an_id(ngsp, example_folder, monkeypatch, kind: str, columns: int) -> None:
    ids = ids_of(ngsp, example_folder, kind, "list")
    narrow(monkeypatch, columns)
    result = ngsp("-C", example_folder, kind, "list")
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, columns)
    assert_whole(ids, result.stdout)


def test_a_long_id_keeps_its_column_wide_and_names_wrap_between_words(
    ngsp, example_folder, monkeypatch
) -> None:
    name = "Northeast Louisiana Regional Workforce and Healthcare Education Consortium Foundation"
    added = ngsp("-C", example_folder, "org", "add", name, "--kind", "economic-development", "--json")
    assert added.exit_code == 0, added.output
    long_id = json.loads(added.stdout)["id"]
    narrow(monkeypatch, 80)
    result = ngsp("-C", example_folder, "org", "list")
    assert_fits(result.stdout, 80)
    assert_whole([long_id], result.stdout)
    for word in name.split():  # the name wraps between words, never inside one
        assert word in result.stdout.split()


def test_columns_that_do_not_fit_are_named_under_the_table(ngsp, example_folder, monkeypatch) -> None:
    narrow(monkeypatch, 60)
    result = ngsp("-C", example_folder, "person", "list")
    assert "title" not in result.stdout.splitlines()[2]  # the header row
    assert "not shown for lack of room: title" in flat(result.stdout)


@pytest.mark.parametrize("columns", [40, 48])
def test_every_column_left_out_is_named_under_the_table(
    ngsp, example_folder, monkeypatch, columns: int
) -> None:
    narrow(monkeypatch, columns)
    result = ngsp("-C", example_folder, "org", "list")
    assert result.exit_code == 0, result.output
    header = result.stdout.split("┡")[0]
    note = (
        flat(result.stdout.split("(not shown for lack of room:")[-1]) if "(not shown" in result.stdout else ""
    )
    assert note, result.stdout
    for heading, called in [
        ("organization", "organization"),
        ("kind", "kind and county"),
        ("people", "people"),
    ]:
        assert heading in header or called in note, result.stdout


def test_the_meeting_column_stays_in_a_very_narrow_terminal(ngsp, example_folder, monkeypatch) -> None:
    meetings = json.loads(ngsp("-C", example_folder, "meeting", "list", "--json").stdout)
    narrow(monkeypatch, 40)
    result = ngsp("-C", example_folder, "meeting", "list")
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, 40)
    for meeting in meetings:
        assert meeting["title"] in flat(result.stdout)


def section(text: str, heading: str) -> list[str]:
    """The lines under `heading`, up to the next blank line."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(heading))
    body = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        body.append(line)
    return body


def assert_hanging(lines: list[str], marks: str) -> None:
    """Each line starts with `  MARK ` or continues the one above four spaces in."""
    assert lines
    wrapped = 0
    for line in lines:
        if re.match(rf"  [{marks}] \S", line):
            continue
        assert re.match(r"    \S", line), lines
        wrapped += 1
    assert wrapped, "nothing wrapped: the test shows nothing"


def test_status_keeps_wrapped_steps_and_checklist_under_their_bullets(
    ngsp, example_folder, monkeypatch
) -> None:
    narrow(monkeypatch, 60)
    result = ngsp("-C", example_folder, "status", "--as-of", DAY)
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, 60)
    assert_hanging(section(result.stdout, "Steps of this phase"), "✓☐?")
    assert_hanging(section(result.stdout, "Checklist"), "✓☐?")
    assert_hanging(section(result.stdout, "Overdue"), "●")
    lines = result.stdout.splitlines()
    why = next(n for n, line in enumerate(lines) if line.startswith("  Why: "))
    assert lines[why + 1].startswith(" " * 7)
    assert lines[why + 1][7] != " "


def test_meeting_ids_in_status_stay_whole(ngsp, example_folder, monkeypatch) -> None:
    upcoming = json.loads(ngsp("-C", example_folder, "status", "--as-of", DAY, "--json").stdout)
    ids = [m["id"] for m in upcoming["upcoming_meetings"]]
    assert ids
    narrow(monkeypatch, 60)
    result = ngsp("-C", example_folder, "status", "--as-of", DAY)
    assert_whole(ids, result.stdout)


def broken(folder: Path) -> Path:
    org = next((folder / "organizations").glob("*.yaml"))
    data = yaml.safe_load(org.read_text(encoding="utf-8"))
    data["kind"] = "bizness"
    org.write_text(yaml.safe_dump(data), encoding="utf-8")
    with (folder / "partnership.yaml").open("a", encoding="utf-8") as f:
        f.write("name: [unclosed\n")
    return folder


def test_check_problems_wrap_under_their_problem(ngsp, example_folder, monkeypatch) -> None:
    narrow(monkeypatch, 60)
    result = ngsp("-C", broken(example_folder), "check")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert_fits(result.stdout, 60)
    assert all(line.startswith("  ") for line in lines[1:]), result.stdout
    hint = next(n for n, line in enumerate(lines) if line.startswith("    hint: "))
    assert lines[hint + 1].startswith(" " * 10)  # the hint continues under its text


def test_errors_wrap_under_their_text(ngsp, example_folder, monkeypatch) -> None:
    narrow(monkeypatch, 60)
    many = ngsp("-C", broken(example_folder), "org", "list")
    assert many.exit_code == 2
    lines = many.stderr.splitlines()
    assert lines[0].startswith("error: ")
    assert len(lines) > 3
    assert all(line.startswith("  ") for line in lines[1:]), many.stderr


def test_unknown_task_lists_the_tasks_cut_between_words(ngsp, example_folder, monkeypatch) -> None:
    team_file = next(p for p in (example_folder / "action-teams").glob("*.yaml")
                     if len(yaml.safe_load(p.read_text(encoding="utf-8"))["tasks"]) > 2)  # fmt: skip
    tasks = yaml.safe_load(team_file.read_text(encoding="utf-8"))["tasks"]
    narrow(monkeypatch, 60)
    result = ngsp("-C", example_folder, "team", "task", "done", team_file.stem, "t99")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert all(line.startswith(" " * 7) for line in lines[1:] if not line.startswith("  hint:"))
    shown = dict(re.findall(r"(t\d+) \((.*?)\)(?:,|$)", flat(result.stderr)))
    assert set(shown) == {t["id"] for t in tasks}
    for task in tasks:
        text, short = task["text"], shown[task["id"]]
        if short != text:
            assert short.endswith("…")
            kept = short[:-1]
            assert text.startswith(kept), (short, text)
            assert text[len(kept)] in " ,;:.", (short, text)


@given(st.text(alphabet=st.sampled_from("ab cd,e"), max_size=80), st.integers(min_value=5, max_value=60))
def test_shorten_cuts_between_words(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert len(short) <= limit
    whole = " ".join(text.split())
    if short != whole:
        assert short.endswith("…")
        assert whole.startswith(short[:-1])


def test_fit_widths_gives_way_in_order() -> None:
    # name (key): 40 wide, its longest word (the id) 30; kind: 20 / 12; count: 6 / 6, no wrap.
    natural, unbroken, narrowest = [40, 20, 6], [30, 12, 6], [30, 8, 6]
    assert fit_widths(natural, unbroken, narrowest, 70) == [40, 20, 6]
    assert fit_widths(natural, unbroken, narrowest, 60) == [34, 20, 6]  # the widest wraps first
    assert fit_widths(natural, unbroken, narrowest, 48) == [30, 12, 6]  # nothing split yet
    assert fit_widths(natural, unbroken, narrowest, 44) == [30, 8, 6]  # kind splits words
    assert fit_widths(natural, unbroken, narrowest, 40) == [30, 10, 0]  # then columns hide
    assert fit_widths(natural, unbroken, narrowest, 20) == [20, 0, 0]  # the key column stays
    # A key column too wide to stay whole anyway keeps the first columns beside it.
    assert fit_widths([5, 8, 70, 30], [5, 8, 62, 12], [5, 8, 62, 8], 55, key=2) == [5, 8, 42, 0]


def flush_left(text: str) -> list[str]:
    """The lines starting at the left edge, after the title lines at the top."""
    lines = text.splitlines()
    first_indented = next(n for n, line in enumerate(lines) if line.startswith(" "))
    return [line for line in lines[first_indented:] if line.strip() and not line.startswith(" ")]


@pytest.mark.parametrize(
    ("kind", "headings"),
    [
        ("team", {"Tasks", "Updates"}),
        ("meeting", {"Agenda", "Notes", "What industry said", "Decisions", "Candidate priorities",
                     "Action items", "Invited", "Came"}),
        ("org", set()),
        ("person", set()),
    ],
)  # fmt: skip
def test_show_keeps_wrapped_lines_indented(
    ngsp, example_folder, monkeypatch, kind: str, headings: set[str]
) -> None:
    ids = ids_of(ngsp, example_folder, kind, "list")
    narrow(monkeypatch, 50)
    wrapped = 0
    as_of = ["--as-of", DAY] if kind == "team" else []
    for entity_id in ids[:5]:
        result = ngsp("-C", example_folder, kind, "show", entity_id, *as_of)
        assert result.exit_code == 0, result.output
        assert_fits(result.stdout, 50)
        for line in flush_left(result.stdout):
            assert line.startswith("flag: ") or any(line.startswith(h) for h in headings), result.stdout
        wrapped += len(re.findall(r"\n {4,}\S", result.stdout))
    assert wrapped, "nothing wrapped: the test shows nothing"


def test_org_show_lists_each_persons_roles(ngsp, example_folder) -> None:
    org = next(o for o in json.loads(ngsp("-C", example_folder, "org", "list", "--json").stdout)
               if o["people"])  # fmt: skip
    shown = json.loads(ngsp("-C", example_folder, "org", "show", org["id"], "--json").stdout)
    result = ngsp("-C", example_folder, "org", "show", org["id"])
    for person in shown["people"]:
        assert f"[{', '.join(person['roles'])}]" in flat(result.stdout)


def test_template_names_stay_whole(ngsp, example_folder, monkeypatch) -> None:
    names = [t["name"] for t in json.loads(ngsp("-C", example_folder, "templates", "list", "--json").stdout)]
    narrow(monkeypatch, 50)
    result = ngsp("-C", example_folder, "templates", "list")
    assert_fits(result.stdout, 50)
    words = set(re.findall(r"[\w./-]+", result.stdout))
    assert [n for n in names if n not in words] == [], result.stdout


def test_the_vote_count_keeps_ids_and_statuses_in_a_narrow_window(ngsp, example_folder, monkeypatch) -> None:
    tally = json.loads(ngsp("-C", example_folder, "prioritize", "--dry-run", "--json").stdout)
    narrow(monkeypatch, 60)
    result = ngsp("-C", example_folder, "prioritize", "--dry-run")
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, 60)
    ranked = [line.split() for line in result.stdout.splitlines() if re.match(r" ?\d+ ", line)]
    rows = {cells[1]: cells[2] for cells in ranked}
    for entry in tally["ranking"]:
        assert rows[entry["priority"]] == entry["status"]


def test_portfolio_cuts_no_cell_short(ngsp, example_folder, tmp_path, monkeypatch) -> None:
    state = tmp_path / "state"
    for name in ("one", "two"):
        shutil.copytree(example_folder, state / name)
    rows = json.loads(ngsp("portfolio", state, "--as-of", DAY, "--json").stdout)["partnerships"]
    assert any(r["teams_flagged"] for r in rows)
    for columns in (80, 60):
        narrow(monkeypatch, columns)
        result = ngsp("portfolio", state, "--as-of", DAY)
        assert result.exit_code == 0, result.output
        assert_fits(result.stdout, columns)
        text = flat(result.stdout)
        for r in rows:
            if r["teams_flagged"]:
                assert f"{r['teams_flagged']} flagged" in text or "action teams" in text.split("room:")[-1]
        outcomes = result.stdout.split("Outcomes")[-1].splitlines()[1:]
        assert all(line.startswith("  ") for line in outcomes if line.strip())


@pytest.mark.parametrize("command", ["survey", "report", "export", "portfolio", "prioritize", "check"])
def test_help_paragraphs_flow_to_the_window_width(monkeypatch, capsys, command: str) -> None:
    narrow(monkeypatch, 60)
    # The command as `ngsp` runs it (built on first use), not the test runner's eager one.
    monkeypatch.setattr(sys, "argv", ["ngsp", command, "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    text = capsys.readouterr().out.split("Usage:")[1].split("╭")[0]
    paragraphs = [p.splitlines() for p in re.split(r"\n\s*\n", text)]
    lines = [p for p in paragraphs if len(p) > 1]
    assert lines, "no paragraph wraps: the test shows nothing"
    for paragraph in paragraphs:
        for line, after in pairwise(paragraph):
            # A line ends early only when the next word would not have fitted on it.
            assert len(line.strip()) + 1 + len(after.split()[0]) > 60 - 2, paragraph


def test_import_preview_keeps_what_happens_to_each_row(ngsp, example_folder, tmp_path, monkeypatch) -> None:
    sheet = tmp_path / "orgs.csv"
    long_name = "North Louisiana Regional Manufacturing Extension Partnership Office"
    sheet.write_text(f"name,kind\n{long_name},business\nAcme,bizness\n", encoding="utf-8")
    preview = json.loads(ngsp("-C", example_folder, "org", "import", sheet, "--dry-run", "--json").stdout)
    bad = next(r for r in preview["rows"] if r["action"] == "bad")
    narrow(monkeypatch, 60)
    result = ngsp("-C", example_folder, "org", "import", sheet, "--dry-run")
    assert_fits(result.stdout, 60)
    assert re.search(r"\b2 │ create │ North", result.stdout), result.stdout
    assert re.search(r"\b3 │ bad +│ Acme", result.stdout), result.stdout
    assert bad["detail"] in flat(result.stdout.replace("│", " "))
    assert long_name in flat(result.stdout.replace("│", " "))
