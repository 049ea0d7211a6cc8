"""Words people type: fixed vocabulary read forgivingly, and one way to suggest what they meant.

A value of a fixed list (a kind of organization, a role, a meeting kind...) is read
with case, spaces and underscores ignored ("Business Leader", "business_leader" and
"business-leader" are the same word): those readings are certain, not guesses. A
value still unknown is refused with the closest allowed values ("did you mean
business?") and the whole list. Names and ids of entities use the same suggestions
(`closest`), so every command answers a typo the same way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

from ngsp_cli.errors import UsageError
from ngsp_cli.text import joined

E = TypeVar("E", bound=StrEnum)

_GAPS = re.compile(r"[\s_\-]+")
# Legal and filler words that do not tell two organizations apart ("Acme Tools, Inc.").
_ORG_SUFFIXES = frozenset({"inc", "llc", "ltd", "co", "corp", "corporation", "company", "the"})


def spelled(text: str) -> str:
    """`text` as the dashed lowercase word the fixed lists use: " Business_Leader " -> "business-leader"."""
    return _GAPS.sub("-", text.strip().casefold()).strip("-")


def normalized_name(name: str) -> str:
    """A name with case, accents, punctuation and legal suffixes ignored, for matching organizations."""
    from ngsp_cli.ids import slug

    words = slug(name).split("-")
    return "-".join(w for w in words if w not in _ORG_SUFFIXES) or slug(name)


def closest(ref: str, options: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` of `options` that `ref` most likely meant, best first (none when nothing is close).

    An option holding what was typed ("clinical" in "clinical-placements"), one that
    what was typed holds ("workforce" in "workforce board"), then the close spellings.
    """
    wanted = spelled(ref)
    if not wanted:
        return []
    by_key: dict[str, str] = {}
    for option in options:
        by_key.setdefault(spelled(option), option)
    keys = [k for k in by_key if k]
    found: list[str] = []
    if len(wanted) >= 3:
        found += [k for k in keys if wanted in k.split("-") or f"-{wanted}" in f"-{k}"]
        found += [k for k in keys if len(k) >= 4 and k in wanted.split("-")]
    found += difflib.get_close_matches(wanted, keys, n=n, cutoff=0.6)
    return [by_key[k] for k in dict.fromkeys(found)][:n]


def quoted_or(values: Sequence[str]) -> str:
    """ "'a'", "'a' or 'b'", "'a', 'b' or 'c'"."""
    return joined([f"'{v}'" for v in values], "or")


def did_you_mean(ref: str, options: Iterable[str], n: int = 3) -> str:
    """ "did you mean 'x'? " for the options closest to `ref`, or "" when none is close."""
    close = closest(ref, options, n)
    return f"did you mean {quoted_or(close)}? " if close else ""


def listed(values: Iterable[str]) -> str:
    """ "a, b, c or d"."""
    return joined(list(values), "or")


def choose_word(value: str, words: Sequence[str], what: str) -> str:
    """The one of `words` that `value` is, read as `spelled` ("DOCX" is "docx"); else a usage error.

    `what` names the list with its article ("a document format"); the error suggests
    the closest word and lists them all.
    """
    typed = spelled(value)
    for word in words:
        if spelled(word) == typed:
            return word
    raise UsageError(
        f"'{value.strip()}' is not {what}",
        hint=f"{did_you_mean(value, words, n=1)}use {listed(words)}",
    )


def choose(
    kind: type[E],
    value: str,
    what: str,
    *,
    allowed: Iterable[E] | None = None,
    synonyms: Mapping[str, E] | None = None,
) -> E:
    """The member of `kind` that `value` names, read forgivingly (see `spelled`).

    `what` names the list with its article ("a kind of organization"); `allowed`
    narrows the list; `synonyms` adds words that mean a member (keys as `spelled`).
    An unknown value is a usage error suggesting the closest allowed words.
    """
    members = list(allowed if allowed is not None else kind)
    found = synonyms.get(spelled(value)) if synonyms is not None else None
    if found in members:
        return found
    return kind(choose_word(value, [m.value for m in members], what))


def choose_all(
    kind: type[E], values: Iterable[str], what: str, *, allowed: Iterable[E] | None = None
) -> list[E]:
    """`choose` for each of `values`, in order, without repeats."""
    return list(dict.fromkeys(choose(kind, v, what, allowed=allowed) for v in values))
