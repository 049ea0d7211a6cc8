"""A cache of parsed and validated files, keyed by each file's exact content.

Parsing YAML and validating it into models is most of reading a folder.  The
files stay the one source of truth: every file is still read in full on every
run, and its bytes (a BLAKE2 digest of them) are the key, so any edit, however
quick, misses the cache.  File times play no part, so an edit within the same
tick of the file system's clock, or a file put back with its old time, is seen
like any other.  Two things are kept per file: what the parser returned (dicts,
lists, texts and None), and the model validated from it (pickled), once a read
validated it without problems and without migrating the folder.  The checks of
references, and everything a command then does, run on every read as before.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/ngsp/parsed/`, else
`~/.cache/ngsp/parsed/`), one file per partnership folder, outside the folder and
its git repository, so a read-only folder reads the same and nothing takes the
folder lock.  A cache written by another ngsp, Python, PyYAML or pydantic, for
another schema version, or by another version of the parser's or the models'
code (their files' sizes and times), an unreadable or damaged cache, and a cache
folder that cannot be written are all ignored silently: the files are parsed and
validated as without it.  Writing it is atomic (a temporary file renamed into
place), and the last writer wins.  NGSP_NO_CACHE=1 switches it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ngsp_cli.store import yamlio

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")

FORMAT = 3
# rel -> (digest of the file's bytes, marshalled data, pickled model or b"" before it is validated)
_Entries = dict[str, tuple[bytes, bytes, bytes]]
_Snapshots = dict[tuple[Any, ...], tuple[tuple[tuple[str, bytes], ...], bytes]]


def cache_root() -> Path | None:
    """ngsp's folder in the user's cache folder (None: there is no home to find it in)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "ngsp"


def cache_folder() -> Path | None:
    root = cache_root()
    return None if root is None else root / "parsed"


