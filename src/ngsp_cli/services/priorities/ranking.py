"""Counting a ballot: each candidate's business and public dots and voters, and its rank.

Only business leaders' dots (people of business organizations) rank the
candidates: more business dots first; on equal dots, the priority that more
different business leaders voted for (broader support) comes first.  Public
partners' dots are counted apart and never change the ranking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ngsp_cli.model import Meeting, PriorityStatus
from ngsp_cli.services.priorities.ballots import VoteRow
from ngsp_cli.store.folder import Snapshot


@dataclass
class Ranked:
    """One candidate with its tally and the outcome."""

    id: str
    title: str
    category: str
    business_points: int = 0
    business_voters: int = 0
    public_points: int = 0
    public_voters: int = 0
    rank: int = 0
    status: PriorityStatus = PriorityStatus.parked
    decided_by: str | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.business_points, self.business_voters)

    def as_dict(self) -> dict[str, Any]:
        return {
            "priority": self.id,
            "title": self.title,
            "category": self.category,
            "rank": self.rank,
            "status": self.status.value,
            "business_points": self.business_points,
            "business_voters": self.business_voters,
            "public_points": self.public_points,
            "public_voters": self.public_voters,
            "decided_by": self.decided_by,
        }


def rank_key(entry: Ranked) -> tuple[int, int, str]:
    """The order of the ranking: more business dots, then more business leaders, then by title."""
    return (-entry.business_points, -entry.business_voters, entry.title.casefold())


def count(snap: Snapshot, meeting: Meeting, rows: Sequence[VoteRow]) -> list[Ranked]:
    """Each candidate of `meeting` with the dots and voters of checked `rows`, in the order of the meeting."""
    table = {c.id: Ranked(c.id, c.title, c.category.value) for c in meeting.candidates}
    voters: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"business": set(), "public": set()})
    for row in rows:
        entry = table[row.priority]
        if snap.is_business(row.voter):
            entry.business_points += row.points
            voters[row.priority]["business"].add(row.voter)
        else:
            entry.public_points += row.points
            voters[row.priority]["public"].add(row.voter)
    for pid, groups in voters.items():
        table[pid].business_voters = len(groups["business"])
        table[pid].public_voters = len(groups["public"])
    return list(table.values())


def rank(entries: Iterable[Ranked]) -> list[Ranked]:
    """The entries in ranking order, each with its rank: equal dots from as many leaders share a rank."""
    ranking = sorted(entries, key=rank_key)
    position = 0
    previous: tuple[int, int] | None = None
    for index, entry in enumerate(ranking, start=1):
        if entry.key != previous:
            position, previous = index, entry.key
        entry.rank = position
    return ranking
