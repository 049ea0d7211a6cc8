"""Measure ngsp against its speed budgets; see docs/performance.md.

Run through `benchmarks/run`.  Every figure is measured in one run on this
machine: start-up figures as ratios to `python -c pass`, timed round-robin
with it (bare, command, bare, command...) and compared by medians, because
the speed of a shared machine drifts by tens of percent within minutes.
Exits 1 when a budget is missed or a measured command is not available
(unless --allow-missing), 0 when every figure is within its budget.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import generate  # noqa: E402

MEMORY_BUDGET_MB = 500
# The everyday read commands on the typical folder: CPU median over the stack floor's
# CPU median, both from the same round-robin (see STACK_FLOOR).
FLOOR_BUDGET = 1.15
# `ngsp org import` of a 100,000-row CSV into a new folder, and its dry run (2 cores).
IMPORT_SECONDS = 30.0
IMPORT_MEMORY_MB = 300

# What every command pays before any ngsp code runs: the libraries of ngsp's stack
# (typer with its pydantic argument coercion, rich, PyYAML) and one pydantic model.
# Shown beside the budgets so the room left for ngsp's own work is visible.
STACK_FLOOR = (
    "import typer, typer._adapters, rich.console, rich.table, yaml, pydantic\n"
    "class Probe(pydantic.BaseModel):\n"
    "    name: str\n"
    "rich.console.Console()"
)


@dataclass
class Sample:
    seconds: float
    cpu: float  # user + system time of the child
    maxrss_kb: int
    code: int


def run_once(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Sample:
    """Run a command to the end; wall time and the child's own peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=env, cwd=cwd,
    )  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode)


def explain_failure(argv: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        list(argv), stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )
    lines = (done.stderr or done.stdout).strip().splitlines()
    return f"exit {done.returncode}: {lines[-1] if lines else ''}"


