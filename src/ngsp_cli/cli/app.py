"""The `ngsp` command: registers every command group and maps errors to exit codes.

Only typer is imported at module level; each command imports what it needs when
it runs, so `ngsp --help` stays fast.  The console script imports a command's
module (COMMANDS) only when that command runs; `app`, with every command
registered the usual typer way, is there for tests and tools.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ngsp_cli import __version__
from ngsp_cli.cli import error_report, options, output
from ngsp_cli.cli.commands import COMMANDS, register


class NgspGroup(TyperGroup):
    """Turns ngsp errors and Ctrl-C into a clear message and the contract's exit codes."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # Listing the commands needs only their names and one-line help.
        listing = getattr(self.commands, "listing", None)
        if listing is None:
            prepare(self)
            return super().format_help(ctx, formatter)
        self.commands.listing = True  # type: ignore[attr-defined]
        try:
            return super().format_help(ctx, formatter)
        finally:
            self.commands.listing = False  # type: ignore[attr-defined]

    def resolve_command(self, ctx: Any, args: Any) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            prepare(command)
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        from ngsp_cli.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, NgspError

        try:
            from ngsp_cli.store.files import checking_locks

            with checking_locks():
                return super().invoke(ctx)
        except NgspError as exc:
            if os.environ.get("NGSP_DEBUG") == "1":
                raise
            error_report.report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`ngsp org list | head`): not an error of anyone's.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except (KeyboardInterrupt, EOFError):
            output.err().print("stopped; no file was changed")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            # No permission, a read-only or a full disk: the person's situation, not a bug.
            from ngsp_cli.errors import from_os_error

            plain = from_os_error(exc)
            if plain is None or os.environ.get("NGSP_DEBUG") == "1":
                raise
            error_report.report_error(plain)
            raise typer.Exit(plain.exit_code) from None
        except Exception as exc:
            if type(exc).__module__.startswith("typer") or os.environ.get("NGSP_DEBUG") == "1":
                raise
            from pydantic import ValidationError

            if isinstance(exc, ValidationError):
                # A value given on the command line broke the schema (an empty name, a bad e-mail).
                error_report.report_error(error_report.typed_value_error(exc, ctx))
                raise typer.Exit(EXIT_BAD_INPUT) from None
            from rich.markup import escape

            output.err().print(
                f"[bold red]internal error:[/bold red] {escape(type(exc).__name__)}: {escape(str(exc))}\n"
                "This is a bug in ngsp, not in your files. "
                "Run again with NGSP_DEBUG=1 to see the details, and please report it."
            )
            raise typer.Exit(EXIT_INTERNAL) from None


_app = typer.Typer(
    cls=NgspGroup,
    name="ngsp",
    help="The convener's toolkit for Next Generation Sector Partnerships.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ngsp {__version__}")
        raise typer.Exit()


