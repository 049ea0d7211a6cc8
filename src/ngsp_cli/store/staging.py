"""The one folder where a change of many files is prepared, and what a crash leaves there.

`store.batch` writes every file of a large change (an import) into
`.ngsp-staging/` inside the partnership folder, mirroring the folder's layout
(`.ngsp-staging/organizations/acme.yaml`), and only then moves them into place.
Just before the first move it writes `.ngsp-staging/COMMITTING`: from then on
the staged files are the rest of a change that must be finished, not thrown away.

So whatever stops ngsp (kill -9, a power cut), what is left is one of:

- a staging folder without the marker: the change never started to show; the
  next command that writes (as it takes the folder lock) removes the folder,
  since nothing in the data changed;
- a staging folder with the marker: some files were moved into place, the others
  are still staged; the next command that writes moves them too and says so;
- temporary files `.NAME.XXXX.tmp` beside data files, from a single-file write
  stopped before its rename (or from older versions of ngsp, which staged there).
  Writers hold the folder lock while such a file exists, so under the lock any
  one found is a leftover; the next command that writes many files (an import)
  removes them, since looking for them means listing every data folder.

`ngsp check` reports all three (`find`), and git ignores them (`.gitignore`).
Every function here expects the caller to hold the folder lock, except `find`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

STAGING = ".ngsp-staging"
MARKER = "COMMITTING"
# The temporary file of a data file (`files.temp_beside`): .acme.yaml.k2j4x9_q.tmp
_TEMP = re.compile(r"^\..+\.yaml\.[A-Za-z0-9_]{6,}\.tmp$")
# Folders where data files live (and so where a single-file write leaves its temporary file).
_DATA_FOLDERS = ("", "organizations", "people", "meetings", "priorities", "action-teams", "assessments")
GITIGNORE_LINES = (f"{STAGING}/", ".*.tmp")
# What taking the folder lock finished or cleared, for the command to tell its user (`take_notices`).
NOTICES: list[str] = []


def take_notices() -> list[str]:
    """The sentences about leftovers dealt with since the last call (and forget them)."""
    taken = list(NOTICES)
    NOTICES.clear()
    return taken


def _files(count: int, what: str = "files") -> str:
    """'1 file', '3,080 temporary files'."""
    return f"{count:,} {what[:-1] if count == 1 else what}"


class Leftovers(NamedTuple):
    """What an ngsp command that was stopped hard left in a partnership folder."""

    staged: int = 0  # files in the staging folder
    committing: bool = False  # the staged files are the rest of a change that had begun
    temps: tuple[str, ...] = ()  # temporary files beside data files (relative paths)

    def __bool__(self) -> bool:
        return bool(self.staged or self.committing or self.temps)

    def describe(self) -> str:
        """One sentence for `ngsp check`."""
        parts = []
        if self.committing:
            parts.append(
                f"a change of many files (an import) was stopped while its files were being put in "
                f"place; {self.staged:,} of its {'file is' if self.staged == 1 else 'files are'} still "
                f"waiting in {STAGING}/"
            )
        elif self.staged:
            parts.append(
                f"{STAGING}/ holds {_files(self.staged, 'temporary files')} of a command that was "
                "stopped before it changed anything"
            )
        if self.temps:
            parts.append(
                f"{_files(len(self.temps), 'temporary files')} (.NAME.tmp) beside the data files "
                f"{'was' if len(self.temps) == 1 else 'were'} left by a command that was stopped, e.g. "
                + self.temps[0]
            )
        return "; ".join(parts)


def ensure_ignored(root: Path) -> None:
    """Make git ignore the staging folder and temporary files, also in folders made before it existed.

    Only a folder's existing `.gitignore` (which `ngsp init` writes) gets the lines it lacks.
    """
    gitignore = root / ".gitignore"
    try:
        text = gitignore.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if not missing:
        return
    lead = "" if not text or text.endswith("\n") else "\n"
    addition = lead + "# ngsp's temporary files while it writes (left behind only if it was stopped).\n"
    with contextlib.suppress(OSError), gitignore.open("a", encoding="utf-8") as handle:
        handle.write(addition + "".join(f"{line}\n" for line in missing))


def staging_dir(root: Path) -> Path:
    return root / STAGING


def staged_path(root: Path, rel: str) -> Path:
    """Where the staged copy of `root/rel` is written."""
    return root / STAGING / rel


def _staged_files(root: Path) -> Iterator[Path]:
    base = root / STAGING
    for directory, _dirs, files in os.walk(base):
        for name in files:
            if name != MARKER:
                yield Path(directory) / name


def _temps(root: Path) -> list[str]:
    found = []
    for sub in _DATA_FOLDERS:
        directory = root / sub if sub else root
        try:
            names = [entry.name for entry in directory.iterdir()]
        except OSError:
            continue
        for name in names:
            if _TEMP.match(name) and (sub or name.startswith(".partnership.yaml.")):
                found.append(f"{sub}/{name}" if sub else name)
    return sorted(found)


def find(root: Path) -> Leftovers:
    """What a stopped command left (reading only; no lock needed)."""
    base = root / STAGING
    staged = sum(1 for _ in _staged_files(root)) if base.is_dir() else 0
    committing = (base / MARKER).is_file()
    return Leftovers(staged=staged, committing=committing, temps=tuple(_temps(root)))


def mark_committing(root: Path) -> None:
    """Say, durably, that the staged files are now a change to finish."""
    marker = root / STAGING / MARKER
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, b"ngsp: the files in this folder are being moved into place\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(root / STAGING)


def fsync_dir(directory: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clear(root: Path) -> None:
    """Remove the staging folder and everything in it."""
    base = root / STAGING
    if base.exists():
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Recovery:
    """What the start of a writing command did about leftovers."""

    finished: list[str]  # files an interrupted change put in place now (relative paths)
    removed: int  # temporary files removed (nothing in the data had changed because of them)

    def __bool__(self) -> bool:
        return bool(self.finished or self.removed)

    def describe(self) -> str:
        parts = []
        if self.finished:
            parts.append(
                f"finished a change that was stopped while its files were being put in place "
                f"(an import): {len(self.finished):,} more "
                f"{'file is' if len(self.finished) == 1 else 'files are'} in place now"
            )
        if self.removed:
            parts.append(
                f"removed {_files(self.removed, 'temporary files')} left by a command that was "
                "stopped (nothing had changed because of them)"
            )
        return "; ".join(parts)


def recover(root: Path, *, temps: bool = True) -> Recovery:
    """Finish an interrupted commit or clear what a stopped command left. Hold the folder lock.

    `temps`: also remove temporary files beside data files (lists the data folders, so
    only commands that write many files do it; `ngsp check` reports them).
    """
    result = Recovery(finished=[], removed=0)
    base = root / STAGING
    if base.is_dir():
        if (base / MARKER).is_file():
            moved_dirs: set[Path] = set()
            for staged in sorted(_staged_files(root)):
                rel = staged.relative_to(base)
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                staged.replace(target)
                moved_dirs.add(target.parent)
                result.finished.append(rel.as_posix())
            for directory in sorted(moved_dirs):
                fsync_dir(directory)
        else:
            result.removed += sum(1 for _ in _staged_files(root))
        clear(root)
    for temp in _temps(root) if temps else ():
        with contextlib.suppress(FileNotFoundError):
            (root / temp).unlink()
            result.removed += 1
    return result
