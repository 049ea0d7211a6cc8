"""How an error reaches the person: its problems on stderr, a typed value named by its option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ngsp_cli.cli.output import err

if TYPE_CHECKING:
    from ngsp_cli.errors import NgspError

MAX_PROBLEMS_ON_SCREEN = 25


def report_error(exc: NgspError) -> None:
    """Print an ngsp error: location, field, message, hint; never a traceback."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import field_label

    console = err()
    problems = exc.problems
    if len(problems) > 1:
        console.print(f"[bold red]error:[/bold red] {escape(exc.problem.message)}")
    shown = problems[:MAX_PROBLEMS_ON_SCREEN]
    for problem in shown:
        where = problem.location()
        field = f" [dim]({escape(field_label(problem.field))})[/dim]" if problem.field else ""
        if where:
            prefix = f"[bold]{escape(where)}[/bold]{field}: "
        else:
            prefix = f"[bold]{escape(field_label(problem.field))}[/bold]: " if problem.field else ""
        many = len(problems) > 1
        # Wrapped lines stay indented under their problem or hint.
        label = "  " if many else "[bold red]error:[/bold red] "
        console.print(Hanging(label, f"{prefix}{escape(problem.message)}", 4 if many else None))
        if problem.hint:
            console.print(Hanging(f"  {'  ' if many else ''}[cyan]hint:[/cyan] ", escape(problem.hint)))
    hidden = len(problems) - len(shown)
    if hidden > 0:
        console.print(
            Hanging("  ", f"… and {hidden} more; run 'ngsp check --only schema' to see them all", 4)
        )


def name_typed_values(command: Any) -> None:
    """Make a schema error about a value typed on the command line name that option or argument.

    The models check values ('duration_minutes must be at least 1'); the person typed
    '--duration -5' or an empty NAME, so the message and hint speak of those.
    For one command (not a group: its context would not know the options typed).
    """
    original = command.invoke

    def invoke(ctx: Any) -> Any:
        try:
            return original(ctx)
        except Exception as exc:
            if type(exc).__name__ != "ValidationError" or not type(exc).__module__.startswith("pydantic"):
                raise
            raise typed_value_error(exc, ctx) from None

    command.invoke = invoke


def typed_value_error(exc: Any, ctx: Any) -> NgspError:
    """A pydantic error about values of the command `ctx` runs, as an ngsp input error."""
    from pydantic import BaseModel

    from ngsp_cli.errors import FolderInvalid
    from ngsp_cli.store.folder import problems_from_validation

    given: dict[str, str] = {}
    for param in ctx.command.params:
        if param.name is None:
            continue
        if param.param_type_name == "argument":
            given[param.name] = param.name.replace("_", " ")
        else:
            longs = [o for o in param.opts if o.startswith("--")] or list(param.opts)
            given[param.name] = longs[0]
    for err_ in exc.errors(include_url=False):
        field = err_["loc"][0] if err_["loc"] else None
        if isinstance(field, str) and field not in given:
            # A field named longer than its option: duration_minutes is set by --duration.
            matches = [name for name in given if field.startswith(name + "_")]
            if len(matches) == 1:
                given[field] = given[matches[0]]
    problems = problems_from_validation(exc, None, BaseModel, given=given, command=ctx.command_path)
    return FolderInvalid(problems, what="what you typed")
