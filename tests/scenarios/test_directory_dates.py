"""Scenario (g), the directory on its dates: who an organization counts, who may join it, when
it joined and when they left, against hand counts.

The Valley partnership of test_refresh_vote.py: Bo Diaz and Kim Roy (public partners) from
2025-01-06, Ann Lee (Acme Tools), Cy Park (Bolt Works) and Dee Ruiz (Cedar Plastics) from
2025-02-03; the launch on 2025-03-04 (all five attend, Ann and Cy vote); Cedar Plastics leaves
on 2025-12-31 (Dee stays on file); the refresh vote on 2026-03-03 (Ann, Cy and Kim attend, Cy
votes). Today is 2026-04-01.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from partnership_on_calendar import Partnership
from test_refresh_vote import _build

from ngsp_cli.services.assessment.validate import validate_folder
from ngsp_cli.store.folder import load


@pytest.fixture
def valley(partnership: Partnership, tmp_path: Path) -> tuple[Partnership, dict[str, str]]:
    return partnership, _build(partnership, tmp_path)


def _file(p: Partnership, rel: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((p.root / rel).read_text(encoding="utf-8"))
    return data


# --- 1. org list counts the people at the table on the day ------------------------------------


def test_org_list_counts_the_people_at_the_table_on_the_day(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, _ = valley
    p("person", "add", "Eve Stone", "--org", "acme-tools", "--joined", "2025-06-01")
    p("person", "leave", "kim-roy", "--date", "2026-03-20")
    by_hand = {
        # Eve has not joined yet: Acme Tools counts Ann only.
        "2025-03-10": {"acme-tools": 1, "bolt-works": 1, "cedar-plastics": 1, "valley-college": 1,
                       "valley-workforce-board": 1},
        "2025-07-01": {"acme-tools": 2, "bolt-works": 1, "cedar-plastics": 1, "valley-college": 1,
                       "valley-workforce-board": 1},
        # Cedar Plastics left on 2025-12-31: Dee is on file but not at the table.
        "2026-01-10": {"acme-tools": 2, "bolt-works": 1, "cedar-plastics": 0, "valley-college": 1,
                       "valley-workforce-board": 1},
        # Kim left on 2026-03-20.
        "2026-03-25": {"acme-tools": 2, "bolt-works": 1, "cedar-plastics": 0, "valley-college": 0,
                       "valley-workforce-board": 1},
    }  # fmt: skip
    for day, counts in by_hand.items():
        orgs = p.json("org", "list", "--all", "--as-of", day)
        assert {o["id"]: o["people"] for o in orgs} == counts, day
        people = p.json("person", "list", "--as-of", day)
        present = Counter(row["org"] for row in people if row["present"])
        assert {o: n for o, n in counts.items() if n} == dict(present), day
    # The service gives the same numbers to anyone who asks.
    from ngsp_cli.services.directory.entries import list_organizations

    listing = list_organizations(load(p.root), dt.date(2025, 3, 10))
    assert listing.headcount["acme-tools"] == 1
    assert "cedar-plastics" not in {
        o.id for o in list_organizations(load(p.root), dt.date(2026, 1, 10)).shown
    }


# --- 2. nobody joins an organization that left -------------------------------------------------


def test_nobody_joins_an_organization_that_had_left(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, _ = valley
    refused = p.refused("person", "add", "Gus Hale", "--org", "Cedar Plastics")
    said = " ".join(refused.output.split())
    assert "Cedar Plastics left on 2025-12-31" in said
    assert "ngsp org leave cedar-plastics --undo" in said
    assert not (p.root / "people/gus-hale.yaml").exists()
    # Before it left, someone could join it.
    p("person", "add", "Gus Hale", "--org", "Cedar Plastics", "--joined", "2025-06-01")
    assert str(_file(p, "people/gus-hale.yaml")["joined"]) == "2025-06-01"


def test_an_import_row_of_an_organization_that_left_is_a_bad_row(
    valley: tuple[Partnership, dict[str, str]], tmp_path: Path
) -> None:
    p, _ = valley
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "Name,Organization,Joined\n"
        "Hana Ito,Cedar Plastics,\n"
        "Ivy Lund,Acme Tools,\n"
        "Jo Marsh,Cedar Plastics,2025-05-01\n",
        encoding="utf-8",
    )
    result = p._run("-C", p.root, "person", "import", str(sheet), "--json")
    assert result.exit_code == 2, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)["rows"]}
    assert rows["Hana Ito"]["action"] == "bad"
    assert "Cedar Plastics left on 2025-12-31" in rows["Hana Ito"]["detail"]
    assert "ngsp org leave cedar-plastics --undo" in rows["Hana Ito"]["detail"]
    assert (rows["Ivy Lund"]["action"], rows["Jo Marsh"]["action"]) == ("create", "create")
    assert not (p.root / "people/hana-ito.yaml").exists()
    assert (p.root / "people/ivy-lund.yaml").exists()


# --- 3. an import never moves a known joined date later ----------------------------------------


def test_an_update_keeps_the_earlier_joined_date(
    valley: tuple[Partnership, dict[str, str]], tmp_path: Path
) -> None:
    p, _ = valley
    p.edit("organizations/valley-college.yaml", joined=None)
    sheet = tmp_path / "orgs.csv"
    sheet.write_text(
        "Name,Joined\nAcme Tools,2025-06-01\nBolt Works,2024-11-01\nValley College,2025-01-10\n",
        encoding="utf-8",
    )
    result = p.json("org", "import", str(sheet), "--update", "--as-of", "2026-04-01")
    rows = {r["name"]: r for r in result["rows"]}
    # Acme Tools was at the table from 2025-02-03: the sheet's later day is ignored.
    assert rows["Acme Tools"]["action"] == "skip"
    assert "ignored the sheet's later '2025-06-01'" in rows["Acme Tools"]["detail"]
    assert "adds" not in rows["Acme Tools"]["detail"]
    assert str(_file(p, "organizations/acme-tools.yaml")["joined"]) == "2025-02-03"
    # An earlier day is what --update is for; a missing one is added.
    assert rows["Bolt Works"]["action"] == "update"
    assert "replaces joined" in rows["Bolt Works"]["detail"]
    assert str(_file(p, "organizations/bolt-works.yaml")["joined"]) == "2024-11-01"
    assert "adds joined" in rows["Valley College"]["detail"]
    assert str(_file(p, "organizations/valley-college.yaml")["joined"]) == "2025-01-10"
    # Without --update, the later day is still reported as ignored, not as a difference to take.
    again = {r["name"]: r for r in p.json("org", "import", str(sheet))["rows"]}
    assert "pass --update" not in again["Acme Tools"]["detail"]


# --- 4. check: joined after left ---------------------------------------------------------------


def test_check_reports_joining_after_leaving(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, _ = valley
    p.edit("people/cy-park.yaml", left="2025-01-15")  # joined 2025-02-03
    p.edit("organizations/valley-college.yaml", left="2024-12-31")  # joined 2025-01-06
    found = [pr for pr in validate_folder(p.root).problems if pr.field == "joined"]
    assert [(pr.file, pr.field) for pr in found] == [
        ("organizations/valley-college.yaml", "joined"),
        ("people/cy-park.yaml", "joined"),
    ]
    assert "Cy Park joined on 2025-02-03, after the day they left (2025-01-15)" in found[1].message
    assert found[1].line is not None
    assert found[1].hint
    result = p._run("-C", p.root, "check")
    assert result.exit_code != 0
    assert "cy-park.yaml" in result.output


# --- 5. a back-dated leave before what the folder records --------------------------------------


def test_a_leave_before_recorded_attendance_is_refused(valley: tuple[Partnership, dict[str, str]]) -> None:
    p, ids = valley
    refused = p.refused("person", "leave", "ann-lee", "--date", "2025-12-01")
    said = " ".join(refused.output.split())
    assert "Ann Lee attended" in said
    assert f"({ids['refresh']}) on 2026-03-03" in said
    assert "give a later day" in said
    assert "left" not in _file(p, "people/ann-lee.yaml")
    # Bolt Works: Cy attended the launch and voted there; the first record is named.
    refused = p.refused("org", "leave", "bolt-works", "--date", "2025-03-01", "--no-input")
    said = " ".join(refused.output.split())
    assert f"({ids['launch']}) on 2025-03-04" in said
    assert "2026-03-03" in said
    assert "left" not in _file(p, "organizations/bolt-works.yaml")
    assert "left" not in _file(p, "people/cy-park.yaml")
    # After the last record it is fine.
    p("person", "leave", "ann-lee", "--date", "2026-03-03")
    assert str(_file(p, "people/ann-lee.yaml")["left"]) == "2026-03-03"


def test_a_leave_before_a_team_update_or_a_team_formed_is_refused(
    valley: tuple[Partnership, dict[str, str]],
) -> None:
    p, _ = valley
    p("team", "update", "hiring-pipeline", "Job fair booked", "--by", "kim-roy")  # 2026-04-01
    refused = p.refused("person", "leave", "kim-roy", "--date", "2026-03-20")
    said = " ".join(refused.output.split())
    assert "Kim Roy wrote an update of" in said
    assert "on 2026-04-01" in said
    assert "left" not in _file(p, "people/kim-roy.yaml")
    p.edit("action-teams/hiring-pipeline.yaml", formed="2026-03-25", updates=[])
    refused = p.refused("person", "leave", "ann-lee", "--date", "2026-03-20")
    assert "champions Hiring pipeline" in " ".join(refused.output.split())
