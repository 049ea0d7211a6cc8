"""The files of a partnership folder, on disk or given as bytes (a git commit read without a
checkout), and the problems of files that are there but not read (folders named like files,
files saved as .yml)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ngsp_cli.errors import NotFoundError, Problem
from ngsp_cli.model import Entity
from ngsp_cli.store.reading import RawFile, parse_raw, read_raw

if TYPE_CHECKING:
    from ngsp_cli.store.parsecache import ParseCache


def entity_files(root: Path, kind: type[Entity]) -> list[str]:
    return files_ending(DiskFiles(root), kind, ".yaml")


class DiskFiles:
    """The files of a folder on disk."""

    def __init__(self, root: Path, cache: ParseCache | None = None) -> None:
        self.root = root
        self.cache = cache
        # Whether each file listed by `names` is a link or lies in a folder that is one.
        self.links: dict[str, bool] = {}

    def names(self, folder: str) -> list[str]:
        """Names of the plain files directly in `folder` (relative to the root)."""
        path = self.root / folder
        if not path.is_dir():
            return []
        in_link = path.is_symlink()
        names = []
        # Links count too: read_raw refuses those that lead outside the folder.
        for entry in os.scandir(path):
            link = entry.is_symlink()
            if link or entry.is_file():
                names.append(entry.name)
                self.links[f"{folder}/{entry.name}"] = in_link or link
        return names

    def subfolders(self, folder: str) -> list[str]:
        """Names of the folders directly in `folder` (links to folders not followed)."""
        path = self.root / folder
        if not path.is_dir():
            return []
        return [entry.name for entry in os.scandir(path) if entry.is_dir(follow_symlinks=False)]

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def read(self, rel: str) -> RawFile:
        return read_raw(self.root, rel, self.cache, link=self.links.get(rel))


class GivenFiles:
    """Files given as {relative path: bytes}, e.g. read from a git commit without a checkout."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files
        self.folders: dict[str, list[str]] = {}
        for rel in files:
            folder, _, name = rel.rpartition("/")
            self.folders.setdefault(folder, []).append(name)

    def names(self, folder: str) -> list[str]:
        return list(self.folders.get(folder, ()))

    def exists(self, rel: str) -> bool:
        return rel in self.files

    def read(self, rel: str) -> RawFile:
        if rel not in self.files:
            raise NotFoundError(f"{rel} does not exist", file=rel)
        return parse_raw(rel, self.files[rel])


Files = DiskFiles | GivenFiles


def files_ending(files: Files, kind: type[Entity], suffix: str) -> list[str]:
    return sorted(
        f"{kind.folder}/{name}"
        for name in files.names(kind.folder)
        if name.endswith(suffix) and not name.startswith(".")
    )


def folder_problems(files: Files, kind: type[Entity]) -> list[Problem]:
    """Folders named like entity files (x.yaml/, x.yml/): reported, never skipped silently."""
    found = files.subfolders(kind.folder) if isinstance(files, DiskFiles) else []
    return [
        Problem(
            f"'{name}' is a folder, not a file, so ngsp does not read it",
            file=f"{kind.folder}/{name}",
            hint="move what is inside it where it belongs and delete the folder, "
            f"or rename it so that its name does not end in {Path(name).suffix}",
        )
        for name in sorted(found)
        if name.endswith((".yaml", ".yml")) and not name.startswith(".")
    ]


def yml_problems(files: Files, kind: type[Entity]) -> list[Problem]:
    """Files saved as .yml, which many editors offer: reported, never silently skipped."""
    problems = []
    for rel in files_ending(files, kind, ".yml"):
        wanted = rel[: -len(".yml")] + ".yaml"
        hint = f"rename it to {Path(wanted).name} (in git: git mv {rel} {wanted})"
        if files.exists(wanted):
            hint += "; a file of that name exists too, so merge the two first"
        problems.append(
            Problem(f"'{Path(rel).name}' is not read: ngsp reads files ending in .yaml", file=rel, hint=hint)
        )
    return problems
