"""The one clock: NGSP_TODAY moves "today" for every command, and a bad value is a usage error."""

from __future__ import annotations

import datetime as dt

import pytest

from ngsp_cli import clock
from ngsp_cli.errors import UsageError


def test_real_date_without_the_setting() -> None:
    assert clock.today() == dt.date.today()


def test_setting_fixes_today_and_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "2027-03-01")
    assert clock.today() == dt.date(2027, 3, 1)
    assert clock.now_utc().date() == dt.date(2027, 3, 1)


def test_bad_setting_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGSP_TODAY", "March 1st")
    with pytest.raises(UsageError) as caught:
        clock.today()
    assert "NGSP_TODAY" in str(caught.value)


def test_writing_command_refuses_a_day_after_the_set_clock(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from ngsp_cli.services.dates import not_in_future

    monkeypatch.setenv("NGSP_TODAY", "2027-03-01")
    assert not_in_future(None, None, "joining", "--joined", "") == dt.date(2027, 3, 1)
    with pytest.raises(UsageError):
        not_in_future(dt.date(2027, 3, 2), None, "joining", "--joined", "")


def test_no_module_reads_the_real_clock_but_the_clock() -> None:
    # ruff's ban is off in cli/ (which may import typer and rich); this test covers cli/ too.
    import re
    from pathlib import Path

    import ngsp_cli

    package = Path(ngsp_cli.__file__).parent
    readers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "clock.py"
        and re.search(r"\bdate\.today\(|\bdatetime\.now\(|\btime\.localtime\(", path.read_text("utf-8"))
    ]
    assert readers == [], f"ask ngsp_cli.clock instead of the real clock in: {readers}"
