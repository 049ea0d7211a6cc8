"""Scenario: meetings asked about on a past date.

Built through the CLI from January 2025 to March 2026: a support team meeting, the launch, an
autumn meeting where two action items are agreed (one done a week later, one done two months
after its due date), and a June meeting planned in December. On a day before a meeting nothing
has happened at it yet, whatever its file says by now; an action item is open until the day it
was done.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from partnership_on_calendar import Partnership, cli_runner

SUPPORT = "2025-02-05-support-team-meeting"
LAUNCH = "2025-03-04-launch-meeting"
AUTUMN = "2025-10-15-autumn-meeting"
JUNE = "2026-06-10-june-meeting"


def _build(p: Partnership) -> None:
    p.on("2025-01-06").init(
        "Valley Mfg", "--industry", "Manufacturing", "--region", "Valley",
        "--convener", "Valley WIB", "--convener-kind", "workforce",
    )  # fmt: skip
    p.person("Sue Wu", "valley-wib", "convener", "staff")
    p.person("Tom Ng", p.org("Valley College", "education"), "public-partner")
    p.person("Ann Lee", p.org("Acme Tools"), "co-chair", "champion")
    p.person("Bo Diaz", p.org("Beta Metals"), "business-leader")
    p.person("Cy Fox", p.org("Gamma Plastics"), "business-leader")
    p.edit("partnership.yaml", co_chairs=["ann-lee"])
    p.on("2025-02-01")
    p("meeting", "new", "convener-team", "--date", "2025-02-05", "--title", "Support team meeting",
      "--invite", "sue-wu", "--invite", "tom-ng")  # fmt: skip
    p("meeting", "new", "launch", "--date", "2025-03-04", "--invite-all-business", "--invite", "tom-ng")
    p.on("2025-02-05")("meeting", "attend", SUPPORT, "sue-wu", "tom-ng")
    p.on("2025-03-04")("meeting", "attend", LAUNCH, "ann-lee", "bo-diaz", "cy-fox", "tom-ng")
    p.on("2025-09-10")
    p("meeting", "new", "full-partnership", "--date", "2025-10-15", "--title", "Autumn meeting",
      "--invite-all-business", "--invite", "tom-ng")  # fmt: skip
    p.on("2025-10-15")("meeting", "attend", AUTUMN, "ann-lee", "bo-diaz", "tom-ng")
    p("meeting", "action", AUTUMN, "Send summary", "--owner", "sue-wu", "--due", "2025-10-22")
    p("meeting", "action", AUTUMN, "Call the county", "--owner", "cy-fox", "--due", "2025-11-30")
    p("meeting", "decide", AUTUMN, "Launch the apprenticeship pilot")
    p.on("2025-10-20")("meeting", "done", AUTUMN, "1")
    p.on("2025-12-01")
    p("meeting", "new", "full-partnership", "--date", "2026-06-10", "--title", "June meeting",
      "--invite-all-business")  # fmt: skip
    p.on("2026-03-01")("meeting", "done", AUTUMN, "Call the county", "--date", "2026-02-02")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Partnership]:
    """Built once for the tests that only read it (each command still runs through the CLI)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NO_COLOR", "1")
        env.setenv("COLUMNS", "100")
        env.delenv("NGSP_DIR", raising=False)
        p = Partnership(cli_runner(), tmp_path_factory.mktemp("past-dates") / "valley", env)
        _build(p)
        yield p


@pytest.fixture
def valley(built: Partnership) -> Partnership:
    return built.on("2026-03-01")


@pytest.fixture
def own_copy(built: Partnership, partnership: Partnership) -> Partnership:
    """A copy of the built folder for a test that writes."""
    shutil.copytree(built.root, partnership.root)
    return partnership.on("2026-03-01")


def test_the_memo_names_the_meeting_that_was_next_on_its_date(valley: Partnership) -> None:
    memo = valley("memo", LAUNCH, "--as-of", "2025-09-15")
    # On 2025-09-15 the autumn meeting (planned on 2025-09-10) was still to come; its file now says held.
    next_meeting = memo.split("## Next meeting", 1)[1]
    assert "Autumn meeting" in next_meeting
    assert "October 15, 2025" in next_meeting
    assert "June meeting" not in next_meeting
    # On the launch day no later meeting was on the calendar yet.
    on_the_day = valley("memo", LAUNCH, "--as-of", "2025-03-04").split("## Next meeting", 1)[1]
    assert "The date of the next meeting will follow." in on_the_day


