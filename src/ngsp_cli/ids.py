"""Ids of entities: readable, unicode-safe slugs that are always safe file names."""

from __future__ import annotations

import re
from collections.abc import Container

from ngsp_cli.errors import InputError

MAX_ID_LENGTH = 60
# Names whose slug needs no transliteration: ASCII without apostrophes (dropped, not
# separators), ampersands (HTML entities) or commas (dropped between digits).
_PLAIN = re.compile(r"[\x20-\x7e]+")
_NOT_PLAIN = re.compile(r"['&,]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_VALID_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names Windows refuses as file names, whatever the extension.
_RESERVED = {
    "con", "prn", "aux", "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}  # fmt: skip


def slug(name: str) -> str:
    """A lowercase ASCII slug of `name` ("Østergaard Health" -> "ostergaard-health")."""
    value = (
        _SEPARATORS.sub("-", name.lower()).strip("-")
        if _PLAIN.fullmatch(name) and not _NOT_PLAIN.search(name)
        else ""
    )
    if not value or len(value) > MAX_ID_LENGTH:
        # Accents, other scripts, quotes, entities, long names: python-slugify knows them
        # all (plain names give the same slug either way; importing it costs a moment).
        from slugify import slugify

        value = slugify(name, max_length=MAX_ID_LENGTH, word_boundary=True, save_order=True)
    if not value and name.strip():
        # Emoji, punctuation or symbols only: spell the characters out ("🚀" -> "rocket"),
        # so different names get different ids, and the same name always the same one.
        value = _spelled_out(name)
    if not value:
        # A name with nothing visible in it still needs an id.
        value = "item"
    if value in _RESERVED:
        value = f"{value}-1"
    return value


def _spelled_out(name: str) -> str:
    """A slug of the Unicode names of `name`'s characters ('!?' -> 'exclamation-mark-question-mark').

    Variation selectors and joiners are left out; a character without a name is
    its code point.  A slug too long to be an id is cut, and the start of a hash
    of the whole name is added, so two long names still differ.
    """
    import hashlib
    import unicodedata

    from slugify import slugify

    words = [
        unicodedata.name(char, f"u{ord(char):04x}")
        for char in name
        if not char.isspace() and unicodedata.category(char) not in {"Mn", "Me", "Cf", "Cc"}
    ]
    value = slugify(" ".join(words))
    if len(value) > MAX_ID_LENGTH:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
        value = value[: MAX_ID_LENGTH - len(digest) - 1].rstrip("-") + "-" + digest
    return value


def new_id(name: str, taken: Container[str], prefix: str = "") -> str:
    """A slug of `name` not in `taken`: `acme`, then `acme-2`, `acme-3`..."""
    base = f"{prefix}{slug(name)}"
    candidate = base
    counter = 2
    while candidate in taken:
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


def is_valid_id(value: str) -> bool:
    return bool(_VALID_ID.match(value)) and len(value) <= 100 and value not in _RESERVED


def check_id(value: str, what: str = "id") -> str:
    """Refuse ids that are not plain slugs, so no id ever names a path outside the folder."""
    if not is_valid_id(value):
        raise InputError(
            f"'{value}' is not a valid {what}",
            hint="ids are lowercase letters, digits and single dashes, e.g. 'acme-tools'",
        )
    return value
