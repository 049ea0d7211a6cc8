"""A meeting as it stood on a day (`rules.meeting_dates`), by direct calls."""

from __future__ import annotations

import datetime as dt

from ngsp_cli.model import ActionItem, Meeting
from ngsp_cli.rules.meeting_dates import action_at, action_done_on, meeting_at

DAY = dt.date(2027, 3, 10)


def _meeting() -> Meeting:
    return Meeting.model_validate(
        {
            "id": "2027-03-10-spring",
            "kind": "full-partnership",
            "title": "Spring meeting",
            "date": "2027-03-10",
            "status": "held",
            "invitees": ["ann-lee", "kim-roy"],
            "attendees": ["ann-lee"],
            "notes": "Good turnout",
            "industry_said": ["We need welders"],
            "decisions": ["Start a welding team"],
            "candidates": [{"id": "welders", "title": "Welders"}],
            "votes": [{"voter": "ann-lee", "priority": "welders", "points": 3}],
            "action_items": [
                {"text": "Send summary", "done": True, "done_on": "2027-03-12"},
                {"text": "Book the room", "done": True},
                {"text": "Call the county"},
            ],
        }
    )


def test_before_its_day_nothing_has_happened_at_a_meeting() -> None:
    before = meeting_at(_meeting(), DAY - dt.timedelta(days=1))
    recorded = (before.attendees, before.notes, before.industry_said, before.decisions, before.votes)
    assert recorded == ([], None, [], [], [])
    assert [(i.text, i.done, i.done_on) for i in before.action_items] == [
        ("Send summary", False, None),
        ("Book the room", False, None),
        ("Call the county", False, None),
    ]
    # The plans stay: who is invited, the candidates and action items written in advance.
    assert (before.invitees, [c.id for c in before.candidates]) == (["ann-lee", "kim-roy"], ["welders"])


def test_from_its_day_the_record_is_there_with_items_open_until_done() -> None:
    on_the_day = meeting_at(_meeting(), DAY)
    assert (on_the_day.attendees, on_the_day.decisions) == (["ann-lee"], ["Start a welding team"])
    assert [i.done for i in on_the_day.action_items] == [False, True, False]
    later = meeting_at(_meeting(), DAY + dt.timedelta(days=2))
    assert [i.done for i in later.action_items] == [True, True, False]


def test_an_item_done_without_a_date_is_done_on_every_day() -> None:
    item = ActionItem(text="Book the room", done=True)
    assert action_done_on(item, dt.date(2000, 1, 1))
    assert action_at(item, dt.date(2000, 1, 1)) is item
    dated = ActionItem(text="Send summary", done=True, done_on=DAY)
    assert (action_done_on(dated, DAY - dt.timedelta(days=1)), action_done_on(dated, DAY)) == (False, True)
    assert action_at(dated, DAY - dt.timedelta(days=1)).done_on is None
