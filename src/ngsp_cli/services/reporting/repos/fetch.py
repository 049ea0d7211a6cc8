"""Fetching each repository's branch head into the cache (a bare repository per repository)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ngsp_cli import clock
from ngsp_cli.services.reporting.repos.git import git_env, git_says, run_git
from ngsp_cli.services.reporting.repos.listing import RepoSpec

CACHE_ENV = "NGSP_CACHE_DIR"
HEAD_REF = "refs/ngsp/head"
STATE_FILE = "ngsp-fetch.json"
DEFAULT_JOBS = 8
FETCH_TIMEOUT_SECONDS = 300

Progress = Callable[[str, int, int, str], None]  # stage, done, total, name


@dataclass
class Fetched:
    """A repository after fetching: the commit to read, or why there is none."""

    spec: RepoSpec
    folder: Path
    commit: str | None = None
    fetched_at: dt.datetime | None = None
    reached: bool = True
    error: str | None = None

    def age_days(self, now: dt.datetime) -> int | None:
        return None if self.fetched_at is None else max(0, (now - self.fetched_at).days)


def cache_dir(explicit: Path | None = None) -> Path:
    """--cache, else NGSP_CACHE_DIR, else the user's cache folder ($XDG_CACHE_HOME/ngsp/repos)."""
    if explicit is not None:
        return explicit.expanduser()
    named = os.environ.get(CACHE_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "ngsp" / "repos"


def _repo_folder(cache: Path, spec: RepoSpec) -> Path:
    key = hashlib.sha256(f"{spec.url}\n{spec.branch or ''}".encode()).hexdigest()[:12]
    return cache / f"{spec.name}-{key}"


def _read_state(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: Any) -> None:
    """Write a cache file whole (a temporary file renamed over it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch_one(spec: RepoSpec, cache: Path) -> Fetched:
    """Fetch the branch head of one repository into its cache folder (a bare repository)."""
    folder = _repo_folder(cache, spec)
    state = _read_state(folder)
    cached_commit = state.get("commit") if isinstance(state.get("commit"), str) else None
    fetched_at = None
    if isinstance(state.get("fetched_at"), str):
        with contextlib.suppress(ValueError):
            fetched_at = dt.datetime.fromisoformat(state["fetched_at"])
    if not (folder / "HEAD").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        made = run_git(folder, "init", "--quiet", "--bare")
        if made.returncode != 0:
            return Fetched(spec, folder, reached=False, error=git_says(made.stderr))
    ref = f"refs/heads/{spec.branch}" if spec.branch else "HEAD"
    if cached_commit is not None and _head_is(folder, spec.url, ref, cached_commit):
        return _fetched(spec, folder, cached_commit)
    try:
        done = run_git(
            folder, "fetch", "--quiet", "--no-tags", "--depth", "1", spec.url, f"+{ref}:{HEAD_REF}",
            timeout=FETCH_TIMEOUT_SECONDS,
        )  # fmt: skip
        error = None if done.returncode == 0 else git_says(done.stderr)
    except subprocess.TimeoutExpired:
        error = f"no answer within {FETCH_TIMEOUT_SECONDS} seconds"
    if error is not None:
        # Unreachable, or the branch is gone: the copy fetched last time, if any, stands in.
        return Fetched(spec, folder, commit=cached_commit, fetched_at=fetched_at, reached=False, error=error)
    return _fetched_head(spec, folder)


def _head_is(folder: Path, url: str, ref: str, commit: str) -> bool:
    """Whether `ref` of the remote is still `commit`, already in the cache: nothing new to fetch.

    Asking for the head alone costs far less than a fetch that finds nothing new.
    """
    try:
        listed = run_git(folder, "ls-remote", url, ref, timeout=FETCH_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return False
    if listed.returncode != 0:
        return False
    heads = {}
    for line in listed.stdout.decode().splitlines():
        oid, _, name = line.partition("\t")
        heads[name] = oid
    return heads.get(ref) == commit and _has_commit(folder, commit)


def _has_commit(folder: Path, commit: str) -> bool:
    return run_git(folder, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0


def _fetched_head(spec: RepoSpec, folder: Path) -> Fetched:
    """The commit a fetch just wrote to HEAD_REF."""
    loose = folder / HEAD_REF  # where the fetch just wrote it; else ask git
    with contextlib.suppress(OSError):
        commit = loose.read_text(encoding="ascii").strip()
        if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
            return _fetched(spec, folder, commit)
    head = run_git(folder, "rev-parse", "--verify", "--quiet", f"{HEAD_REF}^{{commit}}")
    if head.returncode != 0:
        return Fetched(spec, folder, reached=False, error=git_says(head.stderr))
    return _fetched(spec, folder, head.stdout.decode().strip())


def _fetched(spec: RepoSpec, folder: Path, commit: str) -> Fetched:
    """The repository was reached and its head is `commit`: noted in the cache."""
    now = clock.now_utc()
    write_json(
        folder / STATE_FILE,
        {"url": spec.url, "branch": spec.branch, "commit": commit, "fetched_at": now.isoformat()},
    )
    return Fetched(spec, folder, commit=commit, fetched_at=now)


def fetch_all(
    specs: list[RepoSpec], cache: Path, *, jobs: int = DEFAULT_JOBS, on_progress: Progress | None = None
) -> list[Fetched]:
    """Fetch every repository, `jobs` at a time; results in the order of `specs`."""
    cache.mkdir(parents=True, exist_ok=True)
    git_env()  # worked out once, before the threads start
    results: dict[int, Fetched] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(fetch_one, spec, cache): index for index, spec in enumerate(specs)}
        from concurrent.futures import as_completed

        for done, future in enumerate(as_completed(futures), 1):
            index = futures[future]
            results[index] = future.result()
            if on_progress:
                on_progress("fetching", done, len(specs), specs[index].name)
    return [results[i] for i in range(len(specs))]
