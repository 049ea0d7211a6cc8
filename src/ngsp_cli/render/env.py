"""The one Jinja environment: bundled templates, folder overrides, strict and escaped.

A partnership folder's `templates/` wins over a bundled template of the same
name.  Templates render with StrictUndefined (a typo is an error, not a blank)
in a sandbox (a folder's template cannot reach Python internals, nor use
unbounded memory or time: see `render.sandbox`), and `.html` templates
autoescape.  Template errors become ngsp errors naming the template file and
line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ngsp_cli.errors import InputError
from ngsp_cli.resources import bundled
from ngsp_cli.text import and_list, noun, plural, upfirst, verb

if TYPE_CHECKING:
    from jinja2 import Environment

OVERRIDE_FOLDER = "templates"


def template_dirs(root: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins."""
    dirs: list[Path] = []
    if root is not None and (root / OVERRIDE_FOLDER).is_dir():
        dirs.append(root / OVERRIDE_FOLDER)
    dirs.append(bundled("templates"))
    return dirs


def date_long(value: Any) -> str:
    """2027-02-10 -> Wednesday, February 10, 2027"""
    return f"{value:%A, %B} {value.day}, {value:%Y}" if value else ""


def date_short(value: Any) -> str:
    """2027-02-10 -> Feb 10, 2027"""
    return f"{value:%b} {value.day}, {value:%Y}" if value else ""


