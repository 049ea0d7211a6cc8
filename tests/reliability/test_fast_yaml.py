"""New files written without ruamel's emitter (the import's fast path) are byte-identical to ruamel's."""

from __future__ import annotations

import io
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_strategies import TRICKY, model_strategy, text

from ngsp_cli.model import Organization, Person
from ngsp_cli.store import yamlio
from ngsp_cli.store.write import file_data

EXAMPLES = int(os.environ.get("NGSP_HYPOTHESIS_EXAMPLES", "15")) * 10
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


def ruamel_text(data: dict[str, Any]) -> str:
    stream = io.StringIO()
    yamlio.writer().dump(yamlio.merge_into(None, data), stream)
    return stream.getvalue()


@SETTINGS
@given(st.one_of(model_strategy(Organization), model_strategy(Person)))
def test_a_new_organization_or_person_file_is_written_as_ruamel_writes_it(model: Any) -> None:
    _full, sparse = file_data(model)
    fast = yamlio.dump_new(sparse)
    if fast is not None:
        assert fast == ruamel_text(sparse)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(TRICKY), text(), st.text(max_size=40)), min_size=1, max_size=6))
def test_any_text_is_written_as_ruamel_writes_it_or_left_to_ruamel(values: list[str]) -> None:
    data: dict[str, Any] = {"name": values[0], "notes": values[-1], "roles": values}
    fast = yamlio.dump_new(data)
    if fast is not None:
        assert fast == ruamel_text(data)


def test_texts_close_to_yaml_words_and_indicators_are_written_as_ruamel_writes_them() -> None:
    values = [
        "true", "True", "FALSE", "Null", "yes", "No", "on", "Off", "y", "N", "a: b", "a:b", "ends:",
        "https://www.example-1.com", "Smith & Sons, Inc.", "O'Neil", "two  spaces", "trailing ",
        "ann@acme.example", "(555) 010-2000", "x - y", "A.B.", "Caf\u00e9", "It's #1", "a #b",
    ]  # fmt: skip
    for value in values:
        data = {"name": value}
        fast = yamlio.dump_new(data)
        assert fast is None or fast == ruamel_text(data), value


def test_the_fast_path_takes_the_usual_rows_of_an_import() -> None:
    org = {"name": "Acme Tools, Inc.", "kind": "business", "city": "Ruston", "size": "120"}
    person = {"name": "Ann O'Lee", "org": "acme-tools", "email": "ann@acme.example", "roles": ["champion"]}
    for data in (org, person):
        assert yamlio.dump_new(data) == ruamel_text(data)
