"""`ngsp person ...`: the people at the table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ngsp_cli.cli import importing, options, output, prompts

app = typer.Typer(no_args_is_help=True)

ROLE_HELP = (
    "business-leader, co-chair, champion, convener, public-partner, facilitator, staff or "
    "observer (repeatable)"
)


def _tell(notices: list[str]) -> None:
    """After the change is done: namesakes and roles that do not fit the organization."""
    for notice in notices:
        output.warn(notice)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Full name.")],
    org: Annotated[str | None, typer.Option("--org", help="Organization id or name.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Job title, e.g. CEO.")] = None,
    email: Annotated[str | None, typer.Option("--email")] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    role: Annotated[list[str] | None, typer.Option("--role", help=ROLE_HELP)] = None,
    joined: Annotated[
        dt.datetime | None,
        options.date_option("--joined", "Date they joined (default: today)."),
    ] = None,
    person_id: Annotated[str | None, typer.Option("--id", help="Choose the id yourself.")] = None,
    as_of: Annotated[
        dt.datetime | None, options.writing_as_of_option("--joined may not be later than it.")
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Add a person of an organization that is already at the table."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.model import Organization, Role
    from ngsp_cli.services.directory.entries import add_person, sorted_orgs
    from ngsp_cli.vocab import choose_all

    root = options.root_of(folder)
    if org is None:
        if not prompts.can_prompt(no_input):
            raise UsageError("the person's organization is missing",
                             hint="pass --org ID (see 'ngsp org list')")  # fmt: skip
        snap = options.load_snapshot(folder, (Organization,))
        choices = [f"{o.name} ({o.id})" for o in sorted_orgs(snap)]
        picked = prompts.ask_choice("--org", "Which organization?", choices)
        org = picked.rsplit("(", 1)[1].rstrip(")")
    roles = choose_all(Role, role or [], "a role")
    notices: list[str] = []
    person = add_person(
        root,
        name,
        org,
        title=title,
        email=email,
        phone=phone,
        roles=roles,
        joined=joined.date() if joined else None,
        person_id=person_id,
        notify=notices.append,
        today=options.day_of(as_of),
    )
    if as_json:
        output.emit_json(output.entity_json(person))
    output.done(f"added {person.name} as people/{person.id}.yaml")
    _tell(notices)


@app.command("list")
def list_(
    org: Annotated[str | None, typer.Option("--org", help="Only people of this organization.")] = None,
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help="Only people with this role (repeat for people with any of them)."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also people who left (or whose organization left), marked.")
    ] = False,
    as_of: Annotated[dt.datetime | None, options.as_of_option("Who had left is judged on that day.")] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """List the people at the table, with their organization and roles."""
    from ngsp_cli import clock
    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.model import Organization, Person, Role
    from ngsp_cli.rules import PartnershipAt
    from ngsp_cli.services.directory.entries import sorted_people
    from ngsp_cli.services.lookup import resolve_org
    from ngsp_cli.text import plural
    from ngsp_cli.vocab import choose_all

    wanted_roles = choose_all(Role, role or [], "a role")
    snap = options.load_snapshot(folder, (Organization, Person))
    org_id = resolve_org(snap, org) if org else None
    view = PartnershipAt(snap, options.day_of(as_of) or clock.today())
    everyone = sorted_people(snap, org_id, wanted_roles)
    people = everyone if show_all else [p for p in everyone if view.person_present(p)]
    if as_json:
        output.emit_json([
            {**output.entity_json(p), "business": snap.is_business(p.id), "present": view.person_present(p)}
            for p in people
        ])  # fmt: skip
        return
    present = [p for p in people if view.person_present(p)]
    businesses = sum(snap.is_business(p.id) for p in present)
    gone = len(people) - len(present)
    title = (
        f"{plural(len(present), 'person', 'people')}: {businesses} from businesses, "
        f"{len(present) - businesses} from public partners"
    )
    if gone:
        title += f"; and {gone} who left"
    else:
        hidden = len(everyone) - len(people)
        title += f" ({hidden} who left not shown: --all)" if hidden else ""
    table = FitTable(title=title, title_justify="left")
    table.add_column("person (id below)", overflow="fold")
    table.add_column("organization")
    table.add_column("roles")
    table.add_column("title")
    for p in people:
        org_entity = snap.organizations.get(p.org)
        left = p.left or (org_entity.left if org_entity else None)
        table.add_row(
            output.name_cell(
                p.name + (f" (left {left.isoformat()})" if left and not view.person_present(p) else ""), p.id
            ),
            output.cell(org_entity.name if org_entity else p.org),
            ", ".join(r.value for r in p.roles),
            output.cell(p.title),
        )
    output.out().print(table)


@app.command("show")
def show(
    person: Annotated[str, typer.Argument(help="Person id or name.")],
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Show one person."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.model import Organization, Person
    from ngsp_cli.services.lookup import resolve_person

    snap = options.load_snapshot(folder, (Organization, Person))
    found = snap.people[resolve_person(snap, person)]
    org_entity = snap.organizations.get(found.org)
    if as_json:
        output.emit_json(
            {
                **output.entity_json(found),
                "organization": output.entity_json(org_entity) if org_entity else None,
                "business": snap.is_business(found.id),
            }
        )
        return
    console = output.out()
    console.print(f"[bold]{escape(found.name)}[/bold]  [dim]{found.id}[/dim]")
    org_label = f"{org_entity.name} ({org_entity.kind.value})" if org_entity else found.org
    for label, value in (
        ("org", org_label),
        ("title", found.title),
        ("email", found.email),
        ("phone", found.phone),
        ("roles", ", ".join(r.value for r in found.roles)),
        ("joined", found.joined.isoformat() if found.joined else None),
        ("left", found.left.isoformat() if found.left else None),
        ("notes", found.notes),
    ):
        if value:
            console.print(Hanging(f"  {label:7} ", escape(str(value))))


@app.command("edit")
def edit(
    person: Annotated[str, typer.Argument(help="Person id or name.")],
    name: Annotated[str | None, typer.Option("--name")] = None,
    org: Annotated[str | None, typer.Option("--org", help="Organization id or name.")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    email: Annotated[str | None, typer.Option("--email")] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    add_role: Annotated[list[str] | None, typer.Option("--add-role", help="Give a role.")] = None,
    remove_role: Annotated[list[str] | None, typer.Option("--remove-role", help="Take a role away.")] = None,
    notes: Annotated[str | None, typer.Option("--notes")] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Change a person's details or roles (their file keeps your comments)."""
    from ngsp_cli.model import Organization, Person, Role
    from ngsp_cli.services.directory.entries import edit_person
    from ngsp_cli.services.lookup import resolve_person
    from ngsp_cli.vocab import choose_all

    added = choose_all(Role, add_role or [], "a role")
    removed = choose_all(Role, remove_role or [], "a role")
    roles = None
    notices: list[str] = []
    if added or removed:
        snap = options.load_snapshot(folder, (Organization, Person))
        current = snap.people[resolve_person(snap, person)]
        roles = [r for r in dict.fromkeys([*current.roles, *added]) if r not in removed]
    updated, changed = edit_person(
        options.root_of(folder),
        person,
        name=name,
        org=org,
        title=title,
        email=email,
        phone=phone,
        roles=roles,
        notes=notes,
        notify=notices.append,
    )
    if as_json:
        output.emit_json(output.entity_json(updated))
    if changed:
        output.done(f"updated people/{updated.id}.yaml")
    else:
        output.err().print(f"nothing changed: people/{updated.id}.yaml already says so")
    _tell(notices)


