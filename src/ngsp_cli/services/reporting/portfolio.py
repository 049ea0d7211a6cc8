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
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from ngsp_cli.errors import NgspError, Problem
from ngsp_cli.model import Answer
from ngsp_cli.rules import PartnershipAt, facts
from ngsp_cli.services.assessment.survey import load_survey, outcome_surveys
from ngsp_cli.store.folder import PARTNERSHIP_FILE, Snapshot, load
from ngsp_cli.text import plural

MAX_PROBLEMS = 3
PARALLEL_FROM = 6  # folders; below this one process is faster than starting workers
_LOOKS_LIKE_PARTNERSHIP = ("organizations", "people", "meetings", "action-teams")
_WHERE_HINT = "name a partnership folder, or a folder whose subfolders are partnerships"

Progress = Callable[[int, int, str], None]


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


def _broken(folder: str, problems: list[Problem], total: int | None = None) -> dict[str, Any]:
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
            broken.append(_broken(str(path), [Problem(
                f"{PARTNERSHIP_FILE} is missing", file=PARTNERSHIP_FILE,
                hint="restore it from git, or create it with 'ngsp init'")]))  # fmt: skip
            continue
        if not path.is_dir():
            broken.append(_broken(str(path), [Problem(
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
                broken.append(_broken(str(child), [Problem(
                    f"{PARTNERSHIP_FILE} is missing", file=PARTNERSHIP_FILE,
                    hint="restore it from git, or create it with 'ngsp init'")]))  # fmt: skip
        if not partnerships and not any(b["folder"].startswith(str(path)) for b in broken):
            broken.append(_broken(str(path), [Problem(
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
        return False, _broken(str(folder), exc.problems)
    except Exception as exc:  # a bug must not hide the other partnerships
        problem = Problem(
            f"ngsp failed on this folder ({type(exc).__name__}: {exc})",
            hint="this is a bug in ngsp, not in your files; please report it",
        )
        return False, _broken(str(folder), [problem])
    row["folder"] = str(folder)
    return True, row


def _read_many(folder_list: list[str], as_of: dt.date) -> tuple[list[str], list[tuple[bool, dict[str, Any]]]]:
    return folder_list, [read_folder(Path(f), as_of) for f in folder_list]


def _quiet_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the main process
    # handles it (and stops the workers), so workers print no traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The pool ends its workers with SIGTERM, which must simply end them.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # leaves the pool's `with`, which terminates the workers


@contextmanager
def _sigterm_stops_the_pool() -> Iterator[None]:
    """While workers run, SIGTERM (a `kill`, a closed session) stops them like Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# ---------------------------------------------------------------------------
# The portfolio


def _workers(count: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, workers)
    if count < PARALLEL_FROM:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, 8, count // 3))


def build_portfolio(
    paths: Iterable[Path],
    as_of: dt.date,
    *,
    on_progress: Progress | None = None,
    workers: int | None = None,
) -> Portfolio:
    """Read every folder (in parallel when there are many) and aggregate."""
    folders, broken = discover(paths)
    results: dict[str, tuple[bool, dict[str, Any]]] = {}
    total = len(folders)
    n_workers = _workers(total, workers)
    if n_workers == 1:
        for index, folder in enumerate(folders, 1):
            results[str(folder)] = read_folder(folder, as_of)
            if on_progress:
                on_progress(index, total, folder.name)
    else:
        # Small batches: fewer round trips than one task per folder, and the
        # progress bar still moves steadily.
        size = max(1, min(8, total // (n_workers * 4)))
        batches = [[str(f) for f in folders[i : i + size]] for i in range(0, total, size)]
        done = 0
        # Leaving the `with` terminates the workers, also on Ctrl-C or an error.
        # The SIGTERM handler is set only once the workers exist: a forked worker must not
        # inherit it (a Python handler cannot run while a worker waits on a lock, so the
        # pool's own SIGTERM could not end that worker).
        with multiprocessing.Pool(n_workers, initializer=_quiet_worker) as pool, _sigterm_stops_the_pool():
            for batch, batch_results in pool.imap_unordered(partial(_read_many, as_of=as_of), batches):
                for name, result in zip(batch, batch_results, strict=True):
                    results[name] = result
                done += len(batch)
                if on_progress:
                    on_progress(done, total, Path(batch[-1]).name)
    portfolio = Portfolio(as_of=as_of, broken=broken)
    for folder in folders:
        ok, entry = results[str(folder)]
        (portfolio.partnerships if ok else portfolio.broken).append(entry)
    portfolio.aggregates = aggregate(portfolio.partnerships)
    return portfolio


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
