"""The one rule engine: judgments about a partnership at a date.

`view.PartnershipAt` answers every question about a partnership on a date;
`registry` holds the Rule interface and the one registry; the `checklist_N_*`
modules (by the phase they start at) and `indicators` register the rules the
playbook's phase checklists and indicators.yaml name.

A checklist rule answers met (the item is done) or not-met with a short detail
that states the numbers it counted, in the unit its checklist sentence names. A
rule never guesses what the folder cannot know (those items are `manual: true`).
"""

# Imported in this order, the rules register (and 'ngsp status --rules' lists them) in phase order.
from ngsp_cli.rules import (  # noqa: F401  (registers the rules)
    checklist_1_founding,
    checklist_3_launch,
    checklist_5_action,
    checklist_6_sustain,
    indicators,
    leadership,
)
from ngsp_cli.rules.registry import RULES, Finding, Rule, Status, check_params
from ngsp_cli.rules.view import PartnershipAt

__all__ = ["RULES", "Finding", "PartnershipAt", "Rule", "Status", "check_params"]
