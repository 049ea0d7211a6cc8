"""`ngsp org ...`: businesses and public partners."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ngsp_cli.cli import importing, options, output, prompts

app = typer.Typer(no_args_is_help=True)

KIND_HELP = "business, education, workforce, economic-development, community, government or other"


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The organization's name as people say it.")],
    kind: Annotated[str | None, typer.Option("--kind", help=KIND_HELP)] = None,
    naics: Annotated[str | None, typer.Option("--naics", help="NAICS code.")] = None,
    county: Annotated[str | None, typer.Option("--county")] = None,
    city: Annotated[str | None, typer.Option("--city")] = None,
    size: Annotated[str | None, typer.Option("--size", help="Employees, e.g. 250-499.")] = None,
    website: Annotated[str | None, typer.Option("--website")] = None,
    joined: Annotated[
        dt.datetime | None,
        options.date_option("--joined", "Date it joined (default: today)."),
    ] = None,
    org_id: Annotated[str | None, typer.Option("--id", help="Choose the id yourself.")] = None,
    as_of: Annotated[
        dt.datetime | None, options.writing_as_of_option("--joined may not be later than it.")
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Add an organization (a business or a public partner)."""
    from ngsp_cli.model import OrgKind
    from ngsp_cli.services.directory.entries import add_organization
    from ngsp_cli.vocab import choose

    root = options.root_of(folder)
    kind = kind or prompts.ask_choice(
        "--kind",
        "What kind of organization?",
        [k.value for k in OrgKind],
        no_input=no_input,
        what="the kind of organization",
    )
    org_kind = choose(OrgKind, kind, "a kind of organization")
    org = add_organization(
        root,
        name,
        org_kind,
        naics=naics,
        county=county,
        city=city,
        size=size,
        website=website,
        joined=joined.date() if joined else None,
        org_id=org_id,
        today=options.day_of(as_of),
    )
    if as_json:
        output.emit_json(output.entity_json(org))
    output.done(f"added {org.name} ({org.kind.value}) as organizations/{org.id}.yaml")


