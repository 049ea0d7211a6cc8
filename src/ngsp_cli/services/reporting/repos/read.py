"""The portfolio rows of the listed repositories: each fetched, then read at its branch head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ngsp_cli import clock
from ngsp_cli.errors import InputError, Problem
from ngsp_cli.services.reporting.repos.fetch import DEFAULT_JOBS, Fetched, Progress, fetch_all
from ngsp_cli.services.reporting.repos.figures import read_repo
from ngsp_cli.services.reporting.repos.git import git_missing
from ngsp_cli.services.reporting.repos.listing import RepoSpec


@dataclass
class RepoPortfolio:
    """What `read_repos` found, beside the portfolio itself."""

    fetched: list[Fetched] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    broken: list[dict[str, Any]] = field(default_factory=list)


def read_repos(
    specs: list[RepoSpec],
    as_of: dt.date,
    *,
    cache: Path,
    jobs: int = DEFAULT_JOBS,
    workers: int | None = None,
    on_progress: Progress | None = None,
) -> RepoPortfolio:
    """Fetch every repository and read each one's partnership at its branch head."""
    from ngsp_cli.services.reporting.parallel import read_all
    from ngsp_cli.services.reporting.portfolio import broken_entry

    if git_missing():
        raise InputError(
            "git is not installed, so ngsp cannot fetch the repositories",
            hint="install git (https://git-scm.com), then run this again",
        )
    fetched = fetch_all(specs, cache, jobs=jobs, on_progress=on_progress)
    now = clock.now_utc()
    found = RepoPortfolio(fetched=fetched)
    readable = [(str(f.folder), f.commit or "", f.spec.name) for f in fetched if f.commit is not None]

    def progress(done: int, total: int, item: tuple[str, str, str]) -> None:
        if on_progress:
            on_progress("reading", done, total, item[2])

    read = read_all(readable, partial(_read_fetched, as_of=as_of), workers=workers, on_progress=progress)
    results = {name: result for (_, _, name), result in zip(readable, read, strict=True)}
    for item in fetched:  # in the order of the repositories file
        if item.commit is None:
            entry = broken_entry(item.spec.name, [unreached_problem(item, now)])
            entry["repository"] = _source(item, now)
            found.broken.append(entry)
            continue
        ok, entry = results[item.spec.name]
        entry = dict(entry)
        entry["folder"] = item.spec.name
        entry["commit"] = item.commit
        entry["repository"] = _source(item, now)
        (found.rows if ok else found.broken).append(entry)
    return found


def _read_fetched(item: tuple[str, str, str], as_of: dt.date) -> tuple[bool, dict[str, Any]]:
    folder, commit, name = item
    return read_repo(Path(folder), commit, as_of, name)


def _source(fetched: Fetched, now: dt.datetime) -> dict[str, Any]:
    return {
        "name": fetched.spec.name,
        "url": fetched.spec.url,
        "branch": fetched.spec.branch,
        "commit": fetched.commit,
        "fetched_at": fetched.fetched_at.isoformat() if fetched.fetched_at else None,
        "reached": fetched.reached,
        "age_days": fetched.age_days(now) if not fetched.reached else 0,
        "error": fetched.error,
    }


def unreached_problem(fetched: Fetched, now: dt.datetime) -> Problem:
    """What to tell about a repository that could not be fetched this time."""
    hint = (
        "check the URL, and that 'git clone' of it works for you in a terminal: "
        "ngsp uses git's own keys and credential helper"
    )
    if fetched.commit is None or fetched.fetched_at is None:
        return Problem(f"could not be fetched ({fetched.error}), and no earlier copy is cached", hint=hint)
    age = fetched.age_days(now) or 0
    when = "today" if age == 0 else ("1 day ago" if age == 1 else f"{age} days ago")
    return Problem(
        f"could not be fetched ({fetched.error}); its figures come from the copy fetched {when} "
        f"({fetched.fetched_at.date().isoformat()}, commit {fetched.commit[:10]})",
        hint=hint,
    )


def stale(fetched: Iterable[Fetched]) -> list[Fetched]:
    """Repositories not reached this time whose cached copy stands in."""
    return [f for f in fetched if not f.reached and f.commit is not None]
