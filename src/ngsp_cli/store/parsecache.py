"""A cache of parsed YAML, keyed by each file's exact content, so unchanged files are not parsed again.

Parsing YAML is the largest part of reading a folder.  The files stay the one
source of truth: every file is still read in full on every run, and its bytes
(a BLAKE2 digest of them) are the key, so any edit, however quick, misses the
cache; only the parse is skipped.  File times play no part, so an edit within
the same tick of the file system's clock, or a file put back with its old time,
is seen like any other.  What is kept is what the parser returned (dicts, lists,
texts and None), never a validated model: validation, migration and the checks
of references run on every read as before.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/ngsp/parsed/`, else
`~/.cache/ngsp/parsed/`), one file per partnership folder, outside the folder and
its git repository, so a read-only folder reads the same and nothing takes the
folder lock.  A cache written by another ngsp, Python or PyYAML, or by another
version of the parser's code, an unreadable or damaged cache, and a cache folder
that cannot be written are all ignored silently: the files are parsed as
without it.  Writing it is atomic (a temporary file renamed into place), and the
last writer wins.  NGSP_NO_CACHE=1 switches it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from ngsp_cli.store import yamlio

FORMAT = 1
_Entries = dict[str, tuple[bytes, bytes]]  # rel -> (digest of the file's bytes, marshalled data)


def cache_folder() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "ngsp" / "parsed"


def _header(root: Path) -> tuple[Any, ...]:
    import yaml

    from ngsp_cli import __version__

    try:
        parser = Path(yamlio.__file__).stat()
        code = (parser.st_size, parser.st_mtime_ns)
    except OSError:
        code = (0, 0)
    return (FORMAT, __version__, sys.version, yaml.__version__, code, str(root))


class ParseCache:
    """The parsed files of one partnership folder, read at the start of a load and saved at its end."""

    def __init__(self, root: Path) -> None:
        self.path: Path | None = None
        self.old: _Entries = {}
        self.new: _Entries = {}
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
            header, entries = marshal.loads(blob)
        except Exception:  # anything wrong with the cache means: no cache
            return {}
        if header != self.header or not isinstance(entries, dict):
            return {}
        return entries

    def parse(self, rel: str, raw_bytes: bytes, text: str) -> Any:
        """What yamlio.parse(text) returns, from the cache when these exact bytes were parsed before."""
        if self.path is None:
            return yamlio.parse(text)
        digest = hashlib.blake2b(raw_bytes, digest_size=20).digest()
        kept = self.old.get(rel)
        if kept is not None and type(kept) is tuple and len(kept) == 2 and kept[0] == digest:
            try:
                data = marshal.loads(kept[1])
            except Exception:  # a damaged entry is parsed again
                pass
            else:
                self.new[rel] = kept
                return data
        data = yamlio.parse(text)  # a file that does not parse is never kept
        with contextlib.suppress(ValueError):  # not plain data: parsed every time
            self.new[rel] = (digest, marshal.dumps(data))
        return data

    def save(self, loaded_folders: set[str]) -> None:
        """Keep what this load parsed, and the entries of the folders it did not read; drop the rest."""
        if self.path is None:
            return
        entries = dict(self.new)
        for rel, kept in self.old.items():
            if rel not in entries and rel.partition("/")[0] not in loaded_folders and "/" in rel:
                entries[rel] = kept
        if entries == self.old:
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps((self.header, entries)))
            temporary.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
