"""Partnership folders read straight from their git repositories, for a state program's portfolio.

A state program lists its partnerships' repositories in a plain text file, one
per line (see `parse_repos_file`).  Each repository is fetched (shallow, only
the branch head) into a cache folder, in parallel; the folder is then read from
the commit itself (`git ls-tree` and `git cat-file --batch`), never checked out.

- A repository that cannot be reached is reported; its cached copy is used and
  its age stated.  One never fetched before is reported and skipped.
- A folder with problems at the branch head is reported and skipped.
- Credentials are git's own (ssh agent, credential helper, its config).  ngsp
  stores none and asks for none: git is told never to prompt.
- Each partnership's figures are kept in the cache by commit, as-of date and
  ngsp version, so a second run with nothing new reads nothing again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from ngsp_cli import clock
from ngsp_cli.errors import InputError, NgspError, NotFoundError, Problem
from ngsp_cli.model import ENTITY_TYPES
from ngsp_cli.store.folder import PARTNERSHIP_FILE, Snapshot, load_files

CACHE_ENV = "NGSP_CACHE_DIR"
HEAD_REF = "refs/ngsp/head"
STATE_FILE = "ngsp-fetch.json"
DEFAULT_JOBS = 8
FETCH_TIMEOUT_SECONDS = 300
# Files beside the entity folders that ngsp reads from the folder itself: the playbook,
# indicator, survey and template overrides.  They are written into the cache, per commit.
_SIDE_SUFFIXES = (".yaml", ".yml", ".j2")
_ENTITY_FOLDERS = frozenset(kind.folder for kind in ENTITY_TYPES)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

Progress = Callable[[str, int, int, str], None]  # stage, done, total, name
# The cache can always be fetched again: no background upkeep, no waiting for the disk.
_CACHE_OPTIONS = ("-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "core.fsync=none")


@dataclass(frozen=True)
class RepoSpec:
    """One line of a repositories file."""

    url: str
    name: str
    branch: str | None = None
    line: int = 0


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


# ---------------------------------------------------------------------------
# The repositories file


def _default_name(url: str) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    if tail.endswith(".git"):
        tail = tail[: -len(".git")]
    return tail or "repository"


def _looks_like_url(text: str) -> bool:
    return "://" in text or re.match(r"^[\w.-]+@[\w.-]+:", text) is not None


def parse_repos_file(path: Path) -> list[RepoSpec]:
    """The repositories listed in `path`.

    Each line: a git URL (https://, ssh://, git@host:owner/repo, file://) or the path of a
    repository on this computer (relative to the file's folder), then optionally a name and
    a branch, separated by spaces: `URL [NAME] [BRANCH]`, or `name=NAME` / `branch=BRANCH` in
    any order.  Blank lines and everything after `#` are ignored.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NotFoundError(
            f"the repositories file {path} does not exist",
            hint="write one repository URL or path per line, e.g. git@github.com:owner/weld.git",
        ) from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path} is not a text file of repositories ({type(exc).__name__})",
            hint="write one repository URL or path per line",
        ) from None
    rel = str(path)
    specs: list[RepoSpec] = []
    names: dict[str, int] = {}
    for number, raw_line in enumerate(text.splitlines(), 1):
        words = raw_line.split("#", 1)[0].split()
        if not words:
            continue
        location, rest = words[0], words[1:]
        name: str | None = None
        branch: str | None = None
        bare: list[str] = []
        for word in rest:
            key, sep, value = word.partition("=")
            if sep and key in {"name", "branch"}:
                if not value:
                    raise InputError(f"'{word}' has no value", file=rel, line=number,
                                     hint=f"write {key}= and the {key}, without spaces")  # fmt: skip
                if key == "name":
                    name = value
                else:
                    branch = value
            else:
                bare.append(word)
        if len(bare) > 2 or (bare and name is not None and branch is not None):
            raise InputError(
                "too many words on this line",
                file=rel,
                line=number,
                hint="write: URL [NAME] [BRANCH], e.g. git@github.com:owner/weld.git weld main",
            )
        if bare and name is None:
            name = bare.pop(0)
        if bare and branch is None:
            branch = bare.pop(0)
        if not _looks_like_url(location):
            local = Path(location).expanduser()
            if not local.is_absolute():
                local = path.parent / local
            location = str(local.resolve())
        name = name or _default_name(location)
        if not _NAME.match(name):
            raise InputError(
                f"'{name}' cannot be a partnership's name here",
                file=rel,
                line=number,
                hint="use letters, digits, dots, dashes or underscores, e.g. weld-manufacturing",
            )
        if name in names:
            raise InputError(
                f"the name '{name}' is used twice (also on line {names[name]})",
                file=rel,
                line=number,
                hint="give one of them its own name after the URL: URL NAME",
            )
        names[name] = number
        specs.append(RepoSpec(url=location, name=name, branch=branch, line=number))
    if not specs:
        raise InputError(
            f"{path} lists no repository",
            file=rel,
            hint="write one repository URL or path per line, e.g. git@github.com:owner/weld.git",
        )
    return specs


