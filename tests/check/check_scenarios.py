"""Scenario partnership folders for `ngsp check` and `ngsp assess`, built by hand.

AS_OF is the day every scenario is judged on.  The industry-led scenario meets
every indicator the folder can show; the public-sector-led one has public
staff outnumbering business leaders 2 to 1, public partners in the lead, a
priority chosen by public votes and a stale action plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

AS_OF = dt.date(2027, 1, 15)


def _org(name: str, kind: str, joined: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "kind": kind}
    if joined:
        data["joined"] = joined
    return data


def _person(name: str, org: str, *roles: str, email: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "org": org}
    if email:
        data["email"] = email
    if roles:
        data["roles"] = list(roles)
    return data


def _meeting(date: str, attendees: list[str], kind: str = "full-partnership") -> dict[str, Any]:
    return {
        "kind": kind,
        "title": f"Partnership meeting {date}",
        "date": date,
        "status": "held",
        "attendees": attendees,
    }


def industry_led_files() -> dict[str, Any]:
    businesses = {
        "acme-tools": ("Acme Tools", "2026-01-15"),
        "bolt-works": ("Bolt Works", "2026-01-15"),
        "cedar-plastics": ("Cedar Plastics", "2026-01-20"),
        "delta-machining": ("Delta Machining", "2026-02-01"),
        "echo-foundry": ("Echo Foundry", "2026-08-20"),
        "fern-robotics": ("Fern Robotics", "2026-11-05"),
    }
    files: dict[str, Any] = {
        "partnership.yaml": {
            "schema_version": 1,
            "name": "Valley Manufacturing Partnership",
            "industry": "Manufacturing",
            "region": "Test Valley",
            "conveners": ["valley-workforce-board", "valley-college"],
            "co_chairs": ["ann-lee", "cy-park"],
            "founded": "2026-01-15",
        },
        "organizations/valley-workforce-board.yaml": _org("Valley Workforce Board", "workforce"),
        "organizations/valley-college.yaml": _org("Valley College", "education"),
        "organizations/valley-edc.yaml": _org("Valley Economic Development", "economic-development"),
    }
    for org_id, (name, joined) in businesses.items():
        files[f"organizations/{org_id}.yaml"] = _org(name, "business", joined)
    leaders = {
        "ann-lee": ("Ann Lee", "acme-tools", ["business-leader", "co-chair", "champion"]),
        "cy-park": ("Cy Park", "bolt-works", ["business-leader", "co-chair", "champion"]),
        "dee-ruiz": ("Dee Ruiz", "cedar-plastics", ["business-leader", "champion"]),
        "eli-moss": ("Eli Moss", "delta-machining", ["business-leader"]),
        "fay-wong": ("Fay Wong", "echo-foundry", ["business-leader"]),
        "gus-hale": ("Gus Hale", "fern-robotics", ["business-leader"]),
    }
    for pid, (name, org, roles) in leaders.items():
        files[f"people/{pid}.yaml"] = _person(name, org, *roles, email=f"{pid}@example.org")
    files["people/bo-diaz.yaml"] = _person("Bo Diaz", "valley-workforce-board", "convener", "public-partner")
    files["people/kim-roy.yaml"] = _person("Kim Roy", "valley-college", "public-partner")
    files["people/lu-chen.yaml"] = _person("Lu Chen", "valley-edc", "public-partner")
    business_people = list(leaders)
    public_people = ["bo-diaz", "kim-roy", "lu-chen"]
    files["meetings/2026-03-10-launch.yaml"] = _meeting(
        "2026-03-10", business_people[:4] + public_people, kind="launch"
    )
    files["meetings/2026-07-14-summer.yaml"] = _meeting("2026-07-14", business_people[:4] + public_people[:2])
    files["meetings/2026-12-08-winter.yaml"] = _meeting("2026-12-08", business_people + public_people)
    files["priorities/hiring-pipeline.yaml"] = {
        "title": "Hiring pipeline",
        "meeting": "2026-03-10-launch",
        "status": "selected",
        "votes": {
            "business_points": 12,
            "business_voters": 5,
            "public_points": 2,
            "public_voters": 1,
            "rank": 1,
        },
    }
    files["priorities/supplier-network.yaml"] = {
        "title": "Supplier network",
        "meeting": "2026-03-10-launch",
        "status": "selected",
        "votes": {"business_points": 8, "business_voters": 4, "rank": 2},
    }
    files["action-teams/hiring-pipeline.yaml"] = {
        "name": "Hiring pipeline team",
        "priority": "hiring-pipeline",
        "champions": ["ann-lee"],
        "support": ["kim-roy"],
        "staff_lead": "bo-diaz",
        "formed": "2026-04-01",
        "tasks": [
            {"id": "t1", "text": "Plant tours for counselors", "owner": "ann-lee", "due": "2027-02-28"}
        ],
        "updates": [{"date": "2026-12-20", "text": "Tours booked for February", "by": "ann-lee"}],
    }
    files["action-teams/supplier-network.yaml"] = {
        "name": "Supplier network team",
        "priority": "supplier-network",
        "champions": ["cy-park", "dee-ruiz"],
        "support": ["lu-chen"],
        "formed": "2026-04-01",
        "updates": [{"date": "2027-01-05", "text": "Supplier map drafted", "by": "cy-park"}],
    }
    files["assessments/2026-10-01-self-assessment.yaml"] = {
        "kind": "self-assessment",
        "date": "2026-10-01",
        "answers": {"region-labor-market": {"answer": "yes", "note": "follows the commute shed"}},
    }
    return files


def public_led_files() -> dict[str, Any]:
    files: dict[str, Any] = {
        "partnership.yaml": {
            "schema_version": 1,
            "name": "County Jobs Partnership",
            "industry": "Manufacturing",
            "region": "Test County",
            "conveners": ["county-workforce-board"],
            "co_chairs": ["wes-hart"],
            "founded": "2025-06-01",
        },
        "organizations/county-workforce-board.yaml": _org("County Workforce Board", "workforce"),
        "organizations/county-job-center.yaml": _org("County Job Center", "workforce"),
        "organizations/county-government.yaml": _org("County Government", "government"),
        "organizations/acme-tools.yaml": _org("Acme Tools", "business", "2025-06-01"),
        "organizations/bolt-works.yaml": _org("Bolt Works", "business", "2025-06-01"),
        "organizations/cedar-plastics.yaml": _org("Cedar Plastics", "business", "2025-06-10"),
    }
    public = {
        "wes-hart": ("Wes Hart", "county-workforce-board", ["convener", "co-chair", "champion"]),
        "pat-ng": ("Pat Ng", "county-workforce-board", ["public-partner"]),
        "ria-cole": ("Ria Cole", "county-job-center", ["public-partner", "champion"]),
        "sam-ford": ("Sam Ford", "county-job-center", ["public-partner"]),
        "tia-gray": ("Tia Gray", "county-government", ["public-partner"]),
        "uma-bell": ("Uma Bell", "county-government", ["public-partner"]),
    }
    for pid, (name, org, roles) in public.items():
        files[f"people/{pid}.yaml"] = _person(name, org, *roles)
    business = {"ann-lee": ("Ann Lee", "acme-tools"), "cy-park": ("Cy Park", "bolt-works"),
                "dee-ruiz": ("Dee Ruiz", "cedar-plastics")}  # fmt: skip
    for pid, (name, org) in business.items():
        files[f"people/{pid}.yaml"] = _person(name, org, "business-leader")
    everyone = list(public) + list(business)
    for date in ("2026-05-12", "2026-08-11", "2026-11-10"):
        files[f"meetings/{date}-partnership.yaml"] = _meeting(date, everyone)
    files["priorities/job-fair.yaml"] = {
        "title": "Annual job fair",
        "status": "selected",
        "votes": {"business_points": 0, "business_voters": 0, "public_points": 14, "public_voters": 6},
    }
    files["action-teams/job-fair.yaml"] = {
        "name": "Job fair team",
        "priority": "job-fair",
        "champions": ["ria-cole"],
        "support": ["sam-ford"],
        "formed": "2025-09-01",
        "tasks": [{"id": "t1", "text": "Book the hall", "owner": "sam-ford", "due": "2026-06-30"}],
        "updates": [{"date": "2026-06-15", "text": "Looking for a hall", "by": "ria-cole"}],
    }
    return files


def write_files(root: Path, files: dict[str, Any]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return root
