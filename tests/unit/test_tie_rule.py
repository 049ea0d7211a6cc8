"""The tie rule on hand-counted tallies: business dots, then distinct business leaders, else --pick."""

from __future__ import annotations

import pytest

from ngsp_cli.errors import UsageError
from ngsp_cli.services.priorities.ranking import Ranked
from ngsp_cli.services.priorities.tie_rule import PICK_NOTE, Tie, select


def _tally(*counts: tuple[str, int, int]) -> list[Ranked]:
    """Candidates as (id, business dots, business leaders who gave them), counted by hand."""
    return [Ranked(pid, pid.title(), "talent", business_points=dots, business_voters=leaders)
            for pid, dots, leaders in counts]  # fmt: skip


def test_more_business_dots_win_over_more_leaders() -> None:
    # housing: 5 dots from 2 leaders; transit: 4 dots from 4 leaders; one place.
    outcome = select(_tally(("transit", 4, 4), ("housing", 5, 2), ("childcare", 1, 1)), top=1)
    assert outcome.selected == ["housing"]
    assert (outcome.ties, outcome.undecided, outcome.open_slots, outcome.decided_by) == ([], [], 0, {})


def test_equal_dots_go_to_the_priority_more_leaders_voted_for() -> None:
    # housing and transit: 4 dots each, from 3 and 2 leaders; childcare: 2 dots; one place.
    outcome = select(_tally(("housing", 4, 3), ("transit", 4, 2), ("childcare", 2, 1)), top=1)
    assert outcome.selected == ["housing"]
    assert outcome.ties == [Tie(["housing", "transit"], 4, True, "rule")]
    assert outcome.undecided == []
    assert outcome.decided_by == {
        "housing": "tied with transit on 4 business dots; more business leaders voted for it (3 against 2)",
        "transit": "tied with housing on 4 business dots; fewer business leaders voted for it (2 against 3)",
    }


def test_a_tie_the_rule_cannot_break_is_left_to_the_business_leaders() -> None:
    # housing: 5 dots; transit and childcare: 3 dots from 2 leaders each; broadband: 1 dot; two places.
    tally = _tally(("housing", 5, 3), ("transit", 3, 2), ("childcare", 3, 2), ("broadband", 1, 1))
    outcome = select(tally, top=2)
    assert outcome.selected == ["housing"]
    assert (outcome.undecided, outcome.open_slots) == (["childcare", "transit"], 1)
    assert outcome.ties == [Tie(["childcare", "transit"], 3, True, None)]

    picked = select(tally, top=2, picks=["transit"])
    assert picked.selected == ["housing", "transit"]
    assert (picked.undecided, picked.open_slots) == ([], 1)
    assert picked.ties == [Tie(["childcare", "transit"], 3, True, "pick")]
    assert picked.decided_by["childcare"] == picked.decided_by["transit"]
    assert picked.decided_by["transit"].startswith(PICK_NOTE)
    assert "3 dots from 2 business leaders each" in picked.decided_by["transit"]


def test_a_pick_must_name_a_priority_in_the_tie() -> None:
    tally = _tally(("housing", 5, 3), ("transit", 3, 2), ("childcare", 3, 2), ("broadband", 1, 1))
    with pytest.raises(UsageError, match="--pick broadband: it is not in the tie at the cut-off") as caught:
        select(tally, top=2, picks=["broadband"])
    assert caught.value.problem.hint == "pick 1 of: childcare, transit"
    with pytest.raises(UsageError, match="--pick bridges: there is no such candidate"):
        select(tally, top=2, picks=["bridges"])
    with pytest.raises(UsageError, match="leaves 1 place, but 2 were picked"):
        select(tally, top=2, picks=["transit", "childcare"])


def test_a_pick_without_a_tie_at_the_cut_off_is_refused() -> None:
    with pytest.raises(UsageError, match="only for a tie at the cut-off"):
        select(_tally(("housing", 5, 3), ("transit", 3, 2)), top=1, picks=["housing"])


def test_candidates_without_business_dots_are_never_selected() -> None:
    outcome = select(_tally(("housing", 2, 1), ("transit", 0, 0)), top=2)
    assert outcome.selected == ["housing"]
    assert outcome.undecided == []
