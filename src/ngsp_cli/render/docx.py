"""Word documents from Word templates: the one home of docxtpl and python-docx.

Each document has a Word template (`agenda.docx`, `invite.docx`, `memo.docx`,
`signin.docx`, `report.docx`) whose text carries Jinja tags, filled in by docxtpl
with the same values the Markdown and HTML templates receive.  A partnership
folder's `templates/<document>.docx` wins over the bundled one, so a convener can
put their letterhead, fonts and wording in Word ('ngsp templates copy memo.docx').

Templates render in a sandbox with strict values (a misspelt value is an error,
not a blank) and with escaping (a name such as "Smith & Sons" stays text).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.render.env import filters, template_dirs

if TYPE_CHECKING:
    from jinja2 import Environment

CHART_WIDTH_MM = 165


def template_name(document: str) -> str:
    return f"{document}.docx"


def template_path(document: str, root: Path | None) -> Path:
    """The Word template ngsp uses for `document`: the folder's own when it has one."""
    name = template_name(document)
    for directory in template_dirs(root):
        candidate = directory / name
        if candidate.is_file():
            return candidate
    raise NotFoundError(f"there is no Word template '{name}'", hint="see 'ngsp templates list'")


def _shown(path: Path, root: Path | None) -> str:
    if root is not None and path.is_relative_to(root):
        return str(path.relative_to(root))
    return f"(bundled) templates/{path.name}"


@cache
def _environment() -> Environment:
    from jinja2 import StrictUndefined

    from ngsp_cli.render.sandbox import LimitedSandbox

    # The same limited sandbox as the text templates. No trim_blocks/lstrip_blocks:
    # docxtpl relies on the line breaks it puts between paragraphs.
    env = LimitedSandbox(undefined=StrictUndefined, autoescape=True)
    env.filters.update(filters())
    return env


def build(
    document: str,
    ctx: Mapping[str, Any],
    root: Path | None = None,
    images: Mapping[str, bytes | None] | None = None,
) -> bytes:
    """The Word file of `document` for a context built by the services.

    `images` are PNG pictures by name; the template places them with `{{ charts.NAME }}`.
    """
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from ngsp_cli.render.sandbox import TemplateLimit, budget

    path = template_path(document, root)
    shown = _shown(path, root)
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # a damaged or non-Word file: python-docx raises many kinds
        raise InputError(
            f"the Word template cannot be opened ({exc})",
            file=shown,
            hint="open it in Word and save it again as a Word document (.docx), "
            "or remove it to use the bundled one",
        ) from exc
    context = dict(ctx)
    if images is not None:
        context["charts"] = {
            name: InlineImage(template, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)) if png else None
            for name, png in images.items()
        }
    try:
        with budget():
            template.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateLimit as exc:
        raise InputError(str(exc), file=shown, hint=exc.hint) from None
    except RecursionError:
        raise InputError(
            "the Word template repeats itself without end",
            file=shown,
            hint="look for a macro that calls itself",
        ) from None
    except TemplateSyntaxError as exc:
        raise InputError(
            f"a tag in the Word template is wrong: {exc.message}",
            file=shown,
            hint=_near(exc) + "compare with the bundled template ('ngsp templates copy "
            f"{path.name} --force' into another folder)",
        ) from exc
    except UndefinedError as exc:
        raise InputError(
            f"the Word template uses a value that does not exist: {exc.message}",
            file=shown,
            hint="check the spelling; 'ngsp templates show "
            f"{document}.md --values' lists the values that exist",
        ) from exc
    except SecurityError as exc:
        raise InputError(
            f"the Word template tried something templates may not do: {exc}",
            file=shown,
            hint="templates can only use the values ngsp passes to them",
        ) from exc
    except TemplateError as exc:
        raise InputError(f"the Word template failed: {exc}", file=shown) from exc
    _properties(template, context)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _near(exc: Exception) -> str:
    """The template text around a syntax error, as docxtpl found it."""
    around = [line.strip() for line in getattr(exc, "docx_context", []) if line.strip()]
    return f"near: {' '.join(around)[:160]}; " if around else ""


def _properties(template: DocxTemplate, ctx: Mapping[str, Any]) -> None:
    """Title, author and dates of the file: the document's, never the template's."""
    partnership = ctx["partnership"]
    name = partnership["name"] if isinstance(partnership, Mapping) else partnership.name
    meeting = ctx.get("meeting")
    props = template.docx.core_properties
    props.author = name
    props.last_modified_by = name
    props.title = meeting.title if meeting is not None else f"{name}: progress report"
    as_of = ctx["as_of"]
    stamp = dt.datetime.combine(as_of, dt.time(0, 0))
    props.created = props.modified = stamp
    props.revision = 1
