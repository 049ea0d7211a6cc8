"""`ngsp meeting ...`: plan from the playbook, record what happened, keep hand edits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from ngsp_cli.model import MeetingKind
from ngsp_cli.playbook import load_playbook
from ngsp_cli.resources import bundled


@pytest.fixture(autouse=True)
def calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is after every meeting these tests record; --as-of moves the day back."""
    monkeypatch.setenv("NGSP_TODAY", "2030-01-15")


def flat(text: str) -> str:
    """Output with the terminal's line wrapping undone."""
    return " ".join(text.split())


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_new_meeting_takes_its_agenda_from_the_playbook(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "meeting", "new", "launch", "--date", "2027-03-04", "--time", "8:00",
                  "--location", "Civic Center", "--invite-all-business", "--invite", "Bo Diaz")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = _read(root / "meetings/2027-03-04-launch-meeting.yaml")
    outline = load_playbook().outline(MeetingKind.launch)
    assert outline is not None
    assert [item["title"] for item in data["agenda"]] == [item.title for item in outline.items]
    assert data["duration_minutes"] == outline.minutes
    assert data["time"] == "08:00"
    assert data["invitees"] == ["ann-lee", "bo-diaz"]
    assert data.get("status", "planned") == "planned"


def test_override_outline_is_used_for_new_meetings(ngsp, partnership_tree) -> None:
    phase = _read(bundled("playbooks") / "phases/5-move-to-action.yaml")
    phase["agenda"]["full-partnership"] = {
        "title": "Quarterly business roundtable",
        "source": "local",
        "items": [{"title": "Roundtable", "minutes": 90, "lead": "co-chairs"}],
    }
    root = partnership_tree({"playbook/phases/5-move-to-action.yaml": phase})
    result = ngsp("-C", root, "meeting", "new", "full-partnership", "--date", "2027-06-01")
    assert result.exit_code == 0, result.output
    data = _read(root / "meetings/2027-06-01-quarterly-business-roundtable.yaml")
    assert data["agenda"] == [{"title": "Roundtable", "minutes": 90, "lead": "co-chairs"}]


def test_the_same_meeting_twice_is_refused_unless_forced(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    assert ngsp("-C", root, "meeting", "new", "full-partnership", "--date", "2027-03-04").exit_code == 0
    again = ngsp("-C", root, "meeting", "new", "full-partnership", "--date", "2027-03-04")
    assert again.exit_code == 2
    (first,) = (root / "meetings").iterdir()
    assert f"meetings/{first.name}" in flat(again.stderr)
    assert "--force" in flat(again.stderr)
    assert ngsp("-C", root, "meeting", "new", "full-partnership", "--date", "2027-03-04",
                "--title", "Evening session").exit_code == 0  # fmt: skip
    assert ngsp("-C", root, "meeting", "new", "full-partnership", "--date", "2027-03-04",
                "--force").exit_code == 0  # fmt: skip
    assert len(list((root / "meetings").iterdir())) == 3


def test_two_meetings_on_one_day_get_their_own_files(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    for title in ("Morning", "Morning!"):
        result = ngsp("-C", root, "meeting", "new", "other", "--date", "2027-01-05", "--title", title,
                      "--force")  # fmt: skip
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "meetings").iterdir()) == [
        "2027-01-05-morning-2.yaml",
        "2027-01-05-morning.yaml",
    ]


