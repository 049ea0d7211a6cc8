"""Small helpers for the words of user-facing messages."""

from __future__ import annotations

import re
from collections.abc import Sequence


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word that goes with `count`: 'team' for 1, 'teams' (or `plural_form`) otherwise."""
    return singular if count == 1 else (plural_form or singular + "s")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 dot', '2 dots', '1 business', '3 businesses' (pass the plural when it is not +s)."""
    return f"{count} {noun(count, singular, plural_form)}"


def verb(count: int, singular: str, plural_form: str) -> str:
    """The verb that agrees with `count`: verb(1, 'needs', 'need') is 'needs'."""
    return singular if count == 1 else plural_form


# Last words that already say what kind of body a partnership is, so its name can stand
# after "the" in a sentence: "the launch of the Northeast Louisiana Healthcare Partnership".
_GROUP_WORDS = frozenset(
    {
        "alliance",
        "association",
        "coalition",
        "collaboration",
        "collaborative",
        "compact",
        "consortium",
        "cooperative",
        "council",
        "forum",
        "group",
        "initiative",
        "network",
        "partners",
        "partnership",
        "roundtable",
    }
)


def partnership_in_text(name: str) -> str:
    """How a sentence names the partnership, with its article.

    'Northeast Louisiana Healthcare Partnership' -> 'the Northeast Louisiana Healthcare Partnership';
    'River Valley Manufacturing' -> 'the River Valley Manufacturing partnership' (the bare name
    after 'the' reads as a company); 'The Tooling Alliance' -> 'the Tooling Alliance'.
    """
    name = " ".join(name.split())
    if not name:
        return "the partnership"
    if name[:4].casefold() == "the ":
        name = name[4:]
    words = re.sub(r"\([^)]*\)\s*$", "", name).split()
    last = re.sub(r"[^\w-]", "", words[-1]).casefold() if words else ""
    return f"the {name}" if last in _GROUP_WORDS else f"the {name} partnership"


def upfirst(text: str) -> str:
    """`text` with its first letter capitalized and the rest untouched (for sentence starts)."""
    return text[:1].upper() + text[1:]


def joined(words: Sequence[str], conjunction: str) -> str:
    """'a', 'a or b', 'a, b or c' ('' for no words)."""
    if len(words) <= 2:
        return f" {conjunction} ".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def and_list(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('' for no words)."""
    return joined(words, "and")


def field_label(path: str) -> str:
    """A field path of a file as people read it: 'agenda.0.minutes' -> 'agenda item 1, minutes'.

    Paths without a list position ('settings.stale_after_days') stay as they are: they
    are the keys a person looks for in the file.
    """
    parts = path.split(".")
    if not any(part.isdigit() for part in parts):
        return path
    pieces: list[str] = []
    keys: list[str] = []
    for part in parts:
        if part.isdigit() and keys:
            listed = keys.pop()
            if keys:
                pieces.append(".".join(keys))
            keys = []
            pieces.append(f"{_one_of(listed)} {int(part) + 1}")
        else:
            keys.append(part)
    if keys:
        pieces.append(".".join(keys))
    return ", ".join(pieces)


def _one_of(listed: str) -> str:
    """The word for one entry of a list field: 'agenda' -> 'agenda item', 'tasks' -> 'task'."""
    words = listed.replace("_", " ")
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith("s") and not words.endswith("ss"):
        return words[:-1]
    return words + " item"


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with '…' when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—(") + "…"


def reflow(text: str) -> str:
    """Help text with the line breaks of its source joined: paragraphs stay, lists keep their lines.

    Docstrings wrap at the source's line length; shown as they are, a help screen breaks
    sentences in the middle ('attendance, priorities,' / 'action teams').
    """
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.splitlines()]
        if any(re.match(r"([-*•]|\d+[.)])\s", line) for line in lines[1:]) or paragraph.startswith("\b"):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(re.sub(r" {2,}", " ", " ".join(lines)))
    return "\n\n".join(paragraphs)


# Control characters: C0 (below a space), DEL and C1.  A terminal acts on them (ESC
# starts sequences that retitle the window, clear the screen or draw links; BEL rings).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and newline allowed (and CR)
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x09: "tab", 0x0A: "newline",
                  0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC"}  # fmt: skip


def control_name(char: str) -> str:
    """'ESC (U+001B)': a control character named for a message."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code, "a control character")
    return f"{name} (U+{code:04X})"


def first_control(value: str, *, multi_line: bool = False) -> tuple[int, str] | None:
    """(position from 1, character) of the first control character in `value`, or None.

    Tab, newline and carriage return count only where the value may span lines.
    """
    if value.isprintable():
        return None
    found = (CONTROL_BUT_LINES if multi_line else CONTROL).search(value.replace("\r\n", "\n"))
    return (found.start() + 1, found.group()) if found else None


def printable(value: str, *, keep_lines: bool = True) -> str:
    """`value` safe for a terminal: each control character shown as a visible symbol (ESC as ␛).

    Tab and newline stay when `keep_lines`; control pictures (U+2400...) keep one
    column per character, so tables stay aligned.
    """
    if value.isprintable():
        return value
    pattern = CONTROL_BUT_LINES if keep_lines else CONTROL
    return pattern.sub(_picture, value)


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else "�"
