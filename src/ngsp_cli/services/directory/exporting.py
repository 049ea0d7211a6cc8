"""Data out: contacts and organizations for spreadsheets and mail merges, the folder as JSON.

CSV files are UTF-8 with a byte-order mark and CRLF line ends, so Excel (which
otherwise reads CSV in the Windows code page) shows "Café Olé Bakery" right and
Google Sheets, LibreOffice and Python read them as well. Cells that a spreadsheet
would run as a formula (starting with = + - @) get a leading apostrophe, except
numbers and phone numbers; `ngsp person import` removes that apostrophe again.
The column headers are ones `ngsp org import` and `ngsp person import` understand,
so an exported file can be edited and imported back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ngsp_cli.model import Entity
from ngsp_cli.rules import facts
from ngsp_cli.services.directory.entries import people_of, sorted_orgs
from ngsp_cli.store.folder import Snapshot

WHATS = ("contacts", "organizations", "meetings", "all")
ALIASES = {"people": "contacts", "orgs": "organizations", "calendar": "meetings", "folder": "all"}

CONTACT_COLUMNS = (
    "Name", "Title", "Organization", "Organization Type", "Email", "Phone", "Roles", "County", "City",
    "Id", "Organization Id",
)  # fmt: skip
ORGANIZATION_COLUMNS = (
    "Name", "Type", "NAICS", "County", "City", "Size", "Website", "Joined", "People", "Notes", "Id",
)  # fmt: skip
MEETING_COLUMNS = (
    "Date", "Time", "Minutes", "Title", "Type", "Status", "Location", "Invited", "Came",
    "Business leaders who came", "Id",
)  # fmt: skip


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "value"):
        return str(value.value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def contact_rows(snap: Snapshot) -> list[dict[str, str]]:
    """One row per person: businesses first, then public partners; by organization and name."""
    rows = []
    for org in sorted_orgs(snap):
        for person in people_of(snap, org.id):
            rows.append(
                {
                    "Name": person.name,
                    "Title": person.title or "",
                    "Organization": org.name,
                    "Organization Type": org.kind.value,
                    "Email": person.email or "",
                    "Phone": person.phone or "",
                    "Roles": "; ".join(r.value for r in person.roles),
                    "County": org.county or "",
                    "City": org.city or "",
                    "Id": person.id,
                    "Organization Id": org.id,
                }
            )
    # People whose organization is missing (a folder with reference problems) still appear.
    known = {row["Id"] for row in rows}
    for person in sorted(snap.people.values(), key=lambda p: p.name.casefold()):
        if person.id not in known:
            rows.append({**dict.fromkeys(CONTACT_COLUMNS, ""), "Name": person.name, "Id": person.id,
                         "Organization Id": person.org, "Email": person.email or ""})  # fmt: skip
    return rows


def organization_rows(snap: Snapshot) -> list[dict[str, str]]:
    return [
        {
            "Name": org.name,
            "Type": org.kind.value,
            "NAICS": org.naics or "",
            "County": org.county or "",
            "City": org.city or "",
            "Size": org.size or "",
            "Website": org.website or "",
            "Joined": _text(org.joined),
            "People": str(len(people_of(snap, org.id))),
            "Notes": org.notes or "",
            "Id": org.id,
        }
        for org in sorted_orgs(snap)
    ]


def meeting_rows(snap: Snapshot) -> list[dict[str, str]]:
    rows = []
    for meeting in facts.meetings_by_date(snap):
        came = facts.headcount(snap, meeting.attendees)
        rows.append(
            {
                "Date": meeting.date.isoformat(),
                "Time": meeting.time or "",
                "Minutes": _text(meeting.duration_minutes),
                "Title": meeting.title,
                "Type": meeting.kind.value,
                "Status": meeting.status.value,
                "Location": meeting.location or "",
                "Invited": str(len(meeting.invitees)),
                "Came": str(came.total),
                "Business leaders who came": str(came.business),
                "Id": meeting.id,
            }
        )
    return rows


def _guard(cell: str) -> str:
    """A cell a spreadsheet would take for a formula gets a leading apostrophe (shown as text).

    Every cell starting with = + - @, a tab or a carriage return: '-2+3' would be
    computed as 1 and '+1-1' as 0, and '=HYPERLINK(...)' would become a link.  The
    importers take the apostrophe off again.
    """
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def to_csv(rows: Sequence[dict[str, str]], columns: Sequence[str], *, bom: bool = True) -> str:
    """CSV text for Excel and friends: a header row, CRLF line ends, formula-like cells guarded."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_guard(row.get(column, "")) for column in columns])
    return ("\ufeff" if bom else "") + buffer.getvalue()


CSV_TABLES = {
    "contacts": (contact_rows, CONTACT_COLUMNS),
    "organizations": (organization_rows, ORGANIZATION_COLUMNS),
    "meetings": (meeting_rows, MEETING_COLUMNS),
}


def table_csv(snap: Snapshot, what: str, *, bom: bool = True) -> tuple[str, int]:
    """(CSV text, number of rows) of contacts, organizations or meetings."""
    make_rows, columns = CSV_TABLES[what]
    rows = make_rows(snap)
    return to_csv(rows, columns, bom=bom), len(rows)


def _entity(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, **entity.model_dump(mode="json")}


def _entities(table: dict[str, Any]) -> list[dict[str, Any]]:
    return [_entity(table[key]) for key in sorted(table)]


def folder_json(snap: Snapshot, what: str = "all") -> tuple[dict[str, Any], int]:
    """(JSON data, number of items): the whole folder, or contacts, organizations or meetings."""
    if what == "contacts":
        contacts = [
            {
                "name": row["Name"],
                "title": row["Title"] or None,
                "organization": row["Organization"] or None,
                "organization_id": row["Organization Id"],
                "organization_kind": row["Organization Type"] or None,
                "business": snap.is_business(row["Id"]),
                "email": row["Email"] or None,
                "phone": row["Phone"] or None,
                "roles": [r for r in row["Roles"].split("; ") if r],
                "county": row["County"] or None,
                "city": row["City"] or None,
                "id": row["Id"],
            }
            for row in contact_rows(snap)
        ]
        return {"contacts": contacts}, len(contacts)
    if what == "organizations":
        orgs = [{**_entity(o), "people": len(people_of(snap, o.id))} for o in sorted_orgs(snap)]
        return {"organizations": orgs}, len(orgs)
    if what == "meetings":
        meetings = [_entity(m) for m in facts.meetings_by_date(snap)]
        return {"meetings": meetings}, len(meetings)
    data = {
        "partnership": snap.partnership.model_dump(mode="json"),
        "organizations": _entities(snap.organizations),
        "people": _entities(snap.people),
        "meetings": _entities(snap.meetings),
        "priorities": _entities(snap.priorities),
        "action_teams": _entities(snap.teams),
        "assessments": _entities(snap.assessments),
    }
    count = sum(len(v) for k, v in data.items() if k != "partnership")
    return data, count
