"""Time one-entity edits beyond start-up: `ngsp org edit` run repeatedly in one warm process.

    python benchmarks/edit_probe.py FOLDER [ROUNDS]

Start-up (the interpreter, imports, the first edit) is done before timing; each
timed edit is the whole command: parse the arguments, read the organizations,
take the folder lock, round-trip the one file keeping its comments, fsync and
rename.  Prints {"cli_ms": median, "service_ms": median} as JSON.
"""

from __future__ import annotations

import contextlib
import io
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    from ngsp_cli.cli.app import app, lazy_command
    from ngsp_cli.services.directory.entries import edit_organization

    org = sorted((root / "organizations").glob("*.yaml"))[0].stem
    cities = ["Monroe", "Ruston"]
    command = lazy_command(app)  # what `ngsp` runs; built once, as in one process start

    def cli(index: int) -> None:
        with contextlib.redirect_stderr(io.StringIO()):
            args = ["-C", str(root), "org", "edit", org, "--city", cities[index % 2]]
            command.main(args, prog_name="ngsp", standalone_mode=False)

    def service(index: int) -> None:
        edit_organization(root, org, city=cities[index % 2])

    results = {}
    for name, step in (("cli_ms", cli), ("service_ms", service)):
        for index in range(3):
            step(index)
        times = []
        for index in range(rounds):
            start = time.perf_counter()
            step(index)
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times) * 1000
    path = root / "organizations" / f"{org}.yaml"
    if "city: Ruston" not in path.read_text(encoding="utf-8") and "city: Monroe" not in path.read_text(
        encoding="utf-8"
    ):
        raise SystemExit("the edit did not change the file")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
