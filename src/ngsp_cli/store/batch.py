"""Write many entity files as one change: all of them or none, also when Ctrl-C comes.

`write.save` makes one file atomic. An import or any other command that changes
many files needs more: if it is stopped half-way, the folder must not hold half
of the change. `save_all` does it in two phases, under the folder lock:

1. Stage: render every file (comments of existing files kept, as `save` does) and
   write it to a temporary file next to its target, then fsync them all. Nothing
   the user sees has changed yet. Ctrl-C (SIGINT) or SIGTERM stops the staging
   after the current file: the temporary files are removed and KeyboardInterrupt
   is raised (SIGTERM is delivered again), so nothing has changed.
2. Commit: rename each temporary file over its target (microseconds each). A
   Ctrl-C that comes now is held until the commit is done; the result says it was
   interrupted. If a rename fails, the files already renamed are put back as they
   were and the error goes on.

What remains is a power cut or a kill -9 during the renames: then some files are
new and some old. Every file is still whole and valid, and commands whose
writes are idempotent (running `ngsp org import` again) complete the change.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from pydantic import BaseModel

from ngsp_cli.errors import InputError
from ngsp_cli.store.files import folder_lock, temp_beside
from ngsp_cli.store.write import rel_path, render, schema_line


@dataclass
class BatchResult:
    written: list[str] = field(default_factory=list)
    interrupted: bool = False


@dataclass
class _Staged:
    rel: str
    path: Path
    tmp: Path
    old_text: str | None


def stage(path: Path, text: str, temps: list[Path]) -> Path:
    """Write `text` to a temporary file beside `path` (listed in `temps` at once).

    The file gets the mode `path` has, or would get as a new file.
    """
    fd, tmp, mode = temp_beside(path)
    temps.append(tmp)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    tmp.chmod(mode)
    return tmp


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_all(paths: Sequence[Path]) -> None:
    """Make the staged files durable before any of them is put in place.

    One fsync per file, several at a time: the waits are for the disk, not Python,
    so a large import does not pay thousands of sequential round trips.
    """
    if len(paths) < 8:
        for path in paths:
            _fsync_file(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(_fsync_file, paths))


def commit(item: _Staged) -> None:
    """Put one staged file in place (an atomic rename)."""
    item.tmp.replace(item.path)


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Hold back SIGINT and SIGTERM while the block runs; yields the signals that came."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return

    def hold(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield caught
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _fsync_dirs(paths: Sequence[Path]) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    for directory in sorted({p.parent for p in paths}):
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _roll_back(done: Sequence[_Staged]) -> None:
    from ngsp_cli.store.files import write_atomic

    for item in reversed(done):
        with contextlib.suppress(OSError):
            if item.old_text is None:
                item.path.unlink(missing_ok=True)
            else:
                write_atomic(item.path, item.old_text)


def save_all(
    root: Path, *, creates: Sequence[BaseModel] = (), updates: Sequence[BaseModel] = ()
) -> BatchResult:
    """Write `creates` (new files; an existing file is an error) and `updates`, all or none.

    Files whose text would not change are not written. Returns the files written
    (relative to `root`) and whether Ctrl-C came during the commit.
    """
    result = BatchResult()
    models = [(model, True) for model in creates] + [(model, False) for model in updates]
    if not models:
        return result
    staged: list[_Staged] = []
    temps: list[Path] = []
    with folder_lock(root), _signals_held() as caught:
        try:
            for model, create in models:
                if caught:
                    break
                rel = rel_path(model)
                path = root / rel
                exists = path.exists()
                if create and exists:
                    raise InputError(
                        f"{rel} already exists", file=rel, hint="run the command again; it picks another id"
                    )
                old_text = path.read_text(encoding="utf-8-sig") if exists else None
                text = render(model, old_text, first_line=schema_line(model, root))
                if text != old_text:
                    staged.append(_Staged(rel, path, stage(path, text, temps), old_text))
            if not caught:
                _fsync_all([item.tmp for item in staged])
            if not caught:
                done: list[_Staged] = []
                try:
                    for item in staged:
                        commit(item)
                        done.append(item)
                    _fsync_dirs([item.path for item in staged])
                except BaseException:
                    _roll_back(done)
                    raise
                result.written = [item.rel for item in staged]
        finally:
            for tmp in temps:
                tmp.unlink(missing_ok=True)
    if signal.SIGTERM in caught:
        signal.raise_signal(signal.SIGTERM)
    if caught and not result.written:
        # Stopped before anything was put in place: a plain Ctrl-C, nothing changed.
        raise KeyboardInterrupt
    result.interrupted = bool(caught)
    return result
