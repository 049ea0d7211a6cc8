"""`ngsp prioritize`: count the dot votes of a meeting and select the top priorities."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ngsp_cli.cli import options, output, prompts

if TYPE_CHECKING:
    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.errors import Problem
    from ngsp_cli.model import ActionTeam, Meeting, Priority
    from ngsp_cli.services.priorities.ballots import VoteRow
    from ngsp_cli.services.priorities.tally import Tally
    from ngsp_cli.services.priorities.tie_rule import Tie
    from ngsp_cli.store.folder import Snapshot


def prioritize_command(
    meeting: Annotated[
        str | None,
        typer.Argument(help="Meeting id. Default: the latest meeting with candidate priorities."),
    ] = None,
    votes: Annotated[
        Path | None,
        typer.Option(
            "--votes", help="CSV or YAML file with columns voter, priority, points.", dir_okay=False
        ),
    ] = None,
    top: Annotated[
        int, options.number_option("--top", "How many priorities to select.", minimum=1, example=3)
    ] = 3,
    pick: Annotated[
        list[str] | None,
        typer.Option(
            "--pick",
            help="Settle a tie at the cut-off: the priority the business leaders chose (repeatable).",
        ),
    ] = None,
    budget: Annotated[
        int | None,
        options.number_option(
            "--budget", "Dots per voter (default: settings.dot_budget, usually 3).", minimum=1, example=3
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the result; write nothing.")] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Replace the votes already recorded on the meeting with those of --votes."
        ),
    ] = False,
    as_of: Annotated[
        dt.datetime | None,
        options.writing_as_of_option("Votes of a meeting dated after it are not recorded."),
    ] = None,
    folder: options.DirOption = None,
    as_json: options.JsonOption = False,
    no_input: options.NoInputOption = False,
) -> None:
    """Count the dot votes on a meeting's candidate priorities and select the top ones.

    Only business leaders' dots rank the candidates; public partners' dots are shown
    apart. The votes are kept in the meeting file and each candidate gets a file in
    priorities/, selected or parked, with its tally. A candidate titled like a priority
    already recorded updates that priority (a refresh vote): its earlier tallies stay in
    its history.
    """
    from ngsp_cli.services.priorities.candidates import find_meeting
    from ngsp_cli.services.priorities.recording import parked_with_team, record, replaced_votes
    from ngsp_cli.services.priorities.tally import tally, tie_unsettled
    from ngsp_cli.text import plural

    snap = options.load_snapshot(folder)
    found = find_meeting(snap, meeting)
    rows, problems = _votes_to_count(snap, found, votes, no_input)
    result = tally(snap, found, rows, budget=budget, top=top, picks=list(pick or []), problems=problems)
    result = _settle_tie(snap, found, result, no_input)
    replacing = replaced_votes(found, result)
    busy = parked_with_team(snap, found, result)
    where = f"meetings/{found.id}.yaml"
    if dry_run:
        _say_what_would_change(where, votes, replacing, busy)
    elif replacing and not replace and prompts.can_prompt(no_input):
        replace = prompts.ask_confirm(
            f"Replace the {plural(replacing, 'vote')} recorded in {where} by those of {votes}?",
            default=False,
        )
    written: list[str] = []
    if not dry_run and not result.undecided:
        written = record(snap, found, result, save_votes=True, replace=replace, today=options.day_of(as_of))
        if replacing:
            output.err().print(f"replaced the {plural(replacing, 'vote')} recorded in {where}")
    if as_json:
        output.emit_json(
            {
                **result.as_dict(),
                "dry_run": dry_run,
                "written": written,
                "replaces_votes": replacing,
                "parks_active_teams": [{"priority": p.id, "team": t.id} for p, t in busy],
            }
        )
    else:
        _show(snap, result, written, dry_run=dry_run)
    if result.undecided:
        raise tie_unsettled(result)


def _votes_to_count(
    snap: Snapshot, meeting: Meeting, votes: Path | None, no_input: bool
) -> tuple[list[VoteRow], list[Problem]]:
    """The votes of --votes, else those recorded on the meeting, else typed in on a terminal."""
    from ngsp_cli.errors import UsageError
    from ngsp_cli.services.priorities.ballots import read_votes_lenient, recorded_votes

    if votes is not None:
        return read_votes_lenient(votes, display=str(votes))
    if meeting.votes:
        return recorded_votes(snap, meeting), []
    if prompts.can_prompt(no_input):
        return _ask_votes(snap, meeting), []
    raise UsageError(
        f"no votes are recorded for {meeting.id}",
        hint="pass --votes FILE (a CSV with the columns voter, priority, points), "
        "or run the command in a terminal to type them in",
    )


def _settle_tie(snap: Snapshot, meeting: Meeting, result: Tally, no_input: bool) -> Tally:
    """The result with an open tie at the cut-off settled as before, or as picked on a terminal."""
    from ngsp_cli.services.priorities.tally import settle_as_before, with_picks

    result, earlier = settle_as_before(snap, meeting, result)
    if earlier:
        output.err().print(f"the tie at the cut-off was settled before: {', '.join(earlier)} (kept)")
    if result.undecided and prompts.can_prompt(no_input):
        _show(snap, result, [], dry_run=True)
        result = with_picks(result, _ask_picks(result))
    return result


def _say_what_would_change(
    where: str, votes: Path | None, replacing: int, busy: list[tuple[Priority, ActionTeam]]
) -> None:
    """What a run without --dry-run would replace, or refuse to park."""
    from rich.markup import escape

    from ngsp_cli.text import plural

    if replacing:
        output.err().print(
            f"[yellow]would replace[/yellow] the {plural(replacing, 'vote')} recorded in {where} "
            f"by those of {votes} (pass --replace to do it)"
        )
    for prio, team in busy:
        output.err().print(
            f"[yellow]would park[/yellow] '{escape(prio.title)}' although the action team "
            f"{escape(team.name)} ({team.id}) is active: it would be refused"
        )


def _ask_votes(snap: Snapshot, meeting: Meeting) -> list[VoteRow]:
    from rich.markup import escape

    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.errors import NotFoundError
    from ngsp_cli.services.lookup import resolve_person
    from ngsp_cli.services.priorities.ballots import VoteRow

    console = output.err()
    console.print(f"Type the dots of each voter at {meeting.id}. The candidates are:")
    for candidate in meeting.candidates:
        console.print(Hanging("  ", f"{candidate.id}  {escape(candidate.title)}", 4))
    rows: list[VoteRow] = []
    entry = 0
    while True:
        who = prompts.ask_text("--votes", "Voter (person id or name; leave empty when done):", required=False)
        if not who:
            break
        try:
            voter = resolve_person(snap, who)
        except NotFoundError as exc:
            console.print(f"[red]{exc.problem.message}[/red]; {exc.problem.hint}")
            continue
        dots = prompts.ask_text(
            "--votes",
            f"Dots of {snap.people[voter].name}, e.g. {meeting.candidates[0].id}=2 (separate with commas):",
        )
        for part in dots.replace(";", ",").split(","):
            if not part.strip():
                continue
            priority, _, points = part.partition("=")
            entry += 1
            try:
                count = int(points.strip() or "1")
            except ValueError:
                count = 0
            rows.append(VoteRow(voter, priority.strip(), count, "typed votes", entry))
    return [r for r in rows if r.points > 0]


def _ask_picks(result: Tally) -> list[str]:
    choices = list(result.undecided)
    picks: list[str] = []
    for _ in range(result.open_slots):
        picked = prompts.ask_choice("--pick", "The business leaders broke the tie for:", choices)
        picks.append(picked)
        choices.remove(picked)
    return picks


def _show(snap: Snapshot, result: Tally, written: list[str], *, dry_run: bool) -> None:
    from rich.markup import escape

    from ngsp_cli.text import plural

    console = output.out()
    console.print(_ranking_table(result))
    _show_public(result)
    for tie in result.ties:
        if tie.at_cutoff:
            console.print(_tie_line(tie, result.open_slots))
    for warning in result.warnings:
        output.err().print(f"[yellow]warning:[/yellow] {escape(warning)}")
    if dry_run:
        output.err().print("dry run: no file was written")
    elif written:
        output.done(f"wrote {plural(len(written), 'file')}: {', '.join(written)}")
    elif not result.undecided:
        output.done("the files already hold this result; nothing changed")


def _ranking_table(result: Tally) -> FitTable:
    from rich import box
    from rich.markup import escape

    from ngsp_cli.cli.layout import FitTable
    from ngsp_cli.text import plural

    business_points = sum(r.business_points for r in result.ranking)
    table = FitTable(
        key=1,  # the priority id: what --pick and the files take
        title=f"{escape(result.meeting)}: {plural(len(result.business_voters), 'business leader')} spent "
        f"{plural(business_points, 'dot')} (budget {result.budget} each); top {result.top} selected. "
        "Dots and leaders count business votes only.",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    # In order of importance: a narrow window leaves out the last columns first.
    table.add_column("#", justify="right")
    table.add_column("priority", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("dots", justify="right")
    table.add_column("title")
    table.add_column("leaders", justify="right")
    for entry in result.ranking:
        status = entry.status.value
        if entry.id in result.undecided:
            status = "tied: undecided"
        table.add_row(
            str(entry.rank),
            output.cell(entry.id),
            status,
            str(entry.business_points),
            output.cell(entry.title),
            str(entry.business_voters),
        )
    return table


def _show_public(result: Tally) -> None:
    """The public partners' votes, apart from the ranking."""
    from ngsp_cli.cli.layout import Hanging
    from ngsp_cli.text import plural

    public = result.public_ranking
    if not public:
        return
    console = output.out()
    public_points = sum(r.public_points for r in public)
    console.print(
        f"Public partners' votes (shown apart; they do not change the ranking): "
        f"{plural(len(result.public_voters), 'voter')}, {plural(public_points, 'dot')}"
    )
    for entry in public:
        console.print(
            Hanging(f"  {entry.public_points:>3}  ", f"{entry.id}  ({plural(entry.public_voters, 'voter')})")
        )


def _tie_line(tie: Tie, open_slots: int) -> str:
    """How a tie at the cut-off was settled, or that the business leaders decide it."""
    from ngsp_cli.text import plural

    on = f"Tie on {plural(tie.business_points, 'dot')} at the cut-off ({', '.join(tie.priorities)})"
    if tie.settled_by == "rule":
        return f"{on}: settled by the rule 'more business leaders voted for it'."
    if tie.settled_by == "pick":
        return f"{on}: settled by --pick."
    return (
        f"[bold]{on}, from as many business leaders each: the business leaders decide "
        f"{plural(open_slots, 'place')}.[/bold]"
    )
