"""Property: for generated folders, every number check, status and report state equals what the
listing commands (`team list`, `org list`, `meeting list`, all `--json`) show for the same --as-of.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

START = dt.date(2025, 1, 1)
days = st.integers(0, 700).map(lambda n: START + dt.timedelta(days=n))
PUBLIC_KINDS = ["workforce", "education", "economic-development", "community"]


@st.composite
def folders(draw: st.DrawFn) -> tuple[dict[str, Any], dt.date]:
    """A referentially valid partnership folder (files by path) and a day to judge it on."""
    files: dict[str, Any] = {
        "partnership.yaml": {
            "schema_version": 1,
            "name": "Generated",
            "industry": "Manufacturing",
            "region": "Valley",
            "conveners": ["org-p0"],
        },
    }
    n_business, n_public = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    people: list[str] = []
    for index in range(n_business + n_public):
        business = index < n_business
        org_id = f"org-b{index}" if business else f"org-p{index - n_business}"
        org: dict[str, Any] = {"name": org_id.upper(), "kind": "business" if business else
                               draw(st.sampled_from(PUBLIC_KINDS))}  # fmt: skip
        joined = draw(st.none() | days)
        if joined:
            org["joined"] = joined
            if draw(st.booleans()):
                org["left"] = joined + dt.timedelta(days=draw(st.integers(1, 400)))
        files[f"organizations/{org_id}.yaml"] = org
        for n in range(draw(st.integers(1, 2))):
            pid = f"person-{org_id[4:]}-{n}"
            roles = ["business-leader", *(["champion"] if draw(st.booleans()) else [])] if business else []
            files[f"people/{pid}.yaml"] = {"name": pid.title(), "org": org_id, "roles": roles}
            people.append(pid)
    meetings = []
    kinds = ["launch", "full-partnership", "convener-team", "action-team"]
    for index in range(draw(st.integers(0, 5))):
        day = draw(days)
        meeting_id = f"{day.isoformat()}-m{index}"
        attendees = draw(st.lists(st.sampled_from(people), max_size=6, unique=True))
        files[f"meetings/{meeting_id}.yaml"] = {
            "kind": draw(st.sampled_from(kinds)),
            "title": f"Meeting {index}",
            "date": day,
            "status": draw(st.sampled_from(["planned", "held", "cancelled"])),
            "invitees": draw(st.lists(st.sampled_from(people), max_size=6, unique=True)),
            "attendees": attendees,
        }
        meetings.append(meeting_id)
    for index in range(draw(st.integers(0, 3))):
        priority = f"priority-{index}"
        files[f"priorities/{priority}.yaml"] = {
            "title": f"Priority {index}",
            "status": draw(st.sampled_from(["selected", "done", "parked"])),
            **({"meeting": draw(st.sampled_from(meetings))} if meetings and draw(st.booleans()) else {}),
        }
        for t in range(draw(st.integers(0, 2))):
            tasks = []
            for k in range(draw(st.integers(0, 3))):
                task: dict[str, Any] = {"id": f"t{k + 1}", "text": f"Task {k}", "due": draw(st.none() | days)}
                if draw(st.booleans()):
                    task["status"] = "done"
                    task["done_on"] = draw(days)
                tasks.append(task)
            files[f"action-teams/team-{index}-{t}.yaml"] = {
                "name": f"Team {index}-{t}",
                "priority": priority,
                "champions": draw(st.lists(st.sampled_from(people), max_size=2, unique=True)),
                "status": draw(st.sampled_from(["active", "active", "paused", "done"])),
                **({"formed": draw(days)} if draw(st.booleans()) else {}),
                "tasks": tasks,
                "updates": [{"date": d, "text": "news"} for d in sorted(draw(st.lists(days, max_size=3)))],
            }
    return files, draw(days)


def _write(root: Path, files: dict[str, Any]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=folders())
def test_check_status_and_report_state_what_the_listings_show(
    generated: tuple[dict[str, Any], dt.date], ngsp: Callable[..., Any], tmp_path_factory: Any
) -> None:
    files, as_of = generated
    root = tmp_path_factory.mktemp("generated")
    _write(root, files)
    day = as_of.isoformat()

    def read(*args: str) -> Any:
        result = ngsp("-C", root, *args, "--as-of", day, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    teams, orgs, meetings = read("team", "list"), read("org", "list"), read("meeting", "list")
    check, status, report = read("check"), read("status"), read("report")
    summary = report["summary"]
    indicators = {i["id"]: i for f in check["features"] for i in f["indicators"]}

    at_table = [o for o in orgs if o["present"]]
    businesses = sum(o["kind"] == "business" for o in at_table)
    assert summary["businesses"] == businesses
    assert summary["public_partners"] == len(at_table) - businesses
    assert indicators["new-businesses-joining"]["numbers"].get("businesses", businesses) == businesses

    assert summary["meetings_held"] == sum(m["held"] for m in meetings)
    assert [m["id"] for m in status["upcoming_meetings"]] == [m["id"] for m in meetings if m["upcoming"]]

    active = [t for t in teams if t["status"] == "active"]
    assert {t["id"] for t in report["teams"]} == {t["id"] for t in teams}
    assert summary["teams_active"] == len(active)
    assert summary["teams_flagged"] == sum(bool(t["flags"]) for t in teams)
    assert {(f["team"], f["kind"]) for f in status["team_flags"]} == {
        (t["id"], f["kind"]) for t in teams for f in t["flags"]
    }
    overdue = sum(len(t["overdue_tasks"]) for t in teams)
    assert len(status["overdue_tasks"]) == overdue
    assert summary["tasks_overdue"] == overdue
    plan = indicators["action-plan-current"]["numbers"]
    if active:
        assert plan["teams"] == len(active)
        assert plan["overdue_tasks"] == overdue
        for state, key in (("reported", "reported"), ("not-due", "not_due"), ("late", "late")):
            assert plan[key] == sum(t["reporting"] == state for t in active)
    for item in status["checklist"]:
        if item["rule"] == "tasks-on-time":
            assert item["numbers"]["overdue"] == overdue
