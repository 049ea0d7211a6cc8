"""The `ngsp` console script.

`ngsp --version` is answered before the command line is loaded: scripts and bug
reports ask for it often, and it needs nothing but the version string.
Everything else goes to the typer application in ngsp_cli.cli.app.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from ngsp_cli import __version__

        sys.stdout.write(f"ngsp {__version__}\n")
        return
    from ngsp_cli.cli.app import main as run

    run()
