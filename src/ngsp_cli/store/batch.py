"""Write many entity files as one change: all of them or none, also when Ctrl-C comes.

`write.save` makes one file atomic. An import or any other command that changes
many files needs more: if it is stopped half-way, the folder must not hold half
of the change. A `Batch` does it in two phases, under the folder lock:

1. Stage: each file is rendered (comments of existing files kept, as `save` does)
   and written at once into the staging folder `.ngsp-staging/` (see
   `store.staging`), so a change of 100,000 files never holds them all in memory.
   Nothing the user sees has changed yet. Ctrl-C (SIGINT) or SIGTERM stops the
   staging after the current file: the staging folder is removed and
   KeyboardInterrupt is raised (SIGTERM is delivered again), so nothing has changed.
2. Commit: the staged files are made durable, a marker says the change has begun,
   and each staged file is renamed over its target (microseconds each). A Ctrl-C
   that comes now is held until the commit is done; the result says it was
   interrupted. If a rename fails, the files already renamed are put back as they
   were and the error goes on.

A kill -9 or a power cut leaves the staging folder behind. Without the marker it
is thrown away by the next command that writes (nothing had changed); with the
marker, that command moves the rest of the files into place, finishing the
change, and says so. `ngsp check` reports either.
"""

# Paths are plain strings and os functions here: a batch may stage 100,000 files, and pathlib
# objects for each cost more time and memory than the rest of the batch's bookkeeping.
# ruff: noqa: PTH101, PTH103, PTH105, PTH108, PTH116, PTH118, PTH120

from __future__ import annotations

import contextlib
import functools
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

from pydantic import BaseModel

from ngsp_cli.errors import InputError
from ngsp_cli.store import staging
from ngsp_cli.store.files import _default_mode, folder_lock
from ngsp_cli.store.write import rel_path, render, schema_line


@dataclass
class BatchResult:
    written: list[str] = field(default_factory=list)
    interrupted: bool = False
    recovered: str = ""  # what was done about a stopped command's leftovers, for the user


@dataclass(slots=True)
class _Staged:
    """One staged file; paths as plain strings (a batch may hold 100,000 of these)."""

    rel: str
    path: str
    tmp: str
    old_text: str | None  # None: a new file


def stage(path: str, tmp: str, text: str, mode: int) -> None:
    """Write `text` to the staging file `tmp` of `path`, with the file mode `mode`."""
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(tmp), exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)
    if mode != _new_mode():
        os.chmod(tmp, mode)  # open() applied the umask; an existing file keeps its own mode


