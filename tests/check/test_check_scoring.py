"""Scoring the Next Gen indicators from hand-built scenario folders (core functions, no CLI)."""

from __future__ import annotations

import datetime as dt

import pytest
from check_scenarios import AS_OF

from ngsp_cli.playbook.indicators import Status, load_indicators
from ngsp_cli.rules import RULES
from ngsp_cli.services.assessment.indicators import score_partnership
from ngsp_cli.store.folder import load


def statuses(root, as_of=AS_OF):
    report = score_partnership(load(root), as_of)
    return {r.id: r.status.value for r in report.indicators}, report


def test_every_indicator_rule_is_in_the_one_registry_with_a_parameter_model() -> None:
    for indicator in load_indicators().indicators:
        spec = RULES[indicator.definition.rule]
        assert isinstance(indicator.params, spec.params)


def test_bundled_indicators_cover_the_three_key_features() -> None:
    indicator_set = load_indicators()
    assert [f.id for f in indicator_set.features] == ["industry-led", "community-supported", "sustainable"]
    assert {i.definition.feature for i in indicator_set.indicators} == {
        "industry-led", "community-supported", "sustainable",
    }  # fmt: skip


def test_industry_led_partnership_meets_every_indicator(scenario) -> None:
    found, report = statuses(scenario("industry-led"))
    assert found == {
        "region-labor-market": "met",
        "business-outnumber-public": "met",
        "business-champions": "met",
        "priorities-from-business": "met",
        "coordinated-public-support": "met",
        "action-plan-current": "met",
        "new-businesses-joining": "met",
    }
    assert report.score == 1.0


def test_public_led_partnership_scores_low_on_the_right_indicators(scenario) -> None:
    found, report = statuses(scenario("public-led"))
    assert found == {
        "region-labor-market": "unknown",
        "business-outnumber-public": "not-met",
        "business-champions": "not-met",
        "priorities-from-business": "not-met",
        "coordinated-public-support": "not-met",
        "action-plan-current": "not-met",
        "new-businesses-joining": "not-met",
    }
    assert report.score == 0.0


def test_public_led_evidence_says_why_with_numbers(scenario) -> None:
    _, report = statuses(scenario("public-led"))
    by_id = {r.id: r for r in report.indicators}
    assert "3 of 9 attendees at the 2026-11-10 full partnership meeting were business leaders" in (
        by_id["business-outnumber-public"].evidence
    )
    assert "0 of the last 3 meetings" in by_id["business-outnumber-public"].evidence
    assert "no business leader is co-chair or champion" in by_id["business-champions"].evidence.lower()
    assert "Wes Hart" in by_id["business-champions"].evidence
    assert "last update 2026-06-15, 214 days ago" in by_id["action-plan-current"].evidence
    assert "Job fair team" in by_id["action-plan-current"].hint
    assert "education and economic development" in by_id["coordinated-public-support"].hint


def test_meeting_balance_is_partial_when_business_wins_only_some_meetings(scenario) -> None:
    extra = {
        "meetings/2026-12-08-winter.yaml": {
            "kind": "full-partnership", "title": "Winter", "date": "2026-12-08", "status": "held",
            "attendees": ["ann-lee", "bo-diaz", "kim-roy", "lu-chen"],
        },
    }  # fmt: skip
    found, report = statuses(scenario("industry-led", extra))
    assert found["business-outnumber-public"] == "partial"
    result = next(r for r in report.indicators if r.id == "business-outnumber-public")
    assert "at 2 of the last 3 meetings" in result.evidence
    assert "1 of 4 attendees at the 2026-12-08 full partnership meeting" in result.evidence


def test_stale_plan_is_judged_against_the_as_of_date(scenario) -> None:
    root = scenario("industry-led")
    assert statuses(root, AS_OF)[0]["action-plan-current"] == "met"
    later = AS_OF + dt.timedelta(days=90)
    assert statuses(root, later)[0]["action-plan-current"] == "not-met"


def test_overdue_tasks_keep_a_fresh_plan_at_partial(scenario) -> None:
    root = scenario("industry-led")
    # The hiring team's task is due 2027-02-28; by 2027-03-01 it is overdue while updates are still fresh.
    found, _ = statuses(root, dt.date(2027, 3, 1))
    assert found["action-plan-current"] == "partial"


