"""`ngsp meeting ...`: plan meetings from the playbook and record what happened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output, prompts

if TYPE_CHECKING:
    from ngsp_cli.model import Meeting
    from ngsp_cli.store.folder import Snapshot

app = typer.Typer(no_args_is_help=True)

KIND_HELP = "launch, full-partnership, action-team, convener-team (the support team) or other"
CATEGORY_HELP = "talent, infrastructure, policy, innovation, supply-chain, image, networking or other"
MeetingArg = Annotated[str, typer.Argument(help="Meeting id, title, or date (YYYY-MM-DD).")]
DateOpt = Annotated[
    dt.datetime | None,
    options.date_option("--date", "Day of the meeting."),
]
AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option("A meeting dated after it shows as still to come."),
]
WritingAsOf = Annotated[
    dt.datetime | None,
    options.writing_as_of_option("A meeting dated after it has not happened yet."),
]


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _people(snap: Snapshot, ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for pid in ids:
        person = snap.people.get(pid)
        org = snap.org_of(pid)
        out.append({
            "id": pid,
            "name": person.name if person else pid,
            "organization": org.name if org else None,
            "business": snap.is_business(pid),
        })  # fmt: skip
    return out


def _who(count: Any) -> str:
    """A headcount in words that cannot be read as a date: '5 biz · 4 pub'."""
    return f"{count.business} biz · {count.public} pub"


def _status_on(meeting: Meeting, day: dt.date) -> str:
    """The meeting's status on `day`, as every judgment sees it (`PartnershipAt.is_held`): a meeting
    whose day has not come is not held yet; a past one with attendance recorded was held."""
    from ngsp_cli.model import MeetingStatus
    from ngsp_cli.rules.view import held_on

    if meeting.status is MeetingStatus.cancelled:
        return meeting.status.value
    return (MeetingStatus.held if held_on(meeting, day) else MeetingStatus.planned).value


def _status_label(meeting: Meeting, day: dt.date) -> str:
    on = _status_on(meeting, day)
    return on if on == meeting.status.value else f"{on} (file: {meeting.status.value})"


def _meeting_json(
    snap: Snapshot, meeting: Meeting, *, full: bool, day: dt.date | None = None
) -> dict[str, Any]:
    from ngsp_cli.rules import facts

    invited = facts.headcount(snap, meeting.invitees)
    came = facts.headcount(snap, meeting.attendees)
    data: dict[str, Any] = output.entity_json(meeting)
    data["file"] = f"meetings/{meeting.id}.yaml"
    data["status_as_of"] = _status_on(meeting, day or clock.today())
    data["invited"] = {"business": invited.business, "public": invited.public}
    data["answers"] = {
        answer.value: {"business": count.business, "public": count.public}
        for answer, count in _answers(snap, meeting).items()
    }
    data["attended"] = {"business": came.business, "public": came.public}
    if full:
        data["invitees"] = _people(snap, meeting.invitees)
        data["attendees"] = _people(snap, meeting.attendees)
    return data


def _answers(snap: Snapshot, meeting: Meeting) -> dict[Any, Any]:
    """Business leaders and public partners by their answer to the invitation."""
    from ngsp_cli.model import Rsvp
    from ngsp_cli.rules import facts

    return {answer: facts.answered(snap, meeting, answer) for answer in Rsvp}


def _answers_line(snap: Snapshot, meeting: Meeting) -> str | None:
    """'said yes: 5 business leaders, 2 public partners; maybe: 1; no: 2; 3 have not answered'."""
    from ngsp_cli.model import Rsvp
    from ngsp_cli.text import plural

    if not meeting.rsvp:
        return None
    counts = _answers(snap, meeting)
    yes = counts[Rsvp.yes]
    parts = [
        f"said yes: {plural(yes.business, 'business leader')}, {plural(yes.public, 'public partner')}",
        *(
            f"{answer.value}: {counts[answer].total}"
            for answer in (Rsvp.maybe, Rsvp.no)
            if counts[answer].total
        ),
    ]
    silent = sum(1 for pid in dict.fromkeys(meeting.invitees) if pid not in meeting.rsvp)
    if silent:
        parts.append(f"{silent} {'has' if silent == 1 else 'have'} not answered")
    return "; ".join(parts)


def _meeting_kind(kind: str) -> Any:
    """The meeting kind typed; screens call the convener team "the support team", so that works too."""
    from ngsp_cli.model import MeetingKind
    from ngsp_cli.vocab import choose

    support = MeetingKind.convener_team
    synonyms = {"support-team": support, "support": support}
    return choose(MeetingKind, kind, "a kind of meeting", synonyms=synonyms)


@app.command("new")
def new(
    kind: Annotated[str, typer.Argument(help=KIND_HELP)],
    date: DateOpt = None,
    time: Annotated[str | None, typer.Option("--time", help="Start time, 24-hour HH:MM.")] = None,
    duration: Annotated[
        int | None,
        options.number_option("--duration", "Minutes (default: the agenda's).", minimum=1, example=90),
    ] = None,
    location: Annotated[str | None, typer.Option("--location")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Default: the playbook's name for it.")] = None,
    invite: Annotated[
        list[str] | None, typer.Option("--invite", help="Invite a person (id or name); repeat for more.")
    ] = None,
    invite_all_business: Annotated[
        bool, typer.Option("--invite-all-business", help="Invite every business leader in the folder.")
    ] = False,
    team: Annotated[
        str | None, typer.Option("--team", help="Action team (for action-team meetings).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Plan it even if the same meeting is already planned that day.")
    ] = False,
    as_of: Annotated[
        dt.datetime | None, options.writing_as_of_option("It picks the phase whose agenda outline is used.")
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Plan a meeting; its agenda starts from the playbook's outline for that kind of meeting."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.playbook import load_playbook
    from ngsp_cli.services.meetings.lifecycle import new_meeting
    from ngsp_cli.store.folder import read_partnership

    meeting_kind = _meeting_kind(kind)
    day = _day(date)
    if day is None:
        answer = prompts.ask_text(
            "--date", "Date of the meeting (YYYY-MM-DD)?", no_input=no_input, what="the date of the meeting"
        )
        try:
            day = dt.date.fromisoformat(answer)
        except ValueError:
            raise UsageError(f"'{answer}' is not a date", hint="write it as YYYY-MM-DD") from None
    root = options.root_of(folder)
    playbook = load_playbook(root, read_partnership(root))
    meeting = new_meeting(
        root,
        playbook,
        meeting_kind,
        day,
        time=time,
        duration_minutes=duration,
        location=location,
        title=title,
        invite=invite or [],
        invite_all_business=invite_all_business,
        team=team,
        as_of=_day(as_of),
        force=force,
    )
    if as_json:
        output.emit_json(output.entity_json(meeting))
    agenda = f"{len(meeting.agenda)} agenda items" if meeting.agenda else "no agenda outline for this kind"
    output.done(
        f"planned {meeting.title} on {meeting.date.isoformat()} as meetings/{meeting.id}.yaml "
        f"({agenda}, {len(meeting.invitees)} invited)"
    )


@app.command("list")
def list_(
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind.")] = None,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """List the meetings by date, with who was invited and who came (business / public)."""
    from rich import box

    from ngsp_cli import clock
    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.model import Meeting as MeetingModel
    from ngsp_cli.model import Organization, Person
    from ngsp_cli.rules import PartnershipAt, facts
    from ngsp_cli.text import plural

    wanted = _meeting_kind(kind) if kind else None
    snap = options.load_snapshot(folder, (Organization, Person, MeetingModel))
    day = _day(as_of) or clock.today()
    view = PartnershipAt(snap, day)
    meetings = [m for m in view.meetings if wanted is None or m.kind is wanted]
    if as_json:
        upcoming = {m.id for m in view.upcoming()}
        rows = []
        for m in meetings:
            row = _meeting_json(snap, m, full=False, day=day)
            row.update(held=view.is_held(m), upcoming=m.id in upcoming)
            rows.append(row)
        output.emit_json(rows)
        return
    table = FitTable(
        title=plural(len(meetings), "meeting"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("meeting (id below)", overflow="fold")
    table.add_column("kind\nstatus", no_wrap=True, called="kind and status")
    # The header names the lines of the cells, so the counts fit beside a long id.
    table.add_column("invited\ncame", no_wrap=True, called="who was invited and who came")
    for m in meetings:
        who = _who(facts.headcount(snap, m.invitees))
        if m.attendees:
            who += f"\n{_who(facts.headcount(snap, m.attendees))}"
        table.add_row(
            output.name_cell(m.title, m.id),
            f"{m.kind.value}\n{_status_label(m, day)}",
            who,
        )
    output.out().print(table)


@app.command("show")
def show(
    meeting: MeetingArg,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Show one meeting: agenda, who was invited and who came, notes, decisions, action items."""
    from ngsp_cli.model import Meeting as MeetingModel
    from ngsp_cli.model import Organization, Person
    from ngsp_cli.services.meetings.lifecycle import find_meeting

    snap = options.load_snapshot(folder, (Organization, Person, MeetingModel))
    found = find_meeting(snap, meeting)
    day = _day(as_of) or clock.today()
    if as_json:
        output.emit_json(_meeting_json(snap, found, full=True, day=day))
        return
    _print_meeting(snap, found, day)


