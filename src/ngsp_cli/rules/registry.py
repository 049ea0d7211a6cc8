"""The one rule engine: every judgment ngsp makes about a partnership is a registered Rule.

A rule has an id (what playbook files name: `computed: RULE` in a phase
checklist, `rule: RULE` in indicators.yaml), a pydantic model of its
parameters and `evaluate(view, params) -> Finding`, where the view is the
partnership at a date (`PartnershipAt`). A phase checklist item is done when
its rule's finding is `met`; an indicator shows the status itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ngsp_cli.rules.view import PartnershipAt


class Status(StrEnum):
    """How far a rule (an indicator, a checklist item) is met."""

    met = "met"
    partial = "partial"
    not_met = "not-met"
    unknown = "unknown"

    @property
    def points(self) -> float:
        """Met counts 1, partial 0.5; not-met and unknown count 0 (missing evidence never helps)."""
        return {"met": 1.0, "partial": 0.5}.get(self.value, 0.0)


# What a finding, checklist item or indicator counted when it counted nothing: read-only, so
# one empty mapping serves as every record's default.
NO_NUMBERS: Mapping[str, int] = MappingProxyType({})


class Finding(NamedTuple):
    """What a rule saw: a status, the evidence sentence, the numbers it states, and what to do next.

    `unknown` means the folder holds no evidence either way (or the fact is not
    measurable yet, and the evidence says so).
    """

    status: Status
    evidence: str
    hint: str = ""
    numbers: Mapping[str, int] = NO_NUMBERS

    @property
    def done(self) -> bool:
        return self.status is Status.met


def verdict(done: bool, evidence: str, hint: str = "", **numbers: int) -> Finding:
    """A yes/no finding (checklist rules): met or not-met."""
    return Finding(Status.met if done else Status.not_met, evidence, hint, numbers)


def grade(good: int, total: int) -> Status:
    """Met when all `total` are good, partial when some are, not met when none (or no total)."""
    if total and good == total:
        return Status.met
    return Status.partial if good else Status.not_met


class Params(BaseModel):
    """Base of every rule's parameters: unknown names are errors."""

    # defer_build: a rule's validator is built when its parameters are first validated.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)


class NoParams(Params):
    pass


P = TypeVar("P", bound=Params)


class Rule(NamedTuple, Generic[P]):
    id: str
    description: str
    params: type[P]
    func: Callable[[PartnershipAt, P], Finding]

    def evaluate(self, view: PartnershipAt, params: BaseModel | Mapping[str, Any] | None = None) -> Finding:
        if isinstance(params, self.params):
            return self.func(view, params)
        return self.func(view, self.params.model_validate(dict(params or {})))

    def defaults(self) -> dict[str, Any]:
        """Each parameter with its default, as JSON values (None: the description says who decides)."""
        out: dict[str, Any] = {}
        for name, info in self.params.model_fields.items():
            default = info.get_default(call_default_factory=True)
            out[name] = [str(v) for v in default] if isinstance(default, list) else default
        return out

    def params_text(self) -> str:
        """'min: 5', 'days: settings.stale_after_days' for people."""
        parts = []
        for name, default in self.defaults().items():
            if default is None:
                described = self.params.model_fields[name].description or "unset"
                parts.append(f"{name}: {described.removeprefix('default: ')}")
            else:
                shown = ", ".join(default) if isinstance(default, list) else default
                parts.append(f"{name}: {shown}")
        return "; ".join(parts)

    def usage(self) -> str:
        if not self.params.model_fields:
            return f"'{self.id}' takes no params"
        names = ", ".join(f"{name}: ..." for name in self.params.model_fields)
        return f"'{self.id}' takes params {{{names}}}"


RULES: dict[str, Rule[Any]] = {}


RuleFunc = Callable[[PartnershipAt, Any], Finding]


def rule(rule_id: str, description: str, params: type[Params] = NoParams) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under `rule_id`."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"two rules are named {rule_id}")
        RULES[rule_id] = Rule(rule_id, description, params, func)
        return func

    return register


def check_params(rule_id: str, params: Mapping[str, Any]) -> Params:
    """The rule's parameters, validated; ValueError in plain words naming the parameter when wrong."""
    spec = RULES[rule_id]
    try:
        validated: Params = spec.params.model_validate(dict(params))
        return validated
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in err["loc"]) or "params"
        kind = err["type"]
        if kind == "extra_forbidden":
            raise ValueError(f"'{name}' is not a parameter of the rule '{rule_id}'") from None
        if kind in ("int_parsing", "int_type", "int_from_float"):
            raise ValueError(f"'{name}' must be a whole number, not '{err['input']}'") from None
        if kind in ("greater_than_equal", "greater_than"):
            limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt", 0))
            if limit == 0:
                raise ValueError(f"'{name}' must not be negative") from None
            raise ValueError(f"'{name}' must be at least {limit}") from None
        raise ValueError(f"'{name}': {err['msg']}") from None
