"""`ngsp prioritize` and `ngsp team` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

LAUNCH = "2026-09-17-launch-meeting"


def flat(text: str) -> str:
    """Messages wrap at the terminal width; compare them as one line."""
    return " ".join(text.split())


def _write_votes_csv(root: Path, target: Path, *, without_public: bool = False) -> None:
    data = yaml.safe_load((root / f"meetings/{LAUNCH}.yaml").read_text())
    lines = ["voter,priority,points"]
    public = {"eric-sonnier", "helen-primeaux", "brandon-cormier", "yvonne-hollis"}
    for vote in data["votes"]:
        if without_public and vote["voter"] in public:
            continue
        lines.append(f"{vote['voter']},{vote['priority']},{vote['points']}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _close_teams(ngsp, root: Path) -> None:
    """A new count may park the priorities the example's action teams work on: close the teams first."""
    for team in ("clinical-placements", "cna-to-lpn-pathway", "rural-acute-care-network"):
        assert ngsp("-C", root, "team", "status", team, "done").exit_code == 0


def test_prioritize_json_from_recorded_votes(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "prioritize", "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meeting"] == LAUNCH
    assert [r["priority"] for r in data["ranking"] if r["status"] == "selected"] == [
        "cna-to-lpn",
        "rural-acute-care-network",
        "clinical-placements",
    ]
    assert (data["business_points"], data["public_points"]) == (53, 12)
    assert data["written"] == []