@dataclass
class Probe:
    """One command timed in the round-robin."""

    key: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    rounds: int | None = None  # None: every round
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None

    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    def cpu_median(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def peak_mb(self) -> float:
        return max(s.maxrss_kb for s in self.samples) / 1024


@dataclass
class Row:
    figure: str
    measured: str
    budget: str
    ok: str  # "ok", "MISSED", "not available", "info"


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.python = sys.executable
        self.ngsp = shutil.which("ngsp", path=str(Path(sys.executable).parent)) or shutil.which("ngsp")
        if self.ngsp is None:
            raise SystemExit("ngsp is not installed next to this Python; run pip install -e . first")
        # As installed for real: bytecode is cached (pip compiles it), no ngsp settings.
        drop = ("NGSP_", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
        self.env.update({"NO_COLOR": "1", "NGSP_NO_INPUT": "1", "COLUMNS": "100", "TERM": "dumb"})
        self.scratch = Path(tempfile.mkdtemp(prefix="ngsp-bench-"))
        self.rows: list[Row] = []

    # -- set-up -------------------------------------------------------------

    def folders(self) -> None:
        log = self.log
        started = time.perf_counter()
        self.typical = generate.ensure("typical", seed=self.args.seed)
        self.stress = generate.ensure("stress", seed=self.args.seed)
        self.portfolio = generate.ensure("portfolio", seed=self.args.seed)
        # Commands that write (agenda output, edits) work on a private copy.
        self.typical_copy = self.scratch / "typical"
        shutil.copytree(self.typical, self.typical_copy)
        log(f"folders ready in {time.perf_counter() - started:.1f} s (under {generate.WORK})")

    def has_command(self, *words: str) -> bool:
        done = subprocess.run(
            [self.ngsp, *words, "--help"], stdin=subprocess.DEVNULL, capture_output=True, env=self.env,
            cwd=self.scratch, timeout=120,
        )  # fmt: skip
        return done.returncode == 0

    def log(self, message: str) -> None:
        if not self.args.quiet:
            print(message, file=sys.stderr, flush=True)

    # -- measuring ----------------------------------------------------------

    def round_robin(self, probes: list[Probe], rounds: int) -> Probe:
        bare = Probe("bare", [self.python, "-c", "pass"])
        live: list[Probe] = []
        for probe in probes:  # warm-up run: page cache, .pyc files, and a check that it works
            sample = run_once(probe.argv, self.env, self.scratch)
            if sample.code not in probe.ok_codes:
                probe.error = explain_failure(probe.argv, self.env, self.scratch)
                self.log(f"  {probe.key}: fails ({probe.error})")
            else:
                live.append(probe)
        run_once(bare.argv, self.env, self.scratch)
        for index in range(rounds):
            self.log(f"  round {index + 1}/{rounds}")
            for probe in live:
                if probe.rounds is not None and index >= probe.rounds:
                    continue
                bare.samples.append(run_once(bare.argv, self.env, self.scratch))
                probe.samples.append(run_once(probe.argv, self.env, self.scratch))
        return bare

    def edit_beyond_startup(self) -> tuple[float, float] | None:
        """Median ms of one `org edit` in a warm process (imports done), on a typical folder."""
        script = HERE / "edit_probe.py"
        done = subprocess.run(
            [self.python, str(script), str(self.typical_copy), str(self.args.edit_rounds)],
            capture_output=True, text=True, env=self.env, cwd=self.scratch, timeout=300,
        )  # fmt: skip
        if done.returncode != 0:
            self.log(done.stderr)
            return None
        result = json.loads(done.stdout)
        return result["cli_ms"], result["service_ms"]

    # -- import at scale ----------------------------------------------------

    def import_rows(self) -> None:
        """Import a generated CSV of --import-rows organizations into a new folder: dry run, then for real."""
        rows = self.args.import_rows
        started = time.perf_counter()
        path = generate.WORK / f"import-{rows}.csv"
        sheet = generate.generate_import_sheet(path, rows, seed=self.args.seed)
        self.log(f"import sheet of {rows:,} rows ready in {time.perf_counter() - started:.1f} s")
        budget_s, budget_mb = f"<= {IMPORT_SECONDS:g} s", f"<= {IMPORT_MEMORY_MB} MB"
        for label, extra in (("--dry-run", ["--dry-run"]), ("", [])):
            target = self.scratch / f"import{label}"
            init = [self.ngsp, "init", str(target), "--name", "Bench", "--industry", "Manufacturing",
                    "--region", "Bench Valley", "--no-git", "--no-input"]  # fmt: skip
            assert self.ngsp is not None
            if run_once(init, self.env, self.scratch).code != 0:
                self.rows.append(Row(f"org import {label}", "fails (init)", budget_s, "MISSED"))
                continue
            argv = [self.ngsp, "-C", str(target), "org", "import", str(sheet), *extra]
            self.log(f"  org import {label} of {rows:,} rows".replace("  of", " of"))
            sample = run_once(argv, self.env, self.scratch)
            figure = f"org import{' ' + label if label else ''}, {rows:,} rows: wall time (cpu)"
            if sample.code != 0:
                error = explain_failure(argv, self.env, self.scratch) if extra else ""
                self.rows.append(Row(figure, f"fails (exit {sample.code}) {error}", budget_s, "MISSED"))
                continue
            written = len(list((target / "organizations").glob("*.yaml")))
            if not extra and written != rows:
                self.rows.append(Row(figure, f"wrote {written:,} files, not {rows:,}", budget_s, "MISSED"))
                continue
            ok = "ok" if sample.seconds <= IMPORT_SECONDS else "MISSED"
            self.rows.append(Row(figure, f"{sample.seconds:.1f} s (cpu {sample.cpu:.1f} s)", budget_s, ok))
            peak = sample.maxrss_kb / 1024
            ok = "ok" if peak <= IMPORT_MEMORY_MB else "MISSED"
            self.rows.append(Row(figure.replace("wall time (cpu)", "peak memory"), f"{peak:.0f} MB",
                                 budget_mb, ok))  # fmt: skip
            shutil.rmtree(target, ignore_errors=True)

    # -- the figures --------------------------------------------------------

    def repos_figures(self) -> None:
        """`ngsp portfolio --repos` over generated bare repositories: empty cache, then nothing new."""
        started = time.perf_counter()
        repos = generate.ensure("repos", seed=self.args.seed)
        listing = repos / generate.REPOS_LIST
        count = sum(1 for line in listing.read_text().splitlines() if line.strip())
        seconds = time.perf_counter() - started
        self.log(f"{count} repositories ready in {seconds:.1f} s (under {generate.WORK})")
        assert self.ngsp is not None
        first: list[Sample] = []
        again: list[Sample] = []
        for index in range(self.args.slow_rounds):
            cache = self.scratch / f"repos-cache-{index}"
            argv = [self.ngsp, "portfolio", "--repos", str(listing), "--cache", str(cache), "--json"]
            self.log(f"  portfolio --repos, round {index + 1}/{self.args.slow_rounds}")
            first.append(run_once(argv, self.env, self.scratch))
            again.append(run_once(argv, self.env, self.scratch))
            shutil.rmtree(cache, ignore_errors=True)
            if first[-1].code != 0 or again[-1].code != 0:
                error = explain_failure(argv, self.env, self.scratch)
                self.rows.append(Row(f"ngsp portfolio --repos, {count} repositories", f"fails ({error})",
                                     "<= 60 s", "MISSED"))  # fmt: skip
                return
        for figure, samples, budget in (
            (f"ngsp portfolio --repos, {count} repositories, empty cache", first, 60),
            (f"ngsp portfolio --repos, {count} repositories, nothing new", again, 10),
        ):
            wall = statistics.median(s.seconds for s in samples)
            cpu = statistics.median(s.cpu for s in samples)  # ngsp and its git processes
            # By CPU: the whole work as if done on one core, which other work on a shared
            # machine disturbs less than the wall clock.
            ok = "ok" if (cpu if self.args.by == "cpu" else wall) <= budget else "MISSED"
            self.rows.append(Row(figure, f"{wall:.2f} s (cpu {cpu:.1f} s)", f"<= {budget} s", ok))

    def run(self) -> int:
        if self.args.only == "import":
            self.import_rows()
            return self.report()
        if self.args.repos_only:
            self.repos_figures()
            return self.report()
        self.folders()
        ngsp, typ, stress = self.ngsp, str(self.typical), str(self.stress)
        assert ngsp is not None
        available = {
            name: self.has_command(*name.split())
            for name in ("status", "check", "agenda", "portfolio", "org list")
        }
        self.log("available: " + ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in available.items()))
        portfolio_dirs = sorted(str(p) for p in self.portfolio.iterdir() if p.is_dir())
        fast = [
            Probe("stack floor", [self.python, "-c", STACK_FLOOR]),
            Probe("version", [ngsp, "--version"]),
            Probe("help", [ngsp, "--help"]),
            Probe("org list", [ngsp, "-C", typ, "org", "list"]),
        ]
        if available["status"]:
            fast.append(Probe("status", [ngsp, "-C", typ, "status"]))
        if available["check"]:
            fast.append(Probe("check", [ngsp, "-C", typ, "check"], ok_codes=(0, 1)))
        if available["agenda"]:
            out = str(self.scratch / "agenda.md")
            planned = sorted((self.typical_copy / "meetings").glob("*.yaml"))[-1].stem  # the next meeting
            fast.append(
                Probe("agenda", [ngsp, "-C", str(self.typical_copy), "agenda", planned, "--out", out])
            )
        slow_rounds = self.args.slow_rounds
        if available["check"]:
            fast.append(
                Probe("check stress", [ngsp, "-C", stress, "check"], ok_codes=(0, 1), rounds=slow_rounds)
            )
        if available["portfolio"]:
            fast.append(
                Probe("portfolio", [ngsp, "portfolio", *portfolio_dirs], ok_codes=(0, 1), rounds=slow_rounds)
            )
        self.log(f"timing {len(fast)} commands against `python -c pass`, {self.args.rounds} rounds")
        bare = self.round_robin(fast, self.args.rounds)
        by_key = {p.key: p for p in fast}
        bare_s = bare.median()
        bare_cpu = bare.cpu_median()
        self.rows.append(
            Row(
                "python -c pass (bare start-up)",
                f"{bare_s * 1000:.1f} ms (cpu {bare_cpu * 1000:.1f} ms)",
                "reference",
                "info",
            )
        )

        floor = by_key["stack floor"]
        if floor.samples:
            self.rows.append(
                Row(
                    "stack floor (typer, pydantic, rich, PyYAML)",
                    f"{floor.median() / bare_s:.1f}x ({floor.median() * 1000:.0f} ms; "
                    f"cpu {floor.cpu_median() / bare_cpu:.1f}x, {floor.cpu_median() * 1000:.0f} ms)",
                    "reference",
                    "info",
                )
            )

        def ratio_row(figure: str, key: str, budget: float, needed: str | None = None) -> None:
            probe = by_key.get(key)
            if probe is None or (needed is not None and not available[needed]):
                self.rows.append(Row(figure, "not available", f"<= {budget:g}x", "not available"))
                return
            if probe.error or not probe.samples:
                self.rows.append(Row(figure, f"fails ({probe.error})", f"<= {budget:g}x", "MISSED"))
                return
            value = probe.median() / bare_s
            cpu_value = probe.cpu_median() / bare_cpu
            judged = cpu_value if self.args.by == "cpu" else value
            ok = "ok" if judged <= budget else "MISSED"
            measured = f"{value:.1f}x ({probe.median() * 1000:.0f} ms; cpu {cpu_value:.1f}x)"
            self.rows.append(Row(figure, measured, f"<= {budget:g}x", ok))

        def floor_row(figure: str, key: str, floor: Probe) -> None:
            """A read command judged against the stack floor by CPU time (medians of this run)."""
            budget = f"<= {FLOOR_BUDGET:g} x floor"
            probe = by_key.get(key)
            if probe is None or not available[key]:
                self.rows.append(Row(figure, "not available", budget, "not available"))
                return
            if probe.error or not probe.samples or not floor.samples:
                self.rows.append(Row(figure, f"fails ({probe.error})", budget, "MISSED"))
                return
            value = probe.cpu_median() / floor.cpu_median()
            ok = "ok" if value <= FLOOR_BUDGET else "MISSED"
            measured = (
                f"{value:.2f} x floor (cpu {probe.cpu_median() * 1000:.0f} ms; "
                f"{probe.median() / bare_s:.1f}x bare, {probe.median() * 1000:.0f} ms)"
            )
            self.rows.append(Row(figure, measured, budget, ok))

        def seconds_row(figure: str, key: str, budget: float, needed: str) -> None:
            probe = by_key.get(key)
            if probe is None or not available[needed]:
                self.rows.append(Row(figure, "not available", f"<= {budget:g} s", "not available"))
                return
            if probe.error or not probe.samples:
                self.rows.append(Row(figure, f"fails ({probe.error})", f"<= {budget:g} s", "MISSED"))
                return
            value = probe.median()
            ok = "ok" if value <= budget else "MISSED"
            self.rows.append(Row(figure, f"{value:.2f} s", f"<= {budget:g} s", ok))

        ratio_row("ngsp --version", "version", 8)
        ratio_row("ngsp --help", "help", 16)
        for figure, key in (
            ("ngsp org list, typical folder", "org list"),
            ("ngsp status, typical folder", "status"),
            ("ngsp check, typical folder", "check"),
            ("ngsp agenda, typical folder", "agenda"),
        ):
            floor_row(figure, key, floor)
        seconds_row("ngsp check, stress folder", "check stress", 2.5, "check")
        probe = by_key.get("check stress")
        if probe is not None and probe.samples:
            peak = probe.peak_mb()
            ok = "ok" if peak <= MEMORY_BUDGET_MB else "MISSED"
            self.rows.append(
                Row("peak memory of check, stress folder", f"{peak:.0f} MB", f"<= {MEMORY_BUDGET_MB} MB", ok)
            )
        else:
            self.rows.append(
                Row("peak memory of check, stress folder", "not available", f"<= {MEMORY_BUDGET_MB} MB",
                    "not available")
            )  # fmt: skip
        edit = self.edit_beyond_startup()
        if edit is None:
            self.rows.append(Row("one-entity edit beyond start-up", "fails", "<= 15 ms", "MISSED"))
        else:
            cli_ms, service_ms = edit
            ok = "ok" if cli_ms <= 15 else "MISSED"
            self.rows.append(
                Row(
                    "one-entity edit beyond start-up (org edit)",
                    f"{cli_ms:.1f} ms (core {service_ms:.1f} ms)",
                    "<= 15 ms",
                    ok,
                )
            )
        seconds_row("ngsp portfolio, 100 typical folders", "portfolio", 10, "portfolio")
        if available["portfolio"]:
            self.repos_figures()
        if self.args.only == "all":
            self.import_rows()
        return self.report()

    def report(self) -> int:
        headers = ("figure", "measured", "budget", "ok")
        table = [headers, *((r.figure, r.measured, r.budget, r.ok) for r in self.rows)]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        lines = []
        for index, row in enumerate(table):
            lines.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
            if index == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        print("\n".join(lines))
        print(
            f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
            f"{self.args.rounds} rounds ({self.args.slow_rounds} for the slow figures), medians, "
            f"ratios judged by {self.args.by} time; load average {os.getloadavg()[0]:.1f}"
        )
        shutil.rmtree(self.scratch, ignore_errors=True)
        missed = [r for r in self.rows if r.ok == "MISSED"]
        missing = [r for r in self.rows if r.ok == "not available"]
        if missed:
            print(f"{len(missed)} budget(s) missed: " + ", ".join(r.figure for r in missed))
        if missing:
            print(f"{len(missing)} figure(s) not available: " + ", ".join(r.figure for r in missing))
        if missed or (missing and not self.args.allow_missing):
            return 1
        print("every figure is within its budget")
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15, help="round-robin rounds (default 15)")
    parser.add_argument("--slow-rounds", type=int, default=3, help="rounds of the slow figures (default 3)")
    parser.add_argument("--edit-rounds", type=int, default=60, help="timed edits (default 60)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--only",
        choices=["all", "startup", "import"],
        default="all",
        help="all figures (default), only the start-up and folder figures, or only the import at scale",
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=generate.IMPORT_ROWS,
        help="rows of the import sheet (default 100,000)",
    )
    parser.add_argument("--allow-missing", action="store_true", help="commands not yet available do not fail")
    parser.add_argument("--quiet", action="store_true", help="only the table")
    parser.add_argument(
        "--repos-only",
        action="store_true",
        help="only the figures of 'ngsp portfolio --repos' over 200 generated git repositories",
    )
    parser.add_argument(
        "--by",
        choices=["wall", "cpu"],
        default="wall",
        help="judge the ratios by wall-clock time (default) or by CPU time, which other work "
        "on a shared machine disturbs less",
    )
    args = parser.parse_args(argv)
    run: Callable[[], int] = Bench(args).run
    return run()


if __name__ == "__main__":
    sys.exit(main())
