"""Each partnership's portfolio row, kept in the cache by commit, as-of date and ngsp version."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from ngsp_cli.errors import NgspError
from ngsp_cli.services.reporting.repos.commit import load_commit
from ngsp_cli.services.reporting.repos.fetch import write_json


def read_repo(folder: Path, commit: str, as_of: dt.date, name: str) -> tuple[bool, dict[str, Any]]:
    """(True, portfolio row) or (False, broken entry) for one commit; never raises for bad files."""
    from ngsp_cli.services.reporting.portfolio import broken_entry, bug_problem, summarize

    kept_at = _summary_path(folder, commit, as_of)
    kept = _kept_summary(kept_at)
    if kept is not None:
        return kept
    try:
        snap = load_commit(folder, commit)
        result: tuple[bool, dict[str, Any]] = (True, summarize(snap, as_of))
    except NgspError as exc:
        result = (False, broken_entry(name, exc.problems))
    except Exception as exc:  # a bug must not hide the other partnerships
        return False, broken_entry(name, [bug_problem("repository", exc)])
    _keep_summary(kept_at, *result)
    return result


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
        write_json(path, {"ok": ok, "row": plain, "dates": dates})
    except (TypeError, ValueError, OSError):
        return  # a value JSON cannot hold: the figures are simply worked out again next time
    for old in path.parent.iterdir():
        if old != path and not old.name.startswith(".") and not old.name.startswith(path.name[:40]):
            old.unlink(missing_ok=True)  # figures of older commits
