"""Atomic file writes and the folder lock."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ngsp_cli.errors import InputError

LOCK_NAME = ".ngsp.lock"
LOCK_TIMEOUT_SECONDS = 30.0


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def temp_beside(path: Path) -> tuple[int, Path, int]:
    """A new temporary file in `path`'s folder (open descriptor and path), and the mode to give it.

    The same folder means the same file system, so renaming it over `path` is atomic;
    the mode is the one `path` has, or would get as a new file (mkstemp alone would
    make it private).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    return fd, Path(name), mode


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never half.

    The temporary file lives in the same folder (same file system, so the rename
    is atomic), is flushed and fsynced before the rename, and gets the mode of
    the file it replaces (mkstemp alone would make it private).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp, mode = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if hasattr(os, "O_DIRECTORY"):
        # Make the rename itself durable.
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def folder_lock(root: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Serialize writers to one partnership folder (two terminals, a script and a person)."""
    from filelock import FileLock, Timeout  # only writers pay for importing it

    lock = FileLock(str(root / LOCK_NAME), timeout=timeout)
    try:
        with lock:
            _finish_stopped_change(root)
            yield
    except Timeout as exc:
        raise InputError(
            "another ngsp command is changing this partnership folder",
            file=LOCK_NAME,
            hint=f"wait for it to finish; if none is running, delete {LOCK_NAME}",
        ) from exc


def _finish_stopped_change(root: Path) -> None:
    """Before a writer reads anything: finish or clear a change of many files that a kill -9
    stopped (see `store.staging`). One stat when there is nothing to do."""
    from ngsp_cli.store import staging

    if (root / staging.STAGING).exists():
        recovery = staging.recover(root, temps=False)
        if recovery:
            staging.NOTICES.append(recovery.describe())
