"""Property tests: whatever valid data ngsp writes, it reads back the same, and writes it the same way."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_strategies import ids, model_strategy

from ngsp_cli.model import ENTITY_TYPES, Organization, Partnership
from ngsp_cli.store.folder import load
from ngsp_cli.store.write import render, save

EXAMPLES = int(os.environ.get("NGSP_HYPOTHESIS_EXAMPLES", "15"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
MODELS = [Partnership, *ENTITY_TYPES]
BASE = {"schema_version": 1, "name": "Round Trip", "industry": "Testing", "region": "Here"}


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ngsp-rt-") as name:
        root = Path(name)
        (root / "partnership.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
        yield root


def read_back(root: Path, model: Any) -> Any:
    if isinstance(model, Partnership):
        return load(root, kinds=(), check_references=False).partnership
    snap = load(root, kinds=(type(model),), check_references=False)
    return snap.entities(type(model))[model.id]


@pytest.mark.parametrize("kind", MODELS, ids=lambda k: k.__name__)
def test_saved_then_loaded_is_equal_and_a_second_save_is_byte_identical(kind: type[Any]) -> None:
    @FAST
    @given(model=model_strategy(kind), entity_id=ids)
    def check(model: Any, entity_id: str) -> None:
        if kind is not Partnership:
            model.id = entity_id
        with folder() as root:
            path = save(root, model)
            first = path.read_bytes()
            loaded = read_back(root, model)
            assert loaded == model
            save(root, loaded)
            assert path.read_bytes() == first
            assert render(loaded, first.decode("utf-8")) == first.decode("utf-8")

    check()


@settings(FAST, max_examples=max(EXAMPLES // 2, 5))
@given(
    city=st.sampled_from(["yes", "08:30", "07030", "# hash", "Ruston"]) | st.text(min_size=1, max_size=20),
    notes=st.text(max_size=40),
)
def test_editing_through_the_cli_twice_changes_nothing_the_second_time(city: str, notes: str) -> None:
    """Also: the hand comments of the file survive both edits."""
    from typer.testing import CliRunner

    from ngsp_cli.cli.app import app

    runner = CliRunner()
    with folder() as root:
        (root / "organizations").mkdir()
        org = root / "organizations" / "acme-tools.yaml"
        org.write_text("# Acme, met at the fair\nname: Acme Tools  # the trading name\nkind: business\n")
        args = ["-C", str(root), "org", "edit", "acme-tools", "--city", city, "--notes", notes]
        first = runner.invoke(app, args)
        if first.exit_code != 0:
            # Only values the schema refuses may fail, and never with a traceback.
            assert first.exit_code == 2, first.output
            assert "Traceback" not in first.output
            return
        after_first = org.read_bytes()
        second = runner.invoke(app, args)
        assert second.exit_code == 0, second.output
        assert org.read_bytes() == after_first
        text = after_first.decode("utf-8")
        assert "# Acme, met at the fair" in text
        assert "# the trading name" in text
        saved = load(root, kinds=(Organization,), check_references=False).organizations["acme-tools"]
        meant = Organization(name="Acme Tools", kind="business", city=city, notes=notes)
        assert (saved.city, saved.notes) == (meant.city, meant.notes)


@settings(FAST, max_examples=200)
@given(
    name=st.text(alphabet='aZ09 -:.;/()!?#_"', max_size=80)
    | st.from_regex(r"[A-Za-z0-9 -]{1,90}", fullmatch=True)
    | st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=70)
)
def test_the_quick_slug_of_plain_names_is_the_slugify_slug(name: str) -> None:
    from slugify import slugify

    from ngsp_cli.ids import MAX_ID_LENGTH, is_valid_id, slug

    expected = slugify(name, max_length=MAX_ID_LENGTH, word_boundary=True, save_order=True)
    if expected:
        assert slug(name) in {expected, f"{expected}-1"}
    else:  # punctuation only: its characters spelled out ('?' -> 'question-mark'); blank: 'item'
        assert is_valid_id(slug(name))
        assert (slug(name) == "item") == (not name.strip())
