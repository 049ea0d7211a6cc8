"""Create a partnership folder, empty or from a bundled example."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError, UsageError
from ngsp_cli.ids import new_id
from ngsp_cli.model import Organization, OrgKind, Partnership, Settings
from ngsp_cli.resources import bundled, example_names
from ngsp_cli.store.files import folder_lock
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
# Caches and the files editors and operating systems leave behind.
__pycache__/
.cache/
~$*
.~lock.*#
.DS_Store
Thumbs.db
desktop.ini
"""

GITATTRIBUTES = """\
# The partnership's files are text with one kind of line ending on every computer,
# so a change on Windows shows as the lines that changed, not as every line.
*.yaml text eol=lf
*.yml text eol=lf
*.md text eol=lf
*.j2 text eol=lf
*.csv text eol=lf
# Office files and pictures are compared as a whole.
*.docx binary
*.xlsx binary
*.pdf binary
*.png binary
*.jpg binary
# Rendered documents stay out of exported copies too.
out/ export-ignore
"""

FIRST_COMMIT_MESSAGE = "Start the partnership folder with ngsp"
# Who signs the first commit when git does not know the person's name yet: the commit
# is ngsp's doing, and the person's own git settings are left as they are.
NGSP_IDENTITY = ("ngsp", "ngsp@localhost")

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
| `.ngsp/schema/` | the JSON Schema of each kind of file, for editors that check YAML as you type |
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


@dataclass
class GitResult:
    """What happened with git: whether the folder is a repository and its first commit."""

    repository: bool = False
    committed: bool = False
    signed_by_ngsp: bool = False  # git did not know the person's name and e-mail
    problem: str | None = None  # why the first commit was not made


def _git_knows_who(path: Path) -> bool:
    """Whether git has a name and an e-mail to sign commits with in `path`."""
    for key in ("user.name", "user.email"):
        found = subprocess.run(["git", "-C", str(path), "config", key], capture_output=True, text=True)
        if found.returncode != 0 or not found.stdout.strip():
            return False
    return True


def _first_commit(path: Path, result: GitResult) -> None:
    """Commit everything ngsp wrote, so every later change shows as a change.

    When git does not know the person's name and e-mail, the commit is signed
    `ngsp <ngsp@localhost>` for this one commit only (`git -c`): nothing is written
    to the person's settings, so their own commits are never signed with a made-up
    name, and the folder still starts with a clean history. A commit that fails for
    another reason (a hook, required signing) leaves the folder as it is and says why.
    """
    identity: list[str] = []
    if not _git_knows_who(path):
        name, email = NGSP_IDENTITY
        identity = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
        result.signed_by_ngsp = True
    steps = (
        ["git", "-C", str(path), "add", "--all"],
        ["git", "-C", str(path), *identity, "commit", "-q", "-m", FIRST_COMMIT_MESSAGE],
    )
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            result.signed_by_ngsp = False
            lines = (done.stderr or done.stdout).strip().splitlines()
            result.problem = lines[-1] if lines else f"git exited with {done.returncode}"
            return
    result.committed = True


def _git_init(path: Path, git: bool | None) -> GitResult:
    """Make the folder a git repository with a first commit; `None` means "if git is installed"."""
    result = GitResult()
    if git is False:
        return result
    if (path / ".git").exists():
        result.repository = True
        return result
    if shutil.which("git") is None:
        if git:
            raise UsageError(
                "git is not installed, so the folder cannot be a git repository",
                hint="install git, or pass --no-git",
            )
        return result
    subprocess.run(["git", "init", "-q", str(path)], check=True, capture_output=True)
    result.repository = True
    _first_commit(path, result)
    return result


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
    timezone: str | None = None,
) -> GitResult:
    """A new, empty partnership folder with its convener organizations."""
    _prepare_target(path)
    for sub in SUBFOLDERS:
        (path / sub).mkdir(exist_ok=True)
    _write_schemas(path)  # first, so that every file written next points at its schema
    convener_ids: list[str] = []
    taken: set[str] = set()
    partnership = Partnership(
        name=name,
        industry=industry,
        region=region,
        counties=counties or [],
        naics=naics or [],
        settings=Settings(timezone=timezone),
    )
    with folder_lock(path):
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
    return _git_init(path, git)


def _write_extras(path: Path, name: str) -> None:
    for file_name, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        target = path / file_name
        if not target.exists():
            target.write_text(text, encoding="utf-8", newline="\n")
    readme = path / "README.md"
    if not readme.exists():
        readme.write_text(FOLDER_README.format(name=name), encoding="utf-8")


def copy_example(example: str, path: Path, *, git: bool | None = None) -> GitResult:
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

    _write_schemas(path)
    _write_extras(path, read_partnership(path).name)
    return _git_init(path, git)


def machine_timezone() -> str | None:
    """The time zone name this computer uses (America/Chicago), or None when it cannot tell.

    From the TZ variable, else the zone /etc/localtime points at, else /etc/timezone.
    """
    import os
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates: list[str] = []
    tz = os.environ.get("TZ", "").lstrip(":").strip()
    if tz:
        candidates.append(tz)
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    etc_timezone = Path("/etc/timezone")
    if etc_timezone.is_file():
        candidates.append(etc_timezone.read_text(encoding="utf-8", errors="replace").strip())
    for name in candidates:
        if "/" not in name or name.startswith(("Etc/", "posix/Etc/", "right/")):
            # UTC, Etc/UTC, EST5EDT and the like are a server's clock, not a region's time zone.
            continue
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return None


def _write_schemas(path: Path) -> None:
    from ngsp_cli.services.setup.schema import folder_schema_dir, write_schemas

    write_schemas(folder_schema_dir(path))
