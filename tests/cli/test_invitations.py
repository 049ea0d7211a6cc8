"""`ngsp invite --each`: one e-mail draft per invitee, or a mail-merge table."""

from __future__ import annotations

import csv
import email
import io
import json
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-25"
QUARTERLY = "2026-12-10-quarterly-meeting"


def _read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")


@pytest.fixture
def small(partnership_tree) -> Path:
    """Two invitees with an address (one business, one public partner), one without, one who left."""
    return partnership_tree(
        {
            "partnership.yaml": {
                "schema_version": 1,
                "name": "Test Valley Manufacturing",
                "industry": "Manufacturing",
                "region": "Test Valley",
                "conveners": ["valley-workforce-board"],
                "co_chairs": ["ann-lee"],
            },
            "people/ann-lee.yaml": {
                "name": "Ann Lee",
                "org": "acme-tools",
                "title": "CEO",
                "email": "ann@acme.example",
                "roles": ["business-leader", "co-chair"],
            },
            "people/bo-diaz.yaml": {
                "name": "Bo Diaz",
                "org": "valley-workforce-board",
                "email": "bo@valley.example",
                "roles": ["convener"],
            },
            "people/cy-park.yaml": {"name": "Cy Park", "org": "acme-tools", "roles": ["business-leader"]},
            "people/di-moss.yaml": {
                "name": "Di Moss",
                "org": "acme-tools",
                "email": "di@acme.example",
                "left": "2026-10-01",
            },
            "meetings/2026-12-10-quarterly.yaml": {
                "title": "Quarterly meeting",
                "kind": "full-partnership",
                "date": "2026-12-10",
                "time": "08:00",
                "duration_minutes": 90,
                "location": "Acme Tools, 1 Main St",
                "invitees": ["ann-lee", "bo-diaz", "cy-park", "di-moss"],
            },
            "meetings/2026-12-20-empty.yaml": {
                "title": "Nobody yet",
                "kind": "full-partnership",
                "date": "2026-12-20",
            },
        }
    )


def test_each_invitee_with_an_address_gets_a_draft_with_the_letter_and_calendar(ngsp, small: Path) -> None:
    result = ngsp(
        "invite", "2026-12-10-quarterly", "--each", "--format", "eml", "--ics",
        "--as-of", AS_OF, "-C", small, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    assert [w["person"] for w in data["written"]] == ["ann-lee", "bo-diaz"]
    assert data["without_email"] == [{"person": "cy-park", "name": "Cy Park", "organization": "Acme Tools"}]
    assert data["left"] == [{"person": "di-moss", "name": "Di Moss"}]
    assert "Cy Park (cy-park) has no e-mail address" in result.stderr
    folder = small / "out" / "2026-12-10-quarterly-invitations"
    assert sorted(p.name for p in folder.iterdir()) == ["ann-lee.eml", "bo-diaz.eml"]

    message = _read(folder / "bo-diaz.eml")
    assert message["X-Unsent"] == "1"
    assert message["To"] == "Bo Diaz <bo@valley.example>"
    assert message["From"] == "Ann Lee <ann@acme.example>"  # the business co-chair signs and sends
    assert message["Reply-To"] == "Bo Diaz <bo@valley.example>"  # the convener takes replies
    assert "Test Valley Manufacturing" in message["Subject"]
    assert "Quarterly meeting" in message["Subject"]
    text = _text(message)
    assert text.startswith("Dear Bo Diaz,\n")
    assert "Sincerely,\n\nAnn Lee\nCEO, Acme Tools" in text
    assert "**" not in text
    html = message.get_body(("html",))
    assert html is not None
    assert "<p>Dear Bo Diaz,</p>" in html.get_content()
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["text/calendar"]
    assert "SUMMARY:Quarterly meeting" in attachments[0].get_content()


def test_without_ics_no_calendar_is_attached_and_drafts_are_reproducible(ngsp, small: Path) -> None:
    result = ngsp("invite", "2026-12-10-quarterly", "--each", "-f", "eml", "--as-of", AS_OF, "-C", small)
    assert result.exit_code == 0, result.output
    assert "wrote 2 e-mail drafts" in result.stderr
    path = small / "out" / "2026-12-10-quarterly-invitations" / "ann-lee.eml"
    first = path.read_bytes()
    assert list(_read(path).iter_attachments()) == []
    ngsp("invite", "2026-12-10-quarterly", "--each", "-f", "eml", "--as-of", AS_OF, "-C", small)
    assert path.read_bytes() == first


def test_the_drafts_use_the_folders_own_invitation_template(ngsp, small: Path) -> None:
    (small / "templates").mkdir()
    (small / "templates" / "invite.md.j2").write_text(
        "{{ salutation }}\n\nCome to the {{ meeting.title }}, we have coffee.\n", encoding="utf-8"
    )
    out = small / "drafts"
    result = ngsp(
        "invite", "2026-12-10-quarterly", "--each", "-f", "eml", "-o", out, "--as-of", AS_OF, "-C", small
    )
    assert result.exit_code == 0, result.output
    assert (
        _text(_read(out / "ann-lee.eml"))
        == "Dear Ann Lee,\n\nCome to the Quarterly meeting, we have coffee.\n"
    )


def test_a_mail_merge_table_lists_every_invitee(ngsp, small: Path) -> None:
    result = ngsp("invite", "2026-12-10-quarterly", "--each", "--format", "csv", "-o", "-", "--as-of", AS_OF,
                  "-C", small)  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "name", "email", "organization", "title", "salutation", "side", "subject", "meeting", "date",
        "time", "location", "reply_by", "signed_by",
    ]  # fmt: skip
    assert [(r["name"], r["email"], r["side"], r["salutation"]) for r in rows] == [
        ("Ann Lee", "ann@acme.example", "business", "Dear Ann Lee,"),
        ("Cy Park", "", "business", "Dear Cy Park,"),
        ("Bo Diaz", "bo@valley.example", "public partner", "Dear Bo Diaz,"),
    ]
    assert rows[0]["time"] == "8:00 AM"
    assert rows[0]["signed_by"] == "Ann Lee, CEO, Acme Tools"


