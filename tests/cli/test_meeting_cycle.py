"""The meeting cycle from the command line: change, cancel, close action items, RSVPs."""

from __future__ import annotations

import json
from pathlib import Path

import yaml


def flat(text: str) -> str:
    return " ".join(text.split())


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


MEETING = "meetings/2027-03-04-full-partnership-meeting.yaml"


def _tree(partnership_tree, **meeting: object) -> Path:
    data = {
        "kind": "full-partnership",
        "title": "Full partnership meeting",
        "date": "2027-03-04",
        "time": "08:00",
        "invitees": ["ann-lee", "bo-diaz"],
        **meeting,
    }
    return partnership_tree({MEETING: data})


def test_edit_moves_the_meeting_and_keeps_its_id_and_file(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree)
    (root / MEETING).write_text(
        "# room booked by Bo\n" + (root / MEETING).read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = ngsp("-C", root, "meeting", "edit", "Full partnership meeting", "--date", "2027-03-11",
                  "--time", "9:30", "--place", "Civic Center", "--title", "Spring meeting",
                  "--uninvite", "Bo Diaz", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = _read(root / MEETING)
    assert (data["date"], data["time"], data["location"]) == (dt_str("2027-03-11"), "09:30", "Civic Center")
    assert data["title"] == "Spring meeting"
    assert data["invitees"] == ["ann-lee"]
    assert "# room booked by Bo" in (root / MEETING).read_text(encoding="utf-8")
    assert sorted(p.name for p in (root / "meetings").iterdir()) == [Path(MEETING).name]
    out = json.loads(result.stdout)
    assert out["id"] == "2027-03-04-full-partnership-meeting"
    assert set(out["changed"]) == {"date", "time", "location", "title", "invitees"}


def dt_str(text: str) -> object:
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_edit_with_nothing_new_changes_nothing(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree)
    before = (root / MEETING).read_text(encoding="utf-8")
    result = ngsp("-C", root, "meeting", "edit", "Full partnership meeting", "--time", "08:00")
    assert result.exit_code == 0
    assert "nothing changed" in result.stderr
    assert (root / MEETING).read_text(encoding="utf-8") == before


def test_edit_refuses_bad_values_with_a_hint(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree)
    before = (root / MEETING).read_text(encoding="utf-8")
    for args, said in (
        (("--time", "25:00"), "--time"),
        (("--uninvite", "Nobody Here"), "Nobody Here"),
        (("--kind", "picnic"), "picnic"),
    ):
        result = ngsp("-C", root, "meeting", "edit", "Full partnership meeting", *args)
        assert result.exit_code == 2, (args, result.output)
        assert said in flat(result.stderr)
        assert "hint:" in result.stderr
    bad_day = ngsp("-C", root, "meeting", "edit", "Full partnership meeting", "--date", "2027-13-01")
    assert bad_day.exit_code == 2
    assert "'2027-13-01' is not a date" in bad_day.output
    assert (root / MEETING).read_text(encoding="utf-8") == before


def test_a_held_meeting_keeps_its_day(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree, status="held", attendees=["ann-lee"], date="2026-03-04")
    result = ngsp("-C", root, "meeting", "edit", "Full partnership meeting", "--date", "2026-03-05")
    assert result.exit_code == 2
    assert "held" in result.stderr
    assert "hint:" in result.stderr


def test_cancel_keeps_the_meeting_out_of_upcoming_and_documents(ngsp, partnership_tree, monkeypatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-02-01")
    root = _tree(partnership_tree)
    result = ngsp("-C", root, "meeting", "cancel", "Full partnership meeting", "--reason", "ice storm")
    assert result.exit_code == 0, result.output
    data = _read(root / MEETING)
    assert data["status"] == "cancelled"
    assert "ice storm" in data["notes"]
    status = json.loads(ngsp("-C", root, "status", "--json").stdout)
    assert status["upcoming_meetings"] == []
    listing = json.loads(ngsp("-C", root, "meeting", "list", "--json").stdout)
    assert [m["status"] for m in listing] == ["cancelled"]
    for document in ("agenda", "invite"):
        refused = ngsp("-C", root, document, "Full partnership meeting")
        assert refused.exit_code == 2, refused.output
        assert "cancelled" in refused.stderr
        assert "--undo" in flat(refused.stderr)
    # With no meeting named, the documents skip it: no meeting is planned any more.
    assert ngsp("-C", root, "agenda").exit_code == 2
    invite = ngsp("-C", root, "meeting", "invite", "Full partnership meeting", "Ann Lee")
    assert invite.exit_code == 2
    assert "cancelled" in invite.stderr
    assert ngsp("-C", root, "meeting", "edit", "Full partnership meeting", "--time", "9:00").exit_code == 2
    again = ngsp("-C", root, "meeting", "cancel", "Full partnership meeting")
    assert again.exit_code == 2
    assert "already cancelled" in again.stderr


def test_cancel_undo_plans_it_again(ngsp, partnership_tree, monkeypatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-02-01")
    root = _tree(partnership_tree)
    assert ngsp("-C", root, "meeting", "cancel", "Full partnership meeting").exit_code == 0
    assert ngsp("-C", root, "meeting", "cancel", "Full partnership meeting", "--undo").exit_code == 0
    assert _read(root / MEETING).get("status", "planned") == "planned"
    assert ngsp("-C", root, "agenda", "Full partnership meeting").exit_code == 0
    not_cancelled = ngsp("-C", root, "meeting", "cancel", "Full partnership meeting", "--undo")
    assert not_cancelled.exit_code == 2
    assert "not cancelled" in not_cancelled.stderr


def test_a_held_meeting_cannot_be_cancelled(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree, status="held", attendees=["ann-lee"], date="2026-03-04")
    result = ngsp("-C", root, "meeting", "cancel", "Full partnership meeting")
    assert result.exit_code == 2
    assert "held" in result.stderr
    assert "hint:" in result.stderr


ACTIONS = [
    {"text": "Send the thank-you notes", "owner": "bo-diaz", "due": "2026-03-05"},
    {"text": "Share the waitlist numbers", "owner": "ann-lee"},
]


def test_action_items_are_done_and_reopened(ngsp, partnership_tree) -> None:
    root = _tree(
        partnership_tree, status="held", attendees=["ann-lee"], date="2026-03-04", action_items=ACTIONS
    )
    result = ngsp("-C", root, "meeting", "done", "Full partnership meeting", "2", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["done"] is True
    assert [a.get("done", False) for a in _read(root / MEETING)["action_items"]] == [False, True]
    by_text = ngsp("-C", root, "meeting", "done", "Full partnership meeting", "send the")
    assert by_text.exit_code == 0, by_text.output
    assert [a.get("done", False) for a in _read(root / MEETING)["action_items"]] == [True, True]
    assert ngsp("-C", root, "meeting", "reopen", "Full partnership meeting", "1").exit_code == 0
    assert [a.get("done", False) for a in _read(root / MEETING)["action_items"]] == [False, True]
    shown = ngsp("-C", root, "meeting", "show", "Full partnership meeting").stdout
    assert "1 ☐ Send the thank-you notes" in shown
    assert "2 ✓ Share the waitlist numbers" in shown


def test_memo_and_agenda_follow_the_action_items(ngsp, partnership_tree, monkeypatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2026-04-01")
    root = partnership_tree({
        MEETING.replace("2027", "2026"): {
            "kind": "full-partnership", "title": "Full partnership meeting", "date": "2026-03-04",
            "status": "held", "attendees": ["ann-lee"], "action_items": ACTIONS,
        },
        "meetings/2026-06-01-next-meeting.yaml": {
            "kind": "full-partnership", "title": "Next meeting", "date": "2026-06-01",
        },
    })  # fmt: skip
    held = "2026-03-04-full-partnership-meeting"
    assert ngsp("-C", root, "meeting", "done", held, "1").exit_code == 0
    memo = ngsp("-C", root, "memo", held).stdout
    assert "| Send the thank-you notes | Bo Diaz | Mar 5, 2026 | done |" in memo
    assert "| Share the waitlist numbers | Ann Lee |  | open |" in memo
    agenda = ngsp("-C", root, "agenda", "Next meeting").stdout
    assert "Share the waitlist numbers" in agenda
    assert "Send the thank-you notes" not in agenda
    assert ngsp("-C", root, "meeting", "reopen", held, "1").exit_code == 0
    assert "Send the thank-you notes" in ngsp("-C", root, "agenda", "Next meeting").stdout


def test_action_item_refusals_name_the_items(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree, action_items=ACTIONS)
    unknown = ngsp("-C", root, "meeting", "done", "Full partnership meeting", "7")
    assert unknown.exit_code == 2
    assert "1: Send the thank-you notes" in flat(unknown.stderr)
    open_already = ngsp("-C", root, "meeting", "reopen", "Full partnership meeting", "1")
    assert open_already.exit_code == 2
    assert "already open" in open_already.stderr


def _rsvp_tree(partnership_tree) -> Path:
    people = {
        f"people/{pid}.yaml": {"name": name, "org": "valley-workforce-board", "roles": ["public-partner"]}
        for pid, name in (("cy-fox", "Cy Fox"), ("di-ng", "Di Ng"))
    }
    return partnership_tree({
        **people,
        MEETING: {
            "kind": "full-partnership", "title": "Full partnership meeting", "date": "2027-03-04",
            "invitees": ["ann-lee", "bo-diaz", "cy-fox"],
        },
    })  # fmt: skip


def test_rsvp_counts_who_is_expected_and_warns_when_partners_outnumber(
    ngsp, partnership_tree, monkeypatch
) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-02-01")
    root = _rsvp_tree(partnership_tree)
    result = ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "Bo Diaz", "cy-fox", "--yes")
    assert result.exit_code == 0, result.output
    assert "said yes: 0 business leaders, 2 public partners" in flat(result.stderr)
    assert "warning:" in result.stderr
    data = _read(root / MEETING)
    assert data["rsvp"] == {"bo-diaz": "yes", "cy-fox": "yes"} or data["rsvp"] == {
        "bo-diaz": True,
        "cy-fox": True,
    }
    # Someone not invited who answers (a peer forwarded the invitation) joins the invitees.
    added = ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "di-ng", "--no")
    assert added.exit_code == 0, added.output
    assert "di-ng" in _read(root / MEETING)["invitees"]
    status = json.loads(ngsp("-C", root, "status", "--json").stdout)
    (upcoming,) = status["upcoming_meetings"]
    assert (upcoming["said_yes_business"], upcoming["said_yes_public"]) == (0, 2)
    assert "public-majority-expected" in [w["kind"] for w in status["warnings"]]
    shown = ngsp("-C", root, "meeting", "show", "Full partnership meeting")
    assert "said yes: 0 business leaders, 2 public partners; no: 1; 1 has not answered" in flat(shown.stdout)
    assert "warning:" in shown.stderr
    shown_json = json.loads(ngsp("-C", root, "meeting", "show", "Full partnership meeting", "--json").stdout)
    assert shown_json["answers"]["yes"] == {"business": 0, "public": 2}
    agenda = ngsp("-C", root, "agenda", "Full partnership meeting")
    assert "**Expected (said yes):** 0 business leaders and 2 public partners" in agenda.stdout
    assert "warning:" in agenda.stderr
    invite = ngsp("-C", root, "invite", "Full partnership meeting")
    assert invite.exit_code == 0, invite.output
    assert "3 of 4 invitees answered so far: 0 business leaders and 2 public partners said yes" in flat(
        invite.stderr
    )
    assert "warning: 2 public partners said yes but only 0 business leaders" in flat(invite.stderr)
    # Once the business leader says yes and a partner changes their mind, the warning goes.
    assert ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "Ann Lee", "--yes").exit_code == 0
    assert ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "cy-fox", "--maybe").exit_code == 0
    status = json.loads(ngsp("-C", root, "status", "--json").stdout)
    assert "public-majority-expected" not in [w["kind"] for w in status["warnings"]]
    assert "warning:" not in ngsp("-C", root, "agenda", "Full partnership meeting").stderr
    invite = ngsp("-C", root, "invite", "Full partnership meeting")
    assert "1 business leader and 1 public partner said yes" in flat(invite.stderr)
    assert "warning:" not in invite.stderr
    assert ngsp("-C", root, "check").exit_code == 0


def test_rsvp_refuses_unknown_people_and_missing_answers(ngsp, partnership_tree) -> None:
    root = _rsvp_tree(partnership_tree)
    before = (root / MEETING).read_text(encoding="utf-8")
    unknown = ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "Zed Unknown", "--yes")
    assert unknown.exit_code == 2
    assert "Zed Unknown" in unknown.stderr
    assert "hint:" in unknown.stderr
    for answers in ((), ("--yes", "--no")):
        result = ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "Ann Lee", *answers)
        assert result.exit_code == 2
        assert "--yes, --no or --maybe" in result.stderr
    assert (root / MEETING).read_text(encoding="utf-8") == before