def test_missing_evidence_is_unknown_never_met(partnership_tree) -> None:
    found, report = statuses(partnership_tree())
    for indicator in ("business-outnumber-public", "priorities-from-business", "action-plan-current",
                      "new-businesses-joining", "region-labor-market"):  # fmt: skip
        assert found[indicator] == "unknown", indicator
    unknown = [r for r in report.indicators if r.status is Status.unknown]
    assert all(r.source == "none" for r in unknown)
    assert all("No self-assessment answer either" in r.evidence for r in unknown)
    assert all("ngsp assess --answer" in r.hint for r in unknown)


def test_unknown_counts_as_zero_in_the_score(partnership_tree) -> None:
    _, report = statuses(partnership_tree())
    expected = sum(r.status.points for r in report.indicators) / len(report.indicators)
    assert report.score == round(expected, 2)
    assert report.score < 0.5


def test_self_assessment_fills_in_where_the_folder_has_no_evidence(partnership_tree) -> None:
    root = partnership_tree({
        "assessments/2026-10-01-self-assessment.yaml": {
            "kind": "self-assessment", "date": "2026-10-01",
            "answers": {
                "action-plan-current": {"answer": "partly", "note": "two teams, one quiet"},
                "region-labor-market": {"answer": "yes"},
                "business-outnumber-public": {"answer": "no"},
            },
        },
        "assessments/2026-03-01-self-assessment.yaml": {
            "kind": "self-assessment", "date": "2026-03-01",
            "answers": {"action-plan-current": {"answer": "yes"},
                        "new-businesses-joining": {"answer": "yes"}},
        },
        "assessments/2027-06-01-self-assessment.yaml": {
            "kind": "self-assessment", "date": "2027-06-01",
            "answers": {"action-plan-current": {"answer": "no"}},
        },
    })  # fmt: skip
    found, report = statuses(root)
    by_id = {r.id: r for r in report.indicators}
    assert found["action-plan-current"] == "partial"  # latest on or before as-of wins
    assert found["region-labor-market"] == "met"
    assert found["business-outnumber-public"] == "not-met"
    assert found["new-businesses-joining"] == "met"  # older answer still the latest for it
    plan = by_id["action-plan-current"]
    assert plan.source == "self-assessment"
    assert plan.evidence.startswith("Self-assessment of 2026-10-01: 'partly' (two teams, one quiet).")
    assert "the folder has no evidence yet" in plan.evidence


def test_folder_evidence_wins_over_the_self_assessment(scenario) -> None:
    answers = {"answers": {"business-outnumber-public": {"answer": "yes"}}}
    root = scenario("public-led", {
        "assessments/2027-01-01-self-assessment.yaml": {"kind": "self-assessment", "date": "2027-01-01",
                                                        **answers},
    })  # fmt: skip
    found, report = statuses(root)
    assert found["business-outnumber-public"] == "not-met"
    assert next(r for r in report.indicators if r.id == "business-outnumber-public").source == "folder"


def test_young_partnership_without_newcomers_is_unknown_not_failed(scenario) -> None:
    root = scenario("industry-led")
    found, _ = statuses(root, dt.date(2026, 3, 1))
    assert found["new-businesses-joining"] == "unknown"


@pytest.mark.parametrize(("newcomers", "expected"), [(0, "not-met"), (1, "partial"), (2, "met")])
def test_new_business_thresholds(scenario, newcomers: int, expected: str) -> None:
    joined = ["2026-08-20", "2026-11-05"]
    extra = {
        "organizations/echo-foundry.yaml": {"name": "Echo Foundry", "kind": "business",
                                            "joined": joined[0] if newcomers >= 1 else "2026-01-15"},
        "organizations/fern-robotics.yaml": {"name": "Fern Robotics", "kind": "business",
                                             "joined": joined[1] if newcomers >= 2 else "2026-01-15"},
    }  # fmt: skip
    found, _ = statuses(scenario("industry-led", extra))
    assert found["new-businesses-joining"] == expected


def test_priority_without_a_tally_falls_back_to_unknown(scenario) -> None:
    extra = {
        "priorities/hiring-pipeline.yaml": {"title": "Hiring pipeline", "status": "selected"},
        "priorities/supplier-network.yaml": {"title": "Supplier network", "status": "selected"},
    }
    found, report = statuses(scenario("industry-led", extra))
    assert found["priorities-from-business"] == "unknown"
    result = next(r for r in report.indicators if r.id == "priorities-from-business")
    assert "none has a vote tally" in result.evidence


def test_report_json_has_the_contract_shape(scenario) -> None:
    data = score_partnership(load(scenario("industry-led")), AS_OF).as_json()
    assert {"partnership", "as_of", "valid", "errors", "features", "score"} <= set(data)
    assert data["as_of"] == "2027-01-15"
    assert data["valid"] is True
    for feature in data["features"]:
        assert {"id", "score", "indicators"} <= set(feature)
        assert 0 <= feature["score"] <= 1
        for indicator in feature["indicators"]:
            assert {"id", "status", "evidence", "hint"} <= set(indicator)
            assert indicator["status"] in {"met", "partial", "not-met", "unknown"}


