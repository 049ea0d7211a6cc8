"""`ngsp agenda`, `ngsp invite`, `ngsp memo`: the documents a convener sends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli import clock
from ngsp_cli.cli import common

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
AsOfOption = Annotated[
    dt.datetime | None,
    common.as_of_option("It picks the meeting and dates the document."),
]


def _produce(
    document: str,
    meeting_ref: str | None,
    fmt: str | None,
    out: Path | None,
    as_of: dt.datetime | None,
    folder: Path | None,
    ics: bool = False,
) -> None:
    import sys

    from ngsp_cli.errors import UsageError
    from ngsp_cli.render import documents as render
    from ngsp_cli.services import documents

    snap = common.load_snapshot(folder)
    today = as_of.date() if as_of else clock.today()
    meeting = documents.choose_meeting(snap, meeting_ref, document, today)
    chosen = render.format_for(fmt, out if out is not None and str(out) != "-" else None)
    context = documents.build_context(snap, document, meeting, today)
    if document == "invite" and not context["signers"]:
        from ngsp_cli.text import noun

        signed_by = noun(len(snap.partnership.conveners), "convener")
        common.err().print(
            "[yellow]warning:[/yellow] no business champion or co-chair can sign this invitation, "
            f"so it is signed by the {signed_by}. In a Next Gen partnership peers invite peers: "
            "give business leaders the champion role (ngsp person edit PERSON --add-role champion)."
        )
    attendance = context.get("attendance")
    if document == "agenda" and attendance is not None and attendance.public_expected_to_outnumber:
        from ngsp_cli.text import plural

        if meeting.date >= today:
            common.warn(
                f"{plural(attendance.said_yes_public, 'public partner')} said yes but only "
                f"{plural(attendance.said_yes_business, 'business leader')}: the industry should hold "
                "the table; ask the business champions to call their peers"
            )
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
        _write(target, payload)
        common.done(f"wrote {_shown(target, snap.root)}")
    if ics:
        from ngsp_cli.render.ics import build as build_ics

        ics_path = (
            target.with_suffix(".ics")
            if target is not None and out is not None and target.is_file()
            else render.default_path(snap.root, meeting.id, document, "ics")
        )
        _write(ics_path, build_ics(snap, meeting, as_of=as_of.date() if as_of else None))
        common.done(f"wrote the calendar invite {_shown(ics_path, snap.root)}")


def _write(path: Path, payload: bytes) -> None:
    """Replace a file atomically; write into a device or pipe (e.g. /dev/stdout) as it is."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.store.files import write_atomic

    if path.is_dir():
        raise UsageError(f"{path} is a folder", hint="give --out a file name, e.g. memo.html")
    if path.exists() and not path.is_file():
        with path.open("wb") as handle:
            handle.write(payload)
        return
    write_atomic(path, payload)


def _shown(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)


def agenda_command(
    meeting: MeetingArg = None,
    fmt: FormatOption = None,
    out: OutOption = None,
    as_of: AsOfOption = None,
    folder: common.DirOption = None,
) -> None:
    """The agenda of a meeting (default: the next planned meeting), with times and items to review."""
    _produce("agenda", meeting, fmt, out, as_of, folder)


def invite_command(
    meeting: MeetingArg = None,
    fmt: FormatOption = None,
    out: OutOption = None,
    ics: Annotated[
        bool,
        typer.Option(
            "--ics",
            help="Also write a calendar invite (.ics) next to the letter, or in out/ of the folder.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    folder: common.DirOption = None,
) -> None:
    """The invitation letter to business leaders, signed by the business champions (default: next meeting)."""
    _produce("invite", meeting, fmt, out, as_of, folder, ics=ics)


def memo_command(
    meeting: MeetingArg = None,
    fmt: FormatOption = None,
    out: OutOption = None,
    as_of: AsOfOption = None,
    folder: common.DirOption = None,
) -> None:
    """The follow-up memo of a held meeting (default: the last one): who came, decisions, actions."""
    _produce("memo", meeting, fmt, out, as_of, folder)
