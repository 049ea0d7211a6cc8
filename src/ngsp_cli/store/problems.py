"""pydantic's validation errors told in a convener's words, with file, line and a hint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ngsp_cli.errors import Problem
from ngsp_cli.store import yamlio
from ngsp_cli.store.reading import RawFile

_FRIENDLY = {
    "missing": "this field is required",
    "string_too_short": "must not be empty",
}

_SHAPES = {
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a set of 'key: value' lines",
    "model_type": "a set of 'key: value' lines",
    "string_type": "a single text value",
}

# The command that shows an existing file of each kind, for "compare with" hints.
_SHOW_COMMANDS = {
    "Organization": "ngsp org show ORG",
    "Person": "ngsp person show PERSON",
    "Meeting": "ngsp meeting show MEETING",
    "ActionTeam": "ngsp team show TEAM",
}


def problems_from_validation(
    exc: ValidationError,
    raw: RawFile | None,
    model: type[BaseModel],
    *,
    given: Mapping[str, str] | None = None,
    command: str | None = None,
) -> list[Problem]:
    """Translate pydantic's errors into convener words with file, line and a hint.

    Without `raw` the values came from a command line: `given` maps a model field to
    the option or argument that set it ('duration_minutes' -> '--duration', 'name' ->
    'NAME') and `command` is the command typed ('ngsp org add'), for the hints.
    """
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        field_path = ".".join(str(part) for part in loc) or None
        line = yamlio.line_of(raw.text, loc) if raw is not None else None
        message, hint = describe_error(err, loc, model)
        if raw is None and loc and isinstance(loc[0], str):
            label = (given or {}).get(loc[0]) or f"--{loc[0].replace('_', '-')}"
            field_path = label if len(loc) == 1 else f"{label} ({field_path})"
            if hint is None or err["type"] in {"missing", "string_too_short"}:
                hint = (
                    f"check the value given for {label}"
                    if label.startswith("-")
                    else f"check the {label} you typed" + (f" after '{command}'" if command else "")
                )
        file = raw.rel if raw is not None else None
        out.append(Problem(message=message, file=file, line=line, field=field_path, hint=hint))
    return out


def describe_error(err: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> tuple[str, str | None]:
    """The message and hint for one pydantic error (an `exc.errors()` item) at `loc` of `model`."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "extra_forbidden":
        known = _allowed_fields_hint(model, loc)
        return f"'{loc[-1]}' is not a field ngsp knows here", "check the spelling; " + known
    if kind == "missing":
        return _FRIENDLY[kind], f"add '{loc[-1]}:' to the file"
    if kind == "string_too_short":
        return _FRIENDLY[kind], f"write a value after '{loc[-1]}:'"
    if kind in {"enum", "literal_error"}:
        # Files keep one spelling (the commands accept "Champion" or "business leader" and
        # write "champion", "business-leader"); point at the word that was meant.
        from ngsp_cli.vocab import did_you_mean

        expected = str(ctx.get("expected", ""))
        allowed = [w.strip(" '") for w in expected.replace(" or ", ",").split(",") if w.strip(" '")]
        suggestion = did_you_mean(str(value), allowed, n=1) if isinstance(value, str) else ""
        return f"'{value}' is not allowed", f"{suggestion}use one of {expected}"
    if kind.startswith("date"):
        return f"'{value}' is not a date", "write dates as YYYY-MM-DD, e.g. 2027-02-10"
    if kind.startswith("int"):
        return f"'{value}' is not a whole number", f"write digits only, e.g. {_example(model, loc, 3)}"
    if kind.startswith("float"):
        return f"'{value}' is not a number", f"write a number, e.g. {_example(model, loc, 0.5)}"
    if kind.startswith("bool"):
        return f"'{value}' is not yes or no", "write true or false"
    limits = {
        "greater_than_equal": ("ge", "too small: it must be at least", "or more"),
        "greater_than": ("gt", "too small: it must be more than", None),
        "less_than_equal": ("le", "too large: it must be at most", "or less"),
        "less_than": ("lt", "too large: it must be less than", None),
    }
    if kind in limits:
        key, words, direction = limits[kind]
        limit = ctx.get(key)
        hint = f"write {limit} {direction}" if direction else None
        example = _example(model, loc, None)
        if hint and example is not None:
            hint += f", e.g. {example}"
        return f"{value} is {words} {limit}", hint
    if kind in _SHAPES:
        show = _SHOW_COMMANDS.get(model.__name__)
        hint = "compare with another file of the same kind"
        return f"must be {_SHAPES[kind]}", hint + (f", or look at one with '{show}'" if show else "")
    if kind == "control_character":
        return str(err["msg"]), (
            "type the text again without it (it often comes with text pasted from a web page); "
            "on a screen it can clear it or disguise a link"
        )
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), None
    message = _FRIENDLY.get(kind, str(err["msg"]))
    if message.startswith("Input should be "):
        message = "must be " + message[len("Input should be ") :]
    return message, None


def _example(model: type[BaseModel], loc: tuple[Any, ...], fallback: Any) -> Any:
    """The field's default as an example value (ngsp's own choice), else `fallback`."""
    info = _field_info(model, loc)
    default = getattr(info, "default", None)
    if isinstance(default, int | float) and not isinstance(default, bool) and default > 0:
        return default
    return fallback


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The pydantic FieldInfo at `loc` of `model`, or None."""
    current: Any = model
    info: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part) if current is not None else None
        if info is None:
            return None
        args = getattr(info.annotation, "__args__", ())
        candidates = [info.annotation, *args]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return info


def _allowed_fields_hint(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            break
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if current is None:
            break
    fields = list(getattr(current, "model_fields", {})) if current is not None else []
    fields = [f for f in fields if f != "id"]
    return "known fields: " + ", ".join(fields) if fields else "remove it"


def validate_raw(raw: RawFile, model: type[BaseModel], problems: list[Problem]) -> Any:
    """`raw`'s data as a `model`, or None with its problems added to `problems`."""
    data = raw.data
    if data is None:
        problems.append(Problem("the file is empty", file=raw.rel, line=1, hint="delete it or fill it in"))
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "the file must hold 'key: value' lines at the top level",
                file=raw.rel,
                line=1,
                hint="compare with another file of the same kind",
            )
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, raw, model))
        return None
