"""The timeline stays coherent: nothing is recorded as done before its day, dependent dates in order.

Today is NGSP_TODAY (the one clock setting); `--as-of` on a command that writes
may move the day back, never forward.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

TODAY = "2027-02-01"
LAUNCH = "2027-01-10-launch"
LATER = "2027-03-02-spring-meeting"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", TODAY)


@pytest.fixture
def folder(partnership_tree) -> Path:
    """A launch on 2027-01-10 that selected 'Hiring pipeline'; a full meeting planned for 2027-03-02."""
    return partnership_tree(
        {
            f"meetings/{LAUNCH}.yaml": {
                "kind": "launch",
                "title": "Launch",
                "date": "2027-01-10",
                "status": "held",
                "attendees": ["ann-lee", "bo-diaz"],
                "candidates": [
                    {"id": "hiring-pipeline", "title": "Hiring pipeline", "category": "talent"},
                    {"id": "broadband", "title": "Broadband", "category": "infrastructure"},
                ],
                "votes": [
                    {"voter": "ann-lee", "priority": "hiring-pipeline", "points": 2},
                    {"voter": "ann-lee", "priority": "broadband", "points": 1},
                ],
            },
            "priorities/hiring-pipeline.yaml": {
                "title": "Hiring pipeline",
                "category": "talent",
                "meeting": LAUNCH,
                "status": "selected",
                "votes": {"business_points": 2, "business_voters": 1, "rank": 1},
            },
            f"meetings/{LATER}.yaml": {
                "kind": "full-partnership",
                "title": "Spring meeting",
                "date": "2027-03-02",
                "candidates": [{"id": "housing", "title": "Housing", "category": "other"}],
            },
        }
    )


def _digest(root: Path) -> str:
    # ngsp's lock (.ngsp.lock) is taken before a change is checked; it is not the folder's data.
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".ngsp.lock")
    return hashlib.sha256(
        b"".join(p.relative_to(root).as_posix().encode() + p.read_bytes() for p in files)
    ).hexdigest()


# ---------------------------------------------------------------------------
# Finding 3: writing commands never work as if a later day had come


def test_attending_a_meeting_as_of_a_later_day_is_refused_and_it_stays_planned(ngsp, folder: Path) -> None:
    before = _digest(folder)
    result = ngsp("-C", folder, "meeting", "attend", LATER, "ann-lee", "--as-of", "2027-03-02")
    assert result.exit_code == 2
    said = flat(result.stderr)
    assert "2027-03-02 is after today (2027-02-01)" in said
    assert "hint:" in said
    assert "Traceback" not in result.output
    assert _digest(folder) == before
    meetings = json.loads(ngsp("-C", folder, "meeting", "list", "--json").stdout)
    assert {m["id"]: m["status"] for m in meetings}[LATER] == "planned"


WRITING_AS_OF = [
    ("meeting", "new", "other", "--date", "2027-04-01"),
    ("meeting", "attend", LAUNCH, "ann-lee"),
    ("meeting", "note", LAUNCH, "Good turnout"),
    ("meeting", "decide", LAUNCH, "Meet quarterly"),
    ("team", "new", "hiring-pipeline", "--champion", "ann-lee"),
    ("org", "add", "Bayou Bakery", "--kind", "business"),
    ("person", "add", "Cy Park", "--org", "acme-tools"),
    ("prioritize", LAUNCH),
    ("survey", "--answer", "data-shared=yes"),
    ("assess", "--answer", "region-labor-market=yes"),
    ("org", "leave", "acme-tools", "--people-leave"),
    ("person", "leave", "ann-lee"),
]


@pytest.mark.parametrize("args", WRITING_AS_OF, ids=lambda a: " ".join(a[:2]))
def test_every_writing_command_refuses_an_as_of_after_today(
    ngsp, folder: Path, args: tuple[str, ...]
) -> None:
    before = _digest(folder)
    result = ngsp("-C", folder, *args, "--as-of", "2027-02-02")
    assert result.exit_code == 2, result.output
    said = flat(result.stderr)
    assert "--as-of" in said
    assert "2027-02-02 is after today (2027-02-01)" in said
    assert "nothing was written" in said
    assert _digest(folder) == before


def test_team_updates_and_tasks_refuse_an_as_of_after_today(ngsp, folder: Path) -> None:
    assert ngsp("-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee").exit_code == 0
    assert ngsp("-C", folder, "team", "task", "add", "hiring-pipeline", "Map the jobs").exit_code == 0
    before = _digest(folder)
    for args in (
        ("team", "update", "hiring-pipeline", "Met twice"),
        ("team", "task", "done", "hiring-pipeline", "t1"),
    ):
        result = ngsp("-C", folder, *args, "--as-of", "2027-02-02")
        assert result.exit_code == 2, result.output
        assert "2027-02-02 is after today (2027-02-01)" in flat(result.stderr)
    assert _digest(folder) == before


@pytest.mark.parametrize(
    "args",
    [
        ("org", "add", "Bayou Bakery", "--kind", "business", "--joined", "2027-02-02"),
        ("person", "add", "Cy Park", "--org", "acme-tools", "--joined", "2027-02-02"),
        ("team", "new", "hiring-pipeline", "--champion", "ann-lee", "--formed", "2027-02-02"),
        ("survey", "--answer", "data-shared=yes", "--date", "2027-02-02"),
        ("assess", "--answer", "region-labor-market=yes", "--date", "2027-02-02"),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_dates_of_what_happened_may_not_be_after_today(ngsp, folder: Path, args: tuple[str, ...]) -> None:
    before = _digest(folder)
    result = ngsp("-C", folder, *args)
    assert result.exit_code == 2, result.output
    assert "2027-02-02 is after today (2027-02-01)" in flat(result.stderr)
    assert _digest(folder) == before


def test_notes_decisions_and_votes_wait_for_the_meeting_day(ngsp, folder: Path, tmp_path: Path) -> None:
    before = _digest(folder)
    for args in (("meeting", "note", LATER, "Went well"), ("meeting", "decide", LATER, "Meet monthly")):
        result = ngsp("-C", folder, *args)
        assert result.exit_code == 2, result.output
        said = flat(result.stderr)
        assert f"meetings/{LATER}.yaml" in said
        assert "is on 2027-03-02, after today (2027-02-01)" in said
    votes = tmp_path / "votes.csv"
    votes.write_text("voter,priority,points\nann-lee,housing,3\n", encoding="utf-8")
    counted = ngsp("-C", folder, "prioritize", LATER, "--votes", votes)
    assert counted.exit_code == 2, counted.output
    assert "votes cannot have been cast yet" in flat(counted.stderr)
    assert _digest(folder) == before
    # A dry run only shows the count; actions and candidates are plans, written any time.
    assert ngsp("-C", folder, "prioritize", LATER, "--votes", votes, "--dry-run").exit_code == 0
    assert ngsp("-C", folder, "meeting", "candidate", LATER, "Roads").exit_code == 0
    assert ngsp("-C", folder, "meeting", "action", LATER, "Book the room").exit_code == 0
    # Once the day has come (--as-of may move it back, never forward) it is recorded.
    assert ngsp("-C", folder, "meeting", "note", LAUNCH, "Went well", "--as-of", "2027-01-10").exit_code == 0


def test_check_flags_a_meeting_marked_held_before_its_day(ngsp, folder: Path) -> None:
    path = folder / "meetings" / f"{LATER}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "status: held\nattendees: [ann-lee]\n", encoding="utf-8"
    )
    line = path.read_text(encoding="utf-8").splitlines().index("status: held") + 1
    result = ngsp("-C", folder, "check", "--json")
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    [held] = [e for e in errors if e["field"] == "status"]
    assert held["file"] == f"meetings/{LATER}.yaml"
    assert held["line"] == line
    assert "marked held but is on 2027-03-02, after today (2027-02-01)" in held["message"]
    human = ngsp("-C", folder, "check")
    assert f"meetings/{LATER}.yaml:{line}" in flat(human.stdout + human.stderr)


# ---------------------------------------------------------------------------
# Finding 6: dependent dates in order


def test_a_team_formed_after_its_priority_was_chosen_is_accepted(ngsp, folder: Path) -> None:
    result = ngsp(
        "-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee", "--formed", "2027-01-20"
    )
    assert result.exit_code == 0, result.output
    team = yaml.safe_load((folder / "action-teams" / "hiring-pipeline.yaml").read_text(encoding="utf-8"))
    assert str(team["formed"]) == "2027-01-20"
    # Working as of an earlier day (after the vote), the default forming day is that day.
    again = ngsp("-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee", "--force",
                 "--id", "second", "--as-of", "2027-01-25")  # fmt: skip
    assert again.exit_code == 0, again.output
    second = yaml.safe_load((folder / "action-teams" / "second.yaml").read_text(encoding="utf-8"))
    assert str(second["formed"]) == "2027-01-25"


def test_a_team_formed_before_its_priority_was_chosen_is_refused_naming_both_dates(
    ngsp, folder: Path
) -> None:
    before = _digest(folder)
    result = ngsp(
        "-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee", "--formed", "2027-01-05"
    )
    assert result.exit_code == 2
    said = flat(result.stderr)
    assert "formed on 2027-01-05, before its priority 'Hiring pipeline' was selected on 2027-01-10" in said
    assert f"at {LAUNCH}" in said
    assert "--formed 2027-01-10 or later" in said
    assert _digest(folder) == before


def test_the_default_forming_day_is_never_silently_before_the_vote(ngsp, folder: Path) -> None:
    # The launch is moved (by hand) to a day after today: its vote has not happened yet.
    launch = folder / "meetings" / f"{LAUNCH}.yaml"
    launch.write_text(
        launch.read_text(encoding="utf-8").replace("2027-01-10", "2027-02-10"), encoding="utf-8"
    )
    before = _digest(folder)
    result = ngsp("-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee")
    assert result.exit_code == 2
    said = flat(result.stderr)
    assert (
        "formed on 2027-02-01 (today), before its priority 'Hiring pipeline' was selected on 2027-02-10"
        in said
    )
    assert _digest(folder) == before


def test_check_warns_about_a_team_formed_before_its_priority(ngsp, folder: Path) -> None:
    assert ngsp("-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee").exit_code == 0
    team = folder / "action-teams" / "hiring-pipeline.yaml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("formed: 2027-02-01", "formed: 2026-12-01"), encoding="utf-8"
    )
    data = json.loads(ngsp("-C", folder, "check", "--json").stdout)
    [warning] = [w for w in data.get("warnings", []) if w["field"] == "formed"]
    assert warning["file"] == "action-teams/hiring-pipeline.yaml"
    assert "before its priority 'Hiring pipeline' was selected on 2027-01-10" in warning["message"]


def test_meeting_list_and_show_take_as_of(ngsp, folder: Path) -> None:
    listed = ngsp("-C", folder, "meeting", "list", "--json", "--as-of", "2027-01-05")
    assert listed.exit_code == 0, listed.output
    statuses = {m["id"]: (m["status"], m["file_status"]) for m in json.loads(listed.stdout)}
    # Before its day the launch was not held yet; the file's own status is kept apart.
    assert statuses[LAUNCH] == ("planned", "held")
    shown = ngsp("-C", folder, "meeting", "show", LAUNCH, "--as-of", "2027-01-05")
    assert shown.exit_code == 0, shown.output
    assert "launch, planned (file: held): 2027-01-10" in flat(shown.stdout)
    today = json.loads(ngsp("-C", folder, "meeting", "show", LAUNCH, "--json").stdout)
    assert today["status_as_of"] == "held"


def test_an_import_row_joined_after_today_is_refused(ngsp, folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "orgs.csv"
    sheet.write_text("name,kind,joined\nBayou Bakery,business,2027-01-05\nRiver Mill,business,2027-03-01\n")
    result = ngsp("-C", folder, "org", "import", sheet)
    assert result.exit_code == 2, result.output
    said = flat(result.output)
    assert "joined 2027-03-01 is after today (2027-02-01)" in said
    assert "(row 3)" in said
    # The good row is imported, as every import does; the row dated in the future is not.
    assert (folder / "organizations" / "bayou-bakery.yaml").is_file()
    assert not (folder / "organizations" / "river-mill.yaml").exists()
    # Working as of an earlier day, the message names that day, not today.
    sheet.write_text("name,kind,joined\nCane Press,business,2027-01-20\n")
    earlier = ngsp("-C", folder, "org", "import", sheet, "--as-of", "2027-01-15")
    assert earlier.exit_code == 2, earlier.output
    assert "joined 2027-01-20 is after the --as-of day (2027-01-15)" in flat(earlier.output)


def test_team_work_is_not_dated_before_the_team_was_formed(ngsp, folder: Path) -> None:
    formed = ngsp(
        "-C", folder, "team", "new", "hiring-pipeline", "--champion", "ann-lee", "--formed", "2027-01-20"
    )
    assert formed.exit_code == 0, formed.output
    assert ngsp("-C", folder, "team", "task", "add", "hiring-pipeline", "Map the jobs").exit_code == 0
    before = _digest(folder)
    for args, what in (
        (("team", "task", "done", "hiring-pipeline", "t1"), "task t1 finished"),
        (("team", "update", "hiring-pipeline", "Met twice"), "a progress update"),
    ):
        result = ngsp("-C", folder, *args, "--date", "2027-01-15")
        assert result.exit_code == 2, result.output
        said = flat(result.stderr)
        assert f"{what} on 2027-01-15 would come before Hiring pipeline was formed on 2027-01-20" in said
    assert _digest(folder) == before
    assert (
        ngsp("-C", folder, "team", "task", "done", "hiring-pipeline", "t1", "--date", "2027-01-20").exit_code
        == 0
    )


def test_org_and_person_lists_take_as_of(ngsp, folder: Path) -> None:
    added = ngsp("-C", folder, "org", "add", "Bayou Bakery", "--kind", "business", "--joined", "2027-01-20")
    assert added.exit_code == 0, added.output
    assert ngsp("-C", folder, "person", "leave", "bo-diaz", "--date", "2027-01-15").exit_code == 0
    before = {
        o["id"]
        for o in json.loads(ngsp("-C", folder, "org", "list", "--json", "--as-of", "2027-01-10").stdout)
    }
    assert "bayou-bakery" not in before
    now = {o["id"] for o in json.loads(ngsp("-C", folder, "org", "list", "--json").stdout)}
    assert "bayou-bakery" in now
    then = json.loads(ngsp("-C", folder, "person", "list", "--json", "--as-of", "2027-01-10").stdout)
    assert "bo-diaz" in {p["id"] for p in then}
    today = json.loads(ngsp("-C", folder, "person", "list", "--json").stdout)
    assert "bo-diaz" not in {p["id"] for p in today}


def test_a_meeting_with_a_record_does_not_move_after_today(ngsp, folder: Path) -> None:
    """Who came and how they voted happened on a past day: `meeting edit` keeps it there."""
    (folder / "meetings/2027-01-25-review.yaml").write_text(
        "kind: full-partnership\ntitle: Review\ndate: 2027-01-25\nattendees: [ann-lee]\n"
        "decisions: [Keep the hiring pipeline]\n",
        encoding="utf-8",
    )
    before = _digest(folder)
    moved = ngsp("-C", folder, "meeting", "edit", "2027-01-25-review", "--date", "2027-03-15")
    assert moved.exit_code == 2
    said = flat(moved.stderr)
    assert "Review has attendance and decisions recorded" in said
    assert "2027-03-15, which is after today" in said
    assert _digest(folder) == before
    # An earlier day is fine (a wrong day fixed), and a plan without a record moves freely.
    assert ngsp("-C", folder, "meeting", "edit", "2027-01-25-review", "--date", "2027-01-24").exit_code == 0
    assert ngsp("-C", folder, "meeting", "edit", LATER, "--date", "2027-03-09").exit_code == 0


def test_notes_of_what_happened_keep_a_meeting_in_the_past(ngsp, folder: Path) -> None:
    """Notes are written once a meeting's day has come; the reason it was cancelled is not a record."""
    (folder / "meetings/2027-01-26-call.yaml").write_text(
        "kind: full-partnership\ntitle: Call\ndate: 2027-01-26\nnotes: Ann will host the next one.\n",
        encoding="utf-8",
    )
    moved = ngsp("-C", folder, "meeting", "edit", "2027-01-26-call", "--date", "2027-03-15")
    assert moved.exit_code == 2
    assert "Call has notes recorded" in flat(moved.stderr)
    (folder / "meetings/2027-01-27-walk.yaml").write_text(
        "kind: full-partnership\ntitle: Walk\ndate: 2027-01-27\nstatus: cancelled\n"
        "notes: 'Cancelled: snow'\n",
        encoding="utf-8",
    )
    assert ngsp("-C", folder, "meeting", "cancel", "2027-01-27-walk", "--undo").exit_code == 0
    assert "snow" not in (folder / "meetings/2027-01-27-walk.yaml").read_text()  # the reason went with it
    assert ngsp("-C", folder, "meeting", "edit", "2027-01-27-walk", "--date", "2027-03-16").exit_code == 0