def _print_meeting(snap: Snapshot, m: Meeting, day: dt.date) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.rules import facts
    from ngsp_cli.text import plural

    console = output.out()
    console.print(f"[bold]{escape(m.title)}[/bold]  [dim]{m.id}[/dim]")
    when = m.date.isoformat() + (f" at {m.time}" if m.time else "")
    when += f", {m.duration_minutes} minutes" if m.duration_minutes else ""
    console.print(Hanging(f"  {m.kind.value}, {_status_label(m, day)}: ", when))
    if m.location:
        console.print(Hanging("  where: ", escape(m.location)))
    if m.team:
        console.print(Hanging("  action team: ", escape(m.team)))

    def name(pid: str | None) -> str:
        person = snap.people.get(pid or "")
        return person.name if person else (pid or "")

    if m.agenda:
        console.print("\n[bold]Agenda[/bold]")
        for item in m.agenda:
            minutes = f"{item.minutes:>3} min" if item.minutes is not None else "       "
            lead = f" [dim]({escape(name(item.lead) if item.lead in snap.people else item.lead)})[/dim]" if (
                item.lead
            ) else ""  # fmt: skip
            console.print(Hanging(f"  {minutes}  ", f"{escape(item.title)}{lead}"))
    invited = facts.headcount(snap, m.invitees)
    came = facts.headcount(snap, m.attendees)
    console.print(
        f"\n[bold]Invited[/bold] {plural(invited.business, 'business leader')}, "
        f"{plural(invited.public, 'public partner')}"
    )
    answers = _answers_line(snap, m)
    if answers:
        console.print(Hanging("  ", escape(answers)))
    outnumber = facts.public_expected_to_outnumber(snap, m) if _still_to_come(m) else None
    if outnumber is not None:
        output.warn(_outnumber_warning(outnumber))
    if m.attendees:
        console.print(
            f"[bold]Came[/bold]    {plural(came.business, 'business leader')}, "
            f"{plural(came.public, 'public partner')}"
        )
        names = ", ".join(name(pid) for pid in m.attendees)
        console.print(Hanging("  ", escape(names)))
    if m.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(Hanging("  ", escape(m.notes)))
    for heading, entries in (("What industry said", m.industry_said), ("Decisions", m.decisions)):
        if entries:
            console.print(f"\n[bold]{heading}[/bold]")
            for entry in entries:
                console.print(Hanging("  - ", escape(entry)))
    if m.candidates:
        console.print("\n[bold]Candidate priorities[/bold]")
        for c in m.candidates:
            console.print(Hanging("  - ", f"{escape(c.title)} [dim]({c.category.value}; {c.id})[/dim]"))
    if m.action_items:
        console.print("\n[bold]Action items[/bold]")
        for number, a in enumerate(m.action_items, start=1):
            mark = "[green]✓[/green]" if a.done else "☐"
            owner = f" — {escape(name(a.owner))}" if a.owner else ""
            due = f", due {a.due.isoformat()}" if a.due else ""
            console.print(Hanging(f"  {number:>2} {mark} ", f"{escape(a.text)}{owner}{due}"))


