"""Validated definitions (the playbook's phases, indicators, survey questions), kept between runs.

Every command that judges a partnership reads the playbook, and `check` also the
indicators and the survey questions: a few YAML files, parsed, validated into
models and checked against the rules on every run.  `remembered` keeps what such
a loader returned, keyed by the exact bytes of every file it reads (a BLAKE2
digest), as the cache of a folder's files does (store/parsecache.py): any edit,
however quick, misses it, and file times play no part.  Only a result without
problems is kept; a definition with problems is read and reported every time.

The kept definitions live in one file of the user's cache folder
(`$XDG_CACHE_HOME/ngsp/parsed/definitions.marshal`, else under `~/.cache`),
never in a partnership folder.  A cache written by another ngsp, Python, PyYAML
or pydantic, or by other code of the models, playbook, rules or store (their
files' sizes and times), an unreadable or damaged cache, and a cache folder that
cannot be written are ignored silently.  Writing is atomic and the last writer
wins; the newest `KEEP` definitions are kept.  NGSP_NO_CACHE=1 switches it off.
The results are pickled: the cache folder is the user's own, as trusted as the
code ngsp runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ngsp_cli.store.parsecache import cache_folder

T = TypeVar("T")

FORMAT = 1
KEEP = 32
FILE_NAME = "definitions.marshal"
# The code whose results are kept: the folders of the package (and single modules) it lives in.
_CODE = ("model", "playbook", "rules", "store", "text.py", "vocab.py", "services/assessment/survey.py")


def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and time of every module of the code in `_CODE`."""
    package = Path(__file__).resolve().parents[1]
    stamp: list[tuple[str, int, int]] = []
    for part in _CODE:
        path = package / part
        try:
            entries = [path] if part.endswith(".py") else sorted(path.iterdir())
            for entry in entries:
                if entry.suffix == ".py":
                    found = entry.stat()
                    stamp.append((f"{part}/{entry.name}", found.st_size, found.st_mtime_ns))
        except OSError:
            stamp.append((part, 0, 0))
    return tuple(stamp)


def _header() -> tuple[Any, ...]:
    import pydantic
    import yaml

    from ngsp_cli import __version__

    return (FORMAT, __version__, sys.version, yaml.__version__, pydantic.VERSION, _code_stamp())


class _Kept:
    """The kept definitions: {key: pickled result}, read once per process and cache folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header = _header()
        self.entries: dict[tuple[Any, ...], bytes] = {}
        try:
            header, entries = marshal.loads(path.read_bytes())
        except Exception:  # missing, unreadable or damaged: start empty
            return
        if header == self.header and isinstance(entries, dict):
            self.entries = entries

    def get(self, key: tuple[Any, ...]) -> Any:
        blob = self.entries.get(key)
        if blob is None:
            return None
        try:
            return pickle.loads(blob)
        except Exception:  # a damaged entry is built again
            return None

    def keep(self, key: tuple[Any, ...], result: Any) -> None:
        try:
            self.entries[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # what does not pickle is built every time
            return
        while len(self.entries) > KEEP:
            del self.entries[next(iter(self.entries))]
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps((self.header, self.entries)))
            temporary.replace(self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


_opened: dict[Path, _Kept] = {}


def _kept() -> _Kept | None:
    folder = cache_folder()
    if os.environ.get("NGSP_NO_CACHE") == "1" or folder is None:
        return None
    path = folder / FILE_NAME
    if path not in _opened:
        _opened[path] = _Kept(path)
    return _opened[path]


def remembered(
    what: Sequence[str],
    files: Sequence[Path],
    build: Callable[[], T],
    *,
    good: Callable[[T], bool] = lambda _: True,
) -> T:
    """What `build()` returns, or returned before for `what` and these exact `files`.

    `what` names the loader and everything besides the files that its result depends on
    (the partnership folder, say); `files` are every file `build` reads.  A result is
    kept only when `good(result)` (no problems) and `build` did not raise.
    """
    kept = _kept()
    if kept is None:
        return build()
    digests = []
    for path in files:
        try:
            digests.append((str(path), hashlib.blake2b(path.read_bytes(), digest_size=20).digest()))
        except OSError:
            return build()  # a file that cannot be read is reported by `build`, every time
    key = (*what, *digests)
    found = kept.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    result = build()
    if good(result):
        kept.keep(key, result)
    return result
