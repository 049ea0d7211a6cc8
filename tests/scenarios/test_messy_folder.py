"""Scenario (g): a folder edited by hand in every way a busy convener might.

Started through the CLI, then edited in a text editor: a meeting marked held
although its day has not come, a past meeting nobody recorded, a team file
without a `formed` date, a priority named at a meeting still to come, a public
partner organization that left, a business entered with a later `joined` date,
and an attendee listed twice.
"""

from __future__ import annotations

from partnership_on_calendar import Partnership
from test_first_months import _ready_to_launch


def _messy(p: Partnership) -> Partnership:
    _ready_to_launch(p, {"Acme Tools": "Ann Lee", "Bolt Works": "Cy Park", "Cedar Plastics": "Dee Ruiz"})
    launch = p.json("meeting", "new", "launch", "--date", "2026-03-10", "--invite-all-business")["id"]
    p.on("2026-03-10")("meeting", "attend", launch, "ann-lee", "cy-park", "dee-ruiz", "bo-diaz")
    p("meeting", "candidate", launch, "Hiring pipeline")
    p.write(
        "priorities/hiring-pipeline.yaml", f"title: Hiring pipeline\nstatus: selected\nmeeting: {launch}\n"
    )
    # Hand edits, all on 2026-04-01:
    p.on("2026-04-01")
    p.write("meetings/2026-05-05-spring.yaml",  # marked held before its day
            "kind: full-partnership\ntitle: Spring meeting\ndate: 2026-05-05\nstatus: held\n"
            "attendees: [ann-lee, bo-diaz]\n")  # fmt: skip
    p.write("meetings/2026-03-24-support.yaml",  # past, still planned, nobody recorded it
            "kind: convener-team\ntitle: Support team call\ndate: 2026-03-24\n")  # fmt: skip
    p.write("priorities/supplier-network.yaml",  # named at the meeting still to come
            "title: Supplier network\nstatus: selected\nmeeting: 2026-05-05-spring\n")  # fmt: skip
    p.write("action-teams/hiring.yaml",  # no formed date; clock starts at its priority's vote
            "name: Hiring team\npriority: hiring-pipeline\nchampions: [ann-lee, ann-lee]\n"
            "tasks:\n  - {id: t1, text: Job fair, due: 2026-03-31}\n")  # fmt: skip
    p.edit("organizations/valley-chamber.yaml", left="2026-03-15")
    p.edit("organizations/bolt-works.yaml", joined="2026-06-01")  # a later joined date, typed by hand
    p.edit(f"meetings/{launch}.yaml", attendees=["ann-lee", "cy-park", "dee-ruiz", "bo-diaz", "ann-lee"])
    return p


def test_g_a_messy_hand_edited_folder(partnership: Partnership) -> None:
    p = _messy(partnership)
    meetings = {m["id"]: m for m in p.json("meeting", "list")}
    assert {k: (m["held"], m["upcoming"]) for k, m in meetings.items()} == {
        "2026-01-20-support-team-kickoff": (True, False),
        "2026-03-10-launch-meeting": (True, False),
        "2026-03-24-support": (False, False),
        "2026-05-05-spring": (False, True),  # held on file, but its day has not come
    }
    status = p.status()
    assert [m["id"] for m in status["upcoming_meetings"]] == ["2026-05-05-spring"]
    assert [m["id"] for m in status["unrecorded_meetings"]] == ["2026-03-24-support"]
    # check names the meeting marked held before its day, and scores nothing until it is fixed.
    refused = p.refused("check")
    assert refused.exit_code == 2
    assert "meetings/2026-05-05-spring.yaml" in refused.output
    p.edit("meetings/2026-05-05-spring.yaml", status="planned")
    # The hiring team has no goal yet (move to action); its priority has no vote tally (unknown);
    # it has no public support staff (partial support); its task is overdue (partial plan).
    assert p.scorecard() == ("move-to-action", 0.43, "?MM?PP?")
    # The launch counts each person once: 3 business leaders and 1 public partner.
    found = p.indicators()
    assert found["business-outnumber-public"]["evidence"] == (
        "3 of 4 attendees at the 2026-03-10 launch meeting were business leaders (1 public partner)."
    )
    # Only the priority named at the launch is known by 2026-04-01; its team is due from the vote.
    report = p.json("report")
    assert [r["id"] for r in report["priorities"]] == ["hiring-pipeline"]
    assert report["summary"]["priorities_selected"] == 1
    # Public partner organizations at the table: convener, college, EDC, county (the chamber left).
    assert report["summary"]["public_partners"] == 4
    # Bolt Works's joined date is later, but its leader came to the launch: a founder, at the table
    # only from 2026-06-01 by its file.
    assert report["summary"]["businesses"] == 2
    plan = found["action-plan-current"]
    assert plan["status"] == "partial"  # no team is due to report yet, but a task is overdue
    assert plan["evidence"] == (
        "0 of 1 active action team reported progress in the last 60 days; "
        "1 newly formed team is not due yet (Hiring team); 1 task is past due."
    )
    listed = p.json("team", "list")
    assert [(t["id"], t["reporting"], t["overdue_tasks"]) for t in listed] == [("hiring", "not-due", ["t1"])]
    # Planned, with its attendance recorded: a day after its date the folder says it was held.
    later = {m["id"]: m["held"] for m in p.json("meeting", "list", "--as-of", "2026-05-06")}
    assert later["2026-05-05-spring"] is True