@app.command("attend")
def attend_command(
    meeting: MeetingArg,
    people: Annotated[
        list[str] | None, typer.Argument(help="People who came (ids or names).", show_default=False)
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="A sign-in sheet typed into CSV or XLSX, or the attendance report of Zoom or Microsoft "
            "Teams: people are matched by e-mail, then by name.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The sheet of an Excel workbook (default: the first).")
    ] = None,
    as_of: WritingAsOf = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Record who came, once the meeting's day has come; the meeting is then marked held.

    Name the people, or read them --from a file. Running it again with the same file
    changes nothing; people the file names who are not in the folder are listed with
    the command that adds them.
    """
    from ngsp_cli.errors import UsageError
    from ngsp_cli.services.meetings.lifecycle import attend, find_meeting

    if not people and from_file is None:
        raise UsageError(
            "name the people who came, or read them from a file",
            hint=f"ngsp meeting attend {meeting} PERSON..., or: ngsp meeting attend {meeting} --from FILE",
        )
    root = options.root_of(folder)
    reading = None
    ids: list[str] = list(people or [])
    if from_file is not None:
        from ngsp_cli.services.meetings.attendance import read_attendance

        snap = options.load_snapshot(folder)
        find_meeting(snap, meeting)  # an unknown meeting is named before the file is read
        reading = read_attendance(snap, from_file, sheet)
        ids += reading.people
    if ids:
        updated, added = attend(root, meeting, ids, as_of=_day(as_of))
    else:
        updated, added = find_meeting(options.load_snapshot(folder), meeting), []
    if as_json:
        data = output.entity_json(updated)
        data["added"] = added
        if reading is not None:
            data["from"] = _reading_json(reading)
        output.emit_json(data)
    if reading is not None:
        _print_reading(reading, added)
    output.done(
        f"{len(added)} added, {len(updated.attendees)} attended {updated.title} ({updated.status.value})"
    )


def _reading_json(reading: Any) -> dict[str, Any]:
    return {
        "file": reading.source,
        "kind": reading.kind,
        "columns": reading.columns,
        "matched": [
            {"person": m.person, "name": m.name, "by": m.by, "rows": m.rows} for m in reading.matched
        ],
        "unknown": [
            {
                "name": u.name,
                "email": u.email,
                "organization": u.organization,
                "rows": u.rows,
                "reason": u.reason,
                "command": u.command,
            }
            for u in reading.unknown
        ],
        "not_marked": reading.not_marked,
    }


def _print_reading(reading: Any, added: list[str]) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import plural

    console = output.err()
    columns = ", ".join(f"{what}: '{header}'" for what, header in reading.columns.items())
    console.print(Hanging("  ", escape(f"read {reading.source} as a {reading.kind} ({columns})")))
    matched = len(reading.matched)
    console.print(
        f"  {plural(matched, 'person', 'people')} matched "
        f"({sum(1 for m in reading.matched if m.by == 'e-mail')} by e-mail, "
        f"{sum(1 for m in reading.matched if m.by == 'name')} by name), {len(added)} new to this meeting"
    )
    if reading.not_marked:
        console.print(f"  {plural(reading.not_marked, 'row')} not marked as present, left out")
    if reading.unknown:
        count = len(reading.unknown)
        output.warn(
            f"{plural(count, 'person', 'people')} in the file {'is' if count == 1 else 'are'} "
            "not in the folder; add them, then run this command again:"
        )
        for u in reading.unknown:
            rows = ", ".join(str(r) for r in u.rows)
            who = u.name or u.email or ""
            console.print(Hanging("  ", escape(f"row {rows}: {who}: {u.reason}")))
            console.print(Hanging("    ", escape(u.command)))


@app.command("invite")
def invite_command(
    meeting: MeetingArg,
    people: Annotated[list[str] | None, typer.Argument(help="People to invite (ids or names).")] = None,
    all_business: Annotated[
        bool, typer.Option("--all-business", help="Invite every business leader in the folder.")
    ] = False,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Add people to a meeting's invitation list."""
    from ngsp_cli.services.meetings.lifecycle import invite

    updated, added = invite(options.root_of(folder), meeting, people or [], all_business=all_business)
    if as_json:
        output.emit_json(output.entity_json(updated))
    output.done(f"{len(added)} added; {len(updated.invitees)} invited to {updated.title}")


