"""How far a partnership is through each phase: its checklist items ticked by the rules.

A computed checklist item is done when its rule (`ngsp_cli.rules`, the one
registry indicators share) finds `met` for the partnership at the date; a
manual item is done when people ticked it (`checked:` in partnership.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ngsp_cli.playbook.models import ChecklistItem, Phase, Step
from ngsp_cli.rules import RULES, PartnershipAt, check_params
from ngsp_cli.rules.registry import NO_NUMBERS

# --- evaluation of a phase -----------------------------------------------------------------------

DONE, TODO, MANUAL = "done", "todo", "manual"


class ItemResult(NamedTuple):
    item: ChecklistItem
    state: str  # done | todo | manual
    detail: str
    numbers: Mapping[str, int] = NO_NUMBERS  # what the rule counted


class StepResult(NamedTuple):
    step: Step
    state: str  # done | todo | manual (the folder cannot tell)


class PhaseProgress(NamedTuple):
    phase: Phase
    items: list[ItemResult]
    steps: list[StepResult]

    @property
    def complete(self) -> bool:
        """Every computed checklist item is done (manual items are the convener's call)."""
        return all(r.state != TODO for r in self.items)

    def evidence(self, step: Step) -> list[str]:
        """What the files show about a step that is not done: the details of its open items."""
        by_id = {r.item.id: r for r in self.items}
        return [by_id[ref].detail for ref in step.done_when if ref in by_id and by_id[ref].state == TODO]

    @property
    def next_step(self) -> Step | None:
        """The first step the data shows is not done; else the first one only people can confirm."""
        for wanted in (TODO, MANUAL):
            for result in self.steps:
                if result.state == wanted:
                    return result.step
        return None


def evaluate_item(item: ChecklistItem, view: PartnershipAt) -> ItemResult:
    if item.computed is None:
        if item.id in view.snap.partnership.checked:
            return ItemResult(item, DONE, "ticked by hand (checked: in partnership.yaml)")
        return ItemResult(
            item, MANUAL, "only you can tell; tick it with 'ngsp playbook --tick " + item.id + "'"
        )
    finding = RULES[item.computed].evaluate(view, check_params(item.computed, item.params))
    return ItemResult(item, DONE if finding.done else TODO, finding.evidence, finding.numbers)


def phase_progress(phase: Phase, view: PartnershipAt) -> PhaseProgress:
    items = [evaluate_item(item, view) for item in phase.checklist]
    by_id = {r.item.id: r for r in items}
    steps: list[StepResult] = []
    for step in phase.steps:
        states = {by_id[ref].state for ref in step.done_when if ref in by_id}
        if TODO in states:
            state = TODO
        elif not states or MANUAL in states:
            state = MANUAL
        else:
            state = DONE
        steps.append(StepResult(step, state))
    return PhaseProgress(phase, items, steps)


def manual_items(phases: list[Phase]) -> dict[str, ChecklistItem]:
    """The checklist items people tick by hand, by id."""
    return {item.id: item for phase in phases for item in phase.checklist if item.manual}
