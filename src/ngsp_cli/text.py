"""Small helpers for the words of user-facing messages."""

from __future__ import annotations


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word that goes with `count`: 'team' for 1, 'teams' (or `plural_form`) otherwise."""
    return singular if count == 1 else (plural_form or singular + "s")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 dot', '2 dots', '1 business', '3 businesses' (pass the plural when it is not +s)."""
    return f"{count} {noun(count, singular, plural_form)}"


def and_list(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