TextArg = Annotated[str, typer.Argument(help="The text, in quotes.")]


@app.command("note")
def note_command(
    meeting: MeetingArg, text: TextArg, as_of: WritingAsOf = None, folder: options.DirOption = None
) -> None:
    """Add a paragraph to a meeting's notes, once its day has come (or edit the file by hand)."""
    from ngsp_cli.services.meetings.lifecycle import add_note

    updated = add_note(options.root_of(folder), meeting, text, as_of=_day(as_of))
    output.done(f"note added to meetings/{updated.id}.yaml")


@app.command("decide")
def decide_command(
    meeting: MeetingArg, text: TextArg, as_of: WritingAsOf = None, folder: options.DirOption = None
) -> None:
    """Record a decision taken at a meeting, once its day has come."""
    from ngsp_cli.services.meetings.lifecycle import add_decision

    updated = add_decision(options.root_of(folder), meeting, text, as_of=_day(as_of))
    output.done(f"decision recorded in meetings/{updated.id}.yaml")


@app.command("action")
def action_command(
    meeting: MeetingArg,
    text: TextArg,
    owner: Annotated[str | None, typer.Option("--owner", help="Who does it (id or name).")] = None,
    due: Annotated[
        dt.datetime | None,
        options.date_option("--due", "Due date."),
    ] = None,
    folder: options.DirOption = None,
) -> None:
    """Record an action item of a meeting, with its owner and due date."""
    from ngsp_cli.services.meetings.lifecycle import add_action

    updated = add_action(options.root_of(folder), meeting, text, owner=owner, due=_day(due))
    output.done(f"action item added to meetings/{updated.id}.yaml")


