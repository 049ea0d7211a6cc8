"""`ngsp check`: exit codes, JSON contract, every validation error at once, --min, --only schema."""

from __future__ import annotations

import json
from pathlib import Path

from check_scenarios import AS_OF

DAY = AS_OF.isoformat()


def run_json(ngsp, root: Path, *args: str) -> tuple[int, dict]:
    result = ngsp("-C", root, "check", "--json", "--as-of", DAY, *args)
    return result.exit_code, json.loads(result.stdout)


def test_check_json_matches_the_contract(ngsp, scenario) -> None:
    code, data = run_json(ngsp, scenario("industry-led"))
    assert code == 0
    assert data["partnership"] == "industry-led"
    assert data["as_of"] == DAY
    assert data["valid"] is True
    assert data["errors"] == []
    assert [f["id"] for f in data["features"]] == ["industry-led", "community-supported", "sustainable"]
    for feature in data["features"]:
        assert isinstance(feature["score"], float)
        for indicator in feature["indicators"]:
            assert set(indicator) >= {"id", "status", "evidence", "hint"}
    assert data["score"] == 1.0


def test_check_human_scorecard_groups_by_feature(ngsp, scenario) -> None:
    result = ngsp("-C", scenario("public-led"), "check", "--as-of", DAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Industry-led") < out.index("Community-supported") < out.index("Sustainable over time")
    assert "not met" in out
    assert "3 of 9 attendees" in out
    assert "Score 0.00" in out


def test_min_score_exits_1_below_and_0_at_or_above(ngsp, scenario) -> None:
    low = ngsp("-C", scenario("public-led"), "check", "--as-of", DAY, "--min", "0.5")
    assert low.exit_code == 1
    assert "below the minimum 0.50" in low.stderr
    high = ngsp("-C", scenario("industry-led"), "check", "--as-of", DAY, "--min", "0.9")
    assert high.exit_code == 0, high.output


def test_min_with_json_still_prints_the_report(ngsp, scenario) -> None:
    result = ngsp("-C", scenario("public-led"), "check", "--json", "--as-of", DAY, "--min", "0.5")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["score"] == 0.0


def _broken_files() -> dict[str, object]:
    return {
        "people/bad-mail.yaml": {"name": "Bad Mail", "org": "acme-tools", "email": "not-an-address"},
        "people/lost.yaml": {"name": "Lost Person", "org": "nowhere-inc"},
        "organizations/no-kind.yaml": {"name": "No Kind"},
        "meetings/2026-05-01-oops.yaml": {"kind": "launch", "title": "Oops", "date": "May 1st"},
        "organizations/acme-tools-2.yaml": {"name": "ACME Tools, Inc.", "kind": "business"},
        "people/ann-lee-2.yaml": {"name": "Ann Lee", "org": "acme-tools", "email": "ann-lee@example.org"},
        "indicators.yaml": {"indicators": [{"id": "own", "feature": "industry-led", "title": "Own",
                                            "question": "Own?", "rule": "no-such-rule"}]},
    }  # fmt: skip


def test_every_validation_error_is_reported_in_one_run(ngsp, scenario) -> None:
    root = scenario("industry-led", _broken_files())
    code, data = run_json(ngsp, root)
    assert code == 2
    assert data["valid"] is False
    assert data["score"] is None
    assert data["features"] == []
    found = {(e["file"], e["field"]) for e in data["errors"]}
    assert {
        ("people/bad-mail.yaml", "email"),
        ("people/lost.yaml", "org"),
        ("organizations/no-kind.yaml", "kind"),
        ("meetings/2026-05-01-oops.yaml", "date"),
        ("organizations/acme-tools-2.yaml", "name"),
        ("people/ann-lee-2.yaml", "email"),
        ("indicators.yaml", "indicators.0.rule"),
    } <= found
    assert all(e["line"] for e in data["errors"]), data["errors"]
    assert all(e["hint"] for e in data["errors"] if e["field"] != "email" or "already" in e["message"])
    keys = [(e["file"], e["line"]) for e in data["errors"]]
    assert keys == sorted(keys)


def test_validation_errors_in_the_human_output(ngsp, scenario) -> None:
    root = scenario("industry-led", _broken_files())
    result = ngsp("-C", root, "check", "--as-of", DAY)
    assert result.exit_code == 2
    assert (
        "organizations/acme-tools-2.yaml:1 (name): 'ACME Tools, Inc.' is already recorded in" in result.stdout
    )
    assert "indicators.yaml:6 (indicator 1, rule): 'no-such-rule' is not a rule ngsp knows" in result.stdout
    assert "Score" not in result.stdout


def test_answer_to_no_indicator_is_a_warning_not_an_error(ngsp, scenario) -> None:
    typo = {
        "assessments/2026-10-02-self-assessment.yaml": {
            "kind": "self-assessment", "date": "2026-10-02",
            "answers": {"regon-labor-market": {"answer": "yes"}},
        },
    }  # fmt: skip
    root = scenario("industry-led", typo)
    code, data = run_json(ngsp, root)
    assert code == 0
    assert data["valid"] is True
    [warning] = data["warnings"]
    assert (warning["file"], warning["line"], warning["field"]) == (
        "assessments/2026-10-02-self-assessment.yaml", 4, "answers.regon-labor-market",
    )  # fmt: skip
    assert "region-labor-market" in warning["hint"]
    human = ngsp("-C", root, "check", "--as-of", DAY)
    assert "1 warning" in human.stdout
    flat = " ".join(human.stdout.split())  # messages wrap at the terminal width
    assert "'regon-labor-market' is not an indicator; this answer is ignored" in flat


def test_same_meeting_twice_after_a_merge_is_an_error(ngsp, scenario) -> None:
    copy = {"kind": "full-partnership", "title": "Partnership meeting 2026-12-08", "date": "2026-12-08",
            "status": "held", "attendees": ["ann-lee"]}  # fmt: skip
    root = scenario("industry-led", {"meetings/2026-12-08-winter-2.yaml": copy})
    code, data = run_json(ngsp, root)
    assert code == 2
    assert [e["file"] for e in data["errors"]] == ["meetings/2026-12-08-winter-2.yaml"]
    assert "same meeting as meetings/2026-12-08-winter.yaml" in data["errors"][0]["message"]


def test_same_priority_title_twice_is_an_error(ngsp, scenario) -> None:
    root = scenario("industry-led", {"priorities/hiring-pipeline-2.yaml": {"title": "Hiring Pipeline"}})
    code, data = run_json(ngsp, root)
    assert code == 2
    assert data["errors"][0]["file"] == "priorities/hiring-pipeline-2.yaml"


def test_only_schema_validates_without_scoring(ngsp, scenario) -> None:
    root = scenario("public-led")
    code, data = run_json(ngsp, root, "--only", "schema", "--min", "0.9")
    assert code == 0
    assert data["valid"] is True
    assert data["features"] == []
    assert data["score"] is None
    human = ngsp("-C", root, "check", "--only", "schema")
    assert human.exit_code == 0
    assert "Every file is valid" in human.stdout


def test_only_schema_fails_on_a_broken_file(ngsp, scenario) -> None:
    root = scenario("industry-led", {"organizations/no-kind.yaml": {"name": "No Kind"}})
    result = ngsp("-C", root, "check", "--only", "schema")
    assert result.exit_code == 2
    assert "organizations/no-kind.yaml" in result.stdout


def test_unreadable_partnership_file_is_reported_as_json(ngsp, scenario) -> None:
    root = scenario("industry-led", {"partnership.yaml": "name: [unclosed\n"})
    code, data = run_json(ngsp, root)
    assert code == 2
    assert data["valid"] is False
    assert data["errors"][0]["file"] == "partnership.yaml"


def test_only_rejects_an_unknown_part(ngsp, scenario) -> None:
    result = ngsp("-C", scenario("industry-led"), "check", "--only", "everything")
    assert result.exit_code == 2
    assert "--only schema" in result.stderr


def test_folder_indicators_file_changes_and_adds_indicators(ngsp, scenario) -> None:
    own = {
        "indicators": [
            {"id": "business-outnumber-public", "params": {"meetings": 1}},
            {"id": "new-businesses-joining", "enabled": False},
            {"id": "k12-at-the-table", "feature": "community-supported", "title": "Schools take part",
             "question": "Do K-12 schools take part?", "rule": "self-assessed"},
        ],
    }  # fmt: skip
    extra = {
        "indicators.yaml": own,
        "meetings/2026-07-14-summer.yaml": {
            "kind": "full-partnership", "title": "Summer", "date": "2026-07-14", "status": "held",
            "attendees": ["ann-lee", "bo-diaz", "kim-roy"],
        },
    }  # fmt: skip
    code, data = run_json(ngsp, scenario("industry-led", extra))
    assert code == 0, data["errors"]
    indicators = {i["id"]: i for f in data["features"] for i in f["indicators"]}
    assert "new-businesses-joining" not in indicators
    assert indicators["k12-at-the-table"]["status"] == "unknown"
    # Only the last meeting counts now, so the one bad summer meeting no longer matters.
    assert indicators["business-outnumber-public"]["status"] == "met"


def test_playbook_folder_holds_a_program_indicators_file(ngsp, scenario) -> None:
    # The program changes only the indicators; its folder has no phases/ at all.
    program = {
        "state/playbook/indicators.yaml": "indicators:\n  - id: business-champions\n    params:\n"
        "      min_champions: 5\n",
    }
    root = scenario("industry-led", program)
    text = (root / "partnership.yaml").read_text()
    (root / "partnership.yaml").write_text(text + "playbook: state/playbook\n")
    code, data = run_json(ngsp, root)
    assert code == 0, data["errors"]
    champions = next(i for f in data["features"] for i in f["indicators"] if i["id"] == "business-champions")
    assert champions["status"] == "partial"
    assert "aim for 5" in champions["hint"]


def test_playbook_phase_errors_are_part_of_the_check(ngsp, scenario) -> None:
    root = scenario("industry-led", {"playbook/phases/9-extra.yaml": "id: extra\nnumber: 9\nnope: 1\n"})
    code, data = run_json(ngsp, root, "--only", "schema")
    assert code == 2
    assert {e["file"] for e in data["errors"]} == {"playbook/phases/9-extra.yaml"}


def test_bad_rule_parameter_is_reported_with_its_line(ngsp, scenario) -> None:
    text = "indicators:\n  - id: action-plan-current\n    params:\n      dayz: 30\n"
    code, data = run_json(ngsp, scenario("industry-led", {"indicators.yaml": text}))
    assert code == 2
    assert data["errors"][0]["file"] == "indicators.yaml"
    assert data["errors"][0]["line"] == 4
    assert data["errors"][0]["field"] == "indicators.0.params.dayz"


def test_bundled_example_is_valid_and_every_indicator_has_evidence(ngsp, example_folder) -> None:
    result = ngsp("-C", example_folder, "check", "--json", "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["valid"] is True
    indicators = {i["id"]: i for f in data["features"] for i in f["indicators"]}
    assert all(i["evidence"] and i["hint"] for i in indicators.values())
    # The region can only be self-assessed; the example's self-assessment answers it.
    assert indicators["region-labor-market"]["source"] == "self-assessment"


def test_pre_commit_hook_runs_the_schema_check(ngsp, scenario) -> None:
    import shlex

    import yaml

    repo = Path(__file__).resolve().parents[2]
    [hook] = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "ngsp-check"
    assert hook["pass_filenames"] is False
    program, *args = shlex.split(hook["entry"])
    assert program == "ngsp"
    good = ngsp("-C", scenario("industry-led"), *args)
    assert good.exit_code == 0, good.output
    bad = ngsp("-C", scenario("public-led", {"organizations/no-kind.yaml": {"name": "No Kind"}}), *args)
    assert bad.exit_code == 2


def test_an_override_with_a_mistyped_id_is_an_error_with_the_closest_id(ngsp, scenario) -> None:
    text = "# our changes\nindicators:\n  - id: new-businesses-joinin\n    enabled: false\n"
    code, data = run_json(ngsp, scenario("industry-led", {"indicators.yaml": text}))
    assert code == 2
    error = data["errors"][0]
    assert (error["file"], error["line"], error["field"]) == ("indicators.yaml", 3, "indicators.0.id")
    assert "'new-businesses-joinin' is not a known indicator" in error["message"]
    assert "did you mean 'new-businesses-joining'?" in error["hint"]
