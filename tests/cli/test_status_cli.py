"""`ngsp status` and `ngsp playbook` on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def flat(text: str) -> str:
    """Output with the terminal's line wrapping undone."""
    return " ".join(text.split())


def test_status_on_the_example_names_the_next_step(ngsp, example_folder: Path) -> None:
    for sub in ("priorities", "action-teams"):
        shutil.rmtree(example_folder / sub, ignore_errors=True)
    for meeting in (example_folder / "meetings").glob("*.yaml"):
        if "\nkind: action-team" in "\n" + meeting.read_text():
            meeting.unlink()
    result = ngsp("-C", example_folder, "status", "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert "Phase 4 of 6: Hold the launch meeting" in flat(result.stdout)
    assert "Next step: Record the few priorities business leaders chose" in flat(result.stdout)
    assert "First quarterly meeting of the full partnership" in flat(result.stdout)
    assert "due 2026-10-15" in flat(result.stdout)


def test_status_json_is_one_document(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "status", "--as-of", "2026-11-25", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-25"
    assert [p["number"] for p in data["phases"]] == [1, 2, 3, 4, 5, 6]
    quarterly = next(m for m in data["upcoming_meetings"] if m["id"] == "2026-12-10-quarterly-meeting")
    assert quarterly["invited_business"] > quarterly["invited_public"]
    assert data["next_step"] is None or set(data["next_step"]) == {"id", "text", "why", "evidence"}


def test_status_shows_warnings(ngsp, partnership_tree) -> None:
    root = partnership_tree({
        "people/pat-poe.yaml": {"name": "Pat Poe", "org": "valley-workforce-board"},
        "meetings/2030-01-10-big.yaml": {
            "kind": "full-partnership", "title": "Big meeting", "date": "2030-01-10",
            "invitees": ["ann-lee", "bo-diaz", "pat-poe"],
        },
    })  # fmt: skip
    result = ngsp("-C", root, "status", "--as-of", "2029-12-01")
    assert result.exit_code == 0, result.output
    assert "Warnings" in flat(result.stdout)
    assert "2 public partners are invited but only 1 business leader" in flat(result.stdout)


def test_status_outside_a_folder_is_a_usage_error(ngsp) -> None:
    result = ngsp("status")
    assert result.exit_code == 2
    assert "not inside a partnership folder" in result.stderr


def test_playbook_lists_phases_and_marks_the_current_one(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "playbook", "--json")
    assert result.exit_code == 0, result.output
    phases = json.loads(result.stdout)
    assert [p["id"] for p in phases if p["current"]] == ["support-team"]
    text = ngsp("-C", root, "playbook")
    assert "→ 1. Build the regional support team" in flat(text.stdout)


def test_playbook_phase_by_number_or_id(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    by_number = ngsp("-C", root, "playbook", "4")
    by_id = ngsp("-C", root, "playbook", "launch")
    assert by_number.exit_code == 0, by_number.output
    assert by_number.stdout == by_id.stdout
    assert "Hold the launch meeting" in flat(by_number.stdout)
    assert "Pitfalls" in flat(by_number.stdout)
    assert "Agenda outline" in flat(by_number.stdout)


def test_playbook_works_outside_a_partnership(ngsp) -> None:
    result = ngsp("playbook", "sustain")
    assert result.exit_code == 0, result.output
    assert "Sustain and grow the partnership" in flat(result.stdout)


def test_playbook_unknown_phase(ngsp) -> None:
    result = ngsp("playbook", "lunch")
    assert result.exit_code == 2
    assert "launch" in result.stderr


def test_playbook_rules_are_documented(ngsp) -> None:
    result = ngsp("playbook", "--rules", "--json")
    assert result.exit_code == 0
    rules = {r["id"]: r for r in json.loads(result.stdout)}
    assert "champions-at-least" in rules
    assert all(r["description"] for r in rules.values())


def test_tick_a_manual_item_and_take_it_back(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    (root / "partnership.yaml").write_text("# our partnership\n" + (root / "partnership.yaml").read_text())

    def pitch_state() -> str:
        data = json.loads(ngsp("-C", root, "status", "--json").stdout)
        return next(item["state"] for item in data["checklist"] if item["id"] == "elevator-pitch")

    assert pitch_state() == "manual"
    result = ngsp("-C", root, "playbook", "--tick", "elevator-pitch")
    assert result.exit_code == 0, result.output
    assert pitch_state() == "done"
    text = (root / "partnership.yaml").read_text()
    assert text.startswith("# our partnership\n")
    assert "checked:\n  - elevator-pitch\n" in text
    assert ngsp("-C", root, "playbook", "--untick", "elevator-pitch").exit_code == 0
    assert pitch_state() == "manual"


def test_items_computed_from_the_files_cannot_be_ticked(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "playbook", "--tick", "champions-recruited")
    assert result.exit_code == 2
    assert "ticked from your files" in flat(result.stderr)


def test_a_held_launch_and_later_meetings_move_the_phase_past_preparation(ngsp, tmp_path: Path) -> None:
    folder = tmp_path / "laramie"
    made = ngsp("init", folder, "--example", "laramie-county-hospitality", "--no-git")
    assert made.exit_code == 0, made.output
    result = ngsp("-C", folder, "status", "--as-of", "2026-11-25", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["phase"]["number"] >= 5, data["phase"]
    states = {p["number"]: p["state"] for p in data["phases"]}
    assert states[3] == "moot"
    text = flat(ngsp("-C", folder, "status", "--as-of", "2026-11-25").stdout)
    assert "Build the invitation list" not in text
    assert "–3" in text


def test_status_counts_only_evidence_dated_by_as_of(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "status", "--as-of", "2025-01-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_number = {p["number"]: p for p in data["phases"]}
    assert not by_number[5]["complete"], "teams formed later must not count in 2025"
    assert all(p["state"] in {"current", "ahead"} for p in data["phases"] if p["number"] > 1)
    text = flat(ngsp("-C", example_folder, "status", "--as-of", "2025-01-01").stdout)
    assert "✓5" not in text


def test_past_planned_meetings_without_attendance_are_listed(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "status", "--as-of", "2027-02-01")
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "2026-12-10" in text
    assert "2026-12-03" in text
    assert "held? record who came with 'ngsp meeting attend 2026-12-10-quarterly-meeting" in text
    data = json.loads(ngsp("-C", example_folder, "status", "--as-of", "2027-02-01", "--json").stdout)
    assert "2026-12-10-quarterly-meeting" in [m["id"] for m in data["unrecorded_meetings"]]


def test_long_lists_are_cut_on_screen_with_the_count_and_the_command_to_see_all(
    ngsp, partnership_tree
) -> None:
    teams = {
        f"action-teams/team-{n:02d}.yaml": {
            "name": f"Team {n:02d}", "priority": "training", "champions": ["ann-lee"],
            "formed": "2026-01-05",
            "tasks": [{"id": "t1", "text": f"Step of team {n:02d}", "due": "2026-02-01"}],
        }
        for n in range(14)
    }  # fmt: skip
    root = partnership_tree(
        {"priorities/training.yaml": {"title": "Training", "status": "selected"}, **teams}
    )
    result = ngsp("-C", root, "status", "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    # Each team is stale and has an overdue task: 28 flags, 10 shown.
    assert "and 18 more: see them all with 'ngsp team list'" in out
    assert "and 4 more: see them all with 'ngsp status --json'" in out  # 14 overdue tasks
    assert "Team 09" in out
    assert "Step of team 13" not in out
    data = json.loads(ngsp("-C", root, "status", "--as-of", "2026-11-25", "--json").stdout)
    assert len(data["overdue_tasks"]) == 14
    assert len(data["team_flags"]) == 28
