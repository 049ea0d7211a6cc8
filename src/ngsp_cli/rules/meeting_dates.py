"""A meeting as it stood on a day: what happened at it exists from its day on, and an action
item agreed at it is open until the day it was done.

Reads only. `rules.view.PartnershipAt` asks these (`action_done`, `meeting_at`), and so do
the screens that show one meeting, so a meeting reads the same on every screen of a date.
"""

from __future__ import annotations

import datetime as dt

from ngsp_cli.model import ActionItem, Meeting


def action_done_on(item: ActionItem, day: dt.date) -> bool:
    """Done on or before `day` (an item marked done without a date counts as done on any day)."""
    return item.done and (item.done_on is None or item.done_on <= day)


def action_at(item: ActionItem, day: dt.date) -> ActionItem:
    """The item as it stood on `day`: still open if it was done after it."""
    return item if action_done_on(item, day) else _open(item)


def _open(item: ActionItem) -> ActionItem:
    return item.model_copy(update={"done": False, "done_on": None}) if item.done else item


def meeting_at(meeting: Meeting, day: dt.date) -> Meeting:
    """The meeting as it stood on `day`.

    Before its day nothing has happened at it: nobody came, nothing was noted, said or
    decided, no dots were put and no action item was done (the plans stay: agenda,
    invitees, their answers, candidates and action items written in advance). From its
    day on, its record is the file's, with each action item as it stood on `day`
    (`action_at`). The status is the file's: ask `PartnershipAt.is_held` whether it was
    held on the day.
    """
    if meeting.date > day:
        nothing: dict[str, object] = {"attendees": [], "notes": None, "industry_said": [], "decisions": []}
        items = [_open(item) for item in meeting.action_items]
        return meeting.model_copy(update={**nothing, "votes": [], "action_items": items})
    items = [action_at(item, day) for item in meeting.action_items]
    if all(new is old for new, old in zip(items, meeting.action_items, strict=True)):
        return meeting
    return meeting.model_copy(update={"action_items": items})
