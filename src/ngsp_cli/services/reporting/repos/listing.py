"""The repositories file: one partnership repository a line, `URL [NAME] [BRANCH]`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ONE_A_LINE = "write one repository URL or path per line"


@dataclass(frozen=True)
class RepoSpec:
    """One line of a repositories file."""

    url: str
    name: str
    branch: str | None = None
    line: int = 0


def parse_repos_file(path: Path) -> list[RepoSpec]:
    """The repositories listed in `path`.

    Each line: a git URL (https://, ssh://, git@host:owner/repo, file://) or the path of a
    repository on this computer (relative to the file's folder), then optionally a name and
    a branch, separated by spaces: `URL [NAME] [BRANCH]`, or `name=NAME` / `branch=BRANCH` in
    any order.  Blank lines and everything after `#` are ignored.
    """
    text = _read_text(path)
    rel = str(path)
    specs: list[RepoSpec] = []
    names: dict[str, int] = {}
    for number, raw_line in enumerate(text.splitlines(), 1):
        words = raw_line.split("#", 1)[0].split()
        if not words:
            continue
        spec = _parse_line(words, path, number)
        if spec.name in names:
            raise InputError(
                f"the name '{spec.name}' is used twice (also on line {names[spec.name]})",
                file=rel,
                line=number,
                hint="give one of them its own name after the URL: URL NAME",
            )
        names[spec.name] = number
        specs.append(spec)
    if not specs:
        raise InputError(
            f"{path} lists no repository",
            file=rel,
            hint=f"{_ONE_A_LINE}, e.g. git@github.com:owner/weld.git",
        )
    return specs


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NotFoundError(
            f"the repositories file {path} does not exist",
            hint=f"{_ONE_A_LINE}, e.g. git@github.com:owner/weld.git",
        ) from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path} is not a text file of repositories ({type(exc).__name__})",
            hint=_ONE_A_LINE,
        ) from None


def _parse_line(words: list[str], path: Path, number: int) -> RepoSpec:
    """One line's words: the location, then its name and branch (given or implied)."""
    name, branch = _name_and_branch(words[1:], str(path), number)
    location = _location(words[0], path)
    name = name or _default_name(location)
    if not _NAME.match(name):
        raise InputError(
            f"'{name}' cannot be a partnership's name here",
            file=str(path),
            line=number,
            hint="use letters, digits, dots, dashes or underscores, e.g. weld-manufacturing",
        )
    return RepoSpec(url=location, name=name, branch=branch, line=number)


def _name_and_branch(rest: list[str], rel: str, number: int) -> tuple[str | None, str | None]:
    """NAME and BRANCH after the URL: bare, in that order, or as name=... and branch=..."""
    name: str | None = None
    branch: str | None = None
    bare: list[str] = []
    for word in rest:
        key, sep, value = word.partition("=")
        if sep and key in {"name", "branch"}:
            if not value:
                raise InputError(f"'{word}' has no value", file=rel, line=number,
                                 hint=f"write {key}= and the {key}, without spaces")  # fmt: skip
            if key == "name":
                name = value
            else:
                branch = value
        else:
            bare.append(word)
    if len(bare) > 2 or (bare and name is not None and branch is not None):
        raise InputError(
            "too many words on this line",
            file=rel,
            line=number,
            hint="write: URL [NAME] [BRANCH], e.g. git@github.com:owner/weld.git weld main",
        )
    if bare and name is None:
        name = bare.pop(0)
    if bare and branch is None:
        branch = bare.pop(0)
    return name, branch


def _location(text: str, path: Path) -> str:
    """A URL as written; a path made absolute (a relative one is relative to the file's folder)."""
    if _looks_like_url(text):
        return text
    local = Path(text).expanduser()
    if not local.is_absolute():
        local = path.parent / local
    return str(local.resolve())


def _looks_like_url(text: str) -> bool:
    return "://" in text or re.match(r"^[\w.-]+@[\w.-]+:", text) is not None


def _default_name(url: str) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    if tail.endswith(".git"):
        tail = tail[: -len(".git")]
    return tail or "repository"
