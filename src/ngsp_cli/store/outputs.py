"""Where documents and exports may be written (--out), and when an existing file may be replaced.

One guard for every command that writes a file the person chose:

- never into a partnership folder's data: partnership.yaml, the entity folders,
  templates/, playbook/, .git, ngsp's lock, or any other YAML file at the top of
  the folder (indicators.yaml, ...), nor into the folder its `playbook:` names;
- an existing file is replaced only when it is exactly what ngsp wrote there
  last time (or with --force).

How ngsp recognizes its own files: each time it writes one, it records the
SHA-256 of the bytes written, under a name derived from the file's absolute path,
in ngsp's state folder ($XDG_STATE_HOME/ngsp/written, else
~/.local/state/ngsp/written).  A header in the file would not do: CSV files are
read back by 'ngsp org import' and by spreadsheets, .docx and .ics have no room
for one, and a header says nothing about whether the file was changed since.
A record of the content does: a file a person edited after ngsp wrote it (notes
added to an agenda) no longer matches, and is kept unless --force says otherwise.
The record sits outside the files and outside the shared folder, so it works for
every format and for files written anywhere (a desktop, a USB stick).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

from ngsp_cli.errors import UsageError
from ngsp_cli.store.files import LOCK_NAME, write_atomic
from ngsp_cli.store.folder import PARTNERSHIP_FILE

# Folders of a partnership folder that hold its data (read by ngsp, kept in git).
DATA_FOLDERS = frozenset(
    {
        "organizations",
        "people",
        "meetings",
        "priorities",
        "action-teams",
        "assessments",
        "templates",
        "playbook",
        ".git",
    }
)
_STATE_ENV = "XDG_STATE_HOME"


def _state_folder() -> Path:
    base = os.environ.get(_STATE_ENV)
    if not base:
        try:
            base = str(Path.home() / ".local" / "state")
        except (RuntimeError, KeyError) as exc:  # no home folder: nothing is remembered
            raise OSError("no home folder") from exc
    return Path(base) / "ngsp" / "written"


def _record_path(target: Path) -> Path:
    key = hashlib.sha256(str(target).encode("utf-8", "surrogateescape")).hexdigest()
    return _state_folder() / key


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _partnership_of(path: Path) -> Path | None:
    """The partnership folder that holds `path` (a folder with partnership.yaml above it), if any."""
    for folder in path.parents:
        if (folder / PARTNERSHIP_FILE).is_file():
            return folder
    return None


def _playbook_folder(root: Path) -> str | None:
    """The folder that partnership.yaml's `playbook:` names, relative to `root`, if it names one."""
    from ngsp_cli.store import yamlio

    try:
        data = yamlio.parse((root / PARTNERSHIP_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yamlio.YamlSyntaxError):
        return None
    value = data.get("playbook") if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        return None
    resolved = (root / value).resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else None


def _data_reason(target: Path) -> tuple[Path, str] | None:
    """(partnership folder, what the file is) when `target` is a partnership folder's data."""
    if (target / PARTNERSHIP_FILE).is_file():
        return target, "the partnership folder itself"
    root = _partnership_of(target)
    if root is None:
        return None
    rel = target.relative_to(root)
    parts = rel.parts
    top = parts[0]
    if rel.as_posix() == PARTNERSHIP_FILE:
        return root, "the partnership's own file"
    if top in DATA_FOLDERS:
        return root, f"in {top}/, which holds the partnership's data"
    if len(parts) == 1 and (top == LOCK_NAME or top.startswith(".")):
        return root, "a file ngsp or git keeps in the partnership folder"
    if len(parts) == 1 and top.endswith((".yaml", ".yml")):
        return root, "a YAML file of the partnership folder"
    playbook = _playbook_folder(root)
    if playbook and playbook != "." and rel.as_posix().startswith(playbook.rstrip("/") + "/"):
        return root, f"in {playbook}, the playbook that partnership.yaml names"
    return None


def refuse_data(target: Path) -> Path:
    """`target` resolved, or a UsageError (exit 2) when it is a partnership folder's data."""
    resolved = target.expanduser().resolve()
    reason = _data_reason(resolved)
    if reason is not None:
        root, what = reason
        rel = resolved.relative_to(root).as_posix()
        raise UsageError(
            f"--out {target} would overwrite {rel if rel != '.' else 'it'} ({what})",
            field="--out",
            hint="write documents and exports elsewhere, e.g. into out/ of the folder "
            "(leave out --out), or outside the partnership folder",
        )
    return resolved


def check_target(target: Path, *, force: bool = False) -> Path:
    """The file to write for --out `target`, or a UsageError (exit 2) saying why not; writes nothing."""
    resolved = refuse_data(target)
    if resolved.is_dir():
        hint = "give --out a file name, e.g. memo.html"
        raise UsageError(f"{target} is a folder", field="--out", hint=hint)
    if force or not resolved.exists() or not resolved.is_file():
        return resolved
    if not written_by_ngsp(resolved):
        raise UsageError(
            f"{target} already exists and is not a file ngsp wrote (or it was changed since)",
            field="--out",
            hint="choose another file name, or add --force to replace it",
        )
    return resolved


def written_by_ngsp(path: Path) -> bool:
    """Whether `path` holds exactly the bytes ngsp last wrote there."""
    try:
        recorded = _record_path(path).read_text(encoding="ascii").strip()
        return recorded == _digest(path.read_bytes())
    except (OSError, UnicodeDecodeError):
        return False


def write_output(target: Path, data: str | bytes, *, force: bool = False) -> Path:
    """Check `target` (see `check_target`), write `data` there and remember that ngsp wrote it.

    A device or pipe (/dev/stdout, a FIFO) is written into as it is.
    """
    path = check_target(target, force=force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        device = not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        device = False
    if device:
        with path.open("wb") as handle:
            handle.write(payload)
        return path
    write_atomic(path, payload)
    remember(path, payload)
    return path


def remember(path: Path, payload: bytes) -> None:
    """Record that ngsp wrote `payload` to `path` (best effort: without a record, --force is needed)."""
    with contextlib.suppress(OSError):
        write_atomic(_record_path(path), _digest(payload) + "\n")
