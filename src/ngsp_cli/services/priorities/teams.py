"""Action teams: business-led work on one priority, with tasks and dated progress updates.

An action team needs at least one business champion (a person of a business
organization); public partners support it and one of them may keep its notes
as staff lead.  Flags (no business champion, no recent update, overdue tasks)
come from `PartnershipAt.team_flags`, the one source `team list`, `status`,
`check` and `report` share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError, Problem, UsageError
from ngsp_cli.ids import check_id, new_id
from ngsp_cli.model import (
    ActionTeam,
    Meeting,
    Organization,
    Person,
    Priority,
    PriorityStatus,
    Task,
    TaskStatus,
    TeamChange,
    TeamStatus,
    TeamUpdate,
)
from ngsp_cli.rules.priority_dates import first_selected, status_on
from ngsp_cli.services.dates import not_in_future
from ngsp_cli.services.lookup import resolve_person, resolve_priority, resolve_team
from ngsp_cli.store import folder as store
from ngsp_cli.store.files import locked
from ngsp_cli.store.folder import Snapshot
from ngsp_cli.store.write import save
from ngsp_cli.text import shorten

TEAM_KINDS = (Organization, Person, Priority, ActionTeam)


class TeamRefused(InputError):
    """The team cannot be formed as asked; every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = problems
        first = problems[0]
        message = (
            first.message if len(problems) == 1 else f"the team cannot be formed ({len(problems)} reasons)"
        )
        super().__init__(message, field=first.field, hint=first.hint)

    @property
    def problems(self) -> list[Problem]:
        return self._problems


def _load(root: Path) -> Snapshot:
    return store.load(root, kinds=TEAM_KINDS, check_references=False)


def _person(snap: Snapshot, ref: str) -> str:
    return resolve_person(snap, ref)


def _org_label(snap: Snapshot, person_id: str) -> str:
    org = snap.org_of(person_id)
    return f"{org.name}, {org.kind.value}" if org else "no organization"


def find_team(snap: Snapshot, ref: str) -> ActionTeam:
    return snap.teams[resolve_team(snap, ref)]


