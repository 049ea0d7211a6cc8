"""No module of ngsp grows past about 400 lines: a module that long holds more than one job."""

from __future__ import annotations

from pathlib import Path

import ngsp_cli

LIMIT = 400  # longer than that, a module is doing a second job


def test_no_module_is_longer_than_the_limit() -> None:
    package = Path(ngsp_cli.__file__).parent
    sizes = {
        path.relative_to(package).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in package.rglob("*.py")
    }
    too_long = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert len(sizes) > 100, "the package's modules were not found"
    assert not too_long, (
        f"modules over {LIMIT} lines: {too_long}; split each by what its parts do "
        "(see docs/code.md for the layout)"
    )