def test_the_mail_merge_file_opens_in_excel_with_accents(ngsp, small: Path) -> None:
    result = ngsp("invite", "2026-12-10-quarterly", "--each", "-f", "csv", "--as-of", AS_OF, "-C", small)
    assert result.exit_code == 0, result.output
    data = (small / "out" / "2026-12-10-quarterly-invitations.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfname,email,")


def test_the_example_partnership_gets_one_draft_per_invitee(ngsp, example_folder: Path) -> None:
    result = ngsp(
        "invite", QUARTERLY, "--each", "-f", "eml", "--as-of", AS_OF, "-C", example_folder, "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    files = list((example_folder / "out" / f"{QUARTERLY}-invitations").glob("*.eml"))
    assert len(files) == len(data["written"]) > 10
    assert "Northeast Louisiana Healthcare Partnership" in _read(files[0])["Subject"]


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--format", "eml"], "writes one invitation per invitee", "add --each"),
        (["--each"], "--each needs --format eml or --format csv", "ngsp invite --each --format eml"),
        (["--each", "--format", "pdf"], "pdf", "eml"),
        (["--each", "--format", "eml", "-o", "-"], "one per invitee", "--out FOLDER"),
    ],
)
def test_bad_choices_are_usage_errors_with_a_hint(ngsp, small: Path, args, message: str, hint: str) -> None:
    result = ngsp("invite", "2026-12-10-quarterly", *args, "--as-of", AS_OF, "-C", small)
    assert result.exit_code == 2
    assert message in result.stderr
    assert hint in result.stderr
    assert "Traceback" not in result.output


def test_a_meeting_nobody_is_invited_to_says_how_to_invite(ngsp, small: Path) -> None:
    result = ngsp("invite", "2026-12-20-empty", "--each", "-f", "eml", "--as-of", AS_OF, "-C", small)
    assert result.exit_code == 2
    assert "nobody is invited to Nobody yet" in result.stderr
    assert "ngsp meeting invite 2026-12-20-empty" in result.stderr
    assert not (small / "out").exists()


def test_a_cancelled_meeting_gets_no_invitations(ngsp, small: Path) -> None:
    path = small / "meetings" / "2026-12-10-quarterly.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "status: cancelled\n", encoding="utf-8")
    result = ngsp("invite", "2026-12-10-quarterly", "--each", "-f", "eml", "--as-of", AS_OF, "-C", small)
    assert result.exit_code == 2
    assert "was cancelled" in result.stderr
