"""Facts about a partnership that do not depend on a date (headcounts, who leads, meeting order).

Everything that depends on the day lives in `ngsp_cli.rules.view.PartnershipAt`,
the one place that answers questions about a partnership at a date.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ngsp_cli.model import Meeting, MeetingKind, Person, Role, Rsvp, Task, TaskStatus
from ngsp_cli.store.folder import Snapshot

# The meetings where the whole industry sits at the table: their attendance is
# where business leaders should outnumber public partners.
BUSINESS_TABLES = (MeetingKind.launch, MeetingKind.full_partnership)

CHAMPION_ROLES = frozenset({Role.champion, Role.co_chair})


class Headcount(NamedTuple):
    """How many of a group of people come from businesses and from public partners."""

    business: int
    public: int

    @property
    def total(self) -> int:
        return self.business + self.public

    @property
    def business_share(self) -> float | None:
        return self.business / self.total if self.total else None

    @property
    def business_outnumber_public(self) -> bool:
        return self.business > self.public


def headcount(snap: Snapshot, person_ids: Iterable[str]) -> Headcount:
    """People by the kind of their organization (history: people who left since still count)."""
    ids = list(dict.fromkeys(person_ids))
    business = sum(1 for pid in ids if snap.is_business(pid))
    return Headcount(business=business, public=len(ids) - business)


def answered(snap: Snapshot, meeting: Meeting, answer: Rsvp = Rsvp.yes) -> Headcount:
    """Business leaders and public partners who gave `answer` to the meeting's invitation."""
    return headcount(snap, [pid for pid, said in meeting.rsvp.items() if said is answer])


def public_expected_to_outnumber(snap: Snapshot, meeting: Meeting) -> Headcount | None:
    """Who said yes, when more public partners than business leaders did for a meeting of the
    whole industry; None otherwise. Whether the meeting is still to come is the caller's question."""
    if meeting.kind not in BUSINESS_TABLES:
        return None
    expected = answered(snap, meeting)
    return expected if expected.public > expected.business else None


def meetings_by_date(snap: Snapshot) -> list[Meeting]:
    return sorted(snap.meetings.values(), key=lambda m: (m.date, m.time or "", m.id))


def business_people(snap: Snapshot) -> list[Person]:
    return [p for p in snap.people.values() if snap.is_business(p.id)]


def business_people_sorted(snap: Snapshot) -> list[Person]:
    """People of business organizations, by name."""
    return sorted(business_people(snap), key=lambda p: p.name.casefold())


def is_open(task: Task) -> bool:
    return task.status is TaskStatus.open
