"""`ngsp agenda`, `ngsp invite`, `ngsp memo`: the documents a convener sends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output

MeetingArg = Annotated[
    str | None,
    typer.Argument(help="Meeting id or title.", show_default=False),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="md, html or docx. Default: what the --out file name says, else md.",
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Write the document here ('-' for the screen). Default: md on the screen; "
        "html and docx in out/<meeting>-<document>.<ext> of the partnership folder.",
        show_default=False,
        dir_okay=False,
    ),
]
InviteFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="md, html or docx; with --each, eml (e-mail drafts) or csv (mail merge). "
        "Default: what the --out file name says, else md.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option("It picks the meeting and dates the document."),
]


def _produce(
    document: str,
    meeting_ref: str | None,
    fmt: str | None,
    out: Path | None,
    as_of: dt.datetime | None,
    folder: Path | None,
    ics: bool = False,
    force: bool = False,
    *,
    formats: tuple[str, ...] | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    import sys

    from ngsp_cli.errors import UsageError
    from ngsp_cli.render import documents as render
    from ngsp_cli.services.meetings import documents

    snap = options.load_snapshot(folder)
    today = as_of.date() if as_of else clock.today()
    meeting = documents.choose_meeting(snap, meeting_ref, document, today)
    chosen = render.format_for(fmt, out if out is not None and str(out) != "-" else None, formats)
    context = documents.build_context(snap, document, meeting, today)
    context.update(extra or {})
    if document == "invite" and not context["signers"]:
        from ngsp_cli.text import noun

        signed_by = noun(len(snap.partnership.conveners), "convener")
        output.err().print(
            "[yellow]warning:[/yellow] no business champion or co-chair can sign this invitation, "
            f"so it is signed by the {signed_by}. In a Next Gen partnership peers invite peers: "
            "give business leaders the champion role (ngsp person edit PERSON --add-role champion)."
        )
    if document in ("agenda", "invite") and meeting.date >= today:
        _expected_attendance(snap, meeting, document)
    payload = render.render(document, chosen, context, snap.root)
    to_screen = (out is None and chosen == "md") or (out is not None and str(out) == "-")
    if to_screen:
        if chosen == "docx":
            raise UsageError("a Word document cannot be shown on the screen", hint="pass --out FILE.docx")
        sys.stdout.write(payload.decode("utf-8"))
        sys.stdout.flush()
        target = None
    else:
        target = out if out is not None else render.default_path(snap.root, meeting.id, document, chosen)
        _write(target, payload, force)
        output.done(f"wrote {_shown(target, snap.root)}")
    if ics:
        from ngsp_cli.services.meetings.calendar import build as build_ics

        ics_path = (
            target.with_suffix(".ics")
            if target is not None and out is not None and target.is_file()
            else render.default_path(snap.root, meeting.id, document, "ics")
        )
        _write(ics_path, build_ics(snap, meeting, as_of=as_of.date() if as_of else None), force)
        output.done(f"wrote the calendar invite {_shown(ics_path, snap.root)}")


def _expected_attendance(snap: Any, meeting: Any, document: str) -> None:
    """Before a meeting: who said yes so far (invite), and a warning when the public side would
    outnumber the industry (agenda and invite alike)."""
    from ngsp_cli.rules import facts
    from ngsp_cli.text import plural

    said_yes = facts.answered(snap, meeting)
    if document == "invite" and meeting.invitees:
        answered = sum(1 for pid in meeting.invitees if pid in meeting.rsvp)
        output.note(
            f"{answered} of {plural(len(meeting.invitees), 'invitee')} answered so far: "
            f"{plural(said_yes.business, 'business leader')} and "
            f"{plural(said_yes.public, 'public partner')} said yes "
            "(record answers with ngsp meeting rsvp MEETING PERSON... --yes|--no|--maybe)"
        )
    if facts.public_expected_to_outnumber(snap, meeting) is not None:
        output.warn(
            f"{plural(said_yes.public, 'public partner')} said yes but only "
            f"{plural(said_yes.business, 'business leader')}: the industry should hold "
            "the table; ask the business champions to call their peers"
        )


def _write(path: Path, payload: bytes, force: bool) -> Path:
    """Replace a file atomically (see store.outputs); write into a device or pipe (/dev/stdout) as it is."""
    from ngsp_cli.store.outputs import write_output

    return write_output(path, payload, force=force)


def _shown(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)


def agenda_command(
    meeting: MeetingArg = None,
    fmt: FormatOption = None,
    out: OutOption = None,
    force: options.ForceOption = False,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
) -> None:
    """The agenda of a meeting (default: the next planned meeting), with times and items to review."""
    _produce("agenda", meeting, fmt, out, as_of, folder, force=force)


def invite_command(
    meeting: MeetingArg = None,
    fmt: InviteFormatOption = None,
    out: OutOption = None,
    ics: Annotated[
        bool,
        typer.Option(
            "--ics",
            help="Also write a calendar invite (.ics) next to the letter, or in out/ of the folder.",
        ),
    ] = False,
    force: options.ForceOption = False,
    each: Annotated[
        bool,
        typer.Option(
            "--each",
            help="One invitation per invitee: --format eml writes an e-mail draft for each invitee "
            "with an address (into a folder); --format csv writes one table for a mail merge.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """The invitation letter to business leaders, signed by the business champions (default: next meeting)."""
    if each:
        _invite_each(meeting, fmt, out, ics, as_of, folder, as_json, force=force)
        return
    from ngsp_cli.services.meetings.invitations import EACH_FORMATS

    if fmt is not None and fmt.lower().lstrip(".") in EACH_FORMATS:
        from ngsp_cli.errors import UsageError

        raise UsageError(
            f"--format {fmt} writes one invitation per invitee",
            hint=f"add --each: ngsp invite {meeting or 'MEETING'} --each --format {fmt.lower().lstrip('.')}",
        )
    _produce("invite", meeting, fmt, out, as_of, folder, ics=ics, force=force)


def _invite_each(
    meeting_ref: str | None,
    fmt: str | None,
    out: Path | None,
    ics: bool,
    as_of: dt.datetime | None,
    folder: Path | None,
    as_json: bool,
    *,
    force: bool = False,
) -> None:
    """`ngsp invite --each`: e-mail drafts or a mail-merge table, one invitee each."""
    from ngsp_cli.services.meetings import documents, invitations

    chosen = invitations.each_format(fmt, to_screen=out is not None and str(out) == "-")
    snap = options.load_snapshot(folder)
    today = as_of.date() if as_of else clock.today()
    meeting = documents.choose_meeting(snap, meeting_ref, "invite", today)
    who = invitations.invitees(snap, meeting, today)
    context = documents.build_context(snap, "invite", meeting, today)
    if chosen == "csv":
        shown, written = _write_merge(snap.root, meeting.id, context, who, out, force)
    else:
        shown, written = _write_drafts(snap, meeting, context, who, out, ics, today, force)
    if as_json:
        output.emit_json(
            {
                "meeting": meeting.id,
                "format": chosen,
                "out": shown,
                "written": written,
                "without_email": [
                    {"person": p.id, "name": p.name, "organization": p.organization}
                    for p in who.without_email
                ],
                "left": [{"person": p.id, "name": p.name} for p in who.left],
            }
        )
    _say_each(chosen, shown, len(written), who)


Written = list[dict[str, str | None]]
"""One row per invitee written: person id, e-mail, and the draft's file (none in a table)."""


