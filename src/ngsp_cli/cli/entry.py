"""The `ngsp` console script.

`ngsp --version` is answered before the command line is loaded: scripts and bug
reports ask for it often, and it needs nothing but the version string.  The
cyclic garbage collector is switched off for the short life of the process, and
the process ends without tearing down its modules once its output is out (see
`leave`).  Everything else goes to the typer application in ngsp_cli.cli.app.
"""

from __future__ import annotations

import gc
import os
import sys


def run() -> int | str | None:
    """Run the command line of this process; the exit status `sys.exit` would be given."""
    # An ngsp command is a short process whose objects (models, rows, rendered
    # lines) are freed by reference counting; the cyclic collector only rescans the
    # tens of thousands of objects the libraries create at import.  See
    # docs/performance.md for what it saves.
    gc.disable()
    if sys.argv[1:] == ["--version"]:
        from ngsp_cli import __version__

        sys.stdout.write(f"ngsp {__version__}\n")
        return 0
    from ngsp_cli.cli.app import main as run_app

    try:
        run_app()
    except SystemExit as exc:
        return exc.code
    return 0


def leave(code: int | str | None) -> None:
    """End the process with `code` as `sys.exit(code)` would, without tearing down every module.

    Python's own shutdown spends about a fifth of a short command's time freeing the
    objects that the libraries built while importing, one module after another.  A
    finished command needs none of it: what must happen at exit (functions registered
    with atexit, among them the clean-up of temporary folders and of worker
    processes) is run here, then both streams are flushed, then the process ends.
    Files are already complete: ngsp writes each one to a temporary name, fsyncs and
    renames it before the command returns, and folder locks are released by then.

    Anything unusual (a message instead of a number, a thread still running, a
    stream that cannot be flushed) takes Python's ordinary way out instead.
    """
    if code is None:
        code = 0
    if not isinstance(code, int) or _threads_running():
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)  # Python reports the lost output and exits 120, as without us
    os._exit(code & 0xFF)


def _threads_running() -> bool:
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def main() -> None:
    leave(run())
