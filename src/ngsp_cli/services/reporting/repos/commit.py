"""Reading a partnership folder from a commit of a cached repository, without a checkout."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.model import ENTITY_TYPES
from ngsp_cli.services.reporting.repos.git import git_says, run_git
from ngsp_cli.store.folder import PARTNERSHIP_FILE, Snapshot, load_files

# Files beside the entity folders that ngsp reads from the folder itself: the playbook,
# indicator, survey and template overrides.  They are written into the cache, per commit.
_SIDE_SUFFIXES = (".yaml", ".yml", ".j2")
_ENTITY_FOLDERS = frozenset(kind.folder for kind in ENTITY_TYPES)


def load_commit(folder: Path, commit: str) -> Snapshot:
    """The partnership folder as committed at `commit` of the cached repository `folder`."""
    files, side = commit_files(folder, commit)
    if PARTNERSHIP_FILE not in files:
        raise NotFoundError(
            f"the repository has no {PARTNERSHIP_FILE} at its top",
            file=PARTNERSHIP_FILE,
            hint="list the repository of a partnership folder (the folder 'ngsp init' made)",
        )
    root = _side_folder(folder, commit, files, side)
    return load_files(root, files)


def commit_files(folder: Path, commit: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The partnership's files at `commit`: (entity files and partnership.yaml, other ngsp files)."""
    wanted, entity = _wanted_files(folder, commit)
    batch = run_git(folder, "cat-file", "--batch", input="".join(f"{oid}\n" for oid, _ in wanted).encode())
    if batch.returncode != 0:
        raise InputError(f"the commit {commit[:10]} cannot be read: {git_says(batch.stderr)}")
    data = batch.stdout
    files: dict[str, bytes] = {}
    side: dict[str, bytes] = {}
    position = 0
    for _, path in wanted:
        end = data.index(b"\n", position)
        header = data[position:end].split(b" ")
        if len(header) != 3:  # "<oid> missing"
            raise InputError(f"the commit {commit[:10]} is incomplete in the cache",
                             hint="delete the cache folder and run again")  # fmt: skip
        size = int(header[2])
        body = data[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
        (files if path in entity else side)[path] = body
    return files, side


def _wanted_files(folder: Path, commit: str) -> tuple[list[tuple[str, str]], set[str]]:
    """The (object id, path) of every file ngsp reads at `commit`, and which of them are entity files."""
    listing = run_git(folder, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing.returncode != 0:
        raise InputError(f"the commit {commit[:10]} cannot be read: {git_says(listing.stderr)}")
    wanted: list[tuple[str, str]] = []
    entity: set[str] = set()
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        if kind != b"blob" or mode == b"120000":  # sub-modules and symbolic links are not files
            continue
        path = raw_path.decode("utf-8", "surrogateescape")
        top, _, rest = path.partition("/")
        if path == PARTNERSHIP_FILE or (top in _ENTITY_FOLDERS and rest and "/" not in rest):
            entity.add(path)
        elif not path.endswith(_SIDE_SUFFIXES):
            continue
        wanted.append((oid.decode(), path))
    return wanted, entity


def _side_folder(folder: Path, commit: str, files: Mapping[str, bytes], side: Mapping[str, bytes]) -> Path:
    """A folder holding partnership.yaml and the override files of `commit` (written once per commit)."""
    target = folder / "files" / commit
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{commit[:10]}.", dir=target.parent))
    try:
        for rel, body in {**side, PARTNERSHIP_FILE: files.get(PARTNERSHIP_FILE, b"")}.items():
            path = staging / rel
            if ".." in Path(rel).parts:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        try:
            staging.rename(target)
        except OSError:  # another run wrote it first
            shutil.rmtree(staging, ignore_errors=True)
        # Older commits' side files are no longer needed.
        for old in target.parent.iterdir():
            if old.name != commit and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
