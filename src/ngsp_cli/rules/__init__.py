"""The one rule engine: judgments about a partnership at a date.

`view.PartnershipAt` answers every question about a partnership on a date;
`registry` holds the Rule interface and the one registry; `checklist` and
`indicators` register the rules the playbook's phase checklists and
indicators.yaml name.
"""

from ngsp_cli.rules import checklist, indicators, leadership  # noqa: F401  (registers the rules)
from ngsp_cli.rules.registry import RULES, Finding, Rule, Status, check_params
from ngsp_cli.rules.view import PartnershipAt

__all__ = ["RULES", "Finding", "PartnershipAt", "Rule", "Status", "check_params"]