@_app.callback()
def _main(
    folder: options.DirOption = None,
    no_input: options.NoInputOption = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """The convener's toolkit for Next Generation Sector Partnerships.

    A partnership is a folder of YAML files under git. ngsp walks you through the
    Next Gen script, renders the documents you send and checks how "Next Gen"
    the partnership is.
    """
    options.STATE.folder = folder
    options.STATE.no_input = no_input


def __getattr__(name: str) -> typer.Typer:
    """`app`: the typer application with every command registered (tests and tools use it)."""
    if name != "app":
        raise AttributeError(name)
    if not _app.registered_commands and not _app.registered_groups:
        for entry in COMMANDS:
            register(_app, entry)
    return _app


class _LazyCommands(MutableMapping[str, Any]):
    """The subcommands of `ngsp`, each turned into a click command only when it is used.

    Building a command means inspecting its signature and evaluating its
    annotations, a few milliseconds per command; with every command built up
    front, each run of ngsp paid for all of them.  Names (and the one-line help
    shown by `ngsp --help`) are known without building anything.
    """

    def __init__(self, builders: dict[str, Callable[[], Any]], stubs: dict[str, Callable[[], Any]]) -> None:
        self._builders = builders
        self._stubs = stubs
        self._built: dict[str, Any] = {}
        self._order = list(builders)
        self.listing = False

    def __getitem__(self, name: str) -> Any:
        if name in self._built:
            return self._built[name]
        if name not in self._builders:
            raise KeyError(name)
        if self.listing:
            return self._stubs[name]()
        command = self._built[name] = self._builders[name]()
        return command

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._order:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._built.pop(name, None)
        self._builders.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


_PLAIN_TYPES = {
    "str": "TEXT",
    "int": "NUMBER",
    "float": "NUMBER",
    "dir": "FOLDER",
    "file": "FILE",
    "path": "PATH",
}


def _plain_type(param: Any) -> None:
    if getattr(param, "is_flag", False):
        label = ""
    elif param.metavar is not None and param.param_type_name != "argument":
        return  # a metavar we chose, such as YYYY-MM-DD
    else:
        bare = param.display_type(None).strip("<>")
        if bare.startswith("list[") and bare.endswith("]"):
            bare = bare[len("list[") : -1]
        label = _PLAIN_TYPES.get(bare, bare)
    # typer's help table asks each parameter for this label; answer with the word.
    param.display_type_rich = lambda ctx=None: label


def prepare(command: Any) -> Any:
    """What ngsp adds to a command typer built (and to its subcommands), once per command.

    - Help flows to the terminal's width: the line breaks of the docstrings are joined
      (`text.reflow`), so narrow terminals do not show ragged half-empty lines.
    - Value types show as words (TEXT, NUMBER, FOLDER) and on/off flags show none:
      typer prints Python type names (<str>, <list[str]>, <bool>), which read as code
      to a convener and make `--json <bool>` look as if it needed a value.
    - A schema error about a typed value names its option (`error_report.name_typed_values`).
    """
    if getattr(command, "ngsp_prepared", False):
        return command
    command.ngsp_prepared = True
    command.help = output.reflow_help_text(command.help)
    for param in command.params:
        param.help = output.reflow_help_text(getattr(param, "help", None))
        _plain_type(param)
    help_option = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = help_option(ctx)
        if option is not None:
            _plain_type(option)
        return option

    command.get_help_option = get_help_option
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        error_report.name_typed_values(command)
        _accept_no_input(command)
    else:
        for sub in subcommands.values():
            prepare(sub)
    return command


def _accept_no_input(command: Any) -> None:
    """Every command takes --no-input, also those that never ask (scripts pass it everywhere).

    For a command without the option it means what `ngsp --no-input COMMAND` means; it
    is not listed in their help, where it would only puzzle.
    """
    if any("--no-input" in getattr(param, "opts", ()) for param in command.params):
        return
    parse_args = command.parse_args

    def parse_without_no_input(ctx: Any, args: list[str]) -> Any:
        end = args.index("--") if "--" in args else len(args)
        if "--no-input" in args[:end]:
            options.STATE.no_input = True
            args = [arg for index, arg in enumerate(args) if index >= end or arg != "--no-input"]
        return parse_args(ctx, args)

    command.parse_args = parse_without_no_input


def _value(setting: Any) -> Any:
    from typer.models import DefaultPlaceholder

    return setting.value if isinstance(setting, DefaultPlaceholder) else setting


def lazy_command(typer_app: typer.Typer, *, lazy: bool = False) -> Any:
    """The click group of `typer_app` whose subcommands are built on first use (see _LazyCommands).

    With `lazy`, the subcommands are those of COMMANDS, each module imported only when its
    command is built or listed; otherwise those registered on `typer_app`.
    """
    import inspect

    from typer.core import TyperCommand
    from typer.main import get_command
    from typer.models import CommandInfo

    commands, groups = typer_app.registered_commands, typer_app.registered_groups
    typer_app.registered_commands, typer_app.registered_groups = [], []
    try:
        top = get_command(typer_app)
    finally:
        typer_app.registered_commands, typer_app.registered_groups = commands, groups

    def holder() -> typer.Typer:
        return typer.Typer(
            add_completion=False, rich_markup_mode=typer_app.rich_markup_mode, pretty_exceptions_enable=False
        )

    def one(info: Callable[[], Any]) -> Callable[[], Any]:
        def build() -> Any:
            single = holder()
            single.registered_commands.append(info())
            return get_command(single)

        return build

    def group(info: Callable[[], Any], name: str) -> Callable[[], Any]:
        def build() -> Any:
            single = holder()
            single.registered_groups.append(info())
            built: Any = get_command(single)
            return built.commands[name]

        return build

    def stub(name: str, info: Callable[[], Any]) -> Callable[[], Any]:
        def make() -> Any:
            found = info()
            if isinstance(found, CommandInfo):  # a command: its help, else its function's docstring
                help_text = inspect.cleandoc(found.help) if found.help else inspect.getdoc(found.callback)
                help_text = output.reflow_help_text(help_text)
            else:
                help_text = _value(found.help)
            return TyperCommand(
                name=name,
                help=help_text,
                short_help=_value(found.short_help),
                hidden=bool(_value(found.hidden)),
                deprecated=bool(_value(found.deprecated)),
                rich_help_panel=_value(found.rich_help_panel),
            )

        return make

    def given(info: Any) -> Callable[[], Any]:
        return lambda: info

    def later(entry: tuple[str, str, str, str | None]) -> Callable[[], Any]:
        def info() -> Any:
            single = holder()
            register(single, entry)
            return (single.registered_commands or single.registered_groups)[0]

        return functools.cache(info)

    builders: dict[str, Callable[[], Any]] = {}
    stubs: dict[str, Callable[[], Any]] = {}
    if lazy:
        # Commands first, then groups, as typer orders the registered ones below.
        for entry in sorted(COMMANDS, key=lambda entry: entry[3] is not None):
            name, source = entry[0], later(entry)
            builders[name] = one(source) if entry[3] is None else group(source, name)
            stubs[name] = stub(name, source)
    for command_info in commands:
        callback: Any = command_info.callback
        name = command_info.name or callback.__name__.lower().replace("_", "-")
        builders[name], stubs[name] = one(given(command_info)), stub(name, given(command_info))
    for group_info in groups:
        group_name = _value(group_info.name)
        if not isinstance(group_name, str):
            raise TypeError("give every command group a name in app.add_typer(..., name=...)")
        if not isinstance(_value(group_info.help), str):
            raise TypeError(f"give the command group '{group_name}' its help in app.add_typer(..., help=...)")
        builders[group_name] = group(given(group_info), group_name)
        stubs[group_name] = stub(group_name, given(group_info))
    # Its subcommands are prepared when they are resolved (NgspGroup.resolve_command).
    lazy_group: Any = prepare(top)
    lazy_group.commands = _LazyCommands(builders, stubs)
    return lazy_group


def main() -> None:
    """Console-script entry point."""
    # ngsp uses no pydantic plugins; looking for them scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        lazy_command(_app, lazy=True)(prog_name="ngsp")
    except KeyboardInterrupt:
        # Ctrl-C before a command started (while ngsp loads): nothing was touched yet.
        sys.stderr.write("stopped; no file was changed\n")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
