"""Many partnership folders side by side, with state-level aggregates.

A state program (or a regional board with several partnerships) points
`ngsp portfolio` at partnership folders, or at a parent folder whose
subfolders are partnerships.  Each folder is read on its own; a folder that
cannot be read is reported with its first problems and skipped, so one broken
folder never hides the others.  Many folders are read in parallel processes.

Outcome aggregates follow the way Colorado reports its survey: the share of
partnerships (not of businesses) whose latest outcome survey answered "yes".
The denominator is the partnerships whose latest outcome survey (on or before
the as-of date) answered the question yes, partly or no; "unknown" and
unanswered are not a "no": they stay out of the percentages and are counted
apart as "did not know".  "partly" is reported apart from "yes", never hidden
in a "0%".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ngsp_cli.errors import NgspError, Problem
from ngsp_cli.model import Answer
from ngsp_cli.rules import PartnershipAt, facts
from ngsp_cli.services.assessment.survey import load_survey, outcome_surveys
from ngsp_cli.services.reporting.parallel import read_all
from ngsp_cli.store.folder import PARTNERSHIP_FILE, Snapshot, load
from ngsp_cli.text import plural

if TYPE_CHECKING:
    from ngsp_cli.services.reporting.repos.fetch import Fetched
    from ngsp_cli.services.reporting.repos.listing import RepoSpec

MAX_PROBLEMS = 3
_LOOKS_LIKE_PARTNERSHIP = ("organizations", "people", "meetings", "action-teams")
_WHERE_HINT = "name a partnership folder, or a folder whose subfolders are partnerships"

Progress = Callable[[int, int, str], None]
StageProgress = Callable[[str, int, int, str], None]  # stage ('fetching', 'reading'), done, total, name


@dataclass
class Portfolio:
    as_of: dt.date
    partnerships: list[dict[str, Any]] = field(default_factory=list)
    broken: list[dict[str, Any]] = field(default_factory=list)
    aggregates: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "partnerships": self.partnerships,
            "broken": self.broken,
            "aggregates": self.aggregates,
        }


# ---------------------------------------------------------------------------
# Finding the folders


def broken_entry(folder: str, problems: list[Problem], total: int | None = None) -> dict[str, Any]:
    """A folder (or repository) that could not be read: its first problems and how many there are."""
    return {
        "folder": folder,
        "problems": [p.as_dict() for p in problems[:MAX_PROBLEMS]],
        "problem_count": total if total is not None else len(problems),
    }


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[dict[str, Any]]]:
    """Partnership folders named by `paths` (folders, or parents of folders), and paths that are not."""
    found: list[Path] = []
    broken: list[dict[str, Any]] = []
    seen: set[Path] = set()

    def add(folder: Path) -> None:
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            found.append(folder)

    for path in paths:
        if (path / PARTNERSHIP_FILE).is_file():
            add(path)
            continue
        if path.is_dir() and any((path / sub).is_dir() for sub in _LOOKS_LIKE_PARTNERSHIP):
            broken.append(broken_entry(str(path), [Problem(
                f"{PARTNERSHIP_FILE} is missing", file=PARTNERSHIP_FILE,
                hint="restore it from git, or create it with 'ngsp init'")]))  # fmt: skip
            continue
        if not path.is_dir():
            broken.append(broken_entry(str(path), [Problem(
                f"{path} does not exist" if not path.exists() else f"{path} is a file, not a folder",
                hint=_WHERE_HINT)]))  # fmt: skip
            continue
        children = sorted(
            (c for c in path.iterdir() if c.is_dir() and not c.name.startswith(".")), key=lambda c: c.name
        )
        partnerships = [c for c in children if (c / PARTNERSHIP_FILE).is_file()]
        for child in children:
            if child in partnerships:
                add(child)
            elif any((child / sub).is_dir() for sub in _LOOKS_LIKE_PARTNERSHIP):
                broken.append(broken_entry(str(child), [Problem(
                    f"{PARTNERSHIP_FILE} is missing", file=PARTNERSHIP_FILE,
                    hint="restore it from git, or create it with 'ngsp init'")]))  # fmt: skip
        if not partnerships and not any(b["folder"].startswith(str(path)) for b in broken):
            broken.append(broken_entry(str(path), [Problem(
                f"{path} is not a partnership folder, and none of its subfolders is one "
                f"(a partnership folder holds {PARTNERSHIP_FILE})",
                hint=_WHERE_HINT)]))  # fmt: skip
    return found, broken


# ---------------------------------------------------------------------------
# One folder


@cache
def _bundled_playbook() -> Any:
    from ngsp_cli.playbook import load_playbook

    return load_playbook()


def _phase(snap: Snapshot, as_of: dt.date) -> tuple[dict[str, Any] | None, str | None]:
    """The partnership's phase, or None and why not (the playbook module may be missing)."""
    try:
        from ngsp_cli.playbook import load_playbook
        from ngsp_cli.playbook.loader import override_paths
        from ngsp_cli.services.assessment.status import current_phase
    except ImportError:  # pragma: no cover - an ngsp without the playbook
        return None, None
    try:
        custom = override_paths(snap.root, snap.partnership)
        playbook = load_playbook(snap.root, snap.partnership) if custom else _bundled_playbook()
        phase = current_phase(snap, playbook, as_of)
    except NgspError as exc:
        return None, f"phase unknown: {exc}"
    return {"id": phase.id, "number": phase.number, "title": phase.title}, None


