"""`ngsp meeting new`, `invite`, `edit` and `cancel`: planning meetings from the playbook."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ngsp_cli.cli import options, output, prompts
from ngsp_cli.cli.meeting_options import KIND_HELP, DateOpt, MeetingArg, choose_kind


def _meeting_day(date: dt.datetime | None, no_input: bool) -> dt.date:
    """The day given with --date, else asked for."""
    from ngsp_cli.errors import UsageError

    day = options.day_of(date)
    if day is not None:
        return day
    answer = prompts.ask_text(
        "--date", "Date of the meeting (YYYY-MM-DD)?", no_input=no_input, what="the date of the meeting"
    )
    try:
        return dt.date.fromisoformat(answer)
    except ValueError:
        raise UsageError(f"'{answer}' is not a date", hint="write it as YYYY-MM-DD") from None


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
    from ngsp_cli.playbook import load_playbook
    from ngsp_cli.services.meetings.planning import new_meeting
    from ngsp_cli.store.folder import read_partnership

    meeting_kind = choose_kind(kind)
    day = _meeting_day(date, no_input)
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
        as_of=options.day_of(as_of),
        force=force,
    )
    if as_json:
        output.emit_json(output.entity_json(meeting))
    agenda = f"{len(meeting.agenda)} agenda items" if meeting.agenda else "no agenda outline for this kind"
    output.done(
        f"planned {meeting.title} on {meeting.date.isoformat()} as meetings/{meeting.id}.yaml "
        f"({agenda}, {len(meeting.invitees)} invited)"
    )


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
    from ngsp_cli.services.meetings.planning import invite

    updated, added = invite(options.root_of(folder), meeting, people or [], all_business=all_business)
    if as_json:
        output.emit_json(output.entity_json(updated))
    output.done(f"{len(added)} added; {len(updated.invitees)} invited to {updated.title}")


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
    from ngsp_cli.services.meetings.planning import edit_meeting

    updated, changed = edit_meeting(
        options.root_of(folder),
        meeting,
        date=options.day_of(date),
        time=time,
        duration_minutes=duration,
        location=place,
        title=title,
        kind=choose_kind(kind) if kind else None,
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
    from ngsp_cli.services.meetings.planning import cancel_meeting

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