@app.command("candidate")
def candidate_command(
    meeting: MeetingArg,
    title: Annotated[str, typer.Argument(help="The opportunity or challenge, in a few words.")],
    category: Annotated[str, typer.Option("--category", help=CATEGORY_HELP)] = "other",
    description: Annotated[str | None, typer.Option("--description")] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Record a candidate priority named at a meeting (before the vote)."""
    from ngsp_cli.model import PriorityCategory
    from ngsp_cli.services.meetings.lifecycle import add_candidate
    from ngsp_cli.vocab import choose

    cat = choose(PriorityCategory, category, "a category")
    updated, candidate = add_candidate(
        options.root_of(folder), meeting, title, category=cat, description=description
    )
    if as_json:
        output.emit_json(candidate.model_dump(mode="json"))
    output.done(f"candidate '{candidate.id}' added to meetings/{updated.id}.yaml")


@app.command("edit")
def edit_command(
    meeting: MeetingArg,
    date: DateOpt = None,
    time: Annotated[str | None, typer.Option("--time", help="Start time, 24-hour HH:MM.")] = None,
    duration: Annotated[
        int | None,
        options.number_option("--duration", "Minutes.", minimum=1, example=90),
    ] = None,
    place: Annotated[str | None, typer.Option("--place", "--location", help="Where it takes place.")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=KIND_HELP)] = None,
    invite: Annotated[
        list[str] | None, typer.Option("--invite", help="Invite a person (id or name); repeat for more.")
    ] = None,
    uninvite: Annotated[
        list[str] | None,
        typer.Option("--uninvite", help="Take a person off the invitation list; repeat for more."),
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Change a planned meeting: move it to another day or time, another place, rename it, invite
    or uninvite people. Its id and file name stay, so calendar invites sent again replace the old."""
    from ngsp_cli.services.meetings.lifecycle import edit_meeting

    updated, changed = edit_meeting(
        options.root_of(folder),
        meeting,
        date=_day(date),
        time=time,
        duration_minutes=duration,
        location=place,
        title=title,
        kind=_meeting_kind(kind) if kind else None,
        invite=invite or [],
        uninvite=uninvite or [],
    )
    if as_json:
        output.emit_json({**output.entity_json(updated), "changed": changed})
    if not changed:
        output.err().print(f"nothing changed: meetings/{updated.id}.yaml already says so")
        return
    when = updated.date.isoformat() + (f" at {updated.time}" if updated.time else "")
    output.done(
        f"updated meetings/{updated.id}.yaml ({', '.join(changed)}): {updated.title}, {when}, "
        f"{len(updated.invitees)} invited"
    )
    if "date" in changed or "time" in changed:
        output.err().print(
            f"  tell the invitees: 'ngsp invite {updated.id} --ics' writes the calendar update"
        )


@app.command("cancel")
def cancel_command(
    meeting: MeetingArg,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why, in a few words; added to the meeting's notes.")
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Put a cancelled meeting back as planned.")] = False,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Cancel a planned meeting: it stays in the folder's history, marked cancelled, and leaves
    the upcoming meetings."""
    from ngsp_cli.services.meetings.lifecycle import cancel_meeting

    updated = cancel_meeting(options.root_of(folder), meeting, reason=reason, undo=undo)
    if as_json:
        output.emit_json(output.entity_json(updated))
    if undo:
        output.done(f"{updated.title} on {updated.date.isoformat()} is planned again")
        return
    output.done(f"cancelled {updated.title} on {updated.date.isoformat()} (meetings/{updated.id}.yaml)")
    if updated.invitees:
        from ngsp_cli.text import plural

        invited = plural(len(updated.invitees), "person", "people")
        output.err().print(f"  remember to tell the {invited} invited")


ActionRef = Annotated[
    str,
    typer.Argument(help="The action item's number ('ngsp meeting show' lists them) or its first words."),
]


def _mark(meeting: str, item: str, folder: Any, as_json: bool, *, done: bool) -> None:
    from ngsp_cli.services.meetings.lifecycle import mark_action

    updated, action = mark_action(options.root_of(folder), meeting, item, done=done)
    if as_json:
        output.emit_json({"meeting": updated.id, **action.model_dump(mode="json")})
    state = "done" if action.done else "open again"
    output.done(f"'{action.text}' of {updated.title} is {state}")


@app.command("done")
def action_done_command(
    meeting: MeetingArg,
    item: ActionRef,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Mark an action item of a meeting done; agendas stop carrying it and the memo says done."""
    _mark(meeting, item, folder, as_json, done=True)


@app.command("reopen")
def action_reopen_command(
    meeting: MeetingArg,
    item: ActionRef,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Open a done action item of a meeting again."""
    _mark(meeting, item, folder, as_json, done=False)


def _still_to_come(meeting: Meeting) -> bool:
    from ngsp_cli import clock
    from ngsp_cli.model import MeetingStatus

    return meeting.status is MeetingStatus.planned and meeting.date >= clock.today()


def _outnumber_warning(expected: Any) -> str:
    from ngsp_cli.text import plural

    return (
        f"{plural(expected.public, 'public partner')} said yes but only "
        f"{plural(expected.business, 'business leader')}: the industry should hold the table; "
        "ask the business champions to call their peers, or invite fewer partners"
    )


@app.command("rsvp")
def rsvp_command(
    meeting: MeetingArg,
    people: Annotated[list[str], typer.Argument(help="People who answered (ids or names).")],
    yes: Annotated[bool, typer.Option("--yes", help="They are coming.")] = False,
    no: Annotated[bool, typer.Option("--no", help="They are not coming.")] = False,
    maybe: Annotated[bool, typer.Option("--maybe", help="They may come.")] = False,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Record answers to a meeting's invitation; 'meeting show', 'status' and the agenda then
    count the business leaders and public partners expected."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.model import Meeting as MeetingModel
    from ngsp_cli.model import Organization, Person, Rsvp
    from ngsp_cli.rules import facts
    from ngsp_cli.services.meetings.lifecycle import record_rsvp

    chosen = [answer for answer, given in ((Rsvp.yes, yes), (Rsvp.no, no), (Rsvp.maybe, maybe)) if given]
    if len(chosen) != 1:
        raise UsageError(
            "say what they answered" if not chosen else "give one answer at a time",
            hint="add one of --yes, --no or --maybe",
        )
    root = options.root_of(folder)
    updated, added = record_rsvp(root, meeting, people, chosen[0])
    snap = options.load_snapshot(root, (Organization, Person, MeetingModel))
    if as_json:
        output.emit_json(_meeting_json(snap, snap.meetings[updated.id], full=False))
    output.done(
        f"{len(people)} answered {chosen[0].value} for {updated.title}"
        + (f" ({len(added)} added to the invitees)" if added else "")
    )
    answers = _answers_line(snap, updated)
    if answers:
        output.err().print(f"  {answers}")
    outnumber = facts.public_expected_to_outnumber(snap, updated) if _still_to_come(updated) else None
    if outnumber is not None:
        output.warn(_outnumber_warning(outnumber))
