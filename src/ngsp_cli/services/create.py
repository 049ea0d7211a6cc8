"""Create a partnership folder, empty or from a bundled example."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError, UsageError
from ngsp_cli.ids import new_id
from ngsp_cli.model import Organization, OrgKind, Partnership
from ngsp_cli.resources import bundled, example_names
from ngsp_cli.store.folder import PARTNERSHIP_FILE
from ngsp_cli.store.write import save

SUBFOLDERS = ("organizations", "people", "meetings", "priorities", "action-teams", "assessments")

GITIGNORE = """\
# Rendered documents are made again from the YAML files with ngsp.
out/
# ngsp's lock and temporary files while it writes.
.ngsp.lock
.*.tmp
.ngsp-staging/
"""

FOLDER_README = """\
# {name}

This folder is the whole record of a Next Generation Sector Partnership, kept
with [ngsp](https://pypi.org/project/ngsp/). Every file is plain YAML that you
may edit by hand; `ngsp check` tells you if something is off.

| folder | one file per |
|---|---|
| `partnership.yaml` | the partnership: industry, region, conveners, settings |
| `organizations/` | business or public partner |
| `people/` | person, pointing at their organization |
| `meetings/` | meeting: agenda, invitees, who came, notes, decisions |
| `priorities/` | priority the industry chose, with its votes |
| `action-teams/` | action team: champions, tasks, progress updates |
| `assessments/` | dated self-assessment or outcome survey |
| `templates/` | your own versions of ngsp's document templates (optional) |
| `out/` | documents ngsp renders (not kept in git) |
"""


def _prepare_target(path: Path) -> None:
    if (path / PARTNERSHIP_FILE).exists():
        raise InputError(
            f"{path} is already a partnership folder",
            file=PARTNERSHIP_FILE,
            hint="pick another folder, or work in this one with the other ngsp commands",
        )
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file, not a folder", hint="choose a folder name")
    path.mkdir(parents=True, exist_ok=True)


def _git_init(path: Path, git: bool | None) -> bool:
    """Make the folder a git repository; `None` means "if git is installed"."""
    if git is False:
        return False
    if (path / ".git").exists():
        return True
    if shutil.which("git") is None:
        if git:
            raise UsageError(
                "git is not installed, so the folder cannot be a git repository",
                hint="install git, or pass --no-git",
            )
        return False
    subprocess.run(["git", "init", "-q", str(path)], check=True, capture_output=True)
    return True


def create_partnership(
    path: Path,
    *,
    name: str,
    industry: str,
    region: str,
    conveners: list[str] | None = None,
    convener_kind: OrgKind = OrgKind.workforce,
    counties: list[str] | None = None,
    naics: list[str] | None = None,
    git: bool | None = None,
) -> Path:
    """A new, empty partnership folder with its convener organizations."""
    _prepare_target(path)
    for sub in SUBFOLDERS:
        (path / sub).mkdir(exist_ok=True)
    convener_ids: list[str] = []
    taken: set[str] = set()
    partnership = Partnership(
        name=name,
        industry=industry,
        region=region,
        counties=counties or [],
        naics=naics or [],
    )
    save(path, partnership, create=True)
    for convener in conveners or []:
        org = Organization(name=convener, kind=convener_kind)
        org.id = new_id(convener, taken)
        taken.add(org.id)
        save(path, org, create=True)
        convener_ids.append(org.id)
    if convener_ids:
        partnership.conveners = convener_ids
        save(path, partnership)
    _write_extras(path, name)
    _git_init(path, git)
    return path


def _write_extras(path: Path, name: str) -> None:
    gitignore = path / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(GITIGNORE, encoding="utf-8")
    readme = path / "README.md"
    if not readme.exists():
        readme.write_text(FOLDER_README.format(name=name), encoding="utf-8")


def copy_example(example: str, path: Path, *, git: bool | None = None) -> Path:
    """A copy of a bundled example partnership to learn on."""
    from ngsp_cli.vocab import did_you_mean

    names = example_names()
    if example not in names:
        raise NotFoundError(
            f"there is no example called '{example}'",
            hint=f"{did_you_mean(example, names, n=1)}the examples are: {', '.join(names)}",
        )
    _prepare_target(path)
    source = bundled("examples") / example
    shutil.copytree(source, path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("out", ".ngsp.lock"))
    from ngsp_cli.store.folder import read_partnership

    _write_extras(path, read_partnership(path).name)
    _git_init(path, git)
    return path
