"""Fixtures of the `ngsp check` / `ngsp assess` tests: scenario folders (see check_scenarios.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from check_scenarios import industry_led_files, public_led_files, write_files


@pytest.fixture
def scenario(tmp_path: Path) -> Callable[..., Path]:
    """Build a scenario folder ('industry-led' or 'public-led'), with extra or replaced files."""

    def build(which: str, extra: dict[str, Any] | None = None) -> Path:
        files = industry_led_files() if which == "industry-led" else public_led_files()
        files.update(extra or {})
        return write_files(tmp_path / which, files)

    return build


@pytest.fixture(autouse=True)
def scenario_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scenarios are judged on AS_OF, and the clock agrees: nothing in them lies in the future."""
    from check_scenarios import AS_OF

    monkeypatch.setenv("NGSP_TODAY", AS_OF.isoformat())
