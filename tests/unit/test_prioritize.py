"""Tallying dot votes: business leaders rank, public partners are counted apart."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from ngsp_cli.errors import UsageError
from ngsp_cli.model import PriorityStatus
from ngsp_cli.services.priorities.ballot_check import VotesInvalid
from ngsp_cli.services.priorities.ballots import VoteRow, read_votes_lenient, recorded_votes
from ngsp_cli.services.priorities.recording import record
from ngsp_cli.services.priorities.tally import tally
from ngsp_cli.store import folder as store

LAUNCH = "2026-09-17-launch-meeting"


def _launch(root: Path):
    snap = store.load(root)
    return snap, snap.meetings[LAUNCH]


def test_example_tally_matches_a_hand_count(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    result = tally(snap, meeting, recorded_votes(snap, meeting))
    got = {
        r.id: (r.business_points, r.business_voters, r.public_points, r.public_voters) for r in result.ranking
    }
    # Counted by hand from the votes in meetings/2026-09-17-launch-meeting.yaml.
    assert got == {
        "cna-to-lpn": (16, 9, 2, 2),
        "rural-acute-care-network": (12, 6, 0, 0),
        "clinical-placements": (9, 6, 4, 2),
        "healthcare-careers-youth": (9, 5, 6, 3),
        "telehealth": (4, 3, 0, 0),
        "workforce-housing": (2, 2, 0, 0),
        "behavioral-health-staff": (1, 1, 0, 0),
    }
    assert (len(result.business_voters), len(result.public_voters)) == (18, 4)
    assert [r.id for r in result.selected] == [
        "cna-to-lpn",
        "rural-acute-care-network",
        "clinical-placements",
    ]


def test_example_tally_matches_a_plain_recount_of_the_file(example_folder: Path) -> None:
    """Recount straight from the YAML with no ngsp code, classifying voters by their organization."""
    root = example_folder
    data = yaml.safe_load((root / f"meetings/{LAUNCH}.yaml").read_text())
    kind_of_org = {
        p.stem: yaml.safe_load(p.read_text())["kind"] for p in (root / "organizations").glob("*.yaml")
    }
    org_of = {p.stem: yaml.safe_load(p.read_text())["org"] for p in (root / "people").glob("*.yaml")}
    points: dict[str, int] = defaultdict(int)
    for vote in data["votes"]:
        if kind_of_org[org_of[vote["voter"]]] == "business":
            points[vote["priority"]] += int(vote["points"])
    snap, meeting = _launch(root)
    result = tally(snap, meeting, recorded_votes(snap, meeting))
    assert {r.id: r.business_points for r in result.ranking if r.business_points} == dict(points)


def test_the_priority_files_of_the_example_keep_the_tally(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    result = tally(snap, meeting, recorded_votes(snap, meeting))
    for entry in result.ranking:
        priority = snap.priorities[entry.id]
        assert priority.status is entry.status
        assert priority.votes is not None
        assert (priority.votes.business_points, priority.votes.public_points, priority.votes.rank) == (
            entry.business_points,
            entry.public_points,
            entry.rank,
        )


def _public_people(snap) -> list[str]:
    return sorted(pid for pid in snap.people if not snap.is_business(pid))


def test_public_partner_votes_do_not_change_the_ranking(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    votes = recorded_votes(snap, meeting)
    business_only = [v for v in votes if snap.is_business(v.voter)]
    assert len(business_only) < len(votes)  # the example has public votes to remove
    flood = [VoteRow(pid, "behavioral-health-staff", 3) for pid in _public_people(snap)]

    def outcome(rows):
        result = tally(snap, meeting, rows)
        return [(r.id, r.rank, r.status) for r in result.ranking]

    with_public = outcome(votes)
    assert outcome(business_only) == with_public
    assert outcome(business_only + flood) == with_public
    # Mixed in, the public dots would have put youth careers ahead of clinical placements.
    mixed = {r.id: r.business_points + r.public_points for r in tally(snap, meeting, votes).ranking}
    assert mixed["healthcare-careers-youth"] > mixed["clinical-placements"]


def test_the_tie_at_the_cut_off_is_broken_by_more_business_voters(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    result = tally(snap, meeting, recorded_votes(snap, meeting))
    tie = next(t for t in result.ties if t.at_cutoff)
    assert (sorted(tie.priorities), tie.settled_by) == (
        ["clinical-placements", "healthcare-careers-youth"],
        "rule",
    )
    by_id = {r.id: r for r in result.ranking}
    assert "more business leaders voted for it (6 against 5)" in (
        by_id["clinical-placements"].decided_by or ""
    )
    assert "fewer business leaders" in (by_id["healthcare-careers-youth"].decided_by or "")


def _tied_rows() -> list[VoteRow]:
    # A and B get 2 dots from 2 leaders each; the cut-off at 2 falls inside that tie.
    return [
        VoteRow("denise-broussard", "cna-to-lpn", 3),
        VoteRow("marcus-thibodeaux", "telehealth", 1),
        VoteRow("angela-fontenot", "telehealth", 1),
        VoteRow("raymond-guidry", "workforce-housing", 1),
        VoteRow("lisa-arceneaux", "workforce-housing", 1),
    ]


def test_an_unbreakable_tie_at_the_cut_off_is_left_to_the_convener(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    result = tally(snap, meeting, _tied_rows(), top=2)
    assert sorted(result.undecided) == ["telehealth", "workforce-housing"]
    assert result.open_slots == 1
    with pytest.raises(UsageError, match="not settled"):
        record(snap, meeting, result)
    assert not (example_folder / "priorities/telehealth.yaml").read_text().count("selected")


def test_pick_settles_the_tie_and_is_recorded(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    result = tally(snap, meeting, _tied_rows(), top=2, picks=["workforce-housing"])
    assert [r.id for r in result.selected] == ["cna-to-lpn", "workforce-housing"]
    assert result.undecided == []
    housing = next(r for r in result.ranking if r.id == "workforce-housing")
    assert "tie at the cut-off" in (housing.decided_by or "")


@pytest.mark.parametrize(
    ("picks", "message"),
    [
        (["cna-to-lpn"], "not in the tie"),
        (["telehealth", "workforce-housing"], "leaves 1 place"),
        (["nope"], "no such candidate"),
    ],
)
def test_wrong_picks_are_refused(example_folder: Path, picks: list[str], message: str) -> None:
    snap, meeting = _launch(example_folder)
    with pytest.raises(UsageError, match=message):
        tally(snap, meeting, _tied_rows(), top=2, picks=picks)


def test_pick_without_a_tie_is_refused(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    with pytest.raises(UsageError, match="only for a tie"):
        tally(snap, meeting, recorded_votes(snap, meeting), picks=["telehealth"])


def test_every_problem_of_a_votes_file_is_reported_at_once(example_folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "votes.csv"
    sheet.write_text(
        "voter,priority,points\n"
        "denise-broussard,cna-to-lpn,2\n"
        "denise-broussard,telehealth,2\n"
        "nobody-here,cna-to-lpn,1\n"
        "marcus-thibodeaux,space-program,1\n"
        "angela-fontenot,telehealth,two\n",
        encoding="utf-8",
    )
    snap, meeting = _launch(example_folder)
    rows, read_problems = read_votes_lenient(sheet, display="votes.csv")
    with pytest.raises(VotesInvalid) as caught:
        tally(snap, meeting, rows, problems=read_problems)
    problems = caught.value.problems
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("votes.csv", 3, "points"),
        ("votes.csv", 4, "voter"),
        ("votes.csv", 5, "priority"),
        ("votes.csv", 6, "points"),
    ]
    assert "'two' is not a number of dots" in problems[3].message
    overspent = problems[0].message
    assert overspent == "Denise Broussard (denise-broussard) spent 4 dots; each voter has 3 (lines 2, 3)"
    assert "space-program" in problems[2].message
    assert "cna-to-lpn" in (problems[2].hint or "")


def test_budget_comes_from_settings_or_the_override(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    rows = [VoteRow("denise-broussard", "cna-to-lpn", 4)]
    with pytest.raises(VotesInvalid, match="1 problem"):
        tally(snap, meeting, rows)
    assert tally(snap, meeting, rows, budget=4).budget == 4
    snap.partnership.settings.dot_budget = 5
    assert tally(snap, meeting, rows).budget == 5


def test_yaml_votes_and_names_are_accepted(example_folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "votes.yaml"
    sheet.write_text(
        "votes:\n"
        "  - {voter: Denise Broussard, priority: CNA to LPN career pathway, points: 2}\n"
        "  - {voter: lisa-arceneaux, priority: telehealth}\n"
        "  - {voter: lisa-arceneaux, priority: telehealth, points: 0}\n",
        encoding="utf-8",
    )
    _, problems = read_votes_lenient(sheet, display="votes.yaml")
    assert [(p.line, p.field) for p in problems] == [(4, "points")]
    sheet.write_text(sheet.read_text().rsplit("  - ", 1)[0], encoding="utf-8")
    snap, meeting = _launch(example_folder)
    rows, problems = read_votes_lenient(sheet)
    assert problems == []
    result = tally(snap, meeting, rows)
    by_id = {r.id: r for r in result.ranking}
    assert (by_id["cna-to-lpn"].business_points, by_id["telehealth"].business_points) == (2, 1)


def test_a_csv_without_the_header_names_the_columns(tmp_path: Path) -> None:
    sheet = tmp_path / "votes.csv"
    sheet.write_text("denise-broussard,cna-to-lpn,2\n", encoding="utf-8")
    _, problems = read_votes_lenient(sheet)
    assert len(problems) == 1
    assert "voter,priority,points" in (problems[0].hint or "")


def test_recording_writes_votes_and_priorities_and_is_idempotent(example_folder: Path) -> None:
    root = example_folder
    for path in [*(root / "priorities").glob("*.yaml"), *(root / "action-teams").glob("*.yaml")]:
        path.unlink()
    for path in (root / "meetings").glob("*.yaml"):
        if "team: " in path.read_text():
            path.unlink()
    snap, meeting = _launch(root)
    result = tally(snap, meeting, recorded_votes(snap, meeting), top=2)
    written = record(snap, meeting, result)
    assert sorted(written) == sorted(f"priorities/{c.id}.yaml" for c in meeting.candidates)
    again = store.load(root)
    assert again.priorities["clinical-placements"].status is PriorityStatus.parked
    assert again.priorities["cna-to-lpn"].meeting == LAUNCH
    assert record(again, again.meetings[LAUNCH], result) == []


def test_a_hand_edited_vote_with_unknown_ids_is_a_folder_problem(partnership_tree) -> None:
    from ngsp_cli.errors import FolderInvalid

    root = partnership_tree(
        {
            "meetings/2027-01-10-launch.yaml": {
                "kind": "launch",
                "title": "Launch",
                "date": "2027-01-10",
                "candidates": [{"id": "housing", "title": "Housing"}],
                "votes": [
                    {"voter": "ann-lee", "priority": "housing", "points": 2},
                    {"voter": "zed", "priority": "roads", "points": 1},
                ],
            }
        }
    )
    with pytest.raises(FolderInvalid) as caught:
        store.load(root)
    found = [(p.file, p.line, p.field) for p in caught.value.problems]
    assert found == [
        ("meetings/2027-01-10-launch.yaml", 11, "votes.1.voter"),
        ("meetings/2027-01-10-launch.yaml", 12, "votes.1.priority"),
    ]


def test_only_candidates_with_business_dots_are_selected(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    rows = [VoteRow("denise-broussard", "telehealth", 3), VoteRow("eric-sonnier", "workforce-housing", 3)]
    result = tally(snap, meeting, rows, top=5)
    assert [r.id for r in result.selected] == ["telehealth"]
    assert result.warnings == []


def test_voters_missing_from_the_attendance_are_named(example_folder: Path) -> None:
    snap, meeting = _launch(example_folder)
    rows = [VoteRow("wade-ducote", "telehealth", 1), VoteRow("denise-broussard", "telehealth", 1)]
    result = tally(snap, meeting, rows)
    assert result.warnings == [f"1 voter is not on the attendance list of {LAUNCH}: wade-ducote"]
