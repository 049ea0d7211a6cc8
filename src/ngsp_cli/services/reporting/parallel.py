"""Reading many partnerships at once: worker processes that Ctrl-C and SIGTERM stop cleanly."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

PARALLEL_FROM = 6  # partnerships; below this one process is faster than starting workers

Item = TypeVar("Item")
Result = TypeVar("Result")


def read_all(
    items: Sequence[Item],
    read: Callable[[Item], Result],
    *,
    workers: int | None = None,
    on_progress: Callable[[int, int, Item], None] | None = None,
) -> list[Result]:
    """`read` of every item, in worker processes when there are many; results in the order of `items`.

    `read` crosses to the workers: a module-level function, or a `partial` of one.
    `on_progress` hears (done, total, the last item read).
    """
    total = len(items)
    n_workers = worker_count(total, workers)
    if n_workers == 1:
        results: list[Result] = []
        for index, item in enumerate(items, 1):
            results.append(read(item))
            if on_progress:
                on_progress(index, total, item)
        return results
    # Small batches: fewer round trips than one task per partnership, and the
    # progress bar still moves steadily.
    size = max(1, min(8, total // (n_workers * 4)))
    batches = [(start, list(items[start : start + size])) for start in range(0, total, size)]
    by_index: dict[int, Result] = {}
    done = 0
    # Leaving the `with` terminates the workers, also on Ctrl-C or an error.
    # The SIGTERM handler is set only once the workers exist: a forked worker must not
    # inherit it (a Python handler cannot run while a worker waits on a lock, so the
    # pool's own SIGTERM could not end that worker).
    with multiprocessing.Pool(n_workers, initializer=_quiet_worker) as pool, _sigterm_stops_the_pool():
        for start, batch_results in pool.imap_unordered(partial(_read_batch, read), batches):
            for offset, result in enumerate(batch_results):
                by_index[start + offset] = result
            done += len(batch_results)
            if on_progress:
                on_progress(done, total, items[start + len(batch_results) - 1])
    return [by_index[index] for index in range(total)]


def worker_count(count: int, workers: int | None) -> int:
    """`workers` when given; else one process for a few items, else up to 8 (a third of the items)."""
    if workers is not None:
        return max(1, workers)
    if count < PARALLEL_FROM:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, 8, count // 3))


def _read_batch(read: Callable[[Item], Result], batch: tuple[int, list[Item]]) -> tuple[int, list[Result]]:
    start, items = batch
    return start, [read(item) for item in items]


def _quiet_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the main process
    # handles it (and stops the workers), so workers print no traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The pool ends its workers with SIGTERM, which must simply end them.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # leaves the pool's `with`, which terminates the workers


@contextmanager
def _sigterm_stops_the_pool() -> Iterator[None]:
    """While workers run, SIGTERM (a `kill`, a closed session) stops them like Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
