"""Validate a whole partnership folder: every file, every reference, duplicates, indicators.

The store already checks each file against the schema and every reference
between files.  This adds what only shows across files, typically after two
people added the same thing on different laptops and merged:

- two organizations with the same name (ignoring case, punctuation, Inc/LLC...),
- two people with the same e-mail address,
- two meeting files for the same meeting (same date, kind, team and title),
- two priorities with the same title,
- a meeting after today marked held, or with votes (what has not happened yet),
- an organization or a person that left before the day it joined,
- (a warning) a team formed before its priority was selected,
- (a warning) a priority marked done by hand with no `since:` date,

plus the playbook's phase files, the indicator definitions (bundled, playbook,
folder) and self-assessment
answers that name no indicator.  Every problem is collected; nothing stops at
the first one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from ngsp_cli import clock
from ngsp_cli.errors import FolderInvalid, NgspError, Problem
from ngsp_cli.ids import slug
from ngsp_cli.model import (
    ActionTeam,
    AssessmentKind,
    Entity,
    Meeting,
    MeetingStatus,
    Organization,
    Person,
    Priority,
    PriorityStatus,
)
from ngsp_cli.playbook.indicators import IndicatorSet, answer_problem, load_indicator_set
from ngsp_cli.services.assessment.survey import SurveyDefinition, folder_survey
from ngsp_cli.store import folder as store
from ngsp_cli.store import yamlio
from ngsp_cli.vocab import normalized_name


class Validation(NamedTuple):
    """The folder as loaded (None when partnership.yaml itself is unreadable) and its problems."""

    root: Path
    snapshot: store.Snapshot | None
    indicators: IndicatorSet | None
    problems: list[Problem]
    warnings: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems


def _line(root: Path, rel: str, path: tuple[str | int, ...]) -> int | None:
    try:
        text = (root / rel).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return yamlio.line_of(text, path)


def _duplicates(
    root: Path,
    entities: Iterable[Entity],
    key: Callable[[Entity], str | None],
    field_name: str,
    message: Callable[[Entity, str], str],
    hint: str,
) -> list[Problem]:
    seen: dict[str, Entity] = {}
    problems: list[Problem] = []
    for entity in sorted(entities, key=lambda e: e.id):
        value = key(entity)
        if not value:
            continue
        first = seen.setdefault(value, entity)
        if first is entity:
            continue
        first_rel = f"{first.folder}/{first.id}.yaml"
        rel = f"{entity.folder}/{entity.id}.yaml"
        problems.append(
            Problem(
                message(entity, first_rel),
                file=rel,
                line=_line(root, rel, (field_name,)),
                field=field_name,
                hint=hint,
            )
        )
    return problems


def duplicate_problems(snap: store.Snapshot) -> list[Problem]:
    """Entities that are the same thing twice in different files."""
    root = snap.root
    merge_hint = (
        "after a git merge, keep one file, move anything only the other has into it, delete the other"
    )

    def org_key(e: Entity) -> str | None:
        return normalized_name(e.name) if isinstance(e, Organization) else None

    def email_key(e: Entity) -> str | None:
        return e.email.casefold() if isinstance(e, Person) and e.email else None

    def meeting_key(e: Entity) -> str | None:
        if not isinstance(e, Meeting):
            return None
        return f"{e.date.isoformat()}|{e.kind.value}|{e.team or ''}|{slug(e.title)}"

    def priority_key(e: Entity) -> str | None:
        return normalized_name(e.title) if isinstance(e, Priority) else None

    return [
        *_duplicates(
            root, snap.organizations.values(), org_key, "name",
            lambda e, first: f"'{getattr(e, 'name', '')}' is already recorded in {first}",
            merge_hint + " (and point its people at the one you keep)",
        ),
        *_duplicates(
            root, snap.people.values(), email_key, "email",
            lambda e, first: f"the e-mail address {getattr(e, 'email', '')} is already used in {first}",
            merge_hint + " (and update meetings and teams to the id you keep)",
        ),
        *_duplicates(
            root, snap.meetings.values(), meeting_key, "title",
            lambda e, first: f"this looks like the same meeting as {first} (same date, kind and title)",
            merge_hint + " (combine the attendance and notes)",
        ),
        *_duplicates(
            root, snap.priorities.values(), priority_key, "title",
            lambda e, first: f"the priority '{getattr(e, 'title', '')}' is already recorded in {first}",
            merge_hint + " (add up the votes and point the action team at the one you keep)",
        ),
    ]  # fmt: skip


def assessment_warnings(
    snap: store.Snapshot, indicator_set: IndicatorSet, survey: SurveyDefinition | None = None
) -> list[Problem]:
    """Self-assessment answers keyed by an id that is no indicator, and outcome-survey answers
    keyed by an id that is no survey question: a typo, or an indicator or question that has
    since been dropped.  A warning, not an error: an old assessment is a record of its day."""
    known = {AssessmentKind.self_assessment: set(indicator_set.ids())}
    if survey is not None:
        known[AssessmentKind.outcome_survey] = set(survey.ids())
    problems = []
    for assessment in sorted(snap.assessments.values(), key=lambda a: a.id):
        if assessment.kind not in known:
            continue
        rel = f"{assessment.folder}/{assessment.id}.yaml"
        for answer_id in assessment.answers:
            if answer_id not in known[assessment.kind]:
                line = _line(snap.root, rel, ("answers", answer_id))
                if assessment.kind is AssessmentKind.self_assessment:
                    problems.append(answer_problem(indicator_set, answer_id, rel, line))
                else:
                    assert survey is not None
                    problems.append(survey_answer_problem(survey, answer_id, rel, line))
    return problems


def survey_answer_problem(survey: SurveyDefinition, answer_id: str, file: str, line: int | None) -> Problem:
    return Problem(
        f"'{answer_id}' is not an outcome survey question; this answer is ignored",
        file=file,
        line=line,
        field=f"answers.{answer_id}",
        hint="use one of " + ", ".join(survey.ids()) + " ('ngsp survey --questions' lists them)",
    )


def playbook_problems(root: Path, snap: store.Snapshot) -> list[Problem]:
    """Mistakes in the phase files the partnership uses (its own or its program's)."""
    from ngsp_cli.playbook import load_playbook

    try:
        load_playbook(root, snap.partnership)
    except NgspError as exc:
        return list(exc.problems)
    return []


def leftover_problems(root: Path) -> tuple[list[Problem], list[Problem]]:
    """What an ngsp command stopped hard (kill -9, a power cut) left: (problems, warnings).

    A change of many files stopped half-way through being put in place is a problem
    (the folder holds part of it); temporary files that changed nothing are a warning.
    """
    from ngsp_cli.store import staging

    found = staging.find(root)
    if not found:
        return [], []
    if found.committing:
        problem = Problem(
            found.describe(),
            file=f"{staging.STAGING}/",
            hint="run any ngsp command that changes the folder (e.g. the same import again): "
            "it puts the rest in place first and says so",
        )
        return [problem], []
    warning = Problem(
        found.describe(),
        file=f"{staging.STAGING}/" if found.staged else found.temps[0],
        hint="they changed nothing; the next ngsp command that changes the folder removes them "
        "(or delete them yourself)",
    )
    return [], [warning]


def timeline_problems(snap: store.Snapshot, today: dt.date) -> list[Problem]:
    """Records of what cannot have happened yet: a meeting after today marked held, or with votes.

    ngsp refuses to write these; a hand edit (or a file from an older ngsp) can still hold them,
    and every screen would then count a meeting that has not taken place.
    """
    problems = []
    for meeting in sorted(snap.meetings.values(), key=lambda m: (m.date, m.id)):
        if meeting.date <= today:
            continue
        rel = f"{Meeting.folder}/{meeting.id}.yaml"
        when = f"{meeting.date.isoformat()}, after today ({today.isoformat()})"
        if meeting.status is MeetingStatus.held:
            problems.append(
                Problem(
                    f"{meeting.title} is marked held but is on {when}",
                    file=rel,
                    line=_line(snap.root, rel, ("status",)),
                    field="status",
                    hint="set 'status: planned' until the day has come, or fix 'date:' if it was held before",
                )
            )
        if meeting.votes:
            problems.append(
                Problem(
                    f"{meeting.title} has votes recorded but is on {when}",
                    file=rel,
                    line=_line(snap.root, rel, ("votes",)),
                    field="votes",
                    hint="record the votes once the meeting is held, or fix 'date:' if it was held earlier",
                )
            )
    return problems


def membership_problems(snap: store.Snapshot) -> list[Problem]:
    """Organizations and people whose `joined` is after their `left`: every screen would count
    them on no day at all, whichever of the two dates is wrong."""
    problems = []
    entities: list[Organization | Person] = [*snap.organizations.values(), *snap.people.values()]
    for entity in sorted(entities, key=lambda e: (e.folder, e.id)):
        if entity.joined is None or entity.left is None or entity.joined <= entity.left:
            continue
        rel = f"{entity.folder}/{entity.id}.yaml"
        command = f"ngsp {'org' if isinstance(entity, Organization) else 'person'} leave {entity.id} --undo"
        problems.append(
            Problem(
                f"{entity.name} joined on {entity.joined.isoformat()}, after the day "
                f"{'it' if isinstance(entity, Organization) else 'they'} left ({entity.left.isoformat()})",
                file=rel,
                line=_line(snap.root, rel, ("joined",)),
                field="joined",
                hint="fix 'joined:' or 'left:' so the day of joining comes first; if "
                f"{entity.name} came back after leaving, clear 'left:' with '{command}'",
            )
        )
    return problems


def order_warnings(snap: store.Snapshot) -> list[Problem]:
    """Dates of dependent events out of order or missing: a team formed before its priority was
    selected, a priority finished on no known day."""
    from ngsp_cli.rules.priority_dates import first_selected

    warnings = []
    for team in sorted(snap.teams.values(), key=lambda t: t.id):
        priority = snap.priorities.get(team.priority)
        chosen = first_selected(snap, priority) if priority is not None else None
        if team.formed is None or chosen is None or team.formed >= chosen.day:
            continue
        rel = f"{ActionTeam.folder}/{team.id}.yaml"
        warnings.append(
            Problem(
                f"{team.name} was formed on {team.formed.isoformat()}, before its priority "
                f"'{priority.title if priority else team.priority}' was selected on {chosen.day.isoformat()}",
                file=rel,
                line=_line(snap.root, rel, ("formed",)),
                field="formed",
                hint="fix 'formed:' (or the date of the vote's meeting) so the team comes after its priority",
            )
        )
    for priority in sorted(snap.priorities.values(), key=lambda p: p.id):
        undated_done = priority.status is PriorityStatus.done and priority.since is None
        if not undated_done or priority.meeting is None:
            continue
        # No vote finishes a priority: without `since:` it would count as done since its vote.
        rel = f"{Priority.folder}/{priority.id}.yaml"
        warnings.append(
            Problem(
                f"'{priority.title}' is marked done but its file gives no day it was finished, so screens "
                "of past days count it as done since its vote",
                file=rel,
                line=_line(snap.root, rel, ("status",)),
                field="since",
                hint=f"add 'since: YYYY-MM-DD' (the day it was finished), or set it with "
                f"'ngsp priority status {priority.id} done --date YYYY-MM-DD'",
            )
        )
    return warnings


def validate_folder(root: Path, today: dt.date | None = None) -> Validation:
    """Load and check everything; never raises for a problem in the files.

    `today` (default: the clock) is the day after which nothing can have happened yet.
    """
    left_problems, left_warnings = leftover_problems(root)
    try:
        snap = store.load(root, strict=False)
    except FolderInvalid as exc:
        return Validation(root, None, None, [*exc.problems, *left_problems], left_warnings)
    problems = list(snap.problems) + left_problems
    problems += duplicate_problems(snap)
    problems += timeline_problems(snap, today or clock.today())
    problems += membership_problems(snap)
    problems += playbook_problems(root, snap)
    indicator_set, indicator_problems = load_indicator_set(root, snap.partnership)
    problems += indicator_problems
    survey = None
    try:
        survey = folder_survey(root, snap.partnership)
    except NgspError as exc:
        problems += exc.problems
    warnings = left_warnings + assessment_warnings(snap, indicator_set, survey) + order_warnings(snap)
    return Validation(root, snap, indicator_set, sorted(problems, key=Problem.sort_key), warnings)