def test_old_meeting_files_without_rsvp_load_and_hand_written_answers_are_checked(
    ngsp, partnership_tree
) -> None:
    root = _rsvp_tree(partnership_tree)
    text = (root / MEETING).read_text(encoding="utf-8")
    (root / MEETING).write_text(text + "rsvp:\n  ann-lee: yes\n  zed-nobody: no\n", encoding="utf-8")
    result = ngsp("-C", root, "check")
    assert result.exit_code == 2
    assert "person 'zed-nobody' does not exist" in flat(result.stdout + result.stderr)
    assert f"{MEETING}:" in flat(result.stdout + result.stderr)


def test_a_cancelled_meeting_takes_no_answers(ngsp, partnership_tree) -> None:
    root = _tree(partnership_tree, status="cancelled")
    result = ngsp("-C", root, "meeting", "rsvp", "Full partnership meeting", "Ann Lee", "--yes")
    assert result.exit_code == 2
    assert "cancelled" in result.stderr


def test_the_bundled_example_shows_the_whole_cycle(ngsp, example_folder, monkeypatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2026-11-25")
    meetings = json.loads(ngsp("-C", example_folder, "meeting", "list", "--json").stdout)
    cancelled = [m["id"] for m in meetings if m["status"] == "cancelled"]
    assert cancelled == ["2026-11-19-support-team-check-in"]
    everyone = json.loads(ngsp("-C", example_folder, "person", "list", "--all", "--json").stdout)
    wade = next(p for p in everyone if p["id"] == "wade-ducote")
    assert (wade["left"], wade["present"]) == ("2026-11-20", False)
    assert "wade-ducote" not in ngsp("-C", example_folder, "person", "list").stdout
    status = json.loads(ngsp("-C", example_folder, "status", "--json").stdout)
    quarterly = next(m for m in status["upcoming_meetings"] if m["id"] == "2026-12-10-quarterly-meeting")
    assert (quarterly["said_yes_business"], quarterly["said_yes_public"]) == (12, 4)
    assert "2026-11-19-support-team-check-in" not in [m["id"] for m in status["upcoming_meetings"]]
    refused = ngsp("-C", example_folder, "agenda", "2026-11-19-support-team-check-in")
    assert refused.exit_code == 2
    assert "cancelled" in refused.stderr
    assert ngsp("-C", example_folder, "check").exit_code == 0