@locked
def new_team(
    root: Path,
    priority: str,
    champions: Sequence[str],
    *,
    support: Sequence[str] = (),
    staff_lead: str | None = None,
    name: str | None = None,
    goal: str | None = None,
    measures: Sequence[str] = (),
    formed: dt.date | None = None,
    team_id: str | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> ActionTeam:
    """Form an action team on a selected priority, led by business champions.

    Refuses (listing every reason) when no champion is given, when a champion
    is not a person of a business organization (public partners join as
    support), when the priority was parked, when an active team already
    works on the priority (unless `force`: a second team on purpose), or when
    `formed` (default: today) comes before the day the priority was selected.
    """
    given = formed is not None
    formed = not_in_future(
        formed,
        today,
        "a team's forming",
        "--formed",
        "use the day the champions agreed to lead it; form the team once they have",
    )
    snap = store.load(root, kinds=(*TEAM_KINDS, Meeting), check_references=False)
    priority_id = resolve_priority(snap, priority)
    prio = snap.priorities[priority_id]
    problems: list[Problem] = _formed_too_early(snap, prio, formed, given=given)
    champion_ids = _people(snap, champions, "--champion", problems)
    problems += _champion_problems(snap, champions, champion_ids)
    support_ids = _people(snap, support, "--support", problems)
    leads = _people(snap, [staff_lead] if staff_lead else [], "--staff-lead", problems)
    problems += _priority_problems(snap, prio, force=force)
    if problems:
        raise TeamRefused(problems)
    lead = leads[0] if leads else None
    if lead and lead not in support_ids:
        support_ids.append(lead)
    team = ActionTeam(
        name=name or prio.title,
        priority=priority_id,
        champions=list(dict.fromkeys(champion_ids)),
        support=[pid for pid in dict.fromkeys(support_ids) if pid not in champion_ids],
        staff_lead=lead,
        goal=goal,
        measures=list(measures),
        formed=formed,
    )
    team.id = check_id(team_id, "team id") if team_id else new_id(team.name, snap.teams)
    save(root, team, create=True)
    return team


def _formed_too_early(snap: Snapshot, prio: Priority, formed: dt.date, *, given: bool) -> list[Problem]:
    """The problem of a team formed before its priority was selected (`given`: --formed was passed)."""
    chosen = first_selected(snap, prio)
    if chosen is None:
        return []
    then = status_on(snap, prio, formed)
    chosen_then = then in (PriorityStatus.selected, PriorityStatus.done)
    if formed >= chosen.day and then is not None and not chosen_then:
        return [
            Problem(
                f"on {formed.isoformat()} the priority '{prio.title}' was {then.value}, not selected",
                field="--formed",
                hint="a team works on a selected priority: give a --formed day when it was selected "
                f"(see 'ngsp priority show {prio.id}')",
            )
        ]
    if formed >= chosen.day:
        return []
    how = f"at {chosen.meeting}" if chosen.meeting else "by hand"
    return [
        Problem(
            f"the team would be formed on {formed.isoformat()}"
            + ("" if given else " (today)")
            + f", before its priority '{prio.title}' was selected on {chosen.day.isoformat()} ({how})",
            field="--formed",
            hint=f"a team is formed once its priority is chosen: give --formed {chosen.day.isoformat()} "
            "or later" + ("" if given else ", or fix the date of the vote's meeting if it is wrong"),
        )
    ]


def _people(snap: Snapshot, refs: Sequence[str], option: str, problems: list[Problem]) -> list[str]:
    """The person ids `refs` name; a reference that names no one adds a problem about `option`."""
    found: list[str] = []
    for ref in refs:
        try:
            found.append(_person(snap, ref))
        except NotFoundError as exc:
            problems.append(Problem(exc.problem.message, field=option, hint=exc.problem.hint))
    return found


def _champion_problems(snap: Snapshot, champions: Sequence[str], champion_ids: list[str]) -> list[Problem]:
    """Champions who are public partners, or no champion at all."""
    problems = [
        Problem(
            f"{snap.people[pid].name} ({_org_label(snap, pid)}) is a public partner, not a business champion",
            field="--champion",
            hint=f"add public partners with --support {pid}; a business leader must lead the team",
        )
        for pid in champion_ids
        if not snap.is_business(pid)
    ]
    if not champions:
        problems.append(
            Problem(
                "an action team needs at least one business champion",
                field="--champion",
                hint="name the business leader who volunteered, e.g. --champion ann-lee "
                "(see 'ngsp person list --role champion')",
            )
        )
    return problems


def _priority_problems(snap: Snapshot, prio: Priority, *, force: bool) -> list[Problem]:
    """A priority that is not selected, or (unless `force`) already has an active team."""
    problems: list[Problem] = []
    if prio.status in (PriorityStatus.parked, PriorityStatus.candidate):
        problems.append(
            Problem(
                f"the priority '{prio.title}' is {prio.status.value}, not selected",
                field="priority",
                hint=f"action teams work on selected priorities; if the business leaders chose it after all, "
                f"set 'status: selected' in priorities/{prio.id}.yaml",
            )
        )
    existing = [
        t
        for t in sorted(snap.teams.values(), key=lambda t: t.id)
        if t.priority == prio.id and t.status is TeamStatus.active
    ]
    if existing and not force:
        first = existing[0]
        problems.append(
            Problem(
                f"the priority '{prio.title}' already has the active action team {first.name} ({first.id})",
                field="priority",
                hint=f"add people and tasks to that team ('ngsp team show {first.id}'), pause or close it "
                f"first ('ngsp team status {first.id} done'), or pass --force to form a second team",
            )
        )
    return problems


@locked
def add_task(
    root: Path,
    team_ref: str,
    text: str,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    quick_win: bool = False,
    today: dt.date | None = None,
) -> tuple[ActionTeam, Task]:
    """Add an open task to a team, dated the day it is added (today, or `today` standing in for
    the clock); its id is t1, t2, ... in the order tasks were added."""
    added = not_in_future(None, today, "a task", "--as-of", _PLANS_HINT)
    snap = _load(root)
    team = find_team(snap, team_ref).model_copy(deep=True)
    _not_before_forming(team, added, "a task added")
    owner_id = _person(snap, owner) if owner else None
    taken = {t.id for t in team.tasks}
    number = len(team.tasks) + 1
    while f"t{number}" in taken:
        number += 1
    task = Task(id=f"t{number}", text=text, owner=owner_id, due=due, quick_win=quick_win, added=added)
    team.tasks.append(task)
    save(root, team)
    return team, task


def find_task(team: ActionTeam, ref: str) -> Task:
    ref = ref.strip()
    for task in team.tasks:
        if task.id == ref:
            return task
    matches = [t for t in team.tasks if t.text.casefold().startswith(ref.casefold())]
    if len(matches) == 1:
        return matches[0]
    listing = ", ".join(f"{t.id} ({shorten(t.text)})" for t in team.tasks) or "none yet"
    raise NotFoundError(
        f"{team.name} has no task '{ref}'" if not matches else f"'{ref}' matches several tasks",
        file=f"{ActionTeam.folder}/{team.id}.yaml",
        field="tasks",
        hint=f"use a task id: {listing}",
    )


_PLANS_HINT = (
    "use the day it happened; record plans as tasks with a due date "
    "('ngsp team task add TEAM TEXT --due DATE')"
)


def _not_before_forming(team: ActionTeam, on: dt.date, what: str) -> None:
    """A team's work is dated on or after the day it was formed (its tasks came with it)."""
    if team.formed is not None and on < team.formed:
        raise UsageError(
            f"{what} on {on.isoformat()} would come before {team.name} was formed on "
            f"{team.formed.isoformat()}; nothing was written",
            file=f"{ActionTeam.folder}/{team.id}.yaml",
            field="--date",
            hint=f"give --date {team.formed.isoformat()} or later, or fix 'formed:' in the file",
        )


@locked
def finish_task(
    root: Path,
    team_ref: str,
    task_ref: str,
    *,
    on: dt.date | None = None,
    status: TaskStatus = TaskStatus.done,
    today: dt.date | None = None,
) -> tuple[ActionTeam, Task]:
    """Mark a task done (or dropped) on a date, today or earlier."""
    on = not_in_future(on, today, "a finished task", "--date", _PLANS_HINT)
    snap = _load(root)
    team = find_team(snap, team_ref).model_copy(deep=True)
    task = find_task(team, task_ref)
    _not_before_forming(team, on, f"task {task.id} finished")
    if task.added is not None and on < task.added:
        task.added = on  # recorded late: a task finished on a day existed by that day
    if task.status is not TaskStatus.open:
        raise UsageError(
            f"task {task.id} is already {task.status.value}",
            file=f"{ActionTeam.folder}/{team.id}.yaml",
            field="tasks",
        )
    task.status = status
    task.done_on = on
    save(root, team)
    return team, task


@locked
def add_update(
    root: Path,
    team_ref: str,
    text: str,
    *,
    by: str | None = None,
    on: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[ActionTeam, TeamUpdate]:
    """Add a progress note to a team, dated today or earlier (`today` stands in for the clock)."""
    on = not_in_future(on, today, "a progress update", "--date", _PLANS_HINT)
    snap = _load(root)
    team = find_team(snap, team_ref).model_copy(deep=True)
    _not_before_forming(team, on, "a progress update")
    update = TeamUpdate(date=on, text=text, by=_person(snap, by) if by else None)
    team.updates.append(update)
    team.updates.sort(key=lambda u: u.date)
    save(root, team)
    return team, update


@locked
def set_status(
    root: Path,
    team_ref: str,
    status: TeamStatus,
    *,
    on: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[ActionTeam, bool]:
    """Set a team's status on a day (today or earlier); the status before it goes to `history`.

    Returns the team and whether the file changed (setting the status it has changes nothing).
    """
    day = not_in_future(on, today, "a team's status", "--date", "use the day the team paused or closed")
    snap = _load(root)
    team = find_team(snap, team_ref).model_copy(deep=True)
    if team.status is status:
        return team, False
    _not_before_forming(team, day, f"a status change to {status.value}")
    current_day = team.since or team.formed
    if current_day is not None and day < current_day:
        raise UsageError(
            f"{team.name} became {team.status.value} on {current_day.isoformat()}; "
            f"a change on {day.isoformat()} would come before it",
            file=f"{ActionTeam.folder}/{team.id}.yaml",
            field="since",
            hint=f"give --date {current_day.isoformat()} or later",
        )
    if current_day is not None:
        team.history.append(TeamChange(date=current_day, status=team.status))
    team.status = status
    team.since = day
    save(root, team)
    return team, True
