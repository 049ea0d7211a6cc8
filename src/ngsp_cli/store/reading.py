"""Read one file of a partnership folder: refuse links leading outside it, decode, parse."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.store import yamlio

if TYPE_CHECKING:
    from ngsp_cli.store.parsecache import ParseCache


class RawFile(NamedTuple):
    """One YAML file as read: its text (kept for error lines) and its data."""

    rel: str
    text: str
    data: Any


def refuse_outside_link(root: Path, rel: str) -> None:
    """Refuse a file of the folder that is (or lies in a folder that is) a link leading outside it.

    A partnership folder is shared: a link such as templates/agenda.md.j2 -> /etc/passwd
    or people/x.yaml -> ~/.ssh/id_rsa would otherwise be read, shown and rendered into
    documents that get e-mailed.  Links that stay inside the folder are fine.
    """
    path = root / rel
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        resolved = None  # a loop of links: refused below as leading nowhere in the folder
    if resolved is not None and resolved.is_relative_to(root.resolve()):
        return
    link = path if path.is_symlink() else next((p for p in path.parents if p.is_symlink()), path)
    try:
        target = str(link.readlink())
    except OSError:
        target = str(resolved)
    shown = link.relative_to(root).as_posix() if link.is_relative_to(root) else str(link)
    what = "the file is a link" if link == path else f"it is in {shown}/, a link"
    raise InputError(
        f"{what} to {target}, outside the partnership folder, so ngsp does not read it",
        file=rel,
        hint="put a copy of the file itself in the folder (others who share the folder need it too), "
        "or delete the link",
    )


def is_link(path: Path) -> bool:
    return path.is_symlink() or path.parent.is_symlink()


def read_raw(root: Path, rel: str, cache: ParseCache | None = None, *, link: bool | None = None) -> RawFile:
    """One file of the folder, read and parsed; `link`: whether it or its folder is a link, when known."""
    path = root / rel
    if is_link(path) if link is None else link:
        refuse_outside_link(root, rel)
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFoundError(f"{rel} does not exist", file=rel) from exc
    except IsADirectoryError as exc:
        raise InputError(f"{rel} is a folder, not a file, so ngsp cannot read it", file=rel,
                         hint="rename it so that its name does not end in .yaml") from exc  # fmt: skip
    return parse_raw(rel, raw_bytes, cache)


def parse_raw(rel: str, raw_bytes: bytes, cache: ParseCache | None = None) -> RawFile:
    """One file's bytes, decoded and parsed (by `cache` when given); `rel` names it in problems."""
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise InputError(
            "the file is not UTF-8 text",
            file=rel,
            line=line,
            hint="save it again as UTF-8 (most editors offer this under 'Save as' / encoding)",
        ) from exc
    try:
        data = cache.parse(rel, raw_bytes, text) if cache is not None else yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        raise InputError(str(exc), file=rel, line=exc.line, hint=exc.hint) from exc
    return RawFile(rel=rel, text=text, data=data)