def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and time of the code whose results are kept: the parser, the models and their checks."""
    import ngsp_cli.model
    import ngsp_cli.text

    names = sorted(name for name in sys.modules if name.startswith("ngsp_cli.model."))
    modules = [yamlio, ngsp_cli.text, ngsp_cli.model, *(sys.modules[name] for name in names)]
    files = [str(getattr(module, "__file__", None)) for module in modules]
    # The code that makes a whole folder's snapshot of them: reading, ids, references.
    package = Path(ngsp_cli.text.__file__).parent
    files += [str(package / rel) for rel in ("ids.py", "store/folder.py", "store/references.py")]
    stamp = []
    for file in files:
        try:
            found = Path(file).stat()
        except OSError:
            stamp.append((file, 0, 0))
        else:
            stamp.append((file, found.st_size, found.st_mtime_ns))
    return tuple(stamp)


def _header(root: Path) -> tuple[Any, ...]:
    import pydantic
    import yaml

    from ngsp_cli import __version__
    from ngsp_cli.model.version import CURRENT_SCHEMA_VERSION

    versions = (__version__, sys.version, yaml.__version__, pydantic.VERSION, CURRENT_SCHEMA_VERSION)
    return (FORMAT, versions, _code_stamp(), str(root))


class ParseCache:
    """The parsed and validated files of one partnership folder, read at the start of a load and
    saved at its end.  Models are pickled: the cache folder is the user's own, as trusted as the
    code ngsp runs."""

    def __init__(self, root: Path) -> None:
        self.path: Path | None = None
        self.old: _Entries = {}
        self.new: _Entries = {}
        self.digests: dict[str, bytes] = {}  # rel -> digest of the bytes this load read
        # What a load read (its kinds) -> (every file and its digest, the pickled snapshot).
        self.snapshots: _Snapshots = {}
        self.old_snapshots: _Snapshots = {}
        folder = cache_folder()
        if os.environ.get("NGSP_NO_CACHE") == "1" or folder is None:
            return
        self.header = _header(root)
        self.path = folder / (hashlib.sha256(str(root).encode()).hexdigest()[:32] + ".marshal")
        self.old = self._read()

    def _read(self) -> _Entries:
        assert self.path is not None
        try:
            blob = self.path.read_bytes()
        except OSError:
            return {}
        try:
            header, entries, snapshots = marshal.loads(blob)
        except Exception:  # anything wrong with the cache means: no cache
            return {}
        if header != self.header or not isinstance(entries, dict) or not isinstance(snapshots, dict):
            return {}
        self.snapshots = dict(snapshots)
        self.old_snapshots = snapshots
        return entries

    def parse(self, rel: str, raw_bytes: bytes, text: str) -> Any:
        """What yamlio.parse(text) returns, from the cache when these exact bytes were parsed before."""
        if self.path is None:
            return yamlio.parse(text)
        digest = self.digest(raw_bytes)
        self.digests[rel] = digest
        kept = self.old.get(rel)
        if kept is not None and type(kept) is tuple and len(kept) == 3 and kept[0] == digest:
            try:
                data = marshal.loads(kept[1])
            except Exception:  # a damaged entry is parsed again
                pass
            else:
                self.new[rel] = kept
                return data
        data = yamlio.parse(text)  # a file that does not parse is never kept
        with contextlib.suppress(ValueError):  # not plain data: parsed every time
            self.new[rel] = (digest, marshal.dumps(data), b"")
        return data

    def model(self, rel: str, kind: type[T]) -> T | None:
        """The `kind` validated from this load's `rel` when these exact bytes were validated before."""
        kept = self.new.get(rel)
        if kept is None or not kept[2]:
            return None
        try:
            found = pickle.loads(kept[2])
        except Exception:  # a damaged entry is validated again
            return None
        return found if type(found) is kind else None

    def keep_model(self, rel: str, entity: BaseModel) -> None:
        """Keep `entity`, validated from this load's `rel` (the current schema, no migration)."""
        kept = self.new.get(rel)
        if kept is None:
            return
        try:
            blob = pickle.dumps(entity, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # anything that does not pickle is validated every time
            return
        self.new[rel] = (kept[0], kept[1], blob)

    @staticmethod
    def digest(raw_bytes: bytes) -> bytes:
        return hashlib.blake2b(raw_bytes, digest_size=20).digest()

    def folder_key(self, what: tuple[Any, ...], rels: Iterable[str]) -> tuple[Any, ...] | None:
        """What decides a load's snapshot: `what` it read, and each of its files with its digest."""
        if self.path is None:
            return None
        try:
            return (what, tuple(sorted((rel, self.digests[rel]) for rel in rels)))
        except KeyError:  # a file this cache did not read
            return None

    def snapshot(self, key: tuple[Any, ...]) -> Any:
        """The snapshot kept for `key`: the same files, byte for byte, read without a problem before."""
        kept = self.snapshots.get(key[0])
        if type(kept) is not tuple or len(kept) != 2 or kept[0] != key[1]:
            return None
        try:
            return pickle.loads(kept[1])
        except Exception:  # a damaged snapshot: the folder is read file by file
            return None

    def keep_snapshot(self, key: tuple[Any, ...], snapshot: Any) -> None:
        try:
            blob = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # what does not pickle is read file by file every time
            return
        self.snapshots[key[0]] = (key[1], blob)

    def save(self, loaded_folders: set[str]) -> None:
        """Keep what this load parsed, and the entries of the folders it did not read; drop the rest."""
        if self.path is None:
            return
        entries = dict(self.new)
        for rel, kept in self.old.items():
            if rel not in entries and rel.partition("/")[0] not in loaded_folders and "/" in rel:
                entries[rel] = kept
        if entries == self.old and self.snapshots == self.old_snapshots:
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps((self.header, entries, self.snapshots)))
            temporary.replace(self.path)
            self.old, self.old_snapshots = entries, dict(self.snapshots)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