def _score(snap: Snapshot, as_of: dt.date) -> tuple[float | None, str | None]:
    """The Next Gen indicator score (0 to 1), as 'ngsp check' computes it."""
    from ngsp_cli.services.assessment.indicators import score_partnership

    try:
        score = score_partnership(snap, as_of).score
    except NgspError as exc:
        return None, f"score unknown: {exc}"
    return (round(float(score), 2) if score is not None else None), None


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def summarize(snap: Snapshot, as_of: dt.date) -> dict[str, Any]:
    """One row of the portfolio: plain values only (it crosses process boundaries and goes to JSON)."""
    partnership = snap.partnership
    view = PartnershipAt(snap, as_of)
    held = view.held()
    recent = view.attended()[-partnership.settings.recent_meetings :]
    counts = [view.headcount(m.attendees) for m in recent]
    business = sum(c.business for c in counts)
    total = sum(c.total for c in counts)
    last = view.last_held
    upcoming = view.next_meeting
    flags = view.team_flags
    surveys = outcome_surveys(snap, as_of)
    survey = surveys[-1] if surveys else None
    phase, phase_note = _phase(snap, as_of)
    score, score_note = _score(snap, as_of)
    year_ago = as_of - dt.timedelta(days=365)
    return {
        "folder": str(snap.root),
        "name": partnership.name,
        "industry": partnership.industry,
        "region": partnership.region,
        "phase": phase,
        "score": score,
        "notes": [n for n in (phase_note, score_note) if n],
        "last_meeting": last.date if last else None,
        "days_since_last_meeting": (as_of - last.date).days if last else None,
        "next_meeting": upcoming.date if upcoming else None,
        "meetings_last_12_months": sum(
            1 for m in held if m.date > year_ago and m.kind in facts.BUSINESS_TABLES
        ),
        "recent_meetings": len(recent),
        "business_share": _pct(business, total),
        "business_majority": bool(counts) and all(c.business_outnumber_public for c in counts),
        "businesses": len(view.businesses),
        "public_partners": len(view.public_partners),
        "business_leaders": len(view.business_people),
        "champions": len(view.business_champions),
        "teams_active": len(view.active_teams),
        "teams_flagged": len({f.team for f in flags}),
        "tasks_overdue": len(view.overdue_tasks),
        "survey_date": survey.date if survey else None,
        "survey": {qid: a.answer.value for qid, a in survey.answers.items()} if survey else {},
    }


def read_folder(folder: Path, as_of: dt.date) -> tuple[bool, dict[str, Any]]:
    """(True, row) or (False, broken entry); never raises for a bad folder."""
    try:
        snap = load(folder)
        row = summarize(snap, as_of)
    except NgspError as exc:
        return False, broken_entry(str(folder), exc.problems)
    except Exception as exc:  # a bug must not hide the other partnerships
        return False, broken_entry(str(folder), [bug_problem("folder", exc)])
    row["folder"] = str(folder)
    return True, row


def bug_problem(what: str, exc: Exception) -> Problem:
    """An unexpected exception reading one folder or repository, told as ngsp's bug."""
    return Problem(
        f"ngsp failed on this {what} ({type(exc).__name__}: {exc})",
        hint="this is a bug in ngsp, not in your files; please report it",
    )


def build_portfolio(
    paths: Iterable[Path],
    as_of: dt.date,
    *,
    on_progress: Progress | None = None,
    workers: int | None = None,
) -> Portfolio:
    """Read every folder (in parallel when there are many) and aggregate."""
    folders, broken = discover(paths)

    def progress(done: int, total: int, folder: Path) -> None:
        if on_progress:
            on_progress(done, total, folder.name)

    results = read_all(folders, partial(read_folder, as_of=as_of), workers=workers, on_progress=progress)
    portfolio = Portfolio(as_of=as_of, broken=broken)
    for ok, entry in results:
        (portfolio.partnerships if ok else portfolio.broken).append(entry)
    portfolio.aggregates = aggregate(portfolio.partnerships)
    return portfolio


