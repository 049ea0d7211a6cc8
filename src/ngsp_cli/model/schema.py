"""JSON Schema of the folder's files, for editors that check YAML as people type.

The schema says what `ngsp check` accepts, as an editor sees the file. ngsp reads
every YAML scalar as text and the models give it its meaning, but an editor
(VS Code's YAML extension, `check-jsonschema`) reads YAML 1.2: `naics: 622110` is a
number there, `quick_win: yes` a string and `points: 3` an integer. So each text
field also takes numbers and true/false, each number also takes digits in quotes,
each yes/no field also takes the words the models take (yes, no, on, off, ...),
and dates are text in YYYY-MM-DD form.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ngsp_cli.model.base import Entity

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The words pydantic takes for true and false (any letter case).
_BOOL_WORDS = ("0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes")


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


_BOOL_TEXT = "^(" + "|".join(_any_case(w) for w in _BOOL_WORDS) + ")$"
_DIGITS = "[0-9](_?[0-9])*"


def _int_text(minimum: Any) -> str:
    """A pattern of whole numbers written as text, at least `minimum` when it is 0 or 1."""
    if minimum == 1:
        number = r"\+?0*[1-9](_?[0-9])*"
    elif minimum == 0:
        number = rf"\+?{_DIGITS}"
    else:
        number = rf"[+-]?{_DIGITS}"
    return rf"^\s*{number}(\.0*)?\s*$"


class _AsTyped(GenerateJsonSchema):
    """pydantic's schema, widened to the values hand-edited YAML holds (see the module doc)."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        text = super().str_schema(schema)
        if text.get("minLength", 0) >= 1 and "pattern" not in text:
            text["pattern"] = r"\S"  # ngsp strips spaces: only spaces is empty
        return {"anyOf": [text, {"type": ["number", "boolean"]}]}

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        number = super().int_schema(schema)
        minimum = number.get("minimum")
        return {"anyOf": [number, {"type": "string", "pattern": _int_text(minimum)}]}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "pattern": _BOOL_TEXT}]}

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}"}


def json_schema(model: type[BaseModel], *, title: str, description: str) -> dict[str, Any]:
    """The JSON Schema of the file that `model` reads.

    An entity's id is its file name, never a key in the file, so it is left out.
    """
    schema = model.model_json_schema(schema_generator=_AsTyped, mode="validation")
    if issubclass(model, Entity):
        schema.get("properties", {}).pop("id", None)
    return {"$schema": DIALECT, **schema, "title": title, "description": description}
