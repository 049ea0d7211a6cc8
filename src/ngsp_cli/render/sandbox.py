"""The sandbox templates render in: no Python internals, and bounded size, loops, depth and time.

A partnership folder's `templates/` may hold templates anyone with access to the
folder wrote. Jinja's SandboxedEnvironment already keeps them away from Python's
internals; this module also keeps them from making ngsp run out of memory or
time. Every way a template can spend memory or time without bound passes one of
these checks:

- Operators: `*` (text or list times a number), `+` (text or lists joined), `**`
  (huge powers) and `%` (format widths) are checked before they run, `~` after it
  (the parts are already bounded, so one step can at most double a text).
- Calls: format widths and width-like numbers ('a'.center(N), 'a'|indent(N)) are
  checked before, the size of what a call or filter returns after.
- Loops: every `for` loop counts its steps against one budget per document, and
  the clock is read as they run (the parser wraps each loop's iterable in a
  counting filter, so loops over anything are counted, not only `range`).
- Depth: a template that includes itself or a macro that calls itself without end
  ends in Python's RecursionError, which `render.env` reports as such.
- Time: a deadline is checked at every loop step, call and checked operator
  (every way a template can keep running), so the error names the line. This is
  portable and safe where an alarm signal is not: SIGALRM does not exist on
  Windows, works only in the main thread, and would interrupt whatever ngsp code
  happens to be running, not only the template.
- Output: every printed value is checked before it becomes text (a list of long
  texts), and the document is produced piece by piece and stops when it grows
  past the size limit.

The limits are far above what the bundled templates need on the largest folders
(see docs/performance.md), and each breach ends as a plain error naming the
template file and line.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

# The largest text (characters) or list (items) a template may make, and the largest document.
MAX_SIZE = 10_000_000
# The most numbers range(...) may give (Jinja's own sandbox limit).
MAX_RANGE = 100_000
# Loop steps in one document, over all its loops (the bundled templates need under 1,000 on the
# benchmarks' stress folder of 7,407 files).
MAX_LOOP_STEPS = 1_000_000
# Seconds one document may take to render.
MAX_SECONDS = 20.0
# The largest power a template may compute, in bits of the result.
MAX_POWER_BITS = 100_000

_LOOP_FILTER = "__ngsp_loop"
_SIZE_FILTER = "__ngsp_size"
_NUMBER = re.compile(r"\d+")
_STR_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


class TemplateLimit(TemplateRuntimeError):
    """A template went past one of the limits; the message says which, the hint what to look at."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def _too_big(what: str) -> TemplateLimit:
    return TemplateLimit(
        f"the template makes {what} longer than {MAX_SIZE:,} characters",
        hint="look for text or lists multiplied (*) or joined (~, +) in a loop, or very wide widths",
    )


@dataclass
class Budget:
    """What one document may still spend: loop steps and time."""

    deadline: float
    steps: int = 0
    output: int = 0
    _ticks: int = field(default=0, repr=False)

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(
                f"the template took longer than {MAX_SECONDS:g} seconds",
                hint="look for loops inside loops, or a template that includes itself",
            )

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_LOOP_STEPS:
            raise TemplateLimit(
                f"the template's loops ran more than {MAX_LOOP_STEPS:,} times",
                hint="look for loops inside loops, such as for ... in range(...) twice",
            )
        if not self.steps & 255:
            self.tick()

    def wrote(self, text: str) -> None:
        self.output += len(text)
        if self.output > MAX_SIZE:
            raise TemplateLimit(
                f"the document would be longer than {MAX_SIZE:,} characters",
                hint="look for loops inside loops, or text multiplied (*) many times",
            )
        # No clock here: time is read inside the template (loops, calls, operators), where the
        # error can name the line that was running.


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("ngsp_template_budget", default=None)


@contextlib.contextmanager
def budget() -> Iterator[Budget]:
    """A fresh budget for rendering one document."""
    spent = Budget(deadline=time.monotonic() + MAX_SECONDS)
    token = _BUDGET.set(spent)
    try:
        yield spent
    finally:
        _BUDGET.reset(token)


def _tick() -> None:
    current = _BUDGET.get()
    if current is not None:
        current.tick()


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict, set, bytes)) else 0


def _check_size(value: Any) -> Any:
    if _sized(value) > MAX_SIZE:
        raise _too_big("a text or list")
    return value


