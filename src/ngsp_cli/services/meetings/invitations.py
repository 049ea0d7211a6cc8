"""One invitation per invitee: e-mail drafts (.eml) and a mail-merge table (.csv).

The letter is the same invitation the convener prints (`invite.md.j2` and
`invite.html.j2`, or the folder's own copies): only the salutation changes from
"Dear fellow ... leader," to the invitee's name.  Drafts are marked unsent, so a
mail program opens each one ready to edit and send from the sender's own account.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from ngsp_cli.errors import UsageError
from ngsp_cli.model import Meeting, MeetingStatus
from ngsp_cli.services.meetings.info import PersonInfo, person_info
from ngsp_cli.store.folder import Snapshot

MERGE_COLUMNS = (
    "name",
    "email",
    "organization",
    "title",
    "salutation",
    "side",
    "subject",
    "meeting",
    "date",
    "time",
    "location",
    "reply_by",
    "signed_by",
)
"""The columns of the mail-merge table, in order."""

EACH_FORMATS = ("eml", "csv")
"""The formats of one invitation per invitee: e-mail drafts, or a mail-merge table."""


def each_format(fmt: str | None, *, to_screen: bool) -> str:
    """The format of personal invitations asked for: 'eml' (files only) or 'csv'."""
    from ngsp_cli.vocab import choose_word

    if fmt is None:
        raise UsageError(
            "--each needs --format eml or --format csv", hint="e.g. ngsp invite --each --format eml"
        )
    chosen = choose_word(fmt.lower().lstrip("."), EACH_FORMATS, "a format of personal invitations")
    if to_screen and chosen == "eml":
        raise UsageError("e-mail drafts are files, one per invitee", hint="pass --out FOLDER or leave it out")
    return chosen


@dataclass(frozen=True)
class Invitees:
    """Who gets a personal invitation: with an address, without one, and who has left."""

    with_email: list[PersonInfo]
    without_email: list[PersonInfo]
    left: list[PersonInfo]

    @property
    def current(self) -> list[PersonInfo]:
        """Everyone still in the partnership, business leaders first, by organization."""
        ordered = [*self.with_email, *self.without_email]
        return sorted(ordered, key=lambda p: (not p.business, p.organization.casefold(), p.name.casefold()))


def invitees(snap: Snapshot, meeting: Meeting, as_of: dt.date) -> Invitees:
    """The meeting's invitees, business leaders first, split by whether an e-mail address is known."""
    if meeting.status is MeetingStatus.cancelled:
        raise UsageError(
            f"{meeting.title} was cancelled, so there is nobody to invite",
            file=f"meetings/{meeting.id}.yaml",
            field="status",
            hint="plan a new meeting with 'ngsp meeting new', or change 'status:' if it happens after all",
        )
    if not meeting.invitees:
        raise UsageError(
            f"nobody is invited to {meeting.title} yet",
            file=f"meetings/{meeting.id}.yaml",
            field="invitees",
            hint=f"add people first: ngsp meeting invite {meeting.id} PERSON... (or --all-business)",
        )
    people = [person_info(snap, pid) for pid in dict.fromkeys(meeting.invitees)]
    people.sort(key=lambda p: (not p.business, p.organization.casefold(), p.name.casefold()))
    gone = {
        pid
        for pid in meeting.invitees
        if (p := snap.people.get(pid)) and p.left is not None and p.left <= as_of
    }
    current = [p for p in people if p.id not in gone]
    return Invitees(
        with_email=[p for p in current if p.email],
        without_email=[p for p in current if not p.email],
        left=[p for p in people if p.id in gone],
    )


def salutation(person: PersonInfo) -> str:
    """The greeting of a personal letter: 'Dear Ann Lee,'."""
    return f"Dear {person.name},"


def subject(context: dict[str, Any]) -> str:
    """'Invitation: Quarterly meeting, Thursday, December 10 (Test Valley Manufacturing)'.

    The partnership is named unless the meeting's title names it already.
    """
    meeting, name = context["meeting"], context["partnership"].name
    title = meeting.title
    text = f"Invitation: {title}, {meeting.date:%A, %B} {meeting.date.day}"
    return text if name.casefold() in title.casefold() else f"{text} ({name})"


def personal_context(context: dict[str, Any], person: PersonInfo) -> dict[str, Any]:
    """The invitation's context with the invitee's own salutation."""
    return {**context, "salutation": salutation(person), "recipient": person}


def _signed_by(context: dict[str, Any]) -> str:
    signers: list[PersonInfo] = context["signers"]
    return "; ".join(f"{s.name}, {s.title_and_org}" if s.title_and_org else s.name for s in signers)


