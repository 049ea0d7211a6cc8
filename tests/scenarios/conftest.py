"""Scenario partnerships, built through the CLI on a simulated calendar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from partnership_on_calendar import Partnership


@pytest.fixture
def partnership(ngsp: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Partnership:
    return Partnership(ngsp, tmp_path / "valley", monkeypatch)