def test_an_unknown_self_assessment_answer_stays_unknown_and_says_so(partnership_tree) -> None:
    root = partnership_tree({
        "assessments/2026-10-01-self-assessment.yaml": {
            "kind": "self-assessment", "date": "2026-10-01",
            "answers": {"region-labor-market": {"answer": "unknown", "note": "not discussed yet"}},
        },
    })  # fmt: skip
    found, report = statuses(root)
    assert found["region-labor-market"] == "unknown"
    region = next(r for r in report.indicators if r.id == "region-labor-market")
    assert "The self-assessment of 2026-10-01 answered 'unknown' too." in region.evidence


def _quiet_team(priority: str, **extra):
    return {"name": "Quiet team", "priority": priority, "champions": ["ann-lee"], **extra}


@pytest.mark.parametrize(
    ("team", "as_of", "stale"),
    [
        # no update, no formed date, its priority chosen at the 2026-03-10 launch: quiet since then
        (_quiet_team("hiring-pipeline"), AS_OF, True),
        (_quiet_team("hiring-pipeline"), dt.date(2026, 4, 1), False),
        # nothing says when it started: it has no recent update either
        (_quiet_team("no-such-priority"), AS_OF, True),
        # an update dated after the day judged does not count yet
        (
            _quiet_team(
                "hiring-pipeline", formed="2026-04-01", updates=[{"date": "2027-03-01", "text": "later"}]
            ),
            AS_OF,
            True,
        ),
    ],
)
def test_check_and_team_flags_agree_on_stale_teams(scenario, team, as_of, stale) -> None:
    from ngsp_cli.rules import PartnershipAt

    root = scenario("industry-led", {"action-teams/quiet.yaml": team})
    snap = load(root, strict=False)
    flagged = any(f.team == "quiet" and f.kind == "stale" for f in PartnershipAt(snap, as_of).team_flags)
    result = next(r for r in score_partnership(snap, as_of).indicators if r.id == "action-plan-current")
    assert flagged is stale
    # A stale team is named as late; a newly formed one only as "not due yet", never as reported.
    named_late = "Quiet team:" in result.evidence
    assert named_late is stale
    if stale:
        assert result.status.value != "met"
    else:
        assert "not due yet (" in result.evidence
        assert "Quiet team" in result.evidence


def test_outvoted_priorities_get_a_hint_about_the_public_dots(scenario) -> None:
    outvoted = {
        "title": "Hiring pipeline",
        "meeting": "2026-03-10-launch",
        "status": "selected",
        "votes": {"business_points": 12, "business_voters": 5, "public_points": 20, "public_voters": 8},
    }
    _, report = statuses(scenario("industry-led", {"priorities/hiring-pipeline.yaml": outvoted}))
    result = next(r for r in report.indicators if r.id == "priorities-from-business")
    assert result.status.value == "partial"
    assert "'Hiring pipeline' 20 against 12" in result.evidence
    assert "without business votes" not in result.hint
    assert "Public partners cast more dots than business leaders on 'Hiring pipeline'" in result.hint


def test_priorities_without_business_dots_are_named_in_the_hint(scenario) -> None:
    unvoted = {
        "title": "Supplier network",
        "meeting": "2026-03-10-launch",
        "status": "selected",
        "votes": {"business_points": 0, "business_voters": 0, "public_points": 6, "public_voters": 3},
    }
    _, report = statuses(scenario("industry-led", {"priorities/supplier-network.yaml": unvoted}))
    result = next(r for r in report.indicators if r.id == "priorities-from-business")
    assert "no business dots ('Supplier network')" in result.evidence
    assert "Priorities without business votes ('Supplier network')" in result.hint


def test_the_most_voted_priority_follows_the_recorded_rank_on_a_tie(scenario) -> None:
    # Both got 12 business dots; the vote's tie rule ranked the hiring pipeline first.
    tied = {
        "title": "Supplier network",
        "meeting": "2026-03-10-launch",
        "status": "selected",
        "votes": {"business_points": 12, "business_voters": 5, "rank": 2},
    }
    _, report = statuses(scenario("industry-led", {"priorities/aaa-supplier-network.yaml": tied}))
    by_id = {r.id: r for r in report.indicators}
    assert "most: 'Hiring pipeline', 12 dots" in by_id["priorities-from-business"].evidence