def test_bad_input_is_a_usage_error(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    cases = [
        (("meeting", "new", "picnic", "--date", "2027-01-05"), "not a kind of meeting"),
        (("meeting", "new", "other", "--date", "2027-01-05", "--time", "25:00"), "24-hour"),
        (("meeting", "new", "other", "--date", "2027-01-05", "--invite", "Nobody Here"), "no person"),
        (("meeting", "new", "other", "--no-input"), "--date"),
        (("meeting", "show", "nothing"), "no meeting"),
    ]
    for args, expected in cases:
        result = ngsp("-C", root, *args)
        assert result.exit_code == 2, args
        assert expected in flat(result.stderr), args
    assert not (root / "meetings").exists() or not list((root / "meetings").iterdir())


MEETING_WITH_COMMENTS = """\
# Notes typed by Bo during the meeting; keep them.
kind: full-partnership
title: Spring meeting
date: 2027-04-01
invitees:
  - ann-lee   # confirmed by phone
  - bo-diaz
notes: |-
  Ann opened the meeting.
  Coffee ran out at 9.
"""


def test_attend_keeps_hand_comments_and_marks_the_meeting_held(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-04-01-spring-meeting.yaml": MEETING_WITH_COMMENTS})
    result = ngsp("-C", root, "meeting", "attend", "Spring meeting", "Ann Lee", "bo-diaz",
                  "--as-of", "2027-04-02")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (root / "meetings/2027-04-01-spring-meeting.yaml").read_text()
    assert text.startswith("# Notes typed by Bo during the meeting; keep them.\n")
    assert "  - ann-lee   # confirmed by phone\n" in text
    assert "notes: |-\n  Ann opened the meeting.\n  Coffee ran out at 9.\n" in text
    data = _read(root / "meetings/2027-04-01-spring-meeting.yaml")
    assert data["attendees"] == ["ann-lee", "bo-diaz"]
    assert data["status"] == "held"


def test_attendance_before_the_day_is_refused(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-04-01-spring-meeting.yaml": MEETING_WITH_COMMENTS})
    path = root / "meetings/2027-04-01-spring-meeting.yaml"
    before = path.read_text(encoding="utf-8")
    early = ngsp("-C", root, "meeting", "attend", "2027-04-01", "bo-diaz", "--as-of", "2027-03-01")
    assert early.exit_code == 2
    assert "nobody has come to it yet" in flat(early.stderr)
    assert "ngsp meeting invite" in flat(early.stderr)
    assert path.read_text(encoding="utf-8") == before
    on_the_day = ngsp(
        "-C", root, "meeting", "attend", "2027-04-01", "ann-lee", "bo-diaz", "--as-of", "2027-04-01"
    )
    assert on_the_day.exit_code == 0, on_the_day.output
    data = _read(path)
    assert (data["status"], data["attendees"]) == ("held", ["ann-lee", "bo-diaz"])


def test_notes_decisions_actions_and_candidates(ngsp, partnership_tree) -> None:
    root = partnership_tree({"meetings/2027-04-01-spring-meeting.yaml": MEETING_WITH_COMMENTS})
    meeting = "2027-04-01-spring-meeting"
    steps = [
        ("note", meeting, "Second paragraph."),
        ("decide", meeting, "Meet every quarter."),
        ("action", meeting, "Send the summary", "--owner", "Bo Diaz", "--due", "2027-04-08"),
        (
            "candidate",
            meeting,
            "Welding apprenticeships",
            "--category",
            "talent",
            "--description",
            "Shared program",
        ),
    ]
    for args in steps:
        result = ngsp("-C", root, "meeting", *args)
        assert result.exit_code == 0, (args, result.output)
    data = _read(root / f"meetings/{meeting}.yaml")
    assert data["notes"] == "Ann opened the meeting.\nCoffee ran out at 9.\n\nSecond paragraph."
    assert data["decisions"] == ["Meet every quarter."]
    assert data["action_items"] == [
        {"text": "Send the summary", "owner": "bo-diaz", "due": dt.date(2027, 4, 8)}
    ]
    assert data["candidates"] == [{"id": "welding-apprenticeships", "title": "Welding apprenticeships",
                                   "description": "Shared program", "category": "talent"}]  # fmt: skip
    again = ngsp("-C", root, "meeting", "candidate", meeting, "welding apprenticeships")
    assert again.exit_code == 2
    assert "already a candidate" in flat(again.stderr)
    shown = json.loads(ngsp("-C", root, "meeting", "show", meeting, "--json").stdout)
    assert shown["invited"] == {"business": 1, "public": 1}
    assert [p["business"] for p in shown["invitees"]] == [True, False]


def test_list_and_show_on_the_example(ngsp, example_folder: Path) -> None:
    listed = ngsp("-C", example_folder, "meeting", "list", "--json")
    assert listed.exit_code == 0, listed.output
    meetings = json.loads(listed.stdout)
    assert [m["date"] for m in meetings] == sorted(m["date"] for m in meetings)
    launch = next(m for m in meetings if m["kind"] == "launch")
    assert launch["attended"]["business"] > launch["attended"]["public"]
    shown = ngsp("-C", example_folder, "meeting", "show", launch["id"])
    assert shown.exit_code == 0, shown.output
    assert "Candidate priorities" in shown.stdout
    assert "Action items" in shown.stdout
    table = ngsp("-C", example_folder, "meeting", "list")
    assert launch["id"] in table.stdout


def test_a_planned_meeting_shows_up_in_status(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    assert ngsp("-C", root, "meeting", "new", "convener-team", "--date", "2030-02-01").exit_code == 0
    status = json.loads(ngsp("-C", root, "status", "--json", "--as-of", "2030-01-15").stdout)
    assert [m["id"] for m in status["upcoming_meetings"]] == ["2030-02-01-support-team-kickoff"]


def test_list_fits_80_columns_with_whole_ids_and_plain_counts(
    ngsp, example_folder: Path, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    made = ngsp("-C", example_folder, "meeting", "new", "other", "--date", "2027-01-05",
                "--title", "Plan [/bold] [red]now")  # fmt: skip
    assert made.exit_code == 0, made.output
    result = ngsp("-C", example_folder, "meeting", "list")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    joined = "".join(result.stdout.split())
    for meeting in (example_folder / "meetings").glob("*.yaml"):
        assert meeting.stem in joined
    assert "Plan [/bold] [red]now" in result.stdout
    launch = json.loads(ngsp("-C", example_folder, "meeting", "list", "--json").stdout)
    first = next(m for m in launch if m["attendees"])
    came = f"{first['attended']['business']} biz · {first['attended']['public']} pub"
    assert came in flat(result.stdout)


def test_the_support_team_is_a_kind_of_meeting_by_that_name_too(ngsp, partnership_tree) -> None:
    # Screens call the convener team "the support team"; both words plan the same meeting.
    root = partnership_tree()
    result = ngsp(
        "-C", root, "meeting", "new", "Support team", "--date", "2027-02-03", "--as-of", "2027-01-05"
    )
    assert result.exit_code == 0, result.output
    [path] = (root / "meetings").glob("2027-02-03-*.yaml")
    assert _read(path)["kind"] == "convener-team"
    listed = ngsp("-C", root, "meeting", "list", "--kind", "support", "--json")
    assert [m["kind"] for m in json.loads(listed.stdout)] == ["convener-team"]