@functools.cache
def _new_mode() -> int:
    return _default_mode()


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(directory: Path) -> bool:
    """Flush the whole file system holding `directory` in one call (Linux); False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(directory, os.O_RDONLY)
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def _fsync_all(root: Path, paths: Sequence[str]) -> None:
    """Make the staged files durable before any of them is put in place.

    Many files (an import): one syncfs on Linux flushes them all at once. Otherwise
    one fsync per file, several at a time: the waits are for the disk, not Python,
    so a large import does not pay thousands of sequential round trips.
    """
    if len(paths) >= _SYNCFS_FROM and _syncfs(staging.staging_dir(root)):
        return
    if len(paths) < 8:
        for path in paths:
            _fsync_file(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=16) as pool:
        for start in range(0, len(paths), 1024):  # a bounded number of futures at a time
            for _ in pool.map(_fsync_file, paths[start : start + 1024]):
                pass


def commit(item: _Staged) -> None:
    """Put one staged file in place (an atomic rename)."""
    os.replace(item.tmp, item.path)


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


def _roll_back(done: Sequence[_Staged]) -> None:
    from ngsp_cli.store.files import write_atomic

    for item in reversed(done):
        with contextlib.suppress(OSError):
            if item.old_text is None:
                os.unlink(item.path)
            else:
                write_atomic(Path(item.path), item.old_text)


# From this many files on, one syncfs makes them durable instead of one fsync each.
_SYNCFS_FROM = 1000


class _Stopped(Exception):
    """Ctrl-C or SIGTERM came while files were being staged."""


class Batch:
    """One change of many files: `add` each file (staged at once), then `commit`.

    Use as a context manager; it holds the folder lock and, on leaving without a
    commit (an error, Ctrl-C), removes what it staged.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = str(root)
        self._staging = str(staging.staging_dir(root))
        self.result = BatchResult()
        self._staged: dict[str, _Staged] = {}  # by relative path, in the order first added
        self._caught: list[int] = []
        self._stack = contextlib.ExitStack()
        self._committed = False
        self._first_lines: dict[type[BaseModel], str] = {}

    def __enter__(self) -> Batch:
        self._stack.enter_context(folder_lock(self.root))
        self._caught = self._stack.enter_context(_signals_held())
        recovery = staging.recover(self.root)
        said = [*staging.take_notices(), recovery.describe()] if recovery else staging.take_notices()
        self.result.recovered = "; ".join(said)
        staging.ensure_ignored(self.root)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._committed:
            staging.clear(self.root)
        self._stack.close()  # the signal handlers are back, then the lock is released
        if signal.SIGTERM in self._caught:
            signal.raise_signal(signal.SIGTERM)
        if kind is _Stopped or (self._caught and not self._committed and exc is None):
            # Stopped before anything was put in place: a plain Ctrl-C, nothing changed.
            raise KeyboardInterrupt

    def add(self, model: BaseModel, *, create: bool = False) -> None:
        """Stage `model`'s file: new (`create`; an existing file is an error) or updated.

        A file whose text would not change is not written; adding the same entity
        again replaces what was staged for it.
        """
        if self._caught:
            raise _Stopped
        rel = rel_path(model)
        path = os.path.join(self._root, rel)
        earlier = self._staged.get(rel)
        mode = _new_mode()
        if earlier is not None:
            old_text = earlier.old_text
            if old_text is not None:
                mode = stat.S_IMODE(os.stat(path).st_mode)
        else:
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                old_text = None
            else:
                if create:
                    raise InputError(
                        f"{rel} already exists", file=rel, hint="run the command again; it picks another id"
                    )
                old_text = Path(path).read_text(encoding="utf-8-sig")
        first_line = ""
        if old_text is None:
            kind = type(model)
            if kind not in self._first_lines:  # one look for the schema per kind, not per file
                self._first_lines[kind] = schema_line(model, self.root)
            first_line = self._first_lines[kind]
        text = render(model, old_text, first_line=first_line)
        if text == old_text:
            if earlier is not None:
                os.unlink(earlier.tmp)
                del self._staged[rel]
            return
        item = earlier or _Staged(rel, path, os.path.join(self._staging, rel), old_text)
        stage(path, item.tmp, text, mode)
        self._staged[rel] = item

    def commit(self) -> BatchResult:
        """Put every staged file in place; returns the files written and whether Ctrl-C came."""
        if self._caught:
            raise _Stopped
        items = list(self._staged.values())
        if items:
            _fsync_all(self.root, [item.tmp for item in items])
            for directory in sorted({os.path.dirname(item.tmp) for item in items}):
                staging.fsync_dir(Path(directory))
            staging.mark_committing(self.root)
            done: list[_Staged] = []
            try:
                for item in items:
                    commit(item)
                    done.append(item)
                for directory in sorted({os.path.dirname(item.path) for item in items}):
                    staging.fsync_dir(Path(directory))
            except BaseException:
                _roll_back(done)
                raise
        self._committed = True
        staging.clear(self.root)
        self.result.written = [item.rel for item in items]
        self.result.interrupted = bool(self._caught)
        return self.result


def save_all(
    root: Path, *, creates: Iterable[BaseModel] = (), updates: Iterable[BaseModel] = ()
) -> BatchResult:
    """Write `creates` (new files; an existing file is an error) and `updates`, all or none.

    Files whose text would not change are not written. Returns the files written
    (relative to `root`) and whether Ctrl-C came during the commit.
    """
    with Batch(root) as batch:
        for model in creates:
            batch.add(model, create=True)
        for model in updates:
            batch.add(model)
        return batch.commit()
