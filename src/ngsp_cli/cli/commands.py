"""Every command and command group of `ngsp`, and where each lives.

`ngsp_cli.cli.app` registers them: all of them on `app` (for tests and tools), and
for the console script only the one that runs, so a command imports its own module
and no other.
"""

from __future__ import annotations

import typer

# Every command and command group of `ngsp`: (name, its module in ngsp_cli.cli, the function
# or typer app there, the help of a group; None for a command).  A command's module is
# imported when the command runs (or `ngsp --help` lists it), not on every run.
COMMANDS: tuple[tuple[str, str, str, str | None], ...] = (
    ("init", "init", "init_command", None),
    ("org", "org", "app", "Businesses and public partners at the table."),
    ("person", "person", "app", "The people of the partnership and their roles."),
    ("migrate", "init", "migrate_command", None),
    ("status", "status", "status_command", None),
    ("meeting", "meeting", "app", "Meetings: plan them from the playbook, record what happened."),
    ("playbook", "status", "playbook_command", None),
    ("check", "check", "check_command", None),
    ("assess", "check", "assess_command", None),
    ("survey", "survey", "survey_command", None),
    ("report", "report", "report_command", None),
    ("export", "export", "export_command", None),
    ("portfolio", "report", "portfolio_command", None),
    ("prioritize", "prioritize", "prioritize_command", None),
    (
        "priority",
        "priority",
        "app",
        "Priorities: their votes over time, and their status (selected, parked, done).",
    ),
    ("team", "team", "app", "Action teams: champions, tasks and progress updates."),
    ("agenda", "documents", "agenda_command", None),
    ("invite", "documents", "invite_command", None),
    ("memo", "documents", "memo_command", None),
    ("signin", "documents", "signin_command", None),
    ("site", "publish", "site_command", None),
    ("ci", "publish", "ci_command", None),
    ("schema", "schema", "schema_command", None),
    ("templates", "templates", "app", "The document templates, and your own versions of them."),
)


def register(typer_app: typer.Typer, entry: tuple[str, str, str, str | None]) -> None:
    """Register one entry of COMMANDS on `typer_app`, the usual typer way."""
    import importlib

    name, module, attribute, group_help = entry
    target = getattr(importlib.import_module(f"ngsp_cli.cli.{module}"), attribute)
    if group_help is None:
        typer_app.command(name)(target)
    else:
        typer_app.add_typer(target, name=name, help=group_help)
