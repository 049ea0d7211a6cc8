"""The progress report of one partnership, for its board or the state.

`report_data` gathers plain values (dicts, lists, dates, numbers) from a loaded
folder; templates `report.md.j2` and `report.html.j2` turn them into a
document, and the HTML gets charts from `render.charts`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ngsp_cli.model import (
    MeetingKind,
    TeamStatus,
)
from ngsp_cli.rules import PartnershipAt, facts
from ngsp_cli.rules.priority_dates import dated_tally_on, last_vote
from ngsp_cli.services.assessment.survey import (
    SurveyDefinition,
    answer_counts,
    folder_survey,
    outcome_surveys,
    survey_results,
)
from ngsp_cli.store.folder import Snapshot

FORMATS = ("md", "html")

# Meetings where business leaders should outnumber public partners.

KIND_LABELS = {
    MeetingKind.launch: "Launch",
    MeetingKind.full_partnership: "Full partnership",
    MeetingKind.action_team: "Action team",
    MeetingKind.convener_team: "Support team",
    MeetingKind.other: "Other",
}


_TABLE_LABELS = {KIND_LABELS[kind] for kind in facts.BUSINESS_TABLES}


def _table_phrase(count: int) -> str:
    """What follows 'the' in a sentence: 'launch or full-partnership meeting' for one,
    '3 launch and full-partnership meetings' for more."""
    if count == 1:
        return "launch or full-partnership meeting"
    return f"{count} launch and full-partnership meetings"


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _name(snap: Snapshot, person_id: str) -> str:
    person = snap.people.get(person_id)
    return person.name if person else person_id


def _org_name(snap: Snapshot, org_id: str) -> str:
    org = snap.organizations.get(org_id)
    return org.name if org else org_id


def meeting_rows(view: PartnershipAt, since: dt.date | None = None) -> list[dict[str, Any]]:
    """Held meetings (oldest first) with their business and public attendance."""
    rows = []
    for meeting in view.held():
        if since is not None and meeting.date < since:
            continue
        count = view.headcount(meeting.attendees)
        rows.append(
            {
                "id": meeting.id,
                "date": meeting.date,
                "kind": KIND_LABELS[meeting.kind],
                "title": meeting.title,
                "business": count.business,
                "public": count.public,
                "total": count.total,
                "business_share": _pct(count.business, count.total),
                "business_led": count.business_outnumber_public,
                "recorded": bool(meeting.attendees),
                # Only the partnership's own table counts toward the business share
                # (as in 'ngsp status'): support-team and action-team meetings are
                # working sessions where public staff may well be the majority.
                "counts_for_share": bool(meeting.attendees) and meeting.kind in facts.BUSINESS_TABLES,
            }
        )
    return rows


def priority_rows(view: PartnershipAt) -> list[dict[str, Any]]:
    """The priorities known on the date with their status then and the tally of their latest vote by then."""
    teams_by_priority: dict[str, list[str]] = {}
    for team in sorted(view.teams, key=lambda t: t.name.casefold()):
        teams_by_priority.setdefault(team.priority, []).append(team.name)
    order = {"selected": 0, "done": 1, "candidate": 2, "parked": 3}
    latest = last_vote(view.snap, view.as_of)
    rows = []
    for priority in view.priorities:
        status = view.priority_status(priority) or priority.status
        dated = dated_tally_on(view.snap, priority, view.as_of)
        votes = dated.votes if dated is not None else None
        # Ranks of two votes do not compare: a tally from before the latest vote names its day.
        earlier = dated is not None and latest is not None and dt.date.min < dated.day < latest.day
        rows.append(
            {
                "id": priority.id,
                "title": priority.title,
                "category": priority.category.value,
                "status": status.value,
                "rank": votes.rank if votes else None,
                "business_points": votes.business_points if votes else None,
                "business_voters": votes.business_voters if votes else None,
                "earlier_vote": dated.day if earlier and dated is not None else None,
                "teams": teams_by_priority.get(priority.id, []),
            }
        )
    return sorted(
        rows,
        key=lambda row: (order[row["status"]], row["rank"] or 10_000, row["title"].casefold()),
    )


def team_rows(view: PartnershipAt, since: dt.date | None = None) -> list[dict[str, Any]]:
    snap, as_of = view.snap, view.as_of
    flags: dict[str, list[str]] = {}
    for flag in view.team_flags:
        flags.setdefault(flag.team, []).append(flag.message)
    status_order = {TeamStatus.active: 0, TeamStatus.paused: 1, TeamStatus.done: 2}
    rows = []
    for team in sorted(view.teams, key=lambda t: (status_order[t.status], t.name.casefold())):
        done = [t for t in team.tasks if view.task_done(t)]
        done_in_window = [t for t in done if since is None or (t.done_on is not None and t.done_on >= since)]
        open_tasks = [t for t in team.tasks if view.task_open(t)]
        overdue = view.team_overdue(team)
        reporting = view.reporting(team).state if team.status is TeamStatus.active else None
        updates = sorted((u for u in team.updates if u.date <= as_of), key=lambda u: u.date)
        recent = [u for u in updates if since is None or u.date >= since]
        last = updates[-1] if updates else None
        priority = snap.priorities.get(team.priority)
        rows.append(
            {
                "id": team.id,
                "name": team.name,
                "priority": priority.title if priority else team.priority,
                "status": team.status.value,
                "goal": team.goal,
                "champions": [_name(snap, pid) for pid in view.champions_at_table(team)],
                "staff_lead": _name(snap, team.staff_lead) if team.staff_lead else None,
                "tasks_total": len(team.tasks),
                "tasks_done": len(done),
                "tasks_done_in_period": len(done_in_window),
                "tasks_open": len(open_tasks),
                "tasks_overdue": len(overdue),
                "quick_wins_done": sum(1 for t in done if t.quick_win),
                "last_update": last.date if last else None,
                "last_update_text": last.text if last else None,
                "days_since_update": (as_of - last.date).days if last else None,
                "updates_in_period": len(recent),
                "reporting": reporting,
                "flags": flags.get(team.id, []),
            }
        )
    return rows


def outcome_data(
    snap: Snapshot, as_of: dt.date, survey: SurveyDefinition | None = None
) -> dict[str, Any] | None:
    """The latest outcome survey on or before `as_of`, question by question."""
    survey = survey or folder_survey(snap.root, snap.partnership)
    surveys = outcome_surveys(snap, as_of)
    if not surveys:
        return None
    latest = surveys[-1]
    previous = surveys[-2] if len(surveys) > 1 else None
    groups = []
    for group, results in survey_results(survey, latest):
        groups.append(
            {
                "id": group.id,
                "title": group.title,
                "rows": [
                    {
                        "id": r.question.id,
                        "text": r.question.text,
                        "answer": r.answer.answer.value if r.answer else "not answered",
                        "count": r.answer.count if r.answer else None,
                        "count_label": r.question.count,
                        "note": r.answer.note if r.answer else None,
                        "previous": (
                            previous.answers[r.question.id].answer.value
                            if previous is not None and r.question.id in previous.answers
                            else None
                        ),
                    }
                    for r in results
                ],
            }
        )
    counts = answer_counts(latest, survey)
    yes_total = sum(c["yes"] for c in counts.values())
    return {
        "id": latest.id,
        "date": latest.date,
        "by": _name(snap, latest.by) if latest.by else None,
        "notes": latest.notes,
        "previous_date": previous.date if previous else None,
        "groups": groups,
        "counts": counts,
        "yes_total": yes_total,
        "questions_total": sum(sum(c.values()) for c in counts.values()),
    }


def report_data(snap: Snapshot, as_of: dt.date, since: dt.date | None = None) -> dict[str, Any]:
    """Everything the report templates show, as plain values, from the partnership at `as_of`."""
    view = PartnershipAt(snap, as_of)
    meetings = meeting_rows(view, since)
    teams = team_rows(view, since)
    priorities = priority_rows(view)
    summary = {
        **attendance_summary(meetings, snap.partnership.settings.recent_meetings, since),
        **_work_summary(view, since, priorities, teams),
    }
    overdue_items = [
        {"meeting": meeting.title, "date": meeting.date, "text": item.text,
         "owner": _name(snap, item.owner) if item.owner else None, "due": item.due}
        for meeting, item in view.overdue_action_items
    ]  # fmt: skip
    return {
        "partnership": partnership_header(snap),
        "as_of": as_of,
        "since": since,
        "summary": summary,
        "meetings": meetings,
        "upcoming": upcoming_rows(view),
        "priorities": priorities,
        "teams": teams,
        "overdue_action_items": overdue_items,
        "outcomes": outcome_data(snap, as_of),
    }


def partnership_header(snap: Snapshot) -> dict[str, Any]:
    """Who the partnership is: name, industry, region, conveners and co-chairs by name."""
    partnership = snap.partnership
    return {
        "name": partnership.name,
        "industry": partnership.industry,
        "region": partnership.region,
        "description": partnership.description,
        "counties": list(partnership.counties),
        "founded": partnership.founded,
        "conveners": [_org_name(snap, oid) for oid in partnership.conveners],
        "co_chairs": [
            f"{_name(snap, pid)}" + (f", {org.name}" if (org := snap.org_of(pid)) is not None else "")
            for pid in partnership.co_chairs
        ],
    }


def upcoming_rows(view: PartnershipAt) -> list[dict[str, Any]]:
    """Meetings ahead, with how many business leaders and public partners are invited."""
    return [
        {
            "date": m.date,
            "time": m.time,
            "kind": KIND_LABELS[m.kind],
            "title": m.title,
            "location": m.location,
            "invited_business": view.headcount(m.invitees).business,
            "invited_public": view.headcount(m.invitees).public,
        }
        for m in view.upcoming()
    ]


def attendance_summary(
    meetings: list[dict[str, Any]], recent_count: int, since: dt.date | None
) -> dict[str, Any]:
    """Attendance at the partnership's own table (launch and full meetings with attendance recorded).

    `meetings` are the `meeting_rows` of the report's period; the recent business share is
    over its last `recent_count` such meetings (never one from before --since).
    """
    recorded = [m for m in meetings if m["counts_for_share"]]
    business_attendance = sum(m["business"] for m in recorded)
    public_attendance = sum(m["public"] for m in recorded)
    recent = recorded[-recent_count:]
    recent_business = sum(m["business"] for m in recent)
    recent_total = sum(m["total"] for m in recent)
    table_empty = (
        f"no launch or full-partnership meetings since {since}"
        if since is not None
        else "no launch or full-partnership meetings yet"
    )
    if not recorded and any(m["kind"] in _TABLE_LABELS and not m["recorded"] for m in meetings):
        table_empty = table_empty.replace("meetings", "meetings with attendance recorded", 1)
    return {
        "meetings_held": len(meetings),
        # What the attendance figures cover, in words, and what to say when nothing is covered.
        "table_meetings_phrase": _table_phrase(len(recorded)),
        "recent_meetings_phrase": _table_phrase(len(recent)),
        "table_meetings_empty": table_empty,
        "meetings_business_led": sum(1 for m in recorded if m["business_led"]),
        "meetings_recorded": len(recorded),
        "attendance_total": business_attendance + public_attendance,
        "business_attendance": business_attendance,
        "public_attendance": public_attendance,
        "business_share": _pct(business_attendance, business_attendance + public_attendance),
        "recent_meetings": len(recent),
        "recent_business_share": _pct(recent_business, recent_total),
    }


def _work_summary(
    view: PartnershipAt,
    since: dt.date | None,
    priorities: list[dict[str, Any]],
    teams: list[dict[str, Any]],
) -> dict[str, Any]:
    """Who is at the table, newcomers, priorities, action teams and their tasks."""
    # Newcomers as `check` counts them: businesses that joined after the launch (in the
    # report's period when --since is given, else in the last year).
    joining = view.joining((view.as_of - since).days if since is not None else 365)
    return {
        "businesses": len(view.businesses),
        "public_partners": len(view.public_partners),
        "business_leaders": len(view.business_people),
        "champions": len(view.business_champions),
        "new_businesses": [o.name for o in joining.newcomers],
        "newcomers_measurable": joining.start is not None,
        "newcomers_since": joining.start,
        "priorities_selected": sum(1 for p in priorities if p["status"] in {"selected", "done"}),
        "teams_active": sum(1 for t in teams if t["status"] == TeamStatus.active.value),
        "teams_flagged": sum(1 for t in teams if t["flags"]),
        "tasks_done": sum(t["tasks_done"] for t in teams),
        "tasks_done_in_period": sum(t["tasks_done_in_period"] for t in teams),
        "tasks_open": sum(t["tasks_open"] for t in teams),
        "tasks_overdue": len(view.overdue_tasks),
    }


def render_report(snap: Snapshot, as_of: dt.date, fmt: str = "md", since: dt.date | None = None) -> str:
    """The report as Markdown or as one self-contained, printable HTML file."""
    from ngsp_cli.render.env import render_template

    data = report_data(snap, as_of, since)
    if fmt == "html":
        from ngsp_cli.render import charts

        data["charts"] = charts.report_charts(data)
    return render_template(f"report.{fmt}.j2", data, root=snap.root)


def render_report_docx(snap: Snapshot, as_of: dt.date, since: dt.date | None = None) -> bytes:
    """The report as a Word file from the report.docx template, its charts as PNG pictures."""
    from ngsp_cli.render import charts_png
    from ngsp_cli.render.docx import build

    data = report_data(snap, as_of, since)
    return build("report", data, root=snap.root, images=charts_png.report_charts(data))


def default_output(root: Path, as_of: dt.date, fmt: str) -> Path:
    return root / "out" / f"report-{as_of.isoformat()}.{fmt}"
