"""The `ngsp` command: registers every command group and maps errors to exit codes.

Only typer is imported at module level; each command imports what it needs when
it runs, so `ngsp --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ngsp_cli import __version__
from ngsp_cli.cli import common, documents, init, org, person, report, status, survey, templates


class NgspGroup(TyperGroup):
    """Turns ngsp errors and Ctrl-C into a clear message and the contract's exit codes."""

    def invoke(self, ctx: Any) -> Any:
        from ngsp_cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, NgspError

        try:
            return super().invoke(ctx)
        except NgspError as exc:
            if os.environ.get("NGSP_DEBUG") == "1":
                raise
            common.report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, EOFError):
            common.err().print("stopped; no file was changed")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if type(exc).__module__.startswith("typer") or os.environ.get("NGSP_DEBUG") == "1":
                raise
            common.err().print(
                f"[bold red]internal error:[/bold red] {type(exc).__name__}: {exc}\n"
                "This is a bug in ngsp, not in your files. "
                "Run again with NGSP_DEBUG=1 to see the details, and please report it."
            )
            raise typer.Exit(EXIT_INTERNAL) from None


app = typer.Typer(
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


@app.callback()
def _main(
    folder: common.DirOption = None,
    no_input: common.NoInputOption = False,
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
    common.STATE.folder = folder
    common.STATE.no_input = no_input


app.command("init")(init.init_command)
app.add_typer(org.app, name="org", help="Businesses and public partners at the table.")
app.add_typer(person.app, name="person", help="The people of the partnership and their roles.")
app.command("migrate")(init.migrate_command)
app.command("status")(status.status_command)
app.command("playbook")(status.playbook_command)
app.command("survey")(survey.survey_command)
app.command("report")(report.report_command)
app.command("agenda")(documents.agenda_command)
app.command("invite")(documents.invite_command)
app.command("memo")(documents.memo_command)
app.add_typer(templates.app, name="templates", help="The document templates, and your own versions of them.")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="ngsp")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
