"""Atomic file writes and the folder lock."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from ngsp_cli.errors import InputError

LOCK_NAME = ".ngsp.lock"
LOCK_TIMEOUT_SECONDS = 60.0

P = ParamSpec("P")
R = TypeVar("R")

# How many times this process holds each folder's lock (a command that takes it
# and then calls a function that takes it again must not wait for itself).
_HELD: dict[str, int] = {}


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
    try:
        fd, tmp, mode = temp_beside(path)
    except OSError as exc:
        raise _about(exc, path) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _about(exc, path) from exc
        raise
    if hasattr(os, "O_DIRECTORY"):
        # Make the rename itself durable.
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _about(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file being written rather than its temporary file."""
    return type(exc)(exc.errno, exc.strerror, str(path))


@contextlib.contextmanager
def folder_lock(root: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Serialize writers to one partnership folder (two terminals, a script and a person).

    Re-entrant: taking the lock again in the same process while holding it is free.
    Whoever changes a file reads it under the lock too (see `locked`), so two commands
    never both start from the same old content.
    """
    key = str(Path(root).absolute())
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    from filelock import FileLock, Timeout  # only writers pay for importing it

    lock = FileLock(str(root / LOCK_NAME), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise InputError(
            "another ngsp command is changing this partnership folder",
            file=LOCK_NAME,
            hint=f"wait for it to finish; if none is running, delete {LOCK_NAME}",
        ) from exc
    _HELD[key] = 1
    try:
        _finish_stopped_change(root)
        yield
    finally:
        _HELD.pop(key, None)
        lock.release()


# Set in the tests (NGSP_CHECK_LOCKS=1): while a command runs, saving a file without
# holding the folder lock since it was read is a bug (see `checking_locks`).
CHECK_LOCKS_ENV = "NGSP_CHECK_LOCKS"
_CHECKING: contextvars.ContextVar[bool] = contextvars.ContextVar("ngsp_checking_locks", default=False)


@contextlib.contextmanager
def checking_locks() -> Iterator[None]:
    """While inside, `write.save` refuses to write unless its caller holds the folder lock.

    A command must read what it changes under the lock (`locked`); the tests run
    every command this way, so a new command that forgets fails there.
    """
    token = _CHECKING.set(bool(os.environ.get(CHECK_LOCKS_ENV)))
    try:
        yield
    finally:
        _CHECKING.reset(token)


def checking_locks_now() -> bool:
    return _CHECKING.get()


def holding_lock(root: Path) -> bool:
    """Whether this process holds `root`'s folder lock now."""
    return bool(_HELD.get(str(Path(root).absolute())))


def locked(func: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[Path, P], R]:
    """Run `func(root, ...)` entirely under the folder lock: its reads, its checks and its writes.

    For every function that reads a file, changes it and writes it back: without the
    lock around the read, two commands at once read the same content and the second
    write silently drops the first one's change.
    """

    @functools.wraps(func)
    def under_lock(root: Path, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with folder_lock(root):
            return func(root, *args, **kwargs)

    return under_lock


def _finish_stopped_change(root: Path) -> None:
    """Before a writer reads anything: finish or clear a change of many files that a kill -9
    stopped (see `store.staging`). One stat when there is nothing to do."""
    from ngsp_cli.store import staging

    if (root / staging.STAGING).exists():
        recovery = staging.recover(root, temps=False)
        if recovery:
            staging.NOTICES.append(recovery.describe())
