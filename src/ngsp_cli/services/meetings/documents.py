"""What goes into the documents conveners send: agenda, invitation, follow-up memo, sign-in sheet.

Each builder turns a loaded Snapshot and one meeting into a plain dictionary of
small frozen dataclasses: the partnership, the meeting and its people (`info`) and
where the work stands (`progress`).  The same context feeds the Jinja templates (md, html)
and the Word builder, so every format says the same thing.  Nothing here reads
the clock: answers that depend on the day use the `as_of` date passed in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ngsp_cli.errors import NotFoundError, UsageError
from ngsp_cli.model import Meeting, MeetingKind, MeetingStatus
from ngsp_cli.rules import PartnershipAt
from ngsp_cli.services.meetings import info, progress
from ngsp_cli.services.meetings.finding import find_meeting
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.text import partnership_in_text

DOCUMENTS = ("agenda", "invite", "memo", "signin")
"""The documents of a meeting, by command name."""

WALK_IN_LINES = 8
"""Blank lines of a sign-in sheet for people who are not on the list."""


# --- picking the meetings --------------------------------------------------------------


def choose_meeting(snap: Snapshot, ref: str | None, document: str, as_of: dt.date) -> Meeting:
    """The meeting `ref` names, or the default of the document.

    The agenda and the invitation default to the next planned meeting; the memo to
    the last meeting held.
    """
    if ref:
        named = find_meeting(snap, ref)
        if named.status is MeetingStatus.cancelled:
            raise UsageError(
                f"{named.title} on {named.date.isoformat()} was cancelled, so it has no {document}",
                file=f"meetings/{named.id}.yaml",
                field="status",
                hint=f"plan a new meeting with 'ngsp meeting new', or put this one back with "
                f"'ngsp meeting cancel {named.id} --undo'",
            )
        if document == "memo" and named.date > as_of:
            raise UsageError(
                f"{named.title} is on {named.date.isoformat()}, after {as_of.isoformat()}, "
                "so no memo about it can be written as of that day",
                file=f"meetings/{named.id}.yaml",
                field="date",
                hint=f"write the memo after the meeting, or give --as-of {named.date.isoformat()} or later",
            )
        return named
    if document == "memo":
        found = PartnershipAt(snap, as_of).last_held
        if found is None:
            raise NotFoundError(
                f"no meeting has been held by {as_of.isoformat()}, so there is nothing to write a memo about",
                hint="name the meeting (ngsp memo MEETING), or record who came with 'ngsp meeting attend'",
            )
        return found
    found = PartnershipAt(snap, as_of).next_meeting
    if found is None:
        raise NotFoundError(
            f"no meeting is planned on or after {as_of.isoformat()}",
            hint=f"name the meeting (ngsp {document} MEETING), or plan one with 'ngsp meeting new'",
        )
    return found


_WHOLE_PARTNERSHIP = {MeetingKind.launch, MeetingKind.full_partnership, MeetingKind.other}


def following_meeting(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> info.MeetingInfo | None:
    """The next meeting for the people of `meeting`, among those still to come on `as_of`
    (`PartnershipAt.upcoming`: what a later file says about them does not count).

    An action team's next meeting, a support team's next meeting, or else the next
    meeting of the whole partnership.
    """
    later = [
        m
        for m in PartnershipAt(snap, as_of).upcoming()
        if m.id != meeting.id and (m.date, m.time or "") > (meeting.date, meeting.time or "")
    ]
    if meeting.team:
        same = [m for m in later if m.team == meeting.team]
    elif meeting.kind is MeetingKind.convener_team:
        same = [m for m in later if m.kind is MeetingKind.convener_team]
    else:
        same = []
    whole = [m for m in later if m.kind in _WHOLE_PARTNERSHIP]
    found = (same or whole)[:1]
    return info.meeting_info(snap, found[0]) if found else None


# --- the four documents -----------------------------------------------------------------


def _base(snap: Snapshot, meeting: Meeting, as_of: dt.date, document: str) -> dict[str, Any]:
    return {
        "document": document,
        "as_of": as_of,
        "partnership": info.partnership_info(snap),
        "meeting": info.meeting_info(snap, meeting),
        "contact": info.contact(snap),
    }


def agenda_context(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """The agenda: meeting facts, timed items, open action items, team tasks and recent progress."""
    rows = info.agenda_rows(snap, meeting)
    return {
        **_base(snap, meeting, as_of, "agenda"),
        "agenda": rows,
        "agenda_minutes": sum(r.minutes or 0 for r in rows),
        "attendance": info.attendance(snap, meeting),
        "open_action_items": progress.carried_action_items(snap, meeting, as_of),
        "team_tasks": progress.open_team_tasks(snap, meeting, as_of),
        "team_updates": progress.recent_team_updates(snap, meeting, as_of),
    }


def invite_context(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """The invitation: from the business champions, to business leaders of the industry; a
    support team's from the convener contact, to the partner staff it invites."""
    if meeting.kind is MeetingKind.convener_team:
        contact = info.contact(snap)
        recipients_ids = list(meeting.invitees) or [
            p.id for p in PartnershipAt(snap, as_of).people if not snap.is_business(p.id)
        ]
        signers = [contact] if contact else []
        salutation = "Dear colleagues,"
    else:
        recipients_ids = [pid for pid in meeting.invitees if snap.is_business(pid)]
        if not recipients_ids:
            recipients_ids = [p.id for p in PartnershipAt(snap, as_of).business_people]
        signers = info.team_champions(snap, meeting, as_of) or info.signers(snap, as_of)
        salutation = f"Dear fellow {snap.partnership.industry.lower()} leader,"
    rsvp_by = meeting.date - dt.timedelta(days=7)
    return {
        **_base(snap, meeting, as_of, "invite"),
        "agenda": info.agenda_rows(snap, meeting),
        "signers": signers,
        "recipients": info.by_organization(
            info.person_info(snap, pid) for pid in dict.fromkeys(recipients_ids)
        ),
        "rsvp_by": rsvp_by if rsvp_by > as_of else None,
        "salutation": salutation,
        "selected_priorities": [
            p for p in progress.priorities(snap, meeting, as_of) if p.status == "selected"
        ],
    }


