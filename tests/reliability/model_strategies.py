"""Hypothesis strategies for every file model, derived from the schema itself.

New fields are covered without touching this file: each field's type and
constraints (min_length, ge) give its strategy; a few names with validators
(email, time) get values of the right shape.  Text includes what trips YAML
up: words YAML 1.1 reads as booleans or numbers, comment and flow characters,
quotes, line breaks, non-Latin scripts.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

TRICKY = [
    "yes", "no", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "NaN", ".inf",
    "08:30", "8:30", "12:30:45", "0123", "07030", "1e3", "0o17", "0x1F", "1_000", "+1", "-0",
    "2027-02-10", "2027-2-1", "- item", "? key", "# not a comment", "key: value", "a #b", "a: b: c",
    "'single'", '"double"', "it's", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick",
    "[flow]", "{flow: map}", "| block", "> folded", "...", "---", "trailing colon:",
    "Østergaard", "東京都", "Ελλάδα", "emoji 🙂 here", "tab\there", "two\nlines", "ends with\n",
    "\u00a0nbsp", "line\u2028separator", "next\x85line", "back\\slash", "=", "<<",
]  # fmt: skip
_ALPHABET = st.characters(exclude_categories=("Cs",), exclude_characters="\x00\ufeff")


def text(min_size: int = 0) -> st.SearchStrategy[str]:
    free = st.text(_ALPHABET, min_size=min_size, max_size=30)
    return st.one_of(st.sampled_from(TRICKY), free).filter(lambda s: len(s.strip()) >= min_size)


ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,3}", fullmatch=True).filter(
    lambda s: s not in {"con", "prn", "aux", "nul"} and not s.startswith(("com", "lpt"))
)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
emails = st.from_regex(r"[a-z0-9.]{1,10}@[a-z0-9]{1,10}\.(org|com|example)", fullmatch=True)
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))

_SPECIAL: dict[str, st.SearchStrategy[Any]] = {"email": emails, "time": times}
# Fields holding ids of other entities: slugs, as ngsp writes them.
_ID_HINTS = ("id", "org", "owner", "lead", "by", "team", "priority", "meeting", "voter", "staff_lead")


def _for_type(annotation: Any, name: str, metadata: list[Any]) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = st.one_of(*(_for_type(a, name, metadata) for a in options))
        return st.none() | inner if type(None) in args else inner
    if origin is typing.Annotated:
        return _for_type(args[0], name, [*metadata, *args[1:]])
    if origin is list:
        element_is_ref = name.endswith("s") and name in {"conveners", "co_chairs", "invitees", "attendees",
                                                         "champions", "support"}  # fmt: skip
        element = ids if element_is_ref else _for_type(args[0], name, [])
        return st.lists(element, max_size=4)
    if origin is dict:
        return st.dictionaries(ids, _for_type(args[1], name, []), max_size=4)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), -1000)
        return st.integers(min_value=int(low), max_value=10_000)
    if annotation is dt.date:
        return dates
    if annotation is str:
        if name in _SPECIAL:
            return _SPECIAL[name]
        if name in _ID_HINTS:
            return ids
        min_len = next((m.min_length for m in metadata if isinstance(m, annotated_types.MinLen)), 0)
        return text(min_size=min_len)
    raise TypeError(f"no strategy for {annotation!r} ({name})")


def model_strategy(model: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Valid instances of `model` (and its nested models)."""
    hints = typing.get_type_hints(model, include_extras=True)
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        if info.exclude or name == "schema_version":
            continue
        strategy = _for_type(hints[name], name, list(info.metadata))
        (required if info.is_required() else optional)[name] = strategy

    def build(data: dict[str, Any]) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError:
            return None

    return (
        st.fixed_dictionaries(required, optional=optional).map(build).filter(lambda value: value is not None)
    )
