"""Small helpers for the words of user-facing messages."""

from __future__ import annotations


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word that goes with `count`: 'team' for 1, 'teams' (or `plural_form`) otherwise."""
    return singular if count == 1 else (plural_form or singular + "s")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 dot', '2 dots', '1 business', '3 businesses' (pass the plural when it is not +s)."""
    return f"{count} {noun(count, singular, plural_form)}"


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with '…' when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—(") + "…"