def memo_context(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """The follow-up memo: who came, what industry said, decisions, priorities, actions, next."""
    return {
        **_base(snap, meeting, as_of, "memo"),
        "attendance": info.attendance(snap, meeting),
        "industry_said": list(meeting.industry_said),
        "decisions": list(meeting.decisions),
        "priorities": progress.priorities(snap, meeting, as_of),
        "candidates": progress.candidates(snap, meeting, as_of),
        "action_items": [progress.action_row(snap, meeting, item, as_of) for item in meeting.action_items],
        "carried_items": progress.carried_action_items(snap, meeting, as_of),
        "team_tasks": progress.open_team_tasks(snap, meeting, as_of),
        "team_updates": progress.recent_team_updates(snap, meeting, as_of),
        "next_meeting": following_meeting(snap, meeting, as_of),
        **_memo_sender(snap, meeting, as_of),
    }


def _memo_sender(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    """Who the memo goes to and who it is from on the date: the team and its champions, or the
    co-chairs."""
    champions = info.team_champions(snap, meeting, as_of)
    team = snap.teams.get(meeting.team) if meeting.team else None
    if team is not None and champions:
        role = "team champion" if len(champions) == 1 else "team champions"
        return {
            "audience": f"Members of the {team.name} action team",
            "signers": champions,
            "signers_role": role,
        }
    chairs = [s for s in info.signers(snap, as_of) if s.id in snap.partnership.co_chairs]
    return {
        "audience": f"Members and partners of {partnership_in_text(snap.partnership.name)}",
        "signers": chairs,
        "signers_role": "co-chair" if len(chairs) == 1 else "co-chairs",
    }


def signin_context(
    snap: Snapshot, meeting: Meeting, as_of: dt.date, walk_in_lines: int = WALK_IN_LINES
) -> dict[str, Any]:
    """The sign-in sheet: the invitees, business leaders apart from public partners, and blank lines.

    People who left the partnership before the meeting are not listed.
    """
    people = [
        info.person_info(snap, pid)
        for pid in dict.fromkeys(meeting.invitees)
        if not ((p := snap.people.get(pid)) and p.left is not None and p.left <= meeting.date)
    ]
    return {
        **_base(snap, meeting, as_of, "signin"),
        "business": info.by_organization(p for p in people if p.business),
        "public": info.by_organization(p for p in people if not p.business),
        "walk_in_lines": max(1, walk_in_lines),
    }


BUILDERS = {
    "agenda": agenda_context,
    "invite": invite_context,
    "memo": memo_context,
    "signin": signin_context,
}


def build_context(snap: Snapshot, document: str, meeting: Meeting, as_of: dt.date) -> dict[str, Any]:
    return BUILDERS[document](snap, meeting, as_of)


def describe(value: Any) -> Any:
    """The shape of a context value, for people writing their own templates."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record (NamedTuple)
        shape: dict[str, Any] = {name: describe(getattr(value, name)) for name in value._fields}
        for name in dir(type(value)):
            if isinstance(getattr(type(value), name, None), property):
                shape[name] = describe(getattr(value, name))
        return shape
    if isinstance(value, list):
        # One item shows the shape; say how many more the template would loop over.
        more = [f"... and {len(value) - 1} more like the first"] if len(value) > 1 else []
        return [describe(value[0]), *more] if value else []
    if isinstance(value, dict):
        return {k: describe(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