def test_a_meeting_before_its_day_shows_nobody_came_and_nothing_recorded(valley: Partnership) -> None:
    shown = valley.json("meeting", "show", AUTUMN, "--as-of", "2025-10-01")
    assert (shown["attendees"], shown["decisions"]) == ([], [])
    assert [(i["text"], i["done"]) for i in shown["action_items"]] == [
        ("Send summary", False),  # plans, written any time; none done before the meeting
        ("Call the county", False),
    ]
    assert shown["attended"] == {"business": 0, "public": 0}
    assert (shown["status"], shown["file_status"], shown["status_as_of"]) == ("planned", "held", "planned")
    assert len(shown["invitees"]) == 4  # the plan stays: 3 business leaders and a public partner
    screen = valley("meeting", "show", AUTUMN, "--as-of", "2025-10-01")
    assert "full-partnership, planned (file: held)" in screen
    for recorded in ("Came", "Ann Lee", "Decisions", "pilot", "✓"):
        assert recorded not in screen
    # From its day on, the record is there.
    held = valley.json("meeting", "show", AUTUMN, "--as-of", "2025-10-15")
    assert (held["status"], held["attended"]) == ("held", {"business": 2, "public": 1})
    assert held["decisions"] == ["Launch the apprenticeship pilot"]


def test_meeting_list_counts_who_came_only_once_a_meeting_was_held(valley: Partnership) -> None:
    rows = {m["id"]: m for m in valley.json("meeting", "list", "--as-of", "2025-10-01")}
    assert (rows[AUTUMN]["attended"], rows[AUTUMN]["attendees"]) == ({"business": 0, "public": 0}, [])
    assert (rows[AUTUMN]["status"], rows[AUTUMN]["file_status"]) == ("planned", "held")
    assert rows[LAUNCH]["attended"] == {"business": 3, "public": 1}
    screen = valley("meeting", "list", "--as-of", "2025-10-01")
    autumn = screen.split(AUTUMN, 1)[1].split("\n", 1)[0]
    assert "biz" not in autumn  # no 'came' line under the invited counts


def test_an_action_item_is_open_until_the_day_it_was_done(valley: Partnership) -> None:
    items = valley.json("meeting", "show", AUTUMN)["action_items"]
    assert [(i["done"], i["done_on"]) for i in items] == [(True, "2025-10-20"), (True, "2026-02-02")]
    # On 2026-01-01 the call to the county (due 2025-11-30) was overdue; it was done in February.
    overdue = valley.status("--as-of", "2026-01-01")["overdue_action_items"]
    assert [i["text"] for i in overdue] == ["Call the county"]
    assert valley.status("--as-of", "2026-03-01")["overdue_action_items"] == []
    dated = valley.json("meeting", "show", AUTUMN, "--as-of", "2025-10-21")["action_items"]
    assert [i["done"] for i in dated] == [True, False]
    # The memo written the day after the meeting has both items still open.
    memo = valley("memo", AUTUMN, "--as-of", "2025-10-16")
    assert memo.count("| open |") == 2, memo
    assert "| done |" in valley("memo", AUTUMN, "--as-of", "2025-10-21")


def test_an_action_item_done_without_a_date_counts_as_done_on_every_day(own_copy: Partnership) -> None:
    path = f"meetings/{AUTUMN}.yaml"
    text = (own_copy.root / path).read_text(encoding="utf-8")
    own_copy.write(path, text.replace("done_on: 2026-02-02\n", ""))
    assert own_copy.status("--as-of", "2026-01-01")["overdue_action_items"] == []


def test_an_action_item_is_done_neither_after_today_nor_before_its_meeting(own_copy: Partnership) -> None:
    p = own_copy
    p("meeting", "reopen", AUTUMN, "1")
    assert p.json("meeting", "show", AUTUMN)["action_items"][0]["done_on"] is None
    later = p.refused("meeting", "done", AUTUMN, "1", "--date", "2026-03-02")
    assert "2026-03-02 is after today (2026-03-01)" in " ".join(later.output.split())
    earlier = p.refused("meeting", "done", AUTUMN, "1", "--date", "2025-10-14")
    assert "before Autumn meeting (2025-10-15)" in " ".join(earlier.output.split())
    p("meeting", "done", AUTUMN, "1")
    assert p.json("meeting", "show", AUTUMN)["action_items"][0]["done_on"] == "2026-03-01"


def test_the_launch_champion_warning_stands_on_days_before_the_launch(valley: Partnership) -> None:
    # One business champion (Ann Lee), two recommended: the warning stands until the launch,
    # although the launch's attendance is recorded by now.
    kinds = [w["kind"] for w in valley.status("--as-of", "2025-03-01")["warnings"]]
    assert "few-champions" in kinds
    assert "few-champions" not in [w["kind"] for w in valley.status("--as-of", "2025-03-05")["warnings"]]


def test_a_support_team_meeting_has_its_own_invitation(valley: Partnership) -> None:
    letter = valley("invite", SUPPORT, "--as-of", "2025-02-01")
    flat = " ".join(letter.split())
    assert "Dear fellow" not in flat
    assert "meeting as a whole" not in flat
    assert "support team" in flat.lower()
    assert "Sue Wu" in flat  # from the convener contact, not signed by a co-chair
    assert "Ann Lee" not in flat
