"""The playbook: bundled phases, overrides, and clear errors in playbook files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ngsp_cli.errors import InputError, NotFoundError
from ngsp_cli.model import MeetingKind, Partnership
from ngsp_cli.playbook import PlaybookInvalid, Source, load_playbook
from ngsp_cli.resources import bundled
from ngsp_cli.rules import RULES


def _partnership(root: Path) -> Partnership:
    from ngsp_cli.store.folder import read_partnership

    return read_partnership(root)


def _bundled_phase(name: str) -> dict:
    return yaml.safe_load((bundled("playbooks") / "phases" / name).read_text(encoding="utf-8"))


def test_bundled_playbook_has_the_six_phases_in_order() -> None:
    playbook = load_playbook()
    assert [p.number for p in playbook.phases] == [1, 2, 3, 4, 5, 6]
    assert len({p.id for p in playbook.phases}) == 6


def test_every_bundled_entry_says_where_it_comes_from() -> None:
    for phase in load_playbook().phases:
        entries = [
            phase,
            *phase.steps,
            *phase.checklist,
            *phase.pitfalls,
            *phase.guidance,
            *phase.agenda.values(),
        ]
        unmarked = [e for e in entries if e.source is Source.local]
        assert unmarked == [], phase.id


def test_every_bundled_phase_can_be_ticked_from_data() -> None:
    for phase in load_playbook().phases:
        assert any(item.computed in RULES for item in phase.checklist), phase.id


def test_the_meeting_kinds_of_the_script_have_agenda_outlines() -> None:
    playbook = load_playbook()
    for kind in (MeetingKind.launch, MeetingKind.full_partnership, MeetingKind.action_team,
                 MeetingKind.convener_team):  # fmt: skip
        outline = playbook.outline(kind)
        assert outline is not None, kind
        assert outline.items


def test_phase_found_by_id_or_number() -> None:
    playbook = load_playbook()
    assert playbook.find("4") is playbook.find("launch")
    assert playbook.find("nope") is None


def test_partnership_playbook_folder_overrides_a_phase(partnership_tree) -> None:
    launch = _bundled_phase("4-launch.yaml")
    launch["title"] = "Our industry summit"
    launch["source"] = "local"
    root = partnership_tree(
        {"playbook/phases/4-launch.yaml": launch, "playbook/indicators.yaml": "not: [a phase"}
    )
    playbook = load_playbook(root, _partnership(root))
    assert playbook.by_id("launch").title == "Our industry summit"
    assert playbook.origins["launch"] == "playbook/phases/4-launch.yaml"
    assert playbook.by_id("sustain").title == load_playbook().by_id("sustain").title


def test_playbook_field_points_at_a_state_program_file(partnership_tree, tmp_path: Path) -> None:
    extra = {
        "id": "state-report",
        "number": 7,
        "title": "Report to the state",
        "purpose": "Answer the state survey every year.",
        "leads": "The convener.",
        "steps": [{"id": "survey", "text": "Answer the survey.", "why": "The state funds us.",
                   "done_when": ["answered"]}],
        "checklist": [{"id": "answered", "text": "Survey answered", "manual": True}],
    }  # fmt: skip
    state = tmp_path / "state-program" / "7-report.yaml"
    state.parent.mkdir()
    state.write_text(yaml.safe_dump(extra), encoding="utf-8")
    root = partnership_tree()
    text = (root / "partnership.yaml").read_text() + "playbook: ../state-program/7-report.yaml\n"
    (root / "partnership.yaml").write_text(text)
    playbook = load_playbook(root, _partnership(root))
    assert [p.id for p in playbook.phases][-1] == "state-report"
    assert playbook.origins["state-report"] == "../state-program/7-report.yaml"


def test_missing_playbook_path_names_the_line(partnership_tree) -> None:
    root = partnership_tree()
    text = (root / "partnership.yaml").read_text() + "playbook: nowhere/\n"
    (root / "partnership.yaml").write_text(text)
    with pytest.raises(NotFoundError) as caught:
        load_playbook(root, _partnership(root))
    problem = caught.value.problem
    assert (problem.file, problem.line) == ("partnership.yaml", text.count("\n"))


def test_a_playbook_folder_without_any_playbook_file_is_refused(partnership_tree) -> None:
    root = partnership_tree()
    (root / "state-program" / "notes").mkdir(parents=True)
    text = (root / "partnership.yaml").read_text() + "playbook: state-program\n"
    (root / "partnership.yaml").write_text(text)
    with pytest.raises(InputError, match="holds no playbook files") as caught:
        load_playbook(root, _partnership(root))
    assert caught.value.problem.field == "playbook"
    assert "indicators.yaml" in (caught.value.problem.hint or "")


def _override_with(root_builder, change) -> PlaybookInvalid:
    phase = _bundled_phase("3-prepare-launch.yaml")
    change(phase)
    root = root_builder({"playbook/phases/3-prepare-launch.yaml": phase})
    with pytest.raises(PlaybookInvalid) as caught:
        load_playbook(root, _partnership(root))
    return caught.value


def test_unknown_rule_is_an_input_error_with_file_and_line(partnership_tree) -> None:
    def change(phase: dict) -> None:
        phase["checklist"][0]["computed"] = "champions-at-leest"

    error = _override_with(partnership_tree, change)
    assert isinstance(error, InputError)
    problem = error.problems[0]
    assert problem.file == "playbook/phases/3-prepare-launch.yaml"
    text = (Path.cwd() / "tree" / problem.file).read_text()
    assert "champions-at-leest" in text.splitlines()[problem.line - 1]
    assert "champions-at-least" in (problem.hint or "")


def test_bad_rule_parameter_is_reported(partnership_tree) -> None:
    def change(phase: dict) -> None:
        phase["checklist"][0]["params"] = {"minimum": 3}

    error = _override_with(partnership_tree, change)
    assert "'minimum' is not a parameter" in error.problems[0].message


def test_unknown_key_and_dangling_done_when_are_both_reported(partnership_tree) -> None:
    def change(phase: dict) -> None:
        phase["stepz"] = []

    error = _override_with(partnership_tree, change)
    assert error.problems[0].field == "stepz"

    def dangling(phase: dict) -> None:
        phase["steps"][0]["done_when"] = ["no-such-item"]

    error = _override_with(partnership_tree, dangling)
    assert "'no-such-item' is not a checklist item" in error.problems[0].message


def test_item_must_be_computed_or_manual(partnership_tree) -> None:
    def change(phase: dict) -> None:
        phase["checklist"][0]["manual"] = True

    error = _override_with(partnership_tree, change)
    assert "either 'computed: RULE' or 'manual: true'" in error.problems[0].message


def test_two_phases_with_one_number_are_refused(partnership_tree) -> None:
    phase = _bundled_phase("3-prepare-launch.yaml")
    phase["id"] = "another-phase"
    root = partnership_tree({"playbook/phases/x.yaml": phase})
    with pytest.raises(PlaybookInvalid) as caught:
        load_playbook(root, _partnership(root))
    assert "both have number 3" in caught.value.problems[0].message


def test_every_rule_is_documented_in_the_playbook_readme() -> None:
    readme = (bundled("playbooks") / "README.md").read_text(encoding="utf-8")
    missing = [rule_id for rule_id in RULES if f"| `{rule_id}` |" not in readme]
    assert missing == []


def test_outline_comes_from_the_current_phase_or_the_nearest_earlier_one() -> None:
    playbook = load_playbook()
    kind = MeetingKind.action_team
    having = [p for p in playbook.phases if kind in p.agenda]
    first = having[0]
    later = next(p for p in playbook.phases if p.number > first.number and kind not in p.agenda)
    assert playbook.outline(kind, prefer=first) is first.agenda[kind]
    assert playbook.outline(kind, prefer=later) is first.agenda[kind]
    earliest = playbook.phases[0]
    assert earliest.number < first.number
    assert playbook.outline(kind, prefer=earliest) is first.agenda[kind]