def _write_merge(
    root: Path, meeting_id: str, context: dict[str, Any], who: Any, out: Path | None, force: bool
) -> tuple[str | None, Written]:
    """The mail-merge table on the screen (--out -) or in its file; where it went (none: the screen)."""
    from ngsp_cli.services.meetings import invitations

    payload = invitations.merge_csv(invitations.merge_rows(context, who.current))
    written: Written = [{"person": p.id, "email": p.email, "file": None} for p in who.current]
    if out is not None and str(out) == "-":
        import sys

        sys.stdout.write(payload.decode("utf-8-sig"))
        return None, written
    target = invitations.merge_path(root, meeting_id, out)
    _write(target, payload, force)
    return _shown(target, root), written


def _write_drafts(
    snap: Any,
    meeting: Any,
    context: dict[str, Any],
    who: Any,
    out: Path | None,
    ics: bool,
    today: dt.date,
    force: bool,
) -> tuple[str, Written]:
    """One e-mail draft per invitee with an address, all in one folder; the folder."""
    from ngsp_cli.services.meetings import invitations
    from ngsp_cli.services.meetings.calendar import build as build_ics
    from ngsp_cli.store.outputs import check_target

    target = invitations.drafts_folder(snap.root, meeting.id, out)
    calendar = build_ics(snap, meeting, as_of=today) if ics else None
    for person in who.with_email:  # every draft may be written, or none is
        check_target(target / invitations.draft_name(person), force=force)
    written: Written = []
    for person in who.with_email:
        path = target / invitations.draft_name(person)
        _write(path, invitations.personal_draft(context, person, calendar, snap.root), force)
        written.append({"person": person.id, "email": person.email, "file": _shown(path, snap.root)})
    return _shown(target, snap.root), written


def _say_each(chosen: str, shown: str | None, count: int, who: Any) -> None:
    """What was written, and who got no invitation: no e-mail address, or left the partnership."""
    from ngsp_cli.text import plural

    if chosen == "eml":
        output.done(f"wrote {plural(count, 'e-mail draft')} in {shown}")
    elif shown is not None:
        output.done(f"wrote {plural(count, 'row')} for a mail merge in {shown}")
    if who.without_email:
        names = ", ".join(f"{p.name} ({p.id})" for p in who.without_email)
        lacking = "has" if len(who.without_email) == 1 else "have"
        output.warn(
            f"{names} {lacking} no e-mail address"
            + (", so no draft was written" if chosen == "eml" else "")
            + "; add one with: ngsp person edit PERSON --email ADDRESS"
        )
    if who.left:
        output.warn("left the partnership, not invited: " + ", ".join(p.name for p in who.left))


def memo_command(
    meeting: MeetingArg = None,
    fmt: FormatOption = None,
    out: OutOption = None,
    force: options.ForceOption = False,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
) -> None:
    """The follow-up memo of a held meeting (default: the last one): who came, decisions, actions."""
    _produce("memo", meeting, fmt, out, as_of, folder, force=force)


def signin_command(
    meeting: MeetingArg = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html (print it from the browser) or docx (Word). Default: what the --out file name says, "
            "else html.",
            show_default=False,
        ),
    ] = None,
    out: OutOption = None,
    force: options.ForceOption = False,
    blank: Annotated[
        int,
        options.number_option(
            "--blank", "Blank lines for people who are not on the list.", minimum=1, example=8
        ),
    ] = 8,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
) -> None:
    """The sign-in sheet to print for the door (default: next meeting): the invitees, business leaders
    and public partners apart, and blank lines for walk-ins.

    Type the names of who signed into a CSV file, or take the attendance report of Zoom or Teams,
    and record them with 'ngsp meeting attend MEETING --from FILE'.
    """
    _produce(
        "signin", meeting, fmt, out, as_of, folder, force=force, formats=("html", "docx"),
        extra={"walk_in_lines": blank},
    )  # fmt: skip