def read_portfolio(
    paths: Iterable[Path],
    as_of: dt.date,
    *,
    repos: list[RepoSpec] | None = None,
    cache: Path | None = None,
    jobs: int | None = None,
    on_progress: StageProgress | None = None,
) -> tuple[Portfolio, list[Fetched]]:
    """The partnerships of the folders `paths` and of the repositories `repos`, side by side.

    Also the repositories as fetched, to tell which were not reached (`cache` and `jobs`: see
    `repos.fetch.cache_dir` and `fetch_all`).
    """

    def progress(done: int, total: int, name: str) -> None:
        if on_progress:
            on_progress("reading", done, total, name)

    portfolio = build_portfolio(paths, as_of, on_progress=progress)
    if repos is None:
        return portfolio, []
    from ngsp_cli.services.reporting.repos.fetch import DEFAULT_JOBS, cache_dir
    from ngsp_cli.services.reporting.repos.read import read_repos

    found = read_repos(
        repos, as_of, cache=cache_dir(cache), jobs=jobs or DEFAULT_JOBS, on_progress=on_progress
    )
    portfolio.partnerships.extend(found.rows)
    portfolio.broken.extend(found.broken)
    portfolio.aggregates = aggregate(portfolio.partnerships)
    return portfolio, found.fetched


def outcome_item(statement: str, answers: list[str | None]) -> dict[str, Any]:
    """The figures and the one sentence of one survey question over the partnerships' answers.

    `answers` holds each surveyed partnership's answer (None: not answered).
    """
    yes = sum(1 for a in answers if a == Answer.yes.value)
    partly = sum(1 for a in answers if a == Answer.partly.value)
    no = sum(1 for a in answers if a == Answer.no.value)
    answered = yes + partly + no
    unknown = len(answers) - answered
    percent = _pct(yes, answered)
    if not answers:
        sentence = None
    elif not answered:
        sentence = (
            f"None of the {plural(len(answers), 'partnership')} surveyed knew whether they {statement}"
            if len(answers) > 1
            else f"The one partnership surveyed did not know whether they {statement}"
        )
    else:
        others = [f"{partly} partly"] if partly else []
        others += [f"{no} no"] if no else []
        if yes or not partly:
            sentence = f"{percent}% of partnerships {statement} ({yes} of {answered} answered yes"
            sentence += (", " + ", ".join(others) if others else "") + ")"
        else:
            sentence = f"{partly} of {answered} answered partly that they {statement}"
            sentence += f" ({no} no, none yes)" if no else " (none yes)"
        if unknown:
            sentence += f"; {unknown} did not know"
    return {
        "statement": statement,
        "yes": yes,
        "partly": partly,
        "no": no,
        "unknown": unknown,
        "answered": answered,
        "of": len(answers),
        "percent": percent,
        "partly_percent": _pct(partly, answered),
        "sentence": sentence,
    }


def aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """State-level figures over the partnerships that could be read."""
    survey = load_survey()
    surveyed = [r for r in rows if r["survey_date"] is not None]
    outcomes: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    for group in survey.groups:
        in_group: list[dict[str, Any]] = []
        groups.append({"id": group.id, "title": group.title, "outcomes": in_group})
        for question in group.questions:
            answers = [r["survey"].get(question.id) for r in surveyed]
            item = outcome_item(question.statement, answers)
            item = {"id": question.id, "group": group.title, **item}
            outcomes.append(item)
            in_group.append(item)
    with_meetings = [r for r in rows if r["recent_meetings"]]
    scores = [r["score"] for r in rows if r["score"] is not None]
    phases: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: (r["phase"] or {}).get("number", 99)):
        title = row["phase"]["title"] if row["phase"] else "unknown"
        phases[title] = phases.get(title, 0) + 1
    return {
        "partnerships": len(rows),
        "with_outcome_survey": len(surveyed),
        "businesses": sum(r["businesses"] for r in rows),
        "business_leaders": sum(r["business_leaders"] for r in rows),
        "champions": sum(r["champions"] for r in rows),
        "teams_active": sum(r["teams_active"] for r in rows),
        "teams_flagged": sum(r["teams_flagged"] for r in rows),
        "business_majority": sum(1 for r in with_meetings if r["business_majority"]),
        "business_majority_of": len(with_meetings),
        "business_majority_percent": _pct(
            sum(1 for r in with_meetings if r["business_majority"]), len(with_meetings)
        ),
        "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
        "phases": phases,
        "outcomes": outcomes,
        "outcome_groups": groups,
    }


def render_portfolio(portfolio: Portfolio, fmt: str) -> str:
    """The portfolio as Markdown or as one printable HTML file."""
    from ngsp_cli.render.env import render_template

    data = portfolio.as_dict()
    if fmt == "html":
        from ngsp_cli.render import charts

        data["charts"] = charts.portfolio_charts(data)
    return render_template(f"portfolio.{fmt}.j2", data)