def _check_format(fmt: str, args: Iterable[Any]) -> None:
    """Refuse format strings and arguments asking for widths past the limit ('%300000000s')."""
    if any(int(n) > MAX_SIZE for n in _NUMBER.findall(fmt) if len(n) >= len(str(MAX_SIZE))):
        raise _too_big("a text")
    _check_numbers(args)


def _check_numbers(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_SIZE:
            raise _too_big("a text")


def _loop(iterable: Any) -> Any:
    """Count each step of a `for` loop against the document's budget."""
    current = _BUDGET.get()
    if current is None:
        return iterable
    return _counted(iterable, current)


def _counted(iterable: Iterable[Any], current: Budget) -> Iterator[Any]:
    for item in iterable:
        current.step()
        yield item


def _printable(value: Any) -> Any:
    """Every value a template prints, checked before it is turned into text: a list of long
    texts would otherwise become one huge text before the document's size is checked."""
    if isinstance(value, (list, tuple, set, dict)):
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else list(value)
        if len(items) + sum(len(item) for item in items if isinstance(item, str)) > MAX_SIZE:
            raise _too_big("the text of a list")
    return value


def _limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(
            f"range(...) in the template gives {len(numbers):,} numbers, more than {MAX_RANGE:,}",
            hint="use a smaller range",
        )
    return numbers


def _joined_size(items: Any) -> int:
    """The length of the text joining `items` would make (texts in a list or tuple), else 0."""
    if isinstance(items, (list, tuple)):
        return sum(len(item) for item in items if isinstance(item, str))
    return 0


def _guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter with its numbers and its result checked."""
    skip = 2 if getattr(func, "jinja_pass_arg", None) is not None else 1

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        _check_numbers(args[skip:])
        _check_numbers(kwargs.values())
        value = args[skip - 1] if len(args) >= skip else None
        if func.__name__ == "do_format" and isinstance(value, str):
            _check_format(value, ())
        if func.__name__ == "do_join" and _joined_size(value) > MAX_SIZE:
            raise _too_big("a text")
        return _check_size(func(*args, **kwargs))

    return guarded


class _Guard(NodeTransformer):
    """Wraps every loop's iterable in the step counter and every `~` in the size check."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, _SIZE_FILTER, [], [], None, None, lineno=node.lineno)


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with limits on size, loop steps and time (see the module docstring)."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("finalize", _printable)
        super().__init__(*args, **kwargs)
        self.globals["range"] = _limited_range
        # lipsum(n) makes any amount of filler text; documents do not need it.
        self.globals.pop("lipsum", None)
        self.filters = {name: _guard_filter(func) for name, func in self.filters.items()}
        self.filters[_LOOP_FILTER] = _loop
        self.filters[_SIZE_FILTER] = _check_size

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        guarded = _Guard().visit(tree)
        assert isinstance(guarded, nodes.Template)
        return guarded

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _sized(seq) and isinstance(times, int) and _sized(seq) * times > MAX_SIZE:
                    raise _too_big("a text or list")
        elif operator == "+":
            if _sized(left) and _sized(right) and _sized(left) + _sized(right) > MAX_SIZE:
                raise _too_big("a text or list")
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right * math.log2(abs(left)) > MAX_POWER_BITS
            ):
                raise TemplateLimit(
                    "the template computes a number too large to write down",
                    hint="look for ** with a large power",
                )
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,))
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        # str.format reaches here wrapped by the sandbox; the text it belongs to is the same.
        target = getattr(__obj, "__wrapped__", __obj)
        name = getattr(target, "__name__", "")
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            if name in _STR_WIDTH_METHODS:
                _check_numbers(args)
            elif name in ("format", "format_map"):
                _check_format(owner, [*args, *kwargs.values()])
            elif name == "expandtabs" and args and isinstance(args[0], int):
                if owner.count("\t") * args[0] > MAX_SIZE:
                    raise _too_big("a text")
            elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
                if len(owner) + owner.count(args[0]) * len(str(args[1])) > MAX_SIZE:
                    raise _too_big("a text")
            elif (
                name == "join"
                and len(owner) * _sized(args[0] if args else None) + _joined_size(args[0] if args else None)
                > MAX_SIZE
            ):
                raise _too_big("a text")
        return _check_size(super().call(__context, __obj, *args, **kwargs))
