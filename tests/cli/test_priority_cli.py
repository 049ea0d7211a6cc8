"""Priorities over time: a refresh vote updates the priorities, `ngsp priority` lists and sets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

LAUNCH = "2025-01-10-launch"
REFRESH = "2027-01-12-refresh"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-02-01")


def _meeting(kind: str, title: str, date: str, candidates: list[tuple[str, str]]) -> dict:
    return {
        "kind": kind,
        "title": title,
        "date": date,
        "status": "held",
        "attendees": ["ann-lee", "bo-diaz"],
        "candidates": [{"id": cid, "title": text} for cid, text in candidates],
    }


@pytest.fixture
def folder(partnership_tree, ngsp, tmp_path: Path) -> Path:
    """A launch in 2025 that selected two priorities, and a refresh vote two years later."""
    root = partnership_tree(
        {
            f"meetings/{LAUNCH}.yaml": _meeting(
                "launch",
                "Launch",
                "2025-01-10",
                [("hiring-pipeline", "Hiring pipeline"), ("broadband", "Broadband"), ("housing", "Housing")],
            ),
            f"meetings/{REFRESH}.yaml": _meeting(
                "full-partnership",
                "Priority refresh",
                "2027-01-12",
                [("hiring-pipeline", "Hiring Pipeline"), ("housing", "Housing"), ("childcare", "Childcare")],
            ),
        }
    )
    votes = tmp_path / "launch.csv"
    votes.write_text(
        "voter,priority,points\nann-lee,hiring-pipeline,2\nann-lee,broadband,1\n", encoding="utf-8"
    )
    first = ngsp("-C", root, "prioritize", LAUNCH, "--votes", votes, "--top", "2")
    assert first.exit_code == 0, first.output
    return root


def _refresh(ngsp, root: Path, tmp_path: Path):
    votes = tmp_path / "refresh.csv"
    votes.write_text("voter,priority,points\nann-lee,housing,2\nann-lee,childcare,1\n", encoding="utf-8")
    return ngsp("-C", root, "prioritize", REFRESH, "--votes", votes, "--top", "2")


def _priority(root: Path, pid: str) -> dict:
    return yaml.safe_load((root / "priorities" / f"{pid}.yaml").read_text(encoding="utf-8"))


def test_a_refresh_vote_updates_the_priorities_and_keeps_every_tally(
    ngsp, folder: Path, tmp_path: Path
) -> None:
    result = _refresh(ngsp, folder, tmp_path)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (folder / "priorities").iterdir())
    # No "...-2027" duplicate: the candidates titled like earlier priorities are those priorities.
    assert files == ["broadband.yaml", "childcare.yaml", "hiring-pipeline.yaml", "housing.yaml"]
    hiring = _priority(folder, "hiring-pipeline")
    assert hiring["status"] == "parked"
    assert hiring["meeting"] == REFRESH
    assert hiring["votes"]["business_points"] == 0
    [before] = hiring["history"]
    assert (str(before["date"]), before["status"], before["meeting"]) == ("2025-01-10", "selected", LAUNCH)
    assert before["votes"]["business_points"] == 2
    housing = _priority(folder, "housing")
    assert housing["status"] == "selected"
    assert [h["status"] for h in housing["history"]] == ["parked"]
    # A selected priority that was not on the new ballot is not silently kept as if re-chosen.
    assert "'Broadband' (broadband) stays selected from the vote at 2025-01-10-launch" in flat(result.stderr)
    check = ngsp("-C", folder, "check", "--json")
    assert check.exit_code == 0, check.output
    assert json.loads(check.stdout)["errors"] == []


def test_recounting_the_refresh_changes_nothing(ngsp, folder: Path, tmp_path: Path) -> None:
    assert _refresh(ngsp, folder, tmp_path).exit_code == 0
    before = _priority(folder, "hiring-pipeline")
    again = ngsp("-C", folder, "prioritize", REFRESH)
    assert again.exit_code == 0, again.output
    assert _priority(folder, "hiring-pipeline") == before


def test_priority_list_and_show_follow_the_as_of_day(ngsp, folder: Path, tmp_path: Path) -> None:
    assert _refresh(ngsp, folder, tmp_path).exit_code == 0
    now = {
        p["id"]: p["status_on_as_of"]
        for p in json.loads(ngsp("-C", folder, "priority", "list", "--json").stdout)
    }
    assert now == {
        "broadband": "selected",
        "childcare": "selected",
        "hiring-pipeline": "parked",
        "housing": "selected",
    }
    back = ngsp("-C", folder, "priority", "list", "--json", "--as-of", "2026-06-01")
    then = {p["id"]: p["status_on_as_of"] for p in json.loads(back.stdout)}
    assert then == {"broadband": "selected", "hiring-pipeline": "selected", "housing": "parked"}
    selected = ngsp("-C", folder, "priority", "list", "--status", "selected")
    assert selected.exit_code == 0, selected.output
    assert "hiring-pipeline" not in selected.stdout
    assert "childcare" in selected.stdout
    shown = ngsp("-C", folder, "priority", "show", "Hiring pipeline")
    assert shown.exit_code == 0, shown.output
    text = flat(shown.stdout)
    assert (
        f"2025-01-10: selected by the vote at {LAUNCH} (2 business dots from 1 business leader, rank 1)"
        in text
    )
    assert f"2027-01-12: parked by the vote at {REFRESH} (0 business dots from 0 business leaders" in text


def test_priority_status_sets_a_dated_status_and_keeps_the_one_before(ngsp, folder: Path) -> None:
    done = ngsp("-C", folder, "priority", "status", "broadband", "done", "--date", "2027-01-20")
    assert done.exit_code == 0, done.output
    data = _priority(folder, "broadband")
    assert (data["status"], str(data["since"])) == ("done", "2027-01-20")
    assert [(str(h["date"]), h["status"]) for h in data["history"]] == [("2025-01-10", "selected")]
    later = ngsp("-C", folder, "priority", "status", "broadband", "selected", "--date", "2027-02-02")
    assert later.exit_code == 2
    assert "2027-02-02 is after today (2027-02-01)" in flat(later.stderr)
    earlier = ngsp("-C", folder, "priority", "status", "broadband", "parked", "--date", "2027-01-19")
    assert earlier.exit_code == 2
    assert "became done on 2027-01-20" in flat(earlier.stderr)
    assert ngsp("-C", folder, "priority", "status", "broadband", "finished").exit_code == 2


def test_parking_a_priority_with_an_active_team_needs_force(ngsp, folder: Path) -> None:
    formed = ngsp(
        "-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee", "--formed", "2025-02-01"
    )
    assert formed.exit_code == 0, formed.output
    refused = ngsp("-C", folder, "priority", "status", "hiring-pipeline", "parked")
    assert refused.exit_code == 2
    said = flat(refused.stderr)
    assert "has the active action team" in said
    assert "--force" in said
    assert _priority(folder, "hiring-pipeline")["status"] == "selected"
    forced = ngsp("-C", folder, "priority", "status", "hiring-pipeline", "parked", "--force")
    assert forced.exit_code == 0, forced.output
    assert _priority(folder, "hiring-pipeline")["status"] == "parked"


def test_the_yearly_refresh_is_judged_from_the_last_vote(ngsp, folder: Path, tmp_path: Path) -> None:
    def refreshed(as_of: str) -> dict:
        result = ngsp("-C", folder, "playbook", "sustain", "--json", "--as-of", as_of)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["progress"]["checklist"]["priorities-refreshed"]

    stale = refreshed("2026-06-01")
    assert stale["state"] == "todo"
    assert "2025-01-10" in stale["detail"]
    assert "507 days ago" in stale["detail"]
    assert _refresh(ngsp, folder, tmp_path).exit_code == 0
    fresh = refreshed("2027-02-01")
    assert fresh["state"] == "done"
    assert f"{REFRESH} on 2027-01-12 (20 days ago)" in fresh["detail"]


def test_old_priority_files_without_history_still_load(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"priorities/roads.yaml": {"title": "Roads", "status": "selected", "votes": {"business_points": 3}}}
    )
    listed = json.loads(ngsp("-C", root, "priority", "list", "--json").stdout)
    assert [(p["id"], p["status"], p["history"]) for p in listed] == [("roads", "selected", [])]
