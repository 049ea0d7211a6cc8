"""ngsp leans on parts of a few libraries that are not their public API; it runs only on versions tested.

pyproject.toml gives each of them an upper bound. When a newer version is installed anyway
(a forced upgrade, another tool's environment), this test says which library, which version
and what to check before raising the bound, instead of letting a help screen or a table
break in front of a convener.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"

# What ngsp uses of each library beyond its documented API, and the tests that cover it.
FENCED = {
    "rich": "cli/layout.py FitTable measures cells the way rich.table.Table does and prints a copy "
    "with set column widths, counting on rich to add the same padding and borders "
    "(tests/cli/test_narrow_layout.py)",
    "typer": "cli/app.py builds the command tree lazily from Typer.registered_commands and "
    "registered_groups, typer.main.solve_typer_info_help and typer.models.DefaultPlaceholder, "
    "and replaces display_type_rich and get_help_option of the commands it prepares "
    "(tests/cli/test_startup.py, tests/cli/test_help_text.py)",
    "pyyaml": "store/yamlio.py subclasses the C base loader and overrides its resolve and "
    "get_single_data (tests/reliability/, tests/unit/test_load_entity.py)",
    "pydantic": "model/schema.py subclasses pydantic.json_schema.GenerateJsonSchema "
    "(tests/unit/test_schema.py); the models are pydantic v2",
}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = (Requirement(line) for line in project["dependencies"])
    return {canonicalize_name(r.name): r for r in requirements}


@pytest.mark.parametrize("name", sorted(FENCED))
def test_fenced_dependency_has_an_upper_bound(name: str) -> None:
    requirement = _declared()[name]
    assert any(spec.operator in {"<", "<=", "~=", "=="} for spec in requirement.specifier), (
        f"pyproject.toml must bound {name} from above ('{requirement}'): ngsp relies on {FENCED[name]}"
    )


@pytest.mark.parametrize("name", sorted(FENCED))
def test_installed_version_is_in_the_tested_range(name: str) -> None:
    requirement = _declared()[name]
    try:
        installed = version(name)
    except PackageNotFoundError:
        pytest.fail(f"{name} is not installed; run: pip install -e '.[test]'")
    assert requirement.specifier.contains(Version(installed), prereleases=True), (
        f"{name} {installed} is installed, but ngsp is tested with {name}{requirement.specifier} "
        f"(pyproject.toml). ngsp relies on {FENCED[name]}. Install a tested version "
        f"(pip install -e '.[test]'), or run the whole test suite with {name} {installed} and, "
        "when it passes, raise the bound in pyproject.toml."
    )


def test_an_untested_version_is_named_in_the_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "version", lambda name: "99.0.0")
    with pytest.raises(
        AssertionError, match=r"rich 99\.0\.0 is installed, but ngsp is tested with rich.*<16"
    ):
        test_installed_version_is_in_the_tested_range("rich")