# ---------------------------------------------------------------------------
# The cache and git


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


@cache
def git_env() -> dict[str, str]:
    """git's environment: never prompt (no terminal is waited on); keys and helpers are git's own."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.setdefault("GIT_ASKPASS", "true")  # an asked password is empty: the fetch fails, nothing waits
    env.setdefault("LC_ALL", "C")  # git's messages in one language, so ngsp can explain them
    if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
        configured = subprocess.run(
            ["git", "config", "--get", "core.sshCommand"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if not configured.stdout.strip():
            env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"  # a passphrase or host question fails
    return env


def _git(
    folder: Path, *args: str, input: bytes | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", *_CACHE_OPTIONS, "--git-dir", str(folder), *args],
        input=input,
        capture_output=True,
        env=git_env(),
        timeout=timeout,
        check=False,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def git_missing() -> bool:
    return shutil.which("git") is None


def _git_says(stderr: bytes) -> str:
    """git's last meaningful line, without its 'fatal:' prefix."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("hint:")]
    if not lines:
        return "git gave no reason"
    last = lines[-1]
    for prefix in ("fatal: ", "error: "):
        if last.startswith(prefix):
            last = last[len(prefix) :]
    return last


def _read_state(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: Any) -> None:
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
        made = _git(folder, "init", "--quiet", "--bare")
        if made.returncode != 0:
            return Fetched(spec, folder, reached=False, error=_git_says(made.stderr))
    ref = f"refs/heads/{spec.branch}" if spec.branch else "HEAD"
    if cached_commit is not None:
        # Asking for the head alone costs far less than a fetch that finds nothing new.
        try:
            listed = _git(folder, "ls-remote", spec.url, ref, timeout=FETCH_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            listed = None
        if listed is not None and listed.returncode == 0:
            heads = {}
            for line in listed.stdout.decode().splitlines():
                oid, _, name = line.partition("\t")
                heads[name] = oid
            if heads.get(ref) == cached_commit and _has_commit(folder, cached_commit):
                return _fetched(spec, folder, cached_commit)
    try:
        done = _git(
            folder, "fetch", "--quiet", "--no-tags", "--depth", "1", spec.url, f"+{ref}:{HEAD_REF}",
            timeout=FETCH_TIMEOUT_SECONDS,
        )  # fmt: skip
        error = None if done.returncode == 0 else _git_says(done.stderr)
    except subprocess.TimeoutExpired:
        error = f"no answer within {FETCH_TIMEOUT_SECONDS} seconds"
    if error is not None:
        # Unreachable, or the branch is gone: the copy fetched last time, if any, stands in.
        return Fetched(spec, folder, commit=cached_commit, fetched_at=fetched_at, reached=False, error=error)
    loose = folder / HEAD_REF  # where the fetch just wrote it; else ask git
    with contextlib.suppress(OSError):
        commit = loose.read_text(encoding="ascii").strip()
        if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
            return _fetched(spec, folder, commit)
    head = _git(folder, "rev-parse", "--verify", "--quiet", f"{HEAD_REF}^{{commit}}")
    if head.returncode != 0:
        return Fetched(spec, folder, reached=False, error=_git_says(head.stderr))
    return _fetched(spec, folder, head.stdout.decode().strip())


def _has_commit(folder: Path, commit: str) -> bool:
    return _git(folder, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0


def _fetched(spec: RepoSpec, folder: Path, commit: str) -> Fetched:
    """The repository was reached and its head is `commit`: noted in the cache."""
    now = clock.now_utc()
    _write_json(
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


# ---------------------------------------------------------------------------
# Reading a commit without a checkout


def commit_files(folder: Path, commit: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The partnership's files at `commit`: (entity files and partnership.yaml, other ngsp files)."""
    listing = _git(folder, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing.returncode != 0:
        raise InputError(f"the commit {commit[:10]} cannot be read: {_git_says(listing.stderr)}")
    wanted: list[tuple[str, str]] = []  # (object id, path)
    entity: set[str] = set()
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        if kind != b"blob" or mode == b"120000":  # sub-modules and symbolic links are not files
            continue
        path = raw_path.decode("utf-8", "surrogateescape")
        top, _, rest = path.partition("/")
        if path == PARTNERSHIP_FILE or (top in _ENTITY_FOLDERS and rest and "/" not in rest):
            entity.add(path)
        elif not path.endswith(_SIDE_SUFFIXES):
            continue
        wanted.append((oid.decode(), path))
    batch = _git(folder, "cat-file", "--batch", input="".join(f"{oid}\n" for oid, _ in wanted).encode())
    if batch.returncode != 0:
        raise InputError(f"the commit {commit[:10]} cannot be read: {_git_says(batch.stderr)}")
    data = batch.stdout
    files: dict[str, bytes] = {}
    side: dict[str, bytes] = {}
    position = 0
    for _, path in wanted:
        end = data.index(b"\n", position)
        header = data[position:end].split(b" ")
        if len(header) != 3:  # "<oid> missing"
            raise InputError(f"the commit {commit[:10]} is incomplete in the cache",
                             hint="delete the cache folder and run again")  # fmt: skip
        size = int(header[2])
        body = data[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
        (files if path in entity else side)[path] = body
    return files, side


def _side_folder(folder: Path, commit: str, files: Mapping[str, bytes], side: Mapping[str, bytes]) -> Path:
    """A folder holding partnership.yaml and the override files of `commit` (written once per commit)."""
    target = folder / "files" / commit
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{commit[:10]}.", dir=target.parent))
    try:
        for rel, body in {**side, PARTNERSHIP_FILE: files.get(PARTNERSHIP_FILE, b"")}.items():
            path = staging / rel
            if ".." in Path(rel).parts:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        try:
            staging.rename(target)
        except OSError:  # another run wrote it first
            shutil.rmtree(staging, ignore_errors=True)
        # Older commits' side files are no longer needed.
        for old in target.parent.iterdir():
            if old.name != commit and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def load_commit(folder: Path, commit: str) -> Snapshot:
    """The partnership folder as committed at `commit` of the cached repository `folder`."""
    files, side = commit_files(folder, commit)
    if PARTNERSHIP_FILE not in files:
        raise NotFoundError(
            f"the repository has no {PARTNERSHIP_FILE} at its top",
            file=PARTNERSHIP_FILE,
            hint="list the repository of a partnership folder (the folder 'ngsp init' made)",
        )
    root = _side_folder(folder, commit, files, side)
    return load_files(root, files)


# ---------------------------------------------------------------------------
# Figures per commit, kept in the cache


@cache
def code_fingerprint() -> str:
    """Changes whenever ngsp's code or bundled playbooks change, so kept figures are never stale."""
    import ngsp_cli
    from ngsp_cli import __version__
    from ngsp_cli.resources import bundled

    digest = hashlib.sha256(__version__.encode())
    for base in (Path(ngsp_cli.__file__).parent, bundled("playbooks")):
        for path in sorted(base.rglob("*")):
            if path.suffix in {".py", ".yaml", ".yml", ".md"} and path.is_file():
                info = path.stat()
                digest.update(f"{path.relative_to(base)} {info.st_size} {info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _summary_path(folder: Path, commit: str, as_of: dt.date) -> Path:
    return folder / "figures" / f"{commit}-{as_of.isoformat()}-{code_fingerprint()}.json"


def _kept_summary(path: Path) -> tuple[bool, dict[str, Any]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ok, row, dates = bool(data["ok"]), data["row"], data["dates"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for key in dates:
        if row.get(key) is not None:
            row[key] = dt.date.fromisoformat(row[key])
    return ok, row


def _keep_summary(path: Path, ok: bool, row: dict[str, Any]) -> None:
    dates = [k for k, v in row.items() if isinstance(v, dt.date) and not isinstance(v, dt.datetime)]
    plain = {k: (v.isoformat() if k in dates else v) for k, v in row.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_json(path, {"ok": ok, "row": plain, "dates": dates})
    except (TypeError, ValueError, OSError):
        return  # a value JSON cannot hold: the figures are simply worked out again next time
    for old in path.parent.iterdir():
        if old != path and not old.name.startswith(".") and not old.name.startswith(path.name[:40]):
            old.unlink(missing_ok=True)  # figures of older commits


def read_repo(folder: Path, commit: str, as_of: dt.date, name: str) -> tuple[bool, dict[str, Any]]:
    """(True, portfolio row) or (False, broken entry) for one commit; never raises for bad files."""
    from ngsp_cli.services.reporting.portfolio import _broken, summarize

    kept_at = _summary_path(folder, commit, as_of)
    kept = _kept_summary(kept_at)
    if kept is not None:
        return kept
    try:
        snap = load_commit(folder, commit)
        result: tuple[bool, dict[str, Any]] = (True, summarize(snap, as_of))
    except NgspError as exc:
        result = (False, _broken(name, exc.problems))
    except Exception as exc:  # a bug must not hide the other partnerships
        problem = Problem(
            f"ngsp failed on this repository ({type(exc).__name__}: {exc})",
            hint="this is a bug in ngsp, not in your files; please report it",
        )
        return False, _broken(name, [problem])
    _keep_summary(kept_at, *result)
    return result


def _read_many(
    items: list[tuple[str, str, str]], as_of: dt.date
) -> tuple[list[str], list[tuple[bool, dict[str, Any]]]]:
    return [name for _, _, name in items], [read_repo(Path(f), c, as_of, name) for f, c, name in items]


# ---------------------------------------------------------------------------
# The portfolio


@dataclass
class RepoPortfolio:
    """What `build_repo_portfolio` found, beside the portfolio itself."""

    fetched: list[Fetched] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    broken: list[dict[str, Any]] = field(default_factory=list)


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
    from ngsp_cli.services.reporting.portfolio import (
        _broken,
        _quiet_worker,
        _sigterm_stops_the_pool,
        _workers,
    )

    if git_missing():
        raise InputError(
            "git is not installed, so ngsp cannot fetch the repositories",
            hint="install git (https://git-scm.com), then run this again",
        )
    fetched = fetch_all(specs, cache, jobs=jobs, on_progress=on_progress)
    now = clock.now_utc()
    found = RepoPortfolio(fetched=fetched)
    readable = [f for f in fetched if f.commit is not None]
    items = [(str(f.folder), f.commit or "", f.spec.name) for f in readable]
    results: dict[str, tuple[bool, dict[str, Any]]] = {}
    total = len(items)
    n_workers = _workers(total, workers)
    if n_workers == 1:
        for index, (folder, commit, name) in enumerate(items, 1):
            results[name] = read_repo(Path(folder), commit, as_of, name)
            if on_progress:
                on_progress("reading", index, total, name)
    else:
        size = max(1, min(8, total // (n_workers * 4)))
        batches = [items[i : i + size] for i in range(0, total, size)]
        done = 0
        with multiprocessing.Pool(n_workers, initializer=_quiet_worker) as pool, _sigterm_stops_the_pool():
            for names, batch_results in pool.imap_unordered(partial(_read_many, as_of=as_of), batches):
                for name, result in zip(names, batch_results, strict=True):
                    results[name] = result
                done += len(names)
                if on_progress:
                    on_progress("reading", done, total, names[-1])
    for item in fetched:  # in the order of the repositories file
        if item.commit is None:
            entry = _broken(item.spec.name, [unreached_problem(item, now)])
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


def stale(fetched: Iterable[Fetched]) -> list[Fetched]:
    """Repositories not reached this time whose cached copy stands in."""
    return [f for f in fetched if not f.reached and f.commit is not None]
