"""Render a document context in one format: Markdown or HTML (templates), Word, calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FORMATS = ("md", "html", "docx")
EXTENSIONS = {"md": "md", "html": "html", "docx": "docx", "ics": "ics"}


def template_name(document: str, fmt: str) -> str:
    return f"{document}.{fmt}.j2"


def format_for(fmt: str | None, out: Path | None, formats: tuple[str, ...] | None = None) -> str:
    """The format asked for, or the one the --out file name implies, or the first of `formats` (md)."""
    allowed = formats or FORMATS
    if fmt is not None:
        from ngsp_cli.vocab import choose_word

        return choose_word(fmt.lstrip("."), allowed, "a document format")
    if out is not None and out.suffix.lstrip(".").lower() in allowed:
        return out.suffix.lstrip(".").lower()
    return allowed[0]


def default_path(root: Path, meeting_id: str, document: str, ext: str) -> Path:
    """out/<meeting-id>-<document>.<ext> inside the partnership folder."""
    return root / "out" / f"{meeting_id}-{document}.{EXTENSIONS[ext]}"


def render(document: str, fmt: str, context: dict[str, Any], root: Path | None) -> bytes:
    """The document as bytes in `fmt`: md and html from Jinja templates, docx from a Word template."""
    if fmt == "docx":
        from ngsp_cli.render.docx import build

        return build(document, context, root)
    from ngsp_cli.render.env import render_template

    return render_template(template_name(document, fmt), context, root).encode("utf-8")