@app.command("list")
def list_(
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also organizations that left, marked.")] = False,
    as_of: Annotated[
        dt.datetime | None,
        options.as_of_option("Organizations that joined after it are left out; who had left is judged then."),
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """List the organizations at the table, businesses first."""
    from ngsp_cli import clock
    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.model import Organization, OrgKind, Person
    from ngsp_cli.services.directory.entries import list_organizations
    from ngsp_cli.text import plural
    from ngsp_cli.vocab import choose

    wanted = choose(OrgKind, kind, "a kind of organization") if kind else None
    snap = options.load_snapshot(folder, (Organization, Person))
    listing = list_organizations(snap, options.day_of(as_of) or clock.today(), wanted, show_all=show_all)
    orgs, present, headcount = listing.shown, listing.present, listing.headcount
    if as_json:
        output.emit_json([
            {**output.entity_json(o), "people": headcount[o.id], "present": listing.view.org_present(o)}
            for o in orgs
        ])  # fmt: skip
        return
    businesses = sum(o.is_business for o in present)
    title = (
        f"{plural(len(present), 'organization')}: {plural(businesses, 'business', 'businesses')}, "
        f"{plural(len(present) - businesses, 'public partner')}"
    )
    left_shown = len(orgs) - len(present)
    hidden = listing.joined - len(orgs)
    if left_shown:
        title += f"; and {left_shown} that left"
    elif hidden:
        title += f" ({hidden} that left not shown: --all)"
    table = FitTable(title=title, title_justify="left")
    table.add_column("organization (id below)", overflow="fold")
    table.add_column("kind\ncounty", overflow="fold", called="kind and county")
    table.add_column("people", justify="right")
    at_table = {o.id for o in present}
    for o in orgs:
        mark = f" (left {o.left.isoformat()})" if o.left is not None and o.id not in at_table else ""
        table.add_row(
            output.name_cell(o.name + mark, o.id),
            output.cell(f"{o.kind.value}\n{o.county}" if o.county else o.kind.value),
            output.cell(headcount[o.id]),
        )
    output.out().print(table)


@app.command("show")
def show(
    org: Annotated[str, typer.Argument(help="Organization id or name.")],
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Show one organization and its people."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.model import Organization, Person
    from ngsp_cli.services.directory.entries import people_of
    from ngsp_cli.services.lookup import resolve_org

    snap = options.load_snapshot(folder, (Organization, Person))
    found = snap.organizations[resolve_org(snap, org)]
    people = people_of(snap, found.id)
    if as_json:
        output.emit_json({**output.entity_json(found), "people": [output.entity_json(p) for p in people]})
        return
    console = output.out()
    console.print(f"[bold]{escape(found.name)}[/bold]  [dim]{found.id}[/dim]")
    for label, value in (
        ("kind", found.kind.value),
        ("naics", found.naics),
        ("county", found.county),
        ("city", found.city),
        ("size", found.size),
        ("website", found.website),
        ("joined", found.joined.isoformat() if found.joined else None),
        ("left", found.left.isoformat() if found.left else None),
        ("notes", found.notes),
    ):
        if value:
            console.print(Hanging(f"  {label:8} ", escape(str(value))))
    console.print(f"  people   {len(people)}")
    for p in people:
        roles = ", ".join(r.value for r in p.roles)
        console.print(Hanging("    - ", f"{escape(p.name)} [dim]({p.id})[/dim] {escape(p.title or '')}"
                                     f"{escape('  [' + roles + ']') if roles else ''}"))  # fmt: skip


@app.command("edit")
def edit(
    org: Annotated[str, typer.Argument(help="Organization id or name.")],
    name: Annotated[str | None, typer.Option("--name")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=KIND_HELP)] = None,
    naics: Annotated[str | None, typer.Option("--naics")] = None,
    county: Annotated[str | None, typer.Option("--county")] = None,
    city: Annotated[str | None, typer.Option("--city")] = None,
    size: Annotated[str | None, typer.Option("--size")] = None,
    website: Annotated[str | None, typer.Option("--website")] = None,
    notes: Annotated[str | None, typer.Option("--notes")] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Change an organization's details (its file keeps your comments)."""
    from ngsp_cli.model import OrgKind
    from ngsp_cli.services.directory.entries import edit_organization
    from ngsp_cli.vocab import choose

    org_kind = choose(OrgKind, kind, "a kind of organization") if kind else None
    updated, changed = edit_organization(
        options.root_of(folder),
        org,
        name=name,
        kind=org_kind,
        naics=naics,
        county=county,
        city=city,
        size=size,
        website=website,
        notes=notes,
    )
    if as_json:
        output.emit_json(output.entity_json(updated))
    if changed:
        output.done(f"updated organizations/{updated.id}.yaml")
    else:
        output.err().print(f"nothing changed: organizations/{updated.id}.yaml already says so")


@app.command("leave")
def leave(
    org: Annotated[str, typer.Argument(help="Organization id or name.")],
    date: Annotated[
        dt.datetime | None,
        options.date_option("--date", "The day it left (default: today; not after today)."),
    ] = None,
    people: Annotated[
        bool | None,
        typer.Option(
            "--people-leave/--people-stay",
            help="Its people leave too (default), or stay on file, e.g. to move them to another "
            "organization with 'ngsp person edit PERSON --org ORG'. Asked in a terminal.",
        ),
    ] = None,
    undo: Annotated[
        bool,
        typer.Option("--undo", help="It came back, or it was a mistake: clear its 'left'."),
    ] = False,
    as_of: options.WritingAsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Record that an organization left the partnership: kept for history, no longer listed,
    counted or invited; its people leave with it unless --people-stay."""
    from ngsp_cli.cli.person import _tell_departure, _tell_return
    from ngsp_cli.model import Organization, Person
    from ngsp_cli.services.directory import membership
    from ngsp_cli.services.directory.entries import people_of
    from ngsp_cli.services.lookup import resolve_org
    from ngsp_cli.text import plural

    root = options.root_of(folder)
    if undo:
        _tell_return(membership.undo_leave(root, Organization, org), as_json)
        return
    if people is None:
        snap = options.load_snapshot(folder, (Organization, Person))
        staying = [p for p in people_of(snap, resolve_org(snap, org)) if p.left is None]
        people = True
        if staying:
            people = prompts.ask_confirm(
                f"Do its {plural(len(staying), 'person', 'people')} leave too?",
                default=True,
                no_input=no_input,
            )
    departure = membership.leave_org(
        root, org, on=date.date() if date else None, people_too=people, today=options.day_of(as_of)
    )
    _tell_departure(departure, as_json)


@app.command("remove")
def remove(
    org: Annotated[str, typer.Argument(help="Organization id or name.")],
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Delete an organization entered by mistake; refused when any file names it (then use 'leave')."""
    from ngsp_cli.cli.person import _remove
    from ngsp_cli.model import Organization

    _remove(Organization, org, folder, as_json)


app.command("import")(importing.org_import)
