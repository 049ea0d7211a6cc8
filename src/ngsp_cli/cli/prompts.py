"""Asking for a missing value on a terminal; elsewhere a missing value is a usage error."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from ngsp_cli.cli.options import STATE

if TYPE_CHECKING:
    from ngsp_cli.errors import NgspError


def can_prompt(no_input: bool = False) -> bool:
    if no_input or STATE.no_input:
        return False
    if os.environ.get("NGSP_NO_INPUT", "").lower() in {"1", "true", "yes"}:
        return False
    if os.environ.get("CI"):
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def _missing(flag: str, what: str | None, choices: list[str] | None = None) -> NgspError:
    """'the date of the meeting is missing', with the flag that gives it (and its choices)."""
    from ngsp_cli.errors import UsageError

    one_of = f" (one of: {', '.join(choices)})" if choices else ""
    return UsageError(
        f"{what or flag} is missing",
        hint=f"give it with {flag}{one_of}, or run the command in a terminal to be asked",
    )


def _answered(value: Any) -> Any:
    if value is None:  # questionary returns None on Ctrl-C
        raise KeyboardInterrupt
    return value


def ask_text(
    flag: str,
    question: str,
    *,
    default: str = "",
    required: bool = True,
    no_input: bool = False,
    what: str | None = None,
) -> str:
    """Ask on a terminal; otherwise a missing value is a usage error naming `what` and the flag.

    `what` names the value in a sentence ('the date of the meeting'); without it the
    message names the flag.
    """
    if not can_prompt(no_input):
        if required and not default:
            raise _missing(flag, what)
        return default
    import questionary

    def validate(text: str) -> bool | str:
        return True if text.strip() or not required else "Please type an answer"

    answer = _answered(questionary.text(question, default=default, validate=validate).ask())
    return str(answer).strip()


def ask_choice(
    flag: str, question: str, choices: list[str], *, default: str | None = None,
    no_input: bool = False, what: str | None = None,
) -> str:  # fmt: skip
    if not can_prompt(no_input):
        if default is not None:
            return default
        raise _missing(flag, what, choices)
    import questionary

    return str(_answered(questionary.select(question, choices=choices, default=default).ask()))


def ask_confirm(question: str, *, default: bool = True, no_input: bool = False) -> bool:
    if not can_prompt(no_input):
        return default
    import questionary

    return bool(_answered(questionary.confirm(question, default=default).ask()))