@app.command("leave")
def leave(
    person: Annotated[str, typer.Argument(help="Person id or name.")],
    date: Annotated[
        dt.datetime | None,
        options.date_option("--date", "The day they left (default: today; not after today)."),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="They came back, or it was a mistake: clear 'left'.")
    ] = False,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Record that a person left the partnership: kept for history (attendance, votes), no
    longer listed, counted or invited, and taken off the invitations of planned meetings."""
    from ngsp_cli.model import Person
    from ngsp_cli.services.directory import membership

    root = options.root_of(folder)
    if undo:
        _tell_return(membership.undo_leave(root, Person, person), as_json)
        return
    departure = membership.leave_person(
        root, person, on=date.date() if date else None, today=options.day_of(as_of)
    )
    _tell_departure(departure, as_json)


def _tell_return(back: Any, as_json: bool) -> None:
    """An organization or person back at the table (shared with 'ngsp org leave --undo')."""
    if as_json:
        output.emit_json(output.entity_json(back))
    output.done(f"{back.name} is at the table again ({back.folder}/{back.id}.yaml)")


def _remove(kind: Any, ref: str, folder: Path | None, as_json: bool) -> None:
    """Delete an entry nothing refers to and say so (shared with 'ngsp org remove')."""
    from ngsp_cli.services.directory import membership

    gone = membership.remove(options.root_of(folder), kind, ref)
    if as_json:
        output.emit_json(output.entity_json(gone))
    output.done(f"removed {gone.name} ({gone.folder}/{gone.id}.yaml)")


def _tell_departure(departure: Any, as_json: bool) -> None:
    """The JSON and the sentences of a departure (shared with 'ngsp org leave')."""
    from ngsp_cli.text import plural

    if as_json:
        output.emit_json({
            "organization": output.entity_json(departure.organization) if departure.organization else None,
            "people": [output.entity_json(p) for p in departure.people],
            "uninvited": departure.uninvited,
            "written": departure.written,
        })  # fmt: skip
    who = departure.organization or departure.people[0]
    day = who.left.isoformat() if who.left else ""
    output.done(f"{who.name} left on {day}; kept in the history, no longer counted or invited")
    if departure.organization is not None and departure.people:
        names = ", ".join(p.name for p in departure.people)
        output.err().print(f"  {plural(len(departure.people), 'person', 'people')} left with it: {names}")
    if departure.uninvited:
        meetings = ", ".join(departure.uninvited)
        count = plural(len(departure.uninvited), "planned meeting")
        output.err().print(f"  taken off the invitations of {count}: {meetings}")


@app.command("remove")
def remove(
    person: Annotated[str, typer.Argument(help="Person id or name.")],
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Delete a person entered by mistake; refused when any file names them (then use 'leave')."""
    from ngsp_cli.model import Person

    _remove(Person, person, folder, as_json)


app.command("import")(importing.person_import)
