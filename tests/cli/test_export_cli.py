"""`ngsp export`: CSV for Excel and mail merges, JSON for other tools, one calendar of all meetings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from ngsp_cli.model import Meeting, Organization, Person
from ngsp_cli.store import folder as store


def folder_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".ngsp.lock" and "out" not in p.relative_to(root).parts
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_contacts_csv_opens_in_excel_and_round_trips_through_the_csv_module(
    ngsp, example_folder: Path
) -> None:
    result = ngsp("-C", example_folder, "export")
    assert result.exit_code == 0, result.output
    path = example_folder / "out/contacts.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = read_csv(path)
    snap = store.load(example_folder, kinds=(Organization, Person))
    assert {r["Id"] for r in rows} == set(snap.people)
    for row in rows:
        person = snap.people[row["Id"]]
        org = snap.organizations[person.org]
        assert (row["Name"], row["Email"], row["Organization"], row["Organization Type"]) == (
            person.name,
            person.email or "",
            org.name,
            org.kind.value,
        )
        roles = row["Roles"].split("; ") if row["Roles"] else []
        assert roles == [r.value for r in person.roles]
    kinds = [r["Organization Type"] == "business" for r in rows]
    assert kinds == sorted(kinds, reverse=True), "businesses come first"


def test_exported_contacts_and_organizations_import_back_without_a_change(ngsp, example_folder: Path) -> None:
    assert ngsp("-C", example_folder, "export", "--what", "organizations").exit_code == 0
    assert ngsp("-C", example_folder, "export", "--what", "contacts").exit_code == 0
    before = folder_bytes(example_folder)
    orgs = ngsp("-C", example_folder, "org", "import", example_folder / "out/organizations.csv", "--json")
    people = ngsp("-C", example_folder, "person", "import", example_folder / "out/contacts.csv", "--json")
    assert orgs.exit_code == 0, orgs.output
    assert people.exit_code == 0, people.output
    for data in (json.loads(orgs.stdout), json.loads(people.stdout)):
        assert data["files_written"] == []
        assert {r["action"] for r in data["rows"]} == {"skip"}
    assert folder_bytes(example_folder) == before


def test_unicode_and_formula_like_cells_survive_the_trip(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "organizations/cafe-ole-bakery.yaml": {"name": "Café Olé Bakery", "kind": "business"},
            "people/zoe-angstrom.yaml": {
                "name": "Zoë Ångström",
                "org": "cafe-ole-bakery",
                "title": '=HYPERLINK("http://evil.example")',
                "phone": "+1 318 555 0100",
            },
        }
    )
    assert ngsp("-C", root, "export", "--out", root / "contacts.csv").exit_code == 0
    rows = {r["Id"]: r for r in read_csv(root / "contacts.csv")}
    zoe = rows["zoe-angstrom"]
    assert (zoe["Name"], zoe["Organization"]) == ("Zoë Ångström", "Café Olé Bakery")
    assert zoe["Title"] == '\'=HYPERLINK("http://evil.example")'
    assert zoe["Phone"] == "'+1 318 555 0100"  # shown as text, not computed
    before = folder_bytes(root)
    again = ngsp("-C", root, "person", "import", root / "contacts.csv")
    assert again.exit_code == 0, again.output
    assert folder_bytes(root) == before


def test_json_of_the_whole_folder(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "export", "--format", "json", "--out", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    snap = store.load(example_folder)
    assert data["partnership"]["name"] == snap.partnership.name
    assert [o["id"] for o in data["organizations"]] == sorted(snap.organizations)
    assert [p["id"] for p in data["people"]] == sorted(snap.people)
    assert [m["id"] for m in data["meetings"]] == sorted(snap.meetings)
    assert len(data["action_teams"]) == len(snap.teams)


def test_json_of_contacts_marks_business_people(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "export", "-f", "json", "--what", "people", "-o", "-")
    contacts = json.loads(result.stdout)["contacts"]
    snap = store.load(example_folder, kinds=(Organization, Person))
    assert {c["id"]: c["business"] for c in contacts} == {pid: snap.is_business(pid) for pid in snap.people}


def test_csv_on_standard_output_has_no_byte_order_mark(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "export", "--what", "meetings", "--out", "-")
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    snap = store.load(example_folder, kinds=(Organization, Person, Meeting))
    assert sorted(r["Id"] for r in rows) == sorted(snap.meetings)
    assert [r["Date"] for r in rows] == sorted(r["Date"] for r in rows)


def test_all_meetings_as_one_calendar_that_parses_back(ngsp, example_folder: Path) -> None:
    from icalendar import Calendar

    from ngsp_cli.services.meetings import calendar as ics

    result = ngsp("-C", example_folder, "export", "--format", "ics", "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical((example_folder / "out/meetings.ics").read_bytes())
    snap = store.load(example_folder)
    assert str(calendar["X-WR-CALNAME"]) == snap.partnership.name
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    meetings = {ics.uid(snap, m): m for m in snap.meetings.values()}
    assert set(events) == set(meetings)
    for key, meeting in meetings.items():
        item = events[key]
        start = item.decoded("DTSTART")
        assert str(item["SUMMARY"]) == meeting.title
        if meeting.time:
            assert (start.date(), start.strftime("%H:%M")) == (meeting.date, meeting.time)
        else:
            assert start == meeting.date
        cancelled = meeting.status.value == "cancelled"
        assert str(item["STATUS"]) == ("CANCELLED" if cancelled else "CONFIRMED")
    # The invitation of one meeting carries the very same event.
    some = next(iter(snap.meetings.values()))
    single = Calendar.from_ical(ics.build(snap, some, as_of=dt.date(2026, 11, 25))).walk("VEVENT")[0]
    assert single.to_ical() == events[ics.uid(snap, some)].to_ical()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "'xml' is not an export format"),
        (("--what", "all"), "a CSV file holds one table"),
        (("--format", "ics", "--what", "contacts"), "a calendar holds meetings only"),
        (("--what", "votes"), "'votes' is not something ngsp exports"),
    ],
)
def test_wrong_combinations_are_usage_errors(
    ngsp, partnership_tree, args: tuple[str, ...], message: str
) -> None:
    result = ngsp("-C", partnership_tree(), "export", *args)
    assert result.exit_code == 2
    assert message in result.stderr
