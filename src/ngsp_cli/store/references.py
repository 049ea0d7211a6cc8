"""Every reference between files (person -> organization, team -> priority...) must resolve."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ngsp_cli.errors import Problem
from ngsp_cli.ids import is_valid_id
from ngsp_cli.model import (
    ActionTeam,
    Entity,
    Meeting,
    Organization,
    Person,
    Priority,
)
from ngsp_cli.store import yamlio

if TYPE_CHECKING:
    from ngsp_cli.store.folder import RawFile, Snapshot


# Where the entity a reference names lives, by the word the messages use for it.
_FOLDER_OF = {
    "organization": Organization.folder,
    "person": Person.folder,
    "meeting": Meeting.folder,
    "priority": Priority.folder,
    "action team": ActionTeam.folder,
}


def _suggestion(ref: str, target: Mapping[str, Any]) -> str:
    from ngsp_cli.vocab import did_you_mean

    return did_you_mean(ref, list(target), n=2)


def _entity_rel(kind: type[Entity], entity_id: str) -> str:
    return f"{kind.folder}/{entity_id}.yaml"


def check_references(snap: Snapshot, raws: Mapping[str, RawFile], loaded: set[type[Entity]]) -> list[Problem]:
    problems: list[Problem] = []

    def dangling(
        rel: str,
        path: tuple[str | int, ...],
        ref: str,
        target: Mapping[str, Any],
        what: str,
        command: str,
    ) -> None:
        if ref in target:
            return
        folder = _FOLDER_OF.get(what)
        if folder is not None and is_valid_id(ref) and (snap.root / folder / f"{ref}.yaml").is_file():
            # The file is there but could not be read; its own error says why, and
            # "does not exist ... add it first" would send people the wrong way.
            return
        raw = raws.get(rel)
        line = yamlio.line_of(raw.text, path) if raw is not None else None
        problems.append(
            Problem(
                f"{what} '{ref}' does not exist",
                file=rel,
                line=line,
                field=".".join(str(p) for p in path),
                hint=_suggestion(ref, target) + f"use an id from '{command}', or add it first",
            )
        )

    def each(
        rel: str, field_name: str, refs: Iterable[str], target: Mapping[str, Any], what: str,
        command: str,
    ) -> None:  # fmt: skip
        for index, ref in enumerate(refs):
            dangling(rel, (field_name, index), ref, target, what, command)

    orgs, people = snap.organizations, snap.people
    have_orgs, have_people = Organization in loaded, Person in loaded
    top = "partnership.yaml"
    if have_orgs:
        each(top, "conveners", snap.partnership.conveners, orgs, "organization", "ngsp org list")
    if have_people:
        each(top, "co_chairs", snap.partnership.co_chairs, people, "person", "ngsp person list")
        if have_orgs:
            for pid, person in people.items():
                rel = _entity_rel(Person, pid)
                dangling(rel, ("org",), person.org, orgs, "organization", "ngsp org list")
        for mid, meeting in snap.meetings.items():
            rel = _entity_rel(Meeting, mid)
            each(rel, "invitees", meeting.invitees, people, "person", "ngsp person list")
            each(rel, "attendees", meeting.attendees, people, "person", "ngsp person list")
            for index, item in enumerate(meeting.action_items):
                if item.owner:
                    dangling(rel, ("action_items", index, "owner"), item.owner, people,
                             "person", "ngsp person list")  # fmt: skip
            candidate_ids = {c.id: c for c in meeting.candidates}
            for index, vote in enumerate(meeting.votes):
                dangling(rel, ("votes", index, "voter"), vote.voter, people, "person",
                         "ngsp person list")  # fmt: skip
                dangling(rel, ("votes", index, "priority"), vote.priority, candidate_ids,
                         "candidate priority", f"ngsp meeting show {mid}")  # fmt: skip
            if meeting.team and ActionTeam in loaded:
                dangling(rel, ("team",), meeting.team, snap.teams, "action team", "ngsp team list")
        for tid, team in snap.teams.items():
            rel = _entity_rel(ActionTeam, tid)
            each(rel, "champions", team.champions, people, "person", "ngsp person list")
            each(rel, "support", team.support, people, "person", "ngsp person list")
            if team.staff_lead:
                dangling(rel, ("staff_lead",), team.staff_lead, people, "person",
                         "ngsp person list")  # fmt: skip
            for index, task in enumerate(team.tasks):
                if task.owner:
                    dangling(rel, ("tasks", index, "owner"), task.owner, people, "person",
                             "ngsp person list")  # fmt: skip
            for index, update in enumerate(team.updates):
                if update.by:
                    dangling(rel, ("updates", index, "by"), update.by, people, "person",
                             "ngsp person list")  # fmt: skip
    if Priority in loaded:
        for tid, team in snap.teams.items():
            dangling(_entity_rel(ActionTeam, tid), ("priority",), team.priority, snap.priorities,
                     "priority", "ngsp prioritize")  # fmt: skip
    if Meeting in loaded:
        for pid, priority in snap.priorities.items():
            if priority.meeting:
                dangling(_entity_rel(Priority, pid), ("meeting",), priority.meeting,
                         snap.meetings, "meeting", "ngsp meeting list")  # fmt: skip
    return problems