def time_12h(value: str | None) -> str:
    """'14:30' -> '2:30 PM'"""
    if not value:
        return ""
    hours, minutes = (int(part) for part in value.split(":"))
    suffix = "AM" if hours < 12 else "PM"
    return f"{(hours % 12) or 12}:{minutes:02d} {suffix}"


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks to break the row."""
    if value is None:
        return ""
    return " ".join(str(value).split()).replace("|", "\\|")


def filters() -> dict[str, Any]:
    """The filters every template can use, in Markdown, HTML and Word alike."""
    return {
        "date_long": date_long,
        "date_short": date_short,
        "time_12h": time_12h,
        "plural": plural,
        "noun": noun,
        "verb": verb,
        "upfirst": upfirst,
        "and_list": and_list,
        "md_cell": md_cell,
    }


def _folder_loader(dirs: tuple[Path, ...], root: Path | None) -> Any:
    """Jinja's file loader, refusing a folder template that is a link leading outside the folder."""
    from jinja2 import FileSystemLoader
    from jinja2.loaders import split_template_path

    from ngsp_cli.store.reading import refuse_outside_link

    class FolderLoader(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            if root is not None:
                rel = "/".join([OVERRIDE_FOLDER, *split_template_path(template)])
                path = root / rel
                if path.is_symlink() or path.exists():
                    # Checked before it is read: templates/agenda.md.j2 -> /etc/passwd is never rendered.
                    refuse_outside_link(root, rel)
            return super().get_source(environment, template)

    return FolderLoader([str(d) for d in dirs])


def _bytecode_cache() -> Any:
    """Compiled templates kept in the user's cache folder (`ngsp/templates/`), or None.

    Jinja's own bytecode cache: each template is compiled once and kept under a key of its
    name and file, and is compiled again when its text changes (a checksum of it) or for
    another Python.  Each version of Jinja and of ngsp's environment and sandbox (the
    modules' sizes and times) keeps its own folder, because they change the code compiled.
    A cache that cannot be read or written is passed by silently; NGSP_NO_CACHE=1 switches
    it off.
    """
    import hashlib
    import os
    import sys

    import jinja2
    from jinja2 import FileSystemBytecodeCache

    from ngsp_cli import __version__
    from ngsp_cli.render import sandbox
    from ngsp_cli.store.parsecache import cache_root

    folder = cache_root()
    if folder is None or os.environ.get("NGSP_NO_CACHE") == "1":
        return None
    code = []
    for module in (__file__, sandbox.__file__):
        try:
            found = Path(module).stat()
        except OSError:
            found = None
        code.append((module, found.st_size, found.st_mtime_ns) if found else (module, 0, 0))
    stamp = repr((__version__, jinja2.__version__, sys.version, code))
    directory = folder / "templates" / hashlib.sha256(stamp.encode()).hexdigest()[:16]

    class KeptTemplates(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged file: compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                Path(self.directory).mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:  # a cache folder that cannot be written: compiled every time
                pass

    return KeptTemplates(str(directory))


@cache
def _environment(dirs: tuple[Path, ...], root: Path | None = None) -> Environment:
    from jinja2 import StrictUndefined, select_autoescape

    from ngsp_cli.render.sandbox import LimitedSandbox

    env = LimitedSandbox(
        bytecode_cache=_bytecode_cache(),
        loader=_folder_loader(dirs, root),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2", "htm", "xml"), default_for_string=False
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters())
    return env


def environment(root: Path | None) -> Environment:
    """The environment for a partnership folder (or only the bundled templates)."""
    dirs = tuple(template_dirs(root))
    return _environment(dirs, root if root is not None and len(dirs) > 1 else None)


def _origin(root: Path | None, name: str | None) -> str | None:
    """A template's file, relative to the partnership folder when it is an override."""
    if name is None:
        return None
    for directory in template_dirs(root):
        candidate = directory / name
        if candidate.is_file():
            if root is not None and candidate.is_relative_to(root):
                return str(candidate.relative_to(root))
            return f"(bundled) templates/{name}"
    return name


def render_template(name: str, context: dict[str, Any], root: Path | None = None) -> str:
    """Render template `name` with `context`; every template error is an ngsp InputError."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from ngsp_cli.render.sandbox import TemplateLimit, budget

    env = environment(root)
    try:
        template = env.get_template(name)
        pieces: list[str] = []
        with budget() as spent:
            for piece in template.generate(**context):
                spent.wrote(piece)
                pieces.append(piece)
        return "".join(pieces)
    except TemplateNotFound as exc:
        raise InputError(
            f"there is no template '{exc.name}'",
            hint="see 'ngsp templates list' for the template names",
        ) from exc
    except TemplateSyntaxError as exc:
        raise InputError(
            f"the template has a syntax error: {exc.message}",
            file=_origin(root, exc.name or name),
            line=exc.lineno,
            hint="compare with the bundled template: 'ngsp templates show NAME'",
        ) from exc
    except TemplateLimit as exc:
        file, line = _error_place(exc, root, name)
        raise InputError(str(exc), file=file, line=line, hint=exc.hint) from None
    except RecursionError as exc:
        file, line = _error_place(exc, root, name)
        raise InputError(
            "the template includes itself, or a macro calls itself, without end",
            file=file,
            line=line,
            hint="a template may not include itself; a macro that calls itself needs a way to stop",
        ) from None
    except MemoryError as exc:
        file, line = _error_place(exc, root, name)
        raise InputError(
            "the template makes more text than this computer has memory for",
            file=file,
            line=line,
            hint="look for text or lists multiplied (*) or joined (~, +) in a loop",
        ) from None
    except SecurityError as exc:
        raise InputError(
            f"the template tried something templates may not do: {exc}",
            file=_origin(root, name),
            hint="templates can only use the values ngsp passes to them",
        ) from exc
    except UndefinedError as exc:
        raise InputError(
            f"the template uses a value that does not exist: {exc.message}",
            file=_origin(root, name),
            line=_error_line(exc, env, name),
            hint="check the spelling; 'ngsp templates show NAME --values' lists the values that exist",
        ) from exc
    except TemplateError as exc:
        raise InputError(
            f"the template failed: {exc}",
            file=_origin(root, name),
            line=_error_line(exc, env, name),
        ) from exc


def _error_place(exc: BaseException, root: Path | None, name: str) -> tuple[str | None, int | None]:
    """The template file and line where a runtime error happened: the deepest template frame.

    Jinja rewrites tracebacks so that template frames carry the template's file and line.
    """
    dirs = [str(d) for d in template_dirs(root)]
    found: tuple[str, int] | None = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        for directory in dirs:
            if filename.startswith(directory) and filename.endswith(".j2"):
                found = (Path(filename).relative_to(directory).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return _origin(root, name), None
    return _origin(root, found[0]), found[1]


def _error_line(exc: BaseException, env: Environment, name: str) -> int | None:
    """The template line of a runtime error: Jinja rewrites tracebacks to template lines."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
