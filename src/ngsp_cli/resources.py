"""The one lookup for data that ships with ngsp: playbooks, templates, examples."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_KINDS = ("playbooks", "templates", "examples")


@cache
def bundled(kind: str) -> Path:
    """The folder of bundled `kind` data, in an installed wheel or a source checkout."""
    if kind not in _KINDS:
        raise ValueError(f"unknown resource kind {kind!r}")
    # The package's own folder (what importlib.resources.files("ngsp_cli") names for an
    # installed package, without importing importlib.resources at start-up).
    installed = Path(__file__).parent / "_data" / kind
    if installed.is_dir():
        return installed
    # Editable installs and checkouts: the top-level folder of the repository.
    checkout = Path(__file__).resolve().parents[2] / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"ngsp is installed without its {kind}; reinstall ngsp")


def example_names() -> list[str]:
    return sorted(p.name for p in bundled("examples").iterdir() if (p / "partnership.yaml").is_file())
