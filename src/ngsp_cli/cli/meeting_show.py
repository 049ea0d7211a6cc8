"""`ngsp meeting list` and `ngsp meeting show`, and how a meeting is printed and put in JSON."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output
from ngsp_cli.cli.meeting_options import AsOfOption, MeetingArg, choose_kind

if TYPE_CHECKING:
    from ngsp_cli.model import Meeting
    from ngsp_cli.store.folder import Snapshot


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


def meeting_json(
    snap: Snapshot, meeting: Meeting, *, full: bool, day: dt.date | None = None
) -> dict[str, Any]:
    """The meeting as it stood on `day` (default today), as the screen shows it: before its day
    nobody came and nothing was recorded; `file_status` is the status its file holds."""
    from ngsp_cli.rules import facts
    from ngsp_cli.rules.meeting_dates import meeting_at

    day = day or clock.today()
    file_status = meeting.status.value
    meeting = meeting_at(meeting, day)
    invited = facts.headcount(snap, meeting.invitees)
    came = facts.headcount(snap, meeting.attendees)
    data: dict[str, Any] = output.entity_json(meeting)
    data["status"] = data["status_as_of"] = _status_on(meeting, day)
    data["file_status"] = file_status
    data["file"] = f"meetings/{meeting.id}.yaml"
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


def answers_line(snap: Snapshot, meeting: Meeting) -> str | None:
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

    wanted = choose_kind(kind) if kind else None
    snap = options.load_snapshot(folder, (Organization, Person, MeetingModel))
    day = options.day_of(as_of) or clock.today()
    view = PartnershipAt(snap, day)
    meetings = [m for m in view.meetings if wanted is None or m.kind is wanted]
    if as_json:
        upcoming = {m.id for m in view.upcoming()}
        rows = []
        for m in meetings:
            row = meeting_json(snap, m, full=False, day=day)
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
        came = view.meeting_at(m).attendees
        if came:
            who += f"\n{_who(facts.headcount(snap, came))}"
        table.add_row(
            output.name_cell(m.title, m.id),
            f"{m.kind.value}\n{_status_label(m, day)}",
            who,
        )
    output.out().print(table)


def show(
    meeting: MeetingArg,
    as_of: AsOfOption = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
) -> None:
    """Show one meeting: agenda, who was invited and who came, notes, decisions, action items.

    Asked about a day before the meeting, it shows that nobody has come and nothing is recorded yet."""
    from ngsp_cli.model import Meeting as MeetingModel
    from ngsp_cli.model import Organization, Person
    from ngsp_cli.services.meetings.finding import find_meeting

    snap = options.load_snapshot(folder, (Organization, Person, MeetingModel))
    found = find_meeting(snap, meeting)
    day = options.day_of(as_of) or clock.today()
    if as_json:
        output.emit_json(meeting_json(snap, found, full=True, day=day))
        return
    _print_meeting(snap, found, day)


def _print_meeting(snap: Snapshot, m: Meeting, day: dt.date) -> None:
    from ngsp_cli.rules.meeting_dates import meeting_at

    console = output.out()
    _print_heading(console, m, day)
    dated = meeting_at(m, day)
    _print_agenda(console, snap, dated)
    _print_people(console, snap, dated)
    _print_record(console, snap, dated)


def _name(snap: Snapshot, pid: str | None) -> str:
    person = snap.people.get(pid or "")
    return person.name if person else (pid or "")


def _print_heading(console: Any, m: Meeting, day: dt.date) -> None:
    """Title and id, kind and status, when, where, and the action team."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging

    console.print(f"[bold]{escape(m.title)}[/bold]  [dim]{m.id}[/dim]")
    when = m.date.isoformat() + (f" at {m.time}" if m.time else "")
    when += f", {m.duration_minutes} minutes" if m.duration_minutes else ""
    console.print(Hanging(f"  {m.kind.value}, {_status_label(m, day)}: ", when))
    if m.location:
        console.print(Hanging("  where: ", escape(m.location)))
    if m.team:
        console.print(Hanging("  action team: ", escape(m.team)))


def _print_agenda(console: Any, snap: Snapshot, m: Meeting) -> None:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging

    if m.agenda:
        console.print("\n[bold]Agenda[/bold]")
        for item in m.agenda:
            minutes = f"{item.minutes:>3} min" if item.minutes is not None else "       "
            lead = ""
            if item.lead:
                shown = _name(snap, item.lead) if item.lead in snap.people else item.lead
                lead = f" [dim]({escape(shown)})[/dim]"
            console.print(Hanging(f"  {minutes}  ", f"{escape(item.title)}{lead}"))


def _print_people(console: Any, snap: Snapshot, m: Meeting) -> None:
    """Who was invited and what they answered, then who came."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.rules import facts
    from ngsp_cli.text import plural

    invited = facts.headcount(snap, m.invitees)
    came = facts.headcount(snap, m.attendees)
    console.print(
        f"\n[bold]Invited[/bold] {plural(invited.business, 'business leader')}, "
        f"{plural(invited.public, 'public partner')}"
    )
    answers = answers_line(snap, m)
    if answers:
        console.print(Hanging("  ", escape(answers)))
    warn_if_outnumbered(snap, m)
    if m.attendees:
        console.print(
            f"[bold]Came[/bold]    {plural(came.business, 'business leader')}, "
            f"{plural(came.public, 'public partner')}"
        )
        names = ", ".join(_name(snap, pid) for pid in m.attendees)
        console.print(Hanging("  ", escape(names)))


def _print_record(console: Any, snap: Snapshot, m: Meeting) -> None:
    """What happened: notes, what industry said, decisions, candidate priorities, action items."""
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging

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
            owner = f" — {escape(_name(snap, a.owner))}" if a.owner else ""
            due = f", due {a.due.isoformat()}" if a.due else ""
            console.print(Hanging(f"  {number:>2} {mark} ", f"{escape(a.text)}{owner}{due}"))


def _still_to_come(meeting: Meeting) -> bool:
    from ngsp_cli import clock
    from ngsp_cli.model import MeetingStatus

    return meeting.status is MeetingStatus.planned and meeting.date >= clock.today()


def warn_if_outnumbered(snap: Snapshot, meeting: Meeting) -> None:
    """Before the meeting: warn when more public partners than business leaders said yes."""
    from ngsp_cli.rules import facts

    outnumber = facts.public_expected_to_outnumber(snap, meeting) if _still_to_come(meeting) else None
    if outnumber is not None:
        output.warn(_outnumber_warning(outnumber))


def _outnumber_warning(expected: Any) -> str:
    from ngsp_cli.text import plural

    return (
        f"{plural(expected.public, 'public partner')} said yes but only "
        f"{plural(expected.business, 'business leader')}: the industry should hold the table; "
        "ask the business champions to call their peers, or invite fewer partners"
    )
