"""`build_status` and `current_phase`: the phase, the next step and the warnings."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ngsp_cli.errors import InputError
from ngsp_cli.playbook import load_playbook
from ngsp_cli.services.assessment.status import build_status, current_phase
from ngsp_cli.store.folder import load

TODAY = dt.date(2026, 11, 25)  # "today" in the bundled example's timeline


def _status(root: Path, as_of: dt.date = TODAY):
    snap = load(root)
    return build_status(snap, load_playbook(root, snap.partnership), as_of)


def _before_prioritizing(example_folder: Path) -> Path:
    """The example as it stood after the launch, before any vote was tallied."""
    for sub in ("priorities", "action-teams"):
        shutil.rmtree(example_folder / sub, ignore_errors=True)
    for meeting in (example_folder / "meetings").glob("*.yaml"):
        if "\nkind: action-team" in "\n" + meeting.read_text():
            meeting.unlink()
    return example_folder


def test_after_the_launch_the_next_step_is_recording_the_priorities(example_folder: Path) -> None:
    report = _status(_before_prioritizing(example_folder))
    assert report.phase.id == "launch"
    assert report.next_step is not None
    assert report.next_step.id == "record-priorities"
    assert "prioritize" in report.next_step.text
    assert {"hold-launch", "record-opportunities"} <= {s.id for s in report.steps_done}
    assert report.as_json()["next_step"]["evidence"] == ["no priority is selected yet"]


def test_before_the_launch_day_the_next_step_is_holding_it(example_folder: Path) -> None:
    report = _status(_before_prioritizing(example_folder), dt.date(2026, 9, 1))
    assert report.phase.id == "launch"
    assert report.next_step is not None
    assert report.next_step.id == "hold-launch"


def test_example_lists_the_quarterly_meeting_and_the_overdue_item(example_folder: Path) -> None:
    report = _status(example_folder)
    assert report.phase.number >= 4  # the launch was held on 2026-09-17
    assert "2026-12-10-quarterly-meeting" in [m.id for m in report.upcoming]
    overdue = {item["text"]: item for item in report.overdue_items}
    nursing = "Share nursing program capacity and waitlist numbers with the partnership"
    assert overdue[nursing]["due"] == "2026-10-15"
    assert not any("absent hospitals" in text for text in overdue)  # due 2026-11-30, not yet late
    data = report.as_json()
    assert (data["next_step"] or {}).get("id") == (report.next_step.id if report.next_step else None)


def test_a_new_partnership_starts_with_the_support_team(partnership_tree) -> None:
    report = _status(partnership_tree())
    assert report.phase.id == "support-team"
    assert report.next_step is not None
    assert report.next_step.id == "gather-public-partners"
    assert report.warnings == []


def test_phase_set_by_hand_wins(partnership_tree) -> None:
    root = partnership_tree()
    with (root / "partnership.yaml").open("a") as fh:
        fh.write("phase: sustain\n")
    snap = load(root)
    assert current_phase(snap, load_playbook(root, snap.partnership), TODAY).id == "sustain"
    assert _status(root).phase_set_by_hand


def test_unknown_phase_in_partnership_yaml_names_the_line(partnership_tree) -> None:
    root = partnership_tree()
    text = (root / "partnership.yaml").read_text() + "phase: lunch\n"
    (root / "partnership.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        _status(root)
    assert caught.value.problem.line == text.count("\n")
    assert "launch" in (caught.value.problem.hint or "")


def _public(n: int) -> dict[str, dict[str, object]]:
    return {
        f"people/public-{i}.yaml": {
            "name": f"Public {i}",
            "org": "valley-workforce-board",
            "roles": ["public-partner"],
        }
        for i in range(n)
    }


def test_warnings_when_public_partners_outnumber_business(partnership_tree) -> None:
    public_ids = [f"public-{i}" for i in range(3)]
    root = partnership_tree({
        **_public(3),
        "meetings/2026-12-01-full.yaml": {
            "kind": "full-partnership", "title": "Winter meeting", "date": "2026-12-01",
            "invitees": ["ann-lee", *public_ids],
        },
        "meetings/2026-10-01-fall.yaml": {
            "kind": "full-partnership", "title": "Fall meeting", "date": "2026-10-01", "status": "held",
            "attendees": ["ann-lee", "bo-diaz", *public_ids],
        },
        "meetings/2026-10-02-team.yaml": {
            "kind": "convener-team", "title": "Support team", "date": "2026-10-02", "status": "held",
            "attendees": ["bo-diaz", *public_ids],
        },
        "meetings/2027-01-20-launch.yaml": {
            "kind": "launch", "title": "Launch", "date": "2027-01-20", "invitees": ["ann-lee"],
        },
    })  # fmt: skip
    with (root / "partnership.yaml").open("a") as fh:
        fh.write("settings:\n  recommended_champions: 3\n")
    report = _status(root)
    kinds = {(w.kind, w.meeting) for w in report.warnings}
    assert kinds == {
        ("public-majority-invited", "2026-12-01-full"),
        ("public-majority-attended", "2026-10-01-fall"),
        ("few-champions", "2027-01-20-launch"),
    }
    assert "3 public partners are invited but only 1 business leader" in report.warnings[0].message


def test_the_few_champions_warning_stands_before_a_launch_held_since(partnership_tree) -> None:
    root = partnership_tree({
        "meetings/2027-01-20-launch.yaml": {
            "kind": "launch", "title": "Launch", "date": "2027-01-20", "status": "held",
            "attendees": ["ann-lee", "bo-diaz"],
        },
    })  # fmt: skip
    with (root / "partnership.yaml").open("a") as fh:
        fh.write("settings:\n  recommended_champions: 3\n")
    before = _status(root, dt.date(2027, 1, 10))
    assert [(w.kind, w.meeting) for w in before.warnings] == [("few-champions", "2027-01-20-launch")]
    assert [w.kind for w in _status(root, dt.date(2027, 1, 21)).warnings] == []


def test_no_convener_is_a_warning(partnership_tree) -> None:
    root = partnership_tree()
    text = (root / "partnership.yaml").read_text().replace("conveners:\n- valley-workforce-board\n", "")
    (root / "partnership.yaml").write_text(text)
    report = _status(root)
    assert [w.kind for w in report.warnings] == ["no-convener"]
    assert report.next_step is not None
    assert report.next_step.id == "gather-public-partners"


def test_on_the_example_the_next_step_is_keeping_the_team_plans_current(example_folder: Path) -> None:
    """With its action teams formed, the example is sustaining; a stale team is what to fix first."""
    from ngsp_cli.rules import PartnershipAt

    snap = load(example_folder)
    if not snap.teams:
        pytest.skip("the example has no action teams")
    report = _status(example_folder)
    assert report.phase.id == "sustain"
    assert report.next_step is not None
    assert report.next_step.id == "keep-plan-current"
    stale = [snap.teams[f.team].name for f in PartnershipAt(snap, TODAY).team_flags if f.kind == "stale"]
    evidence = " ".join(report.progress.evidence(report.next_step))
    assert stale
    assert all(name in evidence for name in stale)


def _joining_verdicts(root: Path, as_of: dt.date) -> tuple[bool, str, str]:
    from ngsp_cli.rules import RULES, PartnershipAt
    from ngsp_cli.services.assessment.indicators import score_partnership

    snap = load(root)
    finding = RULES["new-businesses-joined"].evaluate(PartnershipAt(snap, as_of))
    check = next(r for r in score_partnership(snap, as_of).indicators if r.id == "new-businesses-joining")
    return finding.done, finding.evidence, check.status.value


def test_status_and_check_agree_that_founders_are_not_newcomers(example_folder: Path) -> None:
    done, detail, check = _joining_verdicts(example_folder, TODAY)
    assert not done  # every business of the example joined at the launch
    assert "founding member" in detail
    assert check != "met"
    org = example_folder / "organizations/bayou-bakery.yaml"
    org.write_text("name: Bayou Bakery\nkind: business\njoined: 2026-11-20\n", encoding="utf-8")
    done, detail, _ = _joining_verdicts(example_folder, TODAY)
    assert done
    assert "1 new business joined" in detail
    assert "Bayou Bakery" in detail
