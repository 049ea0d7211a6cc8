"""Safeguards for conveners: recorded votes, active teams and dates are not overwritten by accident."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

LAUNCH = "2026-09-17-launch-meeting"


def flat(text: str) -> str:
    return " ".join(text.split())


def _sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "votes.csv"
    sheet.write_text(
        "voter,priority,points\ndenise-broussard,telehealth,3\nraymond-guidry,workforce-housing,2\n",
        encoding="utf-8",
    )
    return sheet


def _files(root: Path) -> dict[Path, str]:
    return {p: p.read_text() for p in root.rglob("*.yaml")}


def test_new_votes_do_not_replace_recorded_votes_without_replace(ngsp, example_folder: Path, tmp_path: Path):
    before = _files(example_folder)
    result = ngsp("-C", example_folder, "prioritize", "--votes", _sheet(tmp_path))
    assert result.exit_code == 2, result.output
    message = flat(result.stderr)
    assert f"{LAUNCH} already has 39 recorded votes" in message
    assert "--replace" in message
    assert _files(example_folder) == before


def test_dry_run_shows_what_would_be_replaced_and_parked(ngsp, example_folder: Path, tmp_path: Path):
    result = ngsp("-C", example_folder, "prioritize", "--votes", _sheet(tmp_path), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    message = flat(result.stderr)
    assert "would replace the 39 votes recorded in meetings/2026-09-17-launch-meeting.yaml" in message
    assert "would park 'CNA to LPN career pathway' although the action team CNA to LPN pathway" in message
    data = json.loads(result.stdout)
    assert data["replaces_votes"] == 39
    assert {"priority": "cna-to-lpn", "team": "cna-to-lpn-pathway"} in data["parks_active_teams"]


def test_a_priority_with_an_active_team_is_not_parked(ngsp, example_folder: Path, tmp_path: Path):
    before = _files(example_folder)
    result = ngsp("-C", example_folder, "prioritize", "--votes", _sheet(tmp_path), "--replace")
    assert result.exit_code == 2, result.output
    message = flat(result.stderr)
    assert "with an active action team" in message
    assert "Clinical placements (clinical-placements)" in message
    assert "pause or close the team first ('ngsp team status" in message
    assert _files(example_folder) == before


def test_replace_writes_the_new_votes_once_the_teams_are_closed(ngsp, example_folder: Path, tmp_path: Path):
    for team in ("clinical-placements", "cna-to-lpn-pathway", "rural-acute-care-network"):
        assert ngsp("-C", example_folder, "team", "status", team, "paused").exit_code == 0
    result = ngsp("-C", example_folder, "prioritize", "--votes", _sheet(tmp_path), "--replace")
    assert result.exit_code == 0, result.output
    meeting = yaml.safe_load((example_folder / f"meetings/{LAUNCH}.yaml").read_text())
    assert len(meeting["votes"]) == 2
    assert "replaced the 39 votes" in flat(result.stderr)


def test_a_recount_of_the_recorded_votes_needs_no_replace(ngsp, example_folder: Path):
    result = ngsp("-C", example_folder, "prioritize")
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.stderr


def test_team_new_refuses_a_second_active_team_on_a_priority(ngsp, example_folder: Path):
    args = ("-C", example_folder, "team", "new", "cna-to-lpn", "--champion", "denise-broussard")
    refused = ngsp(*args)
    assert refused.exit_code == 2
    message = flat(refused.stderr)
    assert "already has the active action team CNA to LPN pathway (cna-to-lpn-pathway)" in message
    assert "--force" in message
    assert not (example_folder / "action-teams/cna-to-lpn.yaml").exists()
    forced = ngsp(*args, "--force", "--name", "LPN evening track", "--formed", "2026-10-01")
    assert forced.exit_code == 0, forced.output
    status = ngsp("-C", example_folder, "status", "--as-of", "2026-10-02")
    assert status.exit_code in (0, 1), status.output


def test_team_update_refuses_a_future_date(ngsp, example_folder: Path):
    path = example_folder / "action-teams/clinical-placements.yaml"
    before = path.read_text()
    result = ngsp(
        "-C", example_folder, "team", "update", "clinical-placements", "Met the deans",
        "--date", "2026-12-01", "--as-of", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "2026-12-01 is after the --as-of day (2026-11-25)" in flat(result.stderr)
    assert path.read_text() == before
    ok = ngsp(
        "-C", example_folder, "team", "update", "clinical-placements", "Met the deans",
        "--date", "2026-11-25", "--as-of", "2026-11-25",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output
