"""`ngsp meeting attend`, `note`, `decide`, `action`, `candidate`, `done`, `reopen` and `rsvp`:
recording what happened at a meeting and the answers to its invitation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ngsp_cli.cli import options, output
from ngsp_cli.cli.meeting_options import CATEGORY_HELP, MeetingArg, WritingAsOf
from ngsp_cli.cli.meeting_show import answers_line, meeting_json, warn_if_outnumbered


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
    from ngsp_cli.services.meetings.finding import find_meeting
    from ngsp_cli.services.meetings.recording import attend

    if not people and from_file is None:
        raise UsageError(
            "name the people who came, or read them from a file",
            hint=f"ngsp meeting attend {meeting} PERSON..., or: ngsp meeting attend {meeting} --from FILE",
        )
    root = options.root_of(folder)
    reading = _read_sheet(folder, meeting, from_file, sheet) if from_file is not None else None
    ids = [*(people or []), *(reading.people if reading is not None else [])]
    if ids:
        updated, added = attend(root, meeting, ids, as_of=options.day_of(as_of))
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


def _read_sheet(folder: Path | None, meeting: str, path: Path, sheet: str | None) -> Any:
    """Who a sign-in sheet or attendance report names, matched with the folder's people."""
    from ngsp_cli.services.meetings.attendance import read_attendance
    from ngsp_cli.services.meetings.finding import find_meeting

    snap = options.load_snapshot(folder)
    find_meeting(snap, meeting)  # an unknown meeting is named before the file is read
    return read_attendance(snap, path, sheet)


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


TextArg = Annotated[str, typer.Argument(help="The text, in quotes.")]


def note_command(
    meeting: MeetingArg, text: TextArg, as_of: WritingAsOf = None, folder: options.DirOption = None
) -> None:
    """Add a paragraph to a meeting's notes, once its day has come (or edit the file by hand)."""
    from ngsp_cli.services.meetings.recording import add_note

    updated = add_note(options.root_of(folder), meeting, text, as_of=options.day_of(as_of))
    output.done(f"note added to meetings/{updated.id}.yaml")


def decide_command(
    meeting: MeetingArg, text: TextArg, as_of: WritingAsOf = None, folder: options.DirOption = None
) -> None:
    """Record a decision taken at a meeting, once its day has come."""
    from ngsp_cli.services.meetings.recording import add_decision

    updated = add_decision(options.root_of(folder), meeting, text, as_of=options.day_of(as_of))
    output.done(f"decision recorded in meetings/{updated.id}.yaml")


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
    from ngsp_cli.services.meetings.recording import add_action

    updated = add_action(options.root_of(folder), meeting, text, owner=owner, due=options.day_of(due))
    output.done(f"action item added to meetings/{updated.id}.yaml")


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
    from ngsp_cli.services.meetings.recording import add_candidate
    from ngsp_cli.vocab import choose

    cat = choose(PriorityCategory, category, "a category")
    updated, candidate = add_candidate(
        options.root_of(folder), meeting, title, category=cat, description=description
    )
    if as_json:
        output.emit_json(candidate.model_dump(mode="json"))
    output.done(f"candidate '{candidate.id}' added to meetings/{updated.id}.yaml")


ActionRef = Annotated[
    str,
    typer.Argument(help="The action item's number ('ngsp meeting show' lists them) or its first words."),
]


def _mark(meeting: str, item: str, folder: Any, as_json: bool, *, done: bool, on: Any = None) -> None:
    from ngsp_cli.services.meetings.recording import mark_action

    updated, action = mark_action(options.root_of(folder), meeting, item, done=done, on=options.day_of(on))
    if as_json:
        output.emit_json({"meeting": updated.id, **action.model_dump(mode="json")})
    when = action.done_on.isoformat() if action.done_on else "today"
    state = f"was done on {when}" if action.done else "is open again"
    output.done(f"'{action.text}' of {updated.title} {state}")


def action_done_command(
    meeting: MeetingArg,
    item: ActionRef,
    date: Annotated[
        dt.datetime | None,
        options.date_option("--date", "The day it was done (default: today; not after today)."),
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Mark an action item of a meeting done on a day; from that day agendas stop carrying it and
    the memo says done."""
    _mark(meeting, item, folder, as_json, done=True, on=date)


def action_reopen_command(
    meeting: MeetingArg,
    item: ActionRef,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Open a done action item of a meeting again."""
    _mark(meeting, item, folder, as_json, done=False)


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
    from ngsp_cli.services.meetings.recording import record_rsvp

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
        output.emit_json(meeting_json(snap, snap.meetings[updated.id], full=False))
    output.done(
        f"{len(people)} answered {chosen[0].value} for {updated.title}"
        + (f" ({len(added)} added to the invitees)" if added else "")
    )
    answers = answers_line(snap, updated)
    if answers:
        output.err().print(f"  {answers}")
    warn_if_outnumbered(snap, updated)
