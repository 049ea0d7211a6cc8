"""Where a partnership stands in the Next Gen script, and what to do next.

`current_phase` is the one place that decides a partnership's phase: the
`phase:` of partnership.yaml when a convener set it, otherwise the first phase
of the playbook whose computed checklist is not complete, not counting the
preparation phases once the launch meeting is held.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from ngsp_cli.errors import InputError
from ngsp_cli.model import Meeting
from ngsp_cli.playbook.models import ChecklistItem, Phase, Playbook, Step
from ngsp_cli.playbook.progress import DONE, PhaseProgress, phase_progress
from ngsp_cli.rules import PartnershipAt, facts
from ngsp_cli.rules.answers import TeamFlag
from ngsp_cli.store import yamlio
from ngsp_cli.store.files import locked
from ngsp_cli.store.folder import PARTNERSHIP_FILE, Snapshot
from ngsp_cli.text import plural, verb

# Meetings where business leaders should outnumber public partners (the support
# team's own meetings and action-team working sessions are not counted).


def _set_phase(snap: Snapshot, playbook: Playbook) -> Phase | None:
    wanted = snap.partnership.phase
    if not wanted:
        return None
    phase = playbook.find(wanted)
    if phase is None:
        from ngsp_cli.vocab import did_you_mean

        line = None
        path = snap.root / PARTNERSHIP_FILE
        if path.is_file():
            line = yamlio.line_of(path.read_text(encoding="utf-8-sig"), ("phase",))
        raise InputError(
            f"'{wanted}' is not a phase of the playbook",
            file=PARTNERSHIP_FILE,
            line=line,
            field="phase",
            hint=did_you_mean(wanted, [p.id for p in playbook.phases], n=1)
            + "use one of " + ", ".join(p.id for p in playbook.phases)
            + ", or remove the 'phase:' line to let ngsp work it out",
        )  # fmt: skip
    return phase


def phase_progresses(view: PartnershipAt, playbook: Playbook) -> list[PhaseProgress]:
    return [phase_progress(phase, view) for phase in playbook.phases]


LAUNCH_HELD_RULE = "launch-meeting-held"


def _first_open(progresses: list[PhaseProgress], after_launch: bool = False) -> int:
    """Index of the first phase still open: preparation before a held launch is moot.

    Once the launch meeting is held (the `launch-meeting-held` item of a phase is
    done), the phases before that one are behind the partnership whatever their
    checklists say, so the search starts at the launch's phase; once a full
    partnership meeting has been held after the launch (`after_launch`), the
    launch's phase is behind it too.
    """
    for index in range(len(progresses) - 1, -1, -1):
        if any(r.item.computed == LAUNCH_HELD_RULE and r.state == DONE for r in progresses[index].items):
            return min(index + 1, len(progresses) - 1) if after_launch else index
    return 0


def computed_phase(progresses: list[PhaseProgress], after_launch: bool = False) -> Phase:
    """The first open phase whose computed checklist is not complete (the last one when all are)."""
    for progress in progresses[_first_open(progresses, after_launch) :]:
        if not progress.complete:
            return progress.phase
    return progresses[-1].phase


def phase_marks(
    progresses: list[PhaseProgress], current: Phase, after_launch: bool = False
) -> dict[str, str]:
    """How each phase stands beside the current one, by phase id.

    done: before the current phase with a complete checklist; moot: before it, left
    incomplete but passed (the launch was held); current; ahead: after it (even when its
    checklist already looks complete, because an earlier phase is not done).
    """
    first_open = _first_open(progresses, after_launch)
    marks: dict[str, str] = {}
    seen_current = False
    for index, progress in enumerate(progresses):
        if progress.phase.id == current.id:
            marks[progress.phase.id] = "current"
            seen_current = True
        elif seen_current:
            marks[progress.phase.id] = "ahead"
        elif progress.complete:
            marks[progress.phase.id] = "done"
        else:
            marks[progress.phase.id] = "moot" if index < first_open else "open"
    return marks


def current_phase(snap: Snapshot, playbook: Playbook, as_of: dt.date) -> Phase:
    """The phase the partnership is in: set in partnership.yaml, or computed from its data."""
    chosen = _set_phase(snap, playbook)
    if chosen is not None:
        return chosen
    view = PartnershipAt(snap, as_of)
    return computed_phase(phase_progresses(view, playbook), view.met_after_launch)


class StatusWarning(NamedTuple):
    kind: str  # public-majority-invited | public-majority-attended | few-champions | no-convener
    message: str
    meeting: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "meeting": self.meeting}


def warnings(view: PartnershipAt) -> list[StatusWarning]:
    """What a convener should fix before it hurts the partnership."""
    snap, as_of = view.snap, view.as_of
    out: list[StatusWarning] = []
    if not snap.partnership.conveners:
        out.append(
            StatusWarning(
                "no-convener", "no convener is named; add one under 'conveners:' in partnership.yaml"
            )
        )
    for meeting in view.upcoming(facts.BUSINESS_TABLES):
        count = view.headcount(meeting.invitees)
        if count.public > count.business:
            out.append(
                StatusWarning(
                    "public-majority-invited",
                    f"{meeting.title} ({meeting.date.isoformat()}): "
                    f"{plural(count.public, 'public partner')} {verb(count.public, 'is', 'are')} invited "
                    f"but only {plural(count.business, 'business leader')}; invite more business leaders "
                    "or fewer partners",
                    meeting.id,
                )
            )
    for meeting in view.upcoming(facts.BUSINESS_TABLES):
        expected = facts.public_expected_to_outnumber(snap, meeting)
        if expected is not None:
            out.append(
                StatusWarning(
                    "public-majority-expected",
                    f"{meeting.title} ({meeting.date.isoformat()}): "
                    f"{plural(expected.public, 'public partner')} said yes but only "
                    f"{plural(expected.business, 'business leader')}; ask the business champions to "
                    "call their peers",
                    meeting.id,
                )
            )
    recent = snap.partnership.settings.recent_meetings
    for meeting in view.attended()[-recent:]:
        count = view.headcount(meeting.attendees)
        if count.public > count.business:
            out.append(
                StatusWarning(
                    "public-majority-attended",
                    f"{meeting.title} ({meeting.date.isoformat()}): {plural(count.public, 'public partner')} "
                    f"came but only {plural(count.business, 'business leader')}; the industry should hold "
                    "the table",
                    meeting.id,
                )
            )
    launch = view.launch
    if launch is not None and not view.is_held(launch) and launch.date >= as_of:
        wanted = snap.partnership.settings.recommended_champions
        have = len(view.business_champions)
        if have < wanted:
            out.append(
                StatusWarning(
                    "few-champions",
                    f"the launch on {launch.date.isoformat()} has {have} business "
                    f"champion{'' if have == 1 else 's'}; recruit at least {wanted} to invite their peers",
                    launch.id,
                )
            )
    return out


def _person(snap: Snapshot, person_id: str | None) -> str | None:
    if person_id is None:
        return None
    person = snap.people.get(person_id)
    return person.name if person else person_id


class StatusReport(NamedTuple):
    """Everything `ngsp status` shows, for people (rich) and for programs (`as_json`)."""

    partnership: str
    as_of: dt.date
    phase: Phase
    phase_set_by_hand: bool
    progress: PhaseProgress
    phases: list[PhaseProgress]
    next_step: Step | None
    upcoming: list[Meeting]
    overdue_items: list[dict[str, Any]]
    overdue_tasks: list[dict[str, Any]]
    team_flags: list[TeamFlag]
    warnings: list[StatusWarning]
    headcounts: dict[str, facts.Headcount]
    said_yes: dict[str, facts.Headcount]
    marks: dict[str, str]
    unrecorded: list[Meeting]

    @property
    def steps_done(self) -> list[Step]:
        return [r.step for r in self.progress.steps if r.state == "done"]

    def as_json(self) -> dict[str, Any]:
        def step_json(step: Step | None) -> dict[str, Any] | None:
            return None if step is None else {"id": step.id, "text": step.text, "why": step.why}

        return {
            "partnership": self.partnership,
            "as_of": self.as_of.isoformat(),
            "phase": {
                "id": self.phase.id,
                "number": self.phase.number,
                "title": self.phase.title,
                "set_in_partnership_yaml": self.phase_set_by_hand,
            },
            "phases": [
                {
                    "id": p.phase.id,
                    "number": p.phase.number,
                    "title": p.phase.title,
                    "complete": p.complete,
                    "state": self.marks.get(p.phase.id),
                }
                for p in self.phases
            ],
            "steps": [{**(step_json(s.step) or {}), "state": s.state} for s in self.progress.steps],
            "steps_done": [s.id for s in self.steps_done],
            "next_step": None
            if self.next_step is None
            else {**(step_json(self.next_step) or {}), "evidence": self.progress.evidence(self.next_step)},
            "checklist": [
                {
                    "id": r.item.id,
                    "text": r.item.text,
                    "state": r.state,
                    "detail": r.detail,
                    "rule": r.item.computed,
                    "numbers": dict(r.numbers),
                }
                for r in self.progress.items
            ],
            "upcoming_meetings": [
                {
                    "id": m.id,
                    "kind": m.kind.value,
                    "title": m.title,
                    "date": m.date.isoformat(),
                    "time": m.time,
                    "location": m.location,
                    "invited_business": self.headcounts[m.id].business,
                    "invited_public": self.headcounts[m.id].public,
                    "said_yes_business": self.said_yes[m.id].business if m.id in self.said_yes else 0,
                    "said_yes_public": self.said_yes[m.id].public if m.id in self.said_yes else 0,
                }
                for m in self.upcoming
            ],
            "unrecorded_meetings": [
                {"id": m.id, "kind": m.kind.value, "title": m.title, "date": m.date.isoformat()}
                for m in self.unrecorded
            ],
            "overdue_action_items": self.overdue_items,
            "overdue_tasks": self.overdue_tasks,
            "team_flags": [{"team": f.team, "kind": f.kind, "message": f.message} for f in self.team_flags],
            "warnings": [w.as_json() for w in self.warnings],
        }


def build_status(snap: Snapshot, playbook: Playbook, as_of: dt.date) -> StatusReport:
    view = PartnershipAt(snap, as_of)
    progresses = phase_progresses(view, playbook)
    chosen = _set_phase(snap, playbook)
    after_launch = view.met_after_launch
    phase = chosen or computed_phase(progresses, after_launch)
    progress = next(p for p in progresses if p.phase.id == phase.id)
    upcoming = view.upcoming()
    unrecorded = view.unrecorded
    overdue_items = [
        {
            "meeting": meeting.id,
            "meeting_title": meeting.title,
            "text": item.text,
            "owner": item.owner,
            "owner_name": _person(snap, item.owner),
            "due": item.due.isoformat() if item.due else None,
        }
        for meeting, item in view.overdue_action_items
    ]
    overdue_tasks = [
        {
            "team": team.id,
            "team_name": team.name,
            "task": task.id,
            "text": task.text,
            "owner": task.owner,
            "owner_name": _person(snap, task.owner),
            "due": task.due.isoformat() if task.due else None,
        }
        for team, task in view.overdue_tasks
    ]
    return StatusReport(
        partnership=snap.partnership.name,
        as_of=as_of,
        phase=phase,
        phase_set_by_hand=chosen is not None,
        progress=progress,
        phases=progresses,
        next_step=progress.next_step,
        upcoming=upcoming,
        overdue_items=overdue_items,
        overdue_tasks=overdue_tasks,
        team_flags=view.team_flags,
        warnings=warnings(view),
        headcounts={m.id: view.headcount(m.invitees) for m in [*unrecorded, *upcoming]},
        said_yes={m.id: facts.answered(snap, m) for m in upcoming if m.rsvp},
        marks=phase_marks(progresses, phase, after_launch),
        unrecorded=unrecorded,
    )


@locked
def tick(root: Path, playbook: Playbook, item_id: str, *, done: bool = True) -> ChecklistItem:
    """Tick (or untick) a manual checklist item: its id goes in `checked:` of partnership.yaml."""
    from ngsp_cli.errors import NotFoundError
    from ngsp_cli.playbook.progress import manual_items
    from ngsp_cli.store.folder import read_partnership
    from ngsp_cli.store.write import save
    from ngsp_cli.vocab import did_you_mean

    items = manual_items(playbook.phases)
    if item_id not in items:
        computed = {i.id for p in playbook.phases for i in p.checklist if i.computed}
        hint = (
            "that item is ticked from your files; change the files instead"
            if item_id in computed
            else did_you_mean(item_id, items, n=1) + "items you can tick: " + ", ".join(items)
        )
        raise NotFoundError(f"'{item_id}' is not a checklist item you tick by hand", hint=hint)
    partnership = read_partnership(root)
    checked = [i for i in partnership.checked if i != item_id]
    partnership.checked = [*checked, item_id] if done else checked
    save(root, partnership)
    return items[item_id]