def merge_rows(context: dict[str, Any], people: list[PersonInfo]) -> list[dict[str, str]]:
    """One row per invitee for a mail merge in a word processor or mail program."""
    from ngsp_cli.render.env import date_long, time_12h

    meeting = context["meeting"]
    rsvp = context["rsvp_by"]
    rows = []
    for person in people:
        rows.append(
            {
                "name": person.name,
                "email": person.email or "",
                "organization": person.organization,
                "title": person.title or "",
                "salutation": salutation(person),
                "side": "business" if person.business else "public partner",
                "subject": subject(context),
                "meeting": meeting.title,
                "date": date_long(meeting.date),
                "time": time_12h(meeting.time),
                "location": meeting.location or "",
                "reply_by": date_long(rsvp) if rsvp else "",
                "signed_by": _signed_by(context),
            }
        )
    return rows


def merge_csv(rows: list[dict[str, str]]) -> bytes:
    """The mail-merge table as CSV: UTF-8 with a byte-order mark so Excel reads accents right."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(MERGE_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def plain_text(markdown: str, salutation: str | None = None) -> str:
    """The Markdown letter as plain e-mail text: from the salutation on, no bold marks or hard breaks.

    The letter's heading (title, partnership, date) is what the e-mail's subject and
    date say already, so the text starts at the salutation when the template has it.
    """
    lines = [_BOLD.sub(r"\1", line).rstrip() for line in markdown.splitlines()]
    if salutation is not None and salutation in lines:
        lines = lines[lines.index(salutation) :]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def _address(person: PersonInfo | None) -> Address | None:
    if person is None or not person.email:
        return None
    user, _, domain = person.email.partition("@")
    return Address(display_name=person.name, username=user, domain=domain)


def draft(
    context: dict[str, Any],
    person: PersonInfo,
    text: str,
    html: str,
    ics: bytes | None,
) -> bytes:
    """One e-mail draft: To the invitee, from the first signer with an address (else the contact).

    Replies go to the contact who takes them.  `X-Unsent: 1` makes Outlook, Thunderbird
    and Apple Mail open the file as a new message to edit and send.
    """
    message = EmailMessage(policy=SMTP)
    message["X-Unsent"] = "1"
    recipient = _address(person)
    if recipient is None:
        raise UsageError(f"{person.name} has no e-mail address")
    message["To"] = recipient
    signers: list[PersonInfo] = context["signers"]
    contact: PersonInfo | None = context["contact"]
    sender = next((a for a in (_address(s) for s in signers) if a is not None), None) or _address(contact)
    if sender is not None:
        message["From"] = sender
    reply = _address(contact)
    if reply is not None and reply != sender:
        message["Reply-To"] = reply
    message["Subject"] = subject(context)
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    if ics is not None:
        message.add_attachment(
            ics,
            maintype="text",
            subtype="calendar",
            filename=f"{context['meeting'].id}.ics",
            params={"method": "PUBLISH"},
        )
    # Boundaries from the content, not random: the same invitation makes the same file.
    digest = hashlib.sha256(f"{context['meeting'].id}/{person.id}".encode()).hexdigest()[:16]
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_ngsp_{number}_{digest}")
    return bytes(message)


def personal_draft(context: dict[str, Any], person: PersonInfo, calendar: bytes | None, root: Path) -> bytes:
    """The e-mail draft of one invitee: the letter's templates with their own salutation."""
    from ngsp_cli.render.env import render_template

    personal = personal_context(context, person)
    text = plain_text(render_template("invite.md.j2", personal, root), personal["salutation"])
    html = render_template("invite.html.j2", personal, root)
    return draft(personal, person, text, html, calendar)


def draft_name(person: PersonInfo) -> str:
    """The draft's file name: the invitee's id, which is unique and safe in any folder."""
    return f"{person.id}.eml"


def default_folder(root: Path, meeting_id: str) -> Path:
    return root / "out" / f"{meeting_id}-invitations"


def drafts_folder(root: Path, meeting_id: str, out: Path | None) -> Path:
    """Where the e-mail drafts go: --out, else out/<meeting>-invitations; never into a file."""
    target = out if out is not None else default_folder(root, meeting_id)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file", hint="give --out a folder for the e-mail drafts")
    return target


def merge_path(root: Path, meeting_id: str, out: Path | None) -> Path:
    """Where the mail-merge table goes: --out, else out/<meeting>-invitations.csv."""
    return out if out is not None else default_folder(root, meeting_id).with_suffix(".csv")