def test_prioritize_from_a_csv_writes_priorities(ngsp, example_folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "votes.csv"
    _write_votes_csv(example_folder, sheet, without_public=True)
    _close_teams(ngsp, example_folder)
    result = ngsp("-C", example_folder, "prioritize", LAUNCH, "--votes", sheet, "--top", "2", "--replace")
    assert result.exit_code == 0, result.output
    assert "cna-to-lpn" in result.stdout
    # Without the public votes and with the cut-off at 2, only these files change.
    assert flat(result.stderr).endswith(
        "wrote 4 files: meetings/2026-09-17-launch-meeting.yaml, priorities/cna-to-lpn.yaml, "
        "priorities/clinical-placements.yaml, priorities/healthcare-careers-youth.yaml"
    )
    clinical = yaml.safe_load((example_folder / "priorities/clinical-placements.yaml").read_text())
    assert (clinical["status"], clinical["votes"]["business_points"]) == ("parked", 9)
    assert clinical["votes"]["public_points"] == 0  # no public votes this time
    meeting = yaml.safe_load((example_folder / f"meetings/{LAUNCH}.yaml").read_text())
    assert len(meeting["votes"]) == 32


def test_prioritize_dry_run_writes_nothing(ngsp, example_folder: Path, tmp_path: Path) -> None:
    before = {p: p.read_text() for p in example_folder.rglob("*.yaml")}
    sheet = tmp_path / "votes.csv"
    sheet.write_text("voter,priority,points\ndenise-broussard,telehealth,3\n", encoding="utf-8")
    result = ngsp("-C", example_folder, "prioritize", "--votes", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "no file was written" in result.stderr
    assert {p: p.read_text() for p in example_folder.rglob("*.yaml")} == before


def test_prioritize_reports_bad_votes_with_file_and_line(ngsp, example_folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "votes.csv"
    sheet.write_text(
        "voter,priority,points\nnobody,cna-to-lpn,1\ndenise-broussard,moon-base,1\n"
        "lisa-arceneaux,cna-to-lpn,3\nlisa-arceneaux,telehealth,1\n",
        encoding="utf-8",
    )
    result = ngsp("-C", example_folder, "prioritize", "--votes", sheet)
    assert result.exit_code == 2
    message = flat(result.stderr)
    assert "have 3 problems; nothing was written" in message
    assert f"{sheet}:2 (voter): unknown voter" in message
    assert f"{sheet}:3 (priority): unknown priority" in message
    assert "Lisa Arceneaux (lisa-arceneaux) spent 4 dots; each voter has 3 (lines 4, 5)" in message
    assert "Traceback" not in result.output


def test_prioritize_tie_needs_pick(ngsp, example_folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "votes.csv"
    sheet.write_text(
        "voter,priority,points\ndenise-broussard,telehealth,2\nraymond-guidry,workforce-housing,2\n",
        encoding="utf-8",
    )
    _close_teams(ngsp, example_folder)
    undecided = ngsp("-C", example_folder, "prioritize", "--votes", sheet, "--top", "1", "--replace")
    assert undecided.exit_code == 2
    message = flat(undecided.stderr)
    assert "the tie at the cut-off between workforce-housing, telehealth is not settled" in message
    assert "--pick" in message
    assert "tied: undecided" in undecided.stdout
    picked = ngsp(
        "-C",
        example_folder,
        "prioritize",
        "--votes",
        sheet,
        "--top",
        "1",
        "--pick",
        "telehealth",
        "--replace",
    )
    assert picked.exit_code == 0, picked.output
    telehealth = yaml.safe_load((example_folder / "priorities/telehealth.yaml").read_text())
    assert telehealth["status"] == "selected"
    assert "chosen by the business leaders" in telehealth["decided_by"]


def test_prioritize_without_votes_off_a_terminal(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "meetings/2027-01-10-launch.yaml": {
                "kind": "launch",
                "title": "Launch",
                "date": "2027-01-10",
                "candidates": [{"id": "housing", "title": "Housing"}],
            }
        }
    )
    result = ngsp("-C", root, "prioritize")
    assert result.exit_code == 2
    assert "no votes are recorded" in result.stderr
    assert "--votes FILE" in result.stderr


def test_team_new_refuses_without_business_champion(ngsp, example_folder: Path) -> None:
    result = ngsp(
        "-C",
        example_folder,
        "team",
        "new",
        "cna-to-lpn",
        "--support",
        "eric-sonnier",
        "--no-input",
        "--force",
    )
    assert result.exit_code == 2
    assert "needs at least one business champion" in flat(result.stderr)
    public = ngsp("-C", example_folder, "team", "new", "cna-to-lpn", "--champion", "eric-sonnier", "--force")
    assert public.exit_code == 2
    assert "is a public partner, not a business champion" in flat(public.stderr)


def test_team_commands_end_to_end(ngsp, example_folder: Path) -> None:
    root = example_folder
    made = ngsp(
        "-C",
        root,
        "team",
        "new",
        "cna-to-lpn",
        "--champion",
        "howard-pitts",
        "--support",
        "patrice-young",
        "--name",
        "Evening LPN track",
        "--goal",
        "20 CNAs enrolled",
        "--formed",
        "2026-10-20",
        "--force",
        "--json",
    )
    assert made.exit_code == 0, made.output
    team = json.loads(made.stdout)
    assert (team["id"], team["champions"], team["support"]) == (
        "evening-lpn-track",
        ["howard-pitts"],
        ["patrice-young"],
    )
    added = ngsp(
        "-C",
        root,
        "team",
        "task",
        "add",
        "evening-lpn-track",
        "Book a room",
        "--owner",
        "patrice-young",
        "--due",
        "2026-11-01",
        "--quick-win",
        "--as-of",
        "2026-10-20",
    )
    assert added.exit_code == 0, added.output
    listed = ngsp("-C", root, "team", "list", "--as-of", "2026-11-25", "--json")
    flags = {t["id"]: [f["kind"] for f in t["flags"]] for t in json.loads(listed.stdout)}
    assert flags["evening-lpn-track"] == ["overdue-tasks"]
    done = ngsp("-C", root, "team", "task", "done", "evening-lpn-track", "t1", "--date", "2026-11-20")
    assert done.exit_code == 0, done.output
    note = ngsp(
        "-C",
        root,
        "team",
        "update",
        "evening-lpn-track",
        "Room booked",
        "--by",
        "howard-pitts",
        "--date",
        "2026-11-20",
    )
    assert note.exit_code == 0, note.output
    shown = ngsp("-C", root, "team", "show", "evening-lpn-track", "--as-of", "2026-11-25")
    assert "[x] t1 Book a room" in flat(shown.stdout)
    assert "2026-11-20 (Howard Pitts): Room booked" in flat(shown.stdout)
    table = ngsp("-C", root, "team", "list", "--as-of", "2026-11-25")
    assert table.exit_code == 0
    assert "evening-lpn-track" in table.stdout
    paused = ngsp("-C", root, "team", "status", "rural-acute-care-network", "paused", "--date", "2026-11-25")
    assert paused.exit_code == 0, paused.output
    listed = ngsp("-C", root, "team", "list", "--as-of", "2026-11-25", "--json")
    flags = {t["id"]: [f["kind"] for f in t["flags"]] for t in json.loads(listed.stdout)}
    assert flags["rural-acute-care-network"] == []
    # The day before the pause it was still active, with its overdue task.
    before = ngsp("-C", root, "team", "list", "--as-of", "2026-11-24", "--json")
    assert "overdue-tasks" in {f["kind"] for t in json.loads(before.stdout) for f in t["flags"]}
    bad = ngsp("-C", root, "team", "status", "rural-acute-care-network", "sleeping")
    assert bad.exit_code == 2


def test_a_recount_keeps_the_tie_settled_earlier(ngsp, example_folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "votes.csv"
    sheet.write_text(
        "voter,priority,points\ndenise-broussard,telehealth,2\nraymond-guidry,workforce-housing,2\n",
        encoding="utf-8",
    )
    _close_teams(ngsp, example_folder)
    first = ngsp(
        "-C", example_folder, "prioritize", "--votes", sheet, "--top", "1", "--pick", "workforce-housing",
        "--replace",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert "replaced the 39 votes recorded in" in flat(first.stderr)
    recount = ngsp("-C", example_folder, "prioritize", "--top", "1", "--json")
    assert recount.exit_code == 0, recount.output
    selected = [r["priority"] for r in json.loads(recount.stdout)["ranking"] if r["status"] == "selected"]
    assert selected == ["workforce-housing"]


def test_team_work_flows_into_agendas_and_memos(ngsp, example_folder: Path) -> None:
    root = example_folder
    ngsp("-C", root, "team", "update", "clinical-placements", "Two hospitals offered 12 new slots",
         "--by", "angela-fontenot", "--date", "2026-11-24")  # fmt: skip
    team_agenda = flat(ngsp("agenda", "2026-12-03-rural-acute-care-network-meeting", "--as-of", "2026-11-25",
                            "-C", root).stdout)  # fmt: skip
    assert "Draft a model transfer agreement with hospital counsel" in team_agenda
    assert "Bed count done" in team_agenda
    assert "Two hospitals offered 12 new slots" not in team_agenda  # another team's news
    assert "Survey CNAs" not in team_agenda
    quarterly = ngsp("agenda", "2026-12-10-quarterly-meeting", "--as-of", "2026-11-25", "-C", root)
    text = flat(quarterly.stdout)
    expected = [
        "Draft a model transfer agreement",
        "Collect written tuition-support commitments",
        "Set up a shared placement calendar",
        "Two hospitals offered 12 new slots (Angela Fontenot)",
        "Survey closed: 214 CNAs",
    ]
    assert [e for e in expected if e not in text] == []
    assert "Count staffed but empty beds" not in text  # done tasks are not on the agenda
    memo = flat(ngsp("memo", "2026-10-06-cna-to-lpn-pathway-first-call", "--as-of", "2026-11-25",
                     "-C", root).stdout)  # fmt: skip
    assert "Draft the evening and weekend LPN track" in memo
    assert "Bed count done" not in memo
