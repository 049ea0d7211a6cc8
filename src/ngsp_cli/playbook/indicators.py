"""The Next Gen indicators as data: definitions, the rules that evidence them, loading and overrides.

The bundled `playbooks/indicators.yaml` holds the indicators ngsp scores.  A
partnership (or the state program whose playbook it uses) changes the set
without code, with files applied in this order:

1. `indicators.yaml` in the playbook folder named by `playbook:` in
   partnership.yaml (a state program's playbook, for example);
2. the partnership's own `playbook/indicators.yaml`;
3. `indicators.yaml` at the top of the partnership folder.

An entry whose id is already known changes only the fields it gives (`params`
key by key); `enabled: false` drops it; a new id adds an indicator and must be
complete.

The rules themselves are code (ngsp_cli.rules, one registry shared with the
phase checklists); each rule carries the model of its parameters, so a typo in
a rule id or a parameter is an error with the file and line.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ngsp_cli.errors import FolderInvalid, Problem
from ngsp_cli.model import Partnership
from ngsp_cli.playbook.loader import INDICATORS_FILE
from ngsp_cli.rules import RULES, Status
from ngsp_cli.store import yamlio
from ngsp_cli.store.problems import describe_error


class _Strict(BaseModel):
    # defer_build: the validator is built on first use; kept definitions (store/definitions.py) need none.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


# Definitions as written in the files ---------------------------------------------------------


class Feature(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str | None = None


class IndicatorDef(_Strict):
    id: str = Field(min_length=1)
    feature: str = Field(min_length=1)
    title: str = Field(min_length=1)
    question: str = Field(min_length=1)
    rule: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    source: str | None = None
    hints: dict[Status, str] = Field(default_factory=dict)
    weight: float = Field(1.0, ge=0)
    enabled: bool = True


class Indicator(NamedTuple):
    """One indicator ready to score: its definition and its validated rule parameters."""

    definition: IndicatorDef
    params: BaseModel
    file: str

    @property
    def id(self) -> str:
        return self.definition.id


class IndicatorSet(NamedTuple):
    features: list[Feature]
    indicators: list[Indicator]
    files: list[str]

    def ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def get(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


# Loading -------------------------------------------------------------------------------------


class _Source(NamedTuple):
    label: str  # how errors name the file
    text: str
    data: dict[str, Any]


def _read(path: Path, label: str, problems: list[Problem]) -> _Source | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(f"{label} does not exist", file=label, hint="check the path"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(f"cannot read the file: {exc}", file=label, hint="save it as UTF-8 text"))
        return None
    try:
        data = yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        problems.append(Problem(str(exc), file=label, line=exc.line, hint=exc.hint))
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "the file must hold 'key: value' lines at the top level",
                file=label,
                line=1,
                hint="start it with 'indicators:' followed by a list of indicators",
            )
        )
        return None
    return _Source(label, text, data)


def _problem(source: _Source, path: tuple[str | int, ...], message: str, hint: str | None) -> Problem:
    return Problem(
        message,
        file=source.label,
        line=yamlio.line_of(source.text, path),
        field=".".join(str(p) for p in path),
        hint=hint,
    )


def _validation_problems(
    exc: ValidationError, source: _Source, prefix: tuple[str | int, ...]
) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        kind = err["type"]
        hint: str | None
        if kind == "extra_forbidden":
            message, hint = f"'{loc[-1]}' is not a field ngsp knows here", "check the spelling"
        elif kind == "missing":
            message, hint = "this field is required", f"add '{loc[-1]}:' (a new indicator needs every field)"
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            message, hint = f"'{err['input']}' is not allowed", f"use one of {expected}"
        else:
            message, hint = describe_error(err, tuple(err["loc"]), BaseModel)
        out.append(_problem(source, loc, message, hint))
    return out


def _merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **change}
    if isinstance(base.get("params"), dict) and isinstance(change.get("params"), dict):
        merged["params"] = {**base["params"], **change["params"]}
    return merged


def _apply(
    source: _Source,
    features: dict[str, tuple[dict[str, Any], _Source, int]],
    entries: dict[str, tuple[dict[str, Any], _Source, int]],
    problems: list[Problem],
    *,
    override: bool = True,
) -> None:
    for key in sorted(set(source.data) - {"features", "indicators"}):
        problems.append(
            _problem(source, (key,), f"'{key}' is not a part of an indicators file",
                     "an indicators file holds 'features:' and 'indicators:' lists")
        )  # fmt: skip
    for key, table in (("features", features), ("indicators", entries)):
        items = source.data.get(key) or []
        if not isinstance(items, list):
            problems.append(
                _problem(source, (key,), f"'{key}' must be a list", "start each entry with '- id:'")
            )
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                problems.append(
                    _problem(
                        source, (key, index), "each entry needs an 'id'", "start each entry with '- id:'"
                    )
                )
                continue
            item_id = item["id"]
            if item_id in table and table[item_id][1] is source:
                problems.append(
                    _problem(source, (key, index, "id"), f"'{item_id}' appears twice in this file",
                             "keep one entry per id")
                )  # fmt: skip
                continue
            if item_id in table:
                previous = table[item_id][0]
                table[item_id] = (_merge(previous, item), source, index)
                continue
            required = _REQUIRED[key]
            if override and not required <= set(item):
                # A partial entry can only change a known one: an unknown id here is most likely a typo.
                close = difflib.get_close_matches(item_id, list(table), n=1, cutoff=0.6)
                known = "; ".join(sorted(table))
                what = "indicator" if key == "indicators" else "key feature"
                problems.append(
                    _problem(
                        source,
                        (key, index, "id"),
                        f"'{item_id}' is not a known {what}, so this entry changes nothing",
                        (f"did you mean '{close[0]}'? " if close else f"the known ids are: {known}; ")
                        + f"a new {what} needs every field ("
                        + ", ".join(sorted(required))
                        + ")",
                    )
                )
                continue
            table[item_id] = (dict(item), source, index)


_REQUIRED = {
    "features": {"id", "title"},
    "indicators": {"id", "feature", "title", "question", "rule"},
}


def override_sources(root: Path | None, partnership: Partnership | None) -> list[tuple[Path, str]]:
    """The files that may change the bundled indicators, in the order they apply.

    Each is (path, name used in messages).  `playbook:` may also name a single
    phase file; that holds no indicators and is the phase loader's business.
    """
    if root is None:
        return []
    out: list[tuple[Path, str]] = []
    if partnership is not None and partnership.playbook:
        folder = root / partnership.playbook
        if (folder / INDICATORS_FILE).is_file():
            out.append((folder / INDICATORS_FILE, f"{partnership.playbook.rstrip('/')}/{INDICATORS_FILE}"))
    for rel in (f"playbook/{INDICATORS_FILE}", INDICATORS_FILE):
        if (root / rel).is_file():
            out.append((root / rel, rel))
    return out


def load_indicator_set(
    root: Path | None = None,
    partnership: Partnership | None = None,
    *,
    bundled_file: Path | None = None,
) -> tuple[IndicatorSet, list[Problem]]:
    """The indicators of a partnership and every problem of their definitions (never raises)."""
    from ngsp_cli.resources import bundled
    from ngsp_cli.store.definitions import remembered

    base_path = bundled_file or bundled("playbooks") / INDICATORS_FILE
    files = [(base_path, f"playbooks/{INDICATORS_FILE} (bundled with ngsp)")]
    files += override_sources(root, partnership)
    return remembered(
        ("indicators", *(label for _, label in files)),
        [path for path, _ in files],
        lambda: _read_indicator_set(files),
        good=lambda found: not found[1],
    )


def _read_indicator_set(files: list[tuple[Path, str]]) -> tuple[IndicatorSet, list[Problem]]:
    problems: list[Problem] = []
    features: dict[str, tuple[dict[str, Any], _Source, int]] = {}
    entries: dict[str, tuple[dict[str, Any], _Source, int]] = {}
    used: list[str] = []
    for number, (path, label) in enumerate(files):
        source = _read(path, label, problems)
        if source is None:
            continue
        _apply(source, features, entries, problems, override=number > 0)
        used.append(label)

    feature_models: list[Feature] = []
    for data, source, index in features.values():
        try:
            feature_models.append(Feature.model_validate(data))
        except ValidationError as exc:
            problems.extend(_validation_problems(exc, source, ("features", index)))
    feature_ids = {f.id for f in feature_models}

    indicators = [
        indicator
        for data, source, index in entries.values()
        if (indicator := _indicator(data, source, ("indicators", index), feature_ids, problems)) is not None
    ]
    order = {f.id: n for n, f in enumerate(feature_models)}
    indicators.sort(key=lambda i: order.get(i.definition.feature, len(order)))
    return IndicatorSet(feature_models, indicators, used), problems


def _indicator(
    data: dict[str, Any],
    source: _Source,
    prefix: tuple[str | int, ...],
    feature_ids: set[str],
    problems: list[Problem],
) -> Indicator | None:
    """One indicator definition checked against its rule's parameters (None: disabled or wrong)."""
    if data.get("enabled") in (False, "false", "no", "off"):
        return None
    try:
        definition = IndicatorDef.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, source, prefix))
        return None
    if not definition.enabled:
        return None
    spec = RULES.get(definition.rule)
    if spec is None:
        problems.append(
            _problem(source, (*prefix, "rule"), f"'{definition.rule}' is not a rule ngsp knows",
                     "use one of " + ", ".join(RULES))
        )  # fmt: skip
        return None
    if definition.feature not in feature_ids:
        problems.append(
            _problem(source, (*prefix, "feature"), f"'{definition.feature}' is not a key feature",
                     "use one of " + ", ".join(sorted(feature_ids)))
        )  # fmt: skip
        return None
    try:
        params = spec.params.model_validate(definition.params)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, source, (*prefix, "params")))
        return None
    return Indicator(definition, params, source.label)


def load_indicators(root: Path | None = None, partnership: Partnership | None = None) -> IndicatorSet:
    """The indicators of a partnership; raises FolderInvalid when a definition is wrong."""
    indicator_set, problems = load_indicator_set(root, partnership)
    if problems:
        raise FolderInvalid(problems)
    return indicator_set


def answer_problem(indicator_set: IndicatorSet, answer_id: str, file: str, line: int | None) -> Problem:
    return Problem(
        f"'{answer_id}' is not an indicator; this answer is ignored",
        file=file,
        line=line,
        field=f"answers.{answer_id}",
        hint="use one of " + ", ".join(indicator_set.ids()),
    )
