"""The one rule engine: judgments about a partnership at a date.

`view.PartnershipAt` answers every question about a partnership on a date;
`registry` holds the Rule interface and the one registry; the `checklist_N_*`
modules (by the phase they start at) and `indicators` register the rules the
playbook's phase checklists and indicators.yaml name.

A checklist rule answers met (the item is done) or not-met with a short detail
that states the numbers it counted, in the unit its checklist sentence names. A
rule never guesses what the folder cannot know (those items are `manual: true`).
"""

from typing import TYPE_CHECKING, Any

from ngsp_cli.rules.registry import Finding, Rule, Status
from ngsp_cli.rules.view import PartnershipAt

if TYPE_CHECKING:
    from ngsp_cli.rules.registry import RULES, check_params

# The modules that register rules, in the order 'ngsp status --rules' lists them (phase order).
# They are imported when RULES or check_params is first asked for: a command that only looks
# at the partnership on a date (PartnershipAt) imports none of them.
RULE_MODULES = (
    "checklist_1_founding",
    "checklist_3_launch",
    "checklist_5_action",
    "checklist_6_sustain",
    "indicators",
    "leadership",
)

__all__ = ["RULES", "Finding", "PartnershipAt", "Rule", "Status", "check_params"]


def __getattr__(name: str) -> Any:
    if name not in ("RULES", "check_params"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    from ngsp_cli.rules import registry

    for module in RULE_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    # Whatever imported one of them first, the rules are listed in the order of RULE_MODULES.
    order = {f"{__name__}.{module}": index for index, module in enumerate(RULE_MODULES)}
    ordered = sorted(registry.RULES.items(), key=lambda item: order.get(item[1].func.__module__, len(order)))
    registry.RULES.clear()
    registry.RULES.update(ordered)
    globals().update(RULES=registry.RULES, check_params=registry.check_params)
    return getattr(registry, name)
