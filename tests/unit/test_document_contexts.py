"""What goes into the agenda, invitation and memo: the context builders, by direct calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ngsp_cli.services.meetings import documents, info, progress
from ngsp_cli.store.folder import Snapshot, load

AS_OF = dt.date(2027, 3, 1)


def _meeting(date: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "full-partnership", "title": f"Meeting of {date}", "date": date, **fields}


@pytest.fixture
def snap(partnership_tree: Callable[..., Path]) -> Snapshot:
    """Two held meetings, a team with its own meetings, and planned meetings ahead."""
    root = partnership_tree(
        {
            "organizations/bolt-works.yaml": {"name": "Bolt Works", "kind": "business"},
            "people/cy-park.yaml": {
                "name": "Cy Park",
                "org": "bolt-works",
                "title": "Owner",
                "roles": ["business-leader", "co-chair"],
            },
            "people/di-fox.yaml": {"name": "Di Fox", "org": "valley-workforce-board", "roles": ["champion"]},
            "partnership.yaml": {
                "schema_version": 1,
                "name": "Test Valley Manufacturing",
                "industry": "Manufacturing",
                "region": "Test Valley",
                "conveners": ["valley-workforce-board"],
                "co_chairs": ["cy-park"],
            },
            "priorities/welders.yaml": {
                "title": "Welders",
                "status": "selected",
                "votes": {"business_points": 9, "business_voters": 4, "rank": 1},
            },
            "priorities/broadband.yaml": {
                "title": "Broadband",
                "status": "selected",
                "votes": {"business_points": 12, "business_voters": 5, "rank": 2},
            },
            "priorities/parking.yaml": {"title": "Parking", "status": "parked"},
            "action-teams/welding.yaml": {
                "name": "Welding",
                "priority": "welders",
                "champions": ["ann-lee", "bo-diaz"],
                "tasks": [
                    {"id": "t1", "text": "Late task", "due": "2027-02-01"},
                    {"id": "t2", "text": "Done task", "due": "2027-01-01", "status": "done"},
                    {"id": "t3", "text": "Undated task"},
                ],
                "updates": [
                    {"date": "2026-11-01", "text": "Too old to be recent"},
                    {"date": "2027-02-20", "text": "Recent"},
                ],
            },
            "meetings/2027-01-10-first.yaml": _meeting(
                "2027-01-10",
                status="held",
                action_items=[
                    {"text": "Open and late", "owner": "ann-lee", "due": "2027-02-01"},
                    {"text": "Closed", "done": True},
                ],
            ),
            "meetings/2027-01-20-welding-call.yaml": _meeting(
                "2027-01-20",
                kind="action-team",
                team="welding",
                status="held",
                action_items=[{"text": "Team item", "due": "2027-04-01"}],
            ),
            "meetings/2027-02-15-second.yaml": _meeting(
                "2027-02-15", status="held", action_items=[{"text": "From the second"}]
            ),
            "meetings/2027-03-05-welding-call.yaml": _meeting(
                "2027-03-05", kind="action-team", team="welding"
            ),
            "meetings/2027-03-20-support.yaml": _meeting("2027-03-20", kind="convener-team"),
            "meetings/2027-04-10-third.yaml": _meeting("2027-04-10"),
            "meetings/2027-05-10-welding-call.yaml": _meeting(
                "2027-05-10", kind="action-team", team="welding"
            ),
        }
    )
    return load(root)


def test_carried_items_are_open_items_of_earlier_held_meetings(snap: Snapshot) -> None:
    rows = progress.carried_action_items(snap, snap.meetings["2027-02-15-second"], AS_OF)
    assert [(r.text, r.owner, r.overdue) for r in rows] == [
        ("Open and late", "Ann Lee", True),
        ("Team item", None, False),
    ]


def test_a_team_meeting_carries_only_its_own_teams_items(snap: Snapshot) -> None:
    rows = progress.carried_action_items(snap, snap.meetings["2027-03-05-welding-call"], AS_OF)
    assert [r.text for r in rows] == ["Team item"]


def test_next_meeting_of_a_team_is_the_teams_own(snap: Snapshot) -> None:
    following = documents.following_meeting(snap, snap.meetings["2027-01-20-welding-call"], AS_OF)
    assert following is not None
    assert following.id == "2027-03-05-welding-call"


def test_next_meeting_of_the_partnership_skips_team_and_support_meetings(snap: Snapshot) -> None:
    following = documents.following_meeting(snap, snap.meetings["2027-02-15-second"], AS_OF)
    assert following is not None
    assert following.id == "2027-04-10-third"


def test_priorities_are_the_selected_ones_by_rank_with_their_team(snap: Snapshot) -> None:
    rows = progress.priorities(snap, snap.meetings["2027-02-15-second"], AS_OF)
    assert [(r.title, r.rank, r.team, r.champions) for r in rows] == [
        ("Welders", 1, "Welding", ["Ann Lee", "Bo Diaz"]),
        ("Broadband", 2, None, []),
    ]


def test_a_team_meeting_shows_only_its_priority(snap: Snapshot) -> None:
    rows = progress.priorities(snap, snap.meetings["2027-03-05-welding-call"], AS_OF)
    assert [r.title for r in rows] == ["Welders"]


def test_open_team_tasks_soonest_first_and_recent_updates(snap: Snapshot) -> None:
    meeting = snap.meetings["2027-04-10-third"]
    tasks = progress.open_team_tasks(snap, meeting, AS_OF)
    updates = progress.recent_team_updates(snap, meeting, AS_OF)
    assert [(t.text, t.overdue) for t in tasks] == [("Late task", True), ("Undated task", False)]
    assert [u.text for u in updates] == ["Recent"]


def test_signers_are_business_co_chairs_first_then_business_champions(snap: Snapshot) -> None:
    assert [s.name for s in info.signers(snap, AS_OF)] == ["Cy Park", "Ann Lee"]


def test_team_invitation_is_signed_by_the_teams_business_champions(snap: Snapshot) -> None:
    context = documents.invite_context(snap, snap.meetings["2027-03-05-welding-call"], AS_OF)
    assert [s.name for s in context["signers"]] == ["Ann Lee"]


def test_memo_of_a_partnership_meeting_comes_from_the_co_chairs(snap: Snapshot) -> None:
    context = documents.memo_context(snap, snap.meetings["2027-02-15-second"], AS_OF)
    assert (context["audience"], [s.name for s in context["signers"]], context["signers_role"]) == (
        "Members and partners of the Test Valley Manufacturing partnership",
        ["Cy Park"],
        "co-chair",
    )


def test_contact_is_the_convener_staff(snap: Snapshot) -> None:
    contact = info.contact(snap)
    assert contact is not None
    assert (contact.name, contact.organization) == ("Bo Diaz", "Valley Workforce Board")


def test_describe_shows_fields_and_properties(snap: Snapshot) -> None:
    context = documents.memo_context(snap, snap.meetings["2027-02-15-second"], AS_OF)
    shape = documents.describe(context)
    assert {"business", "public", "business_count", "business_outnumber_public"} <= set(shape["attendance"])
    assert shape["meeting"]["date"] == "2027-02-15"


def test_the_folders_own_word_template_wins(snap: Snapshot, tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    from ngsp_cli.render.docx import build

    own = Document()
    own.styles["Normal"].font.size = Pt(14)
    own.add_paragraph("ACME LETTERHEAD")
    own.add_paragraph("Agenda of {{ meeting.title }} for {{ partnership.name }} & friends")
    (snap.root / "templates").mkdir()
    own.save(str(snap.root / "templates" / "agenda.docx"))
    context = documents.agenda_context(snap, snap.meetings["2027-04-10-third"], AS_OF)
    out = tmp_path / "agenda.docx"
    out.write_bytes(build("agenda", context, snap.root))
    doc = Document(str(out))
    assert doc.styles["Normal"].font.size == Pt(14)
    assert [p.text for p in doc.paragraphs] == [
        "ACME LETTERHEAD",
        f"Agenda of Meeting of 2027-04-10 for {context['partnership'].name} & friends",
    ]


def test_a_meeting_without_a_time_is_an_all_day_event_and_a_cancelled_one_says_so(snap: Snapshot) -> None:
    from icalendar import Calendar

    from ngsp_cli.model import MeetingStatus
    from ngsp_cli.services.meetings.calendar import build

    meeting = snap.meetings["2027-04-10-third"].model_copy(update={"status": MeetingStatus.cancelled})
    event = Calendar.from_ical(build(snap, meeting, as_of=AS_OF)).walk("VEVENT")[0]
    assert (event.decoded("DTSTART"), event.decoded("DTEND"), str(event["STATUS"])) == (
        dt.date(2027, 4, 10),
        dt.date(2027, 4, 11),
        "CANCELLED",
    )


def test_next_meeting_is_the_one_still_to_come_on_the_date_whatever_its_file_says(snap: Snapshot) -> None:
    # On 2027-02-01 the meeting of 2027-02-15 was still to come, though its file now says held.
    following = documents.following_meeting(snap, snap.meetings["2027-01-10-first"], dt.date(2027, 2, 1))
    assert following is not None
    assert following.id == "2027-02-15-second"


def test_an_action_item_is_open_in_the_memo_until_the_day_it_was_done(snap: Snapshot) -> None:
    meeting = snap.meetings["2027-01-10-first"]
    item = meeting.action_items[0].model_copy(update={"done": True, "done_on": dt.date(2027, 2, 10)})
    before = progress.action_row(snap, meeting, item, dt.date(2027, 2, 9))
    after = progress.action_row(snap, meeting, item, dt.date(2027, 2, 10))
    assert (before.status, after.status) == ("overdue", "done")


def test_a_support_team_invitation_goes_to_its_staff_from_the_convener_contact(snap: Snapshot) -> None:
    support = snap.meetings["2027-03-20-support"].model_copy(update={"invitees": ["di-fox"]})
    context = documents.invite_context(snap, support, AS_OF)
    contact = info.contact(snap)
    assert contact is not None
    assert [s.id for s in context["signers"]] == [contact.id]
    assert context["salutation"] == "Dear colleagues,"
    assert [p.id for p in context["recipients"]] == ["di-fox"]
