"""The document templates: bundled ones, a folder's own versions, and copying one to customise."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.render.env import OVERRIDE_FOLDER
from ngsp_cli.resources import bundled

SUFFIX = ".j2"
WORD_SUFFIX = ".docx"
"""Word templates: documents with Jinja tags, edited in Word, rendered by docxtpl."""


@dataclass(frozen=True)
class TemplateEntry:
    """One template name, where it exists, and which file ngsp uses."""

    name: str
    bundled: bool
    yours: bool

    @property
    def winner(self) -> str:
        return "yours" if self.yours else "bundled"

    @property
    def used_by(self) -> str:
        if self.name == "_base.html.j2":
            return "page and style of agenda, invite, memo (html)"
        if self.name.startswith("_"):
            return "used inside other templates"
        if "/" in self.name:  # site/..., ci/...: the pages or files of one command
            return f"ngsp {self.name.split('/', 1)[0]}"
        document = self.name.split(".", 1)[0]
        command = {"signin": "ngsp signin", "report": "ngsp report"}.get(document, f"ngsp {document}")
        return f"{command} --format docx" if self.word else command

    @property
    def word(self) -> bool:
        """A Word file (opened and changed in Word), not a text template."""
        return self.name.endswith(WORD_SUFFIX)


def _names(directory: Path) -> set[str]:
    if not directory.is_dir():
        return set()
    return {
        str(p.relative_to(directory))
        for suffix in (SUFFIX, WORD_SUFFIX)
        for p in directory.rglob(f"*{suffix}")
        # "~$memo.docx" is the lock file Word keeps beside a document it has open.
        if p.is_file() and not p.name.startswith((".", "~$"))
    }


def list_templates(root: Path | None) -> list[TemplateEntry]:
    """Every template ngsp knows, bundled or the folder's own; the folder's own wins."""
    shipped = _names(bundled("templates"))
    own = _names(root / OVERRIDE_FOLDER) if root is not None else set()
    return [
        TemplateEntry(name=name, bundled=name in shipped, yours=name in own)
        for name in sorted(shipped | own, key=lambda n: (n.startswith("_"), n))
    ]


def resolve_name(root: Path | None, ref: str) -> str:
    """A template name from what a person typed: 'memo.html.j2', 'memo.html' or 'memo' if unique."""
    names = [entry.name for entry in list_templates(root)]
    ref = ref.strip()
    if ref in names:
        return ref
    if ref + SUFFIX in names:
        return ref + SUFFIX
    starting = [n for n in names if n.startswith(ref + ".")]
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise NotFoundError(
            f"'{ref}' could mean {', '.join(starting)}",
            hint="name the format too, for example " + starting[0],
        )
    raise NotFoundError(f"there is no template '{ref}'", hint="see 'ngsp templates list' for the names")


def source_path(root: Path | None, name: str, *, bundled_only: bool = False) -> Path:
    """The file ngsp renders for `name`: the folder's own when it has one."""
    if root is not None and not bundled_only:
        own = root / OVERRIDE_FOLDER / name
        if own.is_symlink() or own.parent.is_symlink():
            from ngsp_cli.store.reading import refuse_outside_link

            refuse_outside_link(root, f"{OVERRIDE_FOLDER}/{name}")
        if own.is_file():
            return own
    shipped = bundled("templates") / name
    if shipped.is_file():
        return shipped
    raise NotFoundError(f"there is no bundled template '{name}'", hint="see 'ngsp templates list'")


def copy_template(root: Path, name: str, *, force: bool = False) -> Path:
    """Copy the bundled template into the folder's templates/ to start customising it."""
    target = root / OVERRIDE_FOLDER / name
    if target.is_symlink() or target.parent.is_symlink():
        from ngsp_cli.store.reading import refuse_outside_link

        refuse_outside_link(root, f"{OVERRIDE_FOLDER}/{name}")  # copying would write through the link
    if target.exists() and not force:
        raise InputError(
            "you already have your own version; copying again would lose your changes",
            file=f"{OVERRIDE_FOLDER}/{name}",
            hint="edit it as it is, or pass --force to replace it with the bundled version",
        )
    source = source_path(None, name, bundled_only=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def word_text(path: Path) -> str:
    """The text of a Word template, paragraph by paragraph and row by row, tags included."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(str(path))
    except Exception as exc:  # a damaged file: python-docx raises many kinds
        raise InputError(f"{path.name} cannot be opened as a Word file ({exc})", file=path.name) from exc
    lines: list[str] = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, doc).text)
        elif tag == "tbl":
            lines.extend(
                " | ".join(cell.text.replace("\n", " / ") for cell in row.cells)
                for row in Table(element, doc).rows
            )
    footer = " ".join(p.text for p in doc.sections[0].footer.paragraphs).strip()
    if footer:
        lines.append(f"(footer) {footer}")
    return "\n".join(lines) + "\n"
