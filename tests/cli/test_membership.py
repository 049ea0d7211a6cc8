"""Members come and go: 'person leave', 'org leave' and 'remove' from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import yaml


def flat(text: str) -> str:
    return " ".join(text.split())


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


PLANNED = "meetings/2027-03-04-full-partnership-meeting.yaml"
HELD = "meetings/2026-09-01-launch-meeting.yaml"


def _tree(partnership_tree, monkeypatch) -> Path:
    monkeypatch.setenv("NGSP_TODAY", "2027-02-01")
    return partnership_tree({
        "organizations/delta-mills.yaml": {"name": "Delta Mills", "kind": "business"},
        "people/cy-fox.yaml": {"name": "Cy Fox", "org": "delta-mills", "roles": ["business-leader"]},
        "people/di-ng.yaml": {"name": "Di Ng", "org": "delta-mills", "roles": ["business-leader"]},
        HELD: {
            "kind": "launch", "title": "Launch meeting", "date": "2026-09-01", "status": "held",
            "invitees": ["ann-lee", "cy-fox"], "attendees": ["ann-lee", "cy-fox"],
        },
        PLANNED: {
            "kind": "full-partnership", "title": "Full partnership meeting", "date": "2027-03-04",
            "invitees": ["ann-lee", "cy-fox", "di-ng"], "rsvp": {"cy-fox": "yes"},
        },
    })  # fmt: skip


def test_a_person_who_leaves_is_kept_for_history_and_left_out_of_invitations(
    ngsp, partnership_tree, monkeypatch
) -> None:
    root = _tree(partnership_tree, monkeypatch)
    result = ngsp("-C", root, "person", "leave", "Cy Fox", "--date", "2027-01-15", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["uninvited"] == {"2027-03-04-full-partnership-meeting": ["cy-fox"]}
    assert str(_read(root / "people/cy-fox.yaml")["left"]) == "2027-01-15"
    assert _read(root / HELD)["attendees"] == ["ann-lee", "cy-fox"]  # history stays
    planned = _read(root / PLANNED)
    assert planned["invitees"] == ["ann-lee", "di-ng"]
    assert not planned.get("rsvp")
    listed = json.loads(ngsp("-C", root, "person", "list", "--json").stdout)
    assert "cy-fox" not in [p["id"] for p in listed]
    everyone = ngsp("-C", root, "person", "list", "--all")
    assert "Cy Fox (left 2027-01-15)" in flat(everyone.stdout)
    assert "and 1 who left" in everyone.stdout
    # Inviting every business leader skips them; naming them is refused with a hint.
    new = ngsp(
        "-C", root, "meeting", "new", "other", "--date", "2027-04-01", "--invite-all-business", "--json"
    )
    assert new.exit_code == 0, new.output
    assert json.loads(new.stdout)["invitees"] == ["ann-lee", "di-ng"]
    named = ngsp("-C", root, "meeting", "invite", "Full partnership meeting", "Cy Fox")
    assert named.exit_code == 2
    assert "left the partnership on 2027-01-15" in flat(named.stderr)
    assert "--undo" in flat(named.stderr)
    assert ngsp("-C", root, "check").exit_code == 0


def test_leave_refuses_future_and_repeated_dates(ngsp, partnership_tree, monkeypatch) -> None:
    root = _tree(partnership_tree, monkeypatch)
    future = ngsp("-C", root, "person", "leave", "Cy Fox", "--date", "2027-02-02")
    assert future.exit_code == 2
    assert "after today" in flat(future.stderr)
    assert "hint:" in future.stderr
    assert "left" not in _read(root / "people/cy-fox.yaml")
    assert ngsp("-C", root, "person", "leave", "Cy Fox").exit_code == 0
    assert str(_read(root / "people/cy-fox.yaml")["left"]) == "2027-02-01"  # today by default
    again = ngsp("-C", root, "person", "leave", "Cy Fox")
    assert again.exit_code == 2
    assert "already left" in again.stderr
    unknown = ngsp("-C", root, "person", "leave", "Nobody Here")
    assert unknown.exit_code == 2
    assert "hint:" in unknown.stderr
    assert ngsp("-C", root, "person", "leave", "Cy Fox", "--undo").exit_code == 0
    assert _read(root / "people/cy-fox.yaml").get("left") is None


def test_an_organization_leaves_with_its_people_unless_they_stay(ngsp, partnership_tree, monkeypatch) -> None:
    root = _tree(partnership_tree, monkeypatch)
    result = ngsp("-C", root, "org", "leave", "Delta Mills", "--date", "2027-01-10", "--no-input")
    assert result.exit_code == 0, result.output
    assert "2 people left with it" in flat(result.stderr)
    assert str(_read(root / "organizations/delta-mills.yaml")["left"]) == "2027-01-10"
    assert str(_read(root / "people/di-ng.yaml")["left"]) == "2027-01-10"
    assert _read(root / PLANNED)["invitees"] == ["ann-lee"]
    orgs = json.loads(ngsp("-C", root, "org", "list", "--json").stdout)
    assert "delta-mills" not in [o["id"] for o in orgs]
    assert "Delta Mills (left 2027-01-10)" in flat(ngsp("-C", root, "org", "list", "--all").stdout)


def test_people_stay_on_file_when_asked(ngsp, partnership_tree, monkeypatch) -> None:
    root = _tree(partnership_tree, monkeypatch)
    result = ngsp("-C", root, "org", "leave", "delta-mills", "--people-stay")
    assert result.exit_code == 0, result.output
    assert "left" not in _read(root / "people/di-ng.yaml")
    # Still off the invitation lists: their organization is no longer at the table.
    assert _read(root / PLANNED)["invitees"] == ["ann-lee"]


def test_remove_only_what_nothing_refers_to(ngsp, partnership_tree, monkeypatch) -> None:
    root = _tree(partnership_tree, monkeypatch)
    assert ngsp("-C", root, "person", "add", "Typo Persn", "--org", "acme-tools").exit_code == 0
    removed = ngsp("-C", root, "person", "remove", "Typo Persn")
    assert removed.exit_code == 0, removed.output
    assert not (root / "people/typo-persn.yaml").exists()
    refused = ngsp("-C", root, "person", "remove", "Cy Fox")
    assert refused.exit_code == 2
    said = flat(refused.stderr)
    assert "named in 4 places" in said
    assert f"{HELD} (invitees.1)" in said
    assert f"{PLANNED} (rsvp.cy-fox)" in said
    assert "ngsp person leave cy-fox" in said
    assert (root / "people/cy-fox.yaml").exists()
    org = ngsp("-C", root, "org", "remove", "Delta Mills")
    assert org.exit_code == 2
    assert "people/cy-fox.yaml (org)" in flat(org.stderr)
    assert ngsp("-C", root, "org", "add", "Acme Toolz", "--kind", "business").exit_code == 0
    assert ngsp("-C", root, "org", "remove", "acme-toolz").exit_code == 0
    assert not (root / "organizations/acme-toolz.yaml").exists()
