"""The one YAML dialect of ngsp, for reading and for writing.

Reads use PyYAML's C base loader: every scalar stays a string (plus one rule
for null), and the pydantic schema decides what a value means.  So `on`, `no`,
`08:30` or a ZIP code `07030` read back exactly as they were written, whatever
YAML version a person or another tool had in mind.

Writes use ruamel.yaml's round-trip mode on the one file that changes, so
comments, key order and quoting that people wrote survive.  ruamel is imported
only when something is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from ruamel.yaml import YAML

MAX_FILE_BYTES = 2_000_000

_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # C speed when libyaml is there


class YamlSyntaxError(ValueError):
    """A file is not valid YAML (or uses a feature ngsp refuses)."""

    def __init__(self, message: str, line: int | None, hint: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.hint = hint


_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULLS = frozenset({"~", "null", "Null", "NULL", ""})


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Strings-only loader that rejects duplicate keys and aliases.

    The C parser composes the nodes; turning them into dicts, lists and strings is
    a few lines here instead of PyYAML's general constructor machinery, which was
    most of the time spent reading a folder.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # What BaseResolver answers with the one null resolver, without its lookups:
        # a plain ~, null or empty value is null, every other scalar is a string.
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        return None if node is None else _build(node, set())


def _build(node: yaml.Node, seen: set[int]) -> Any:
    if id(node) in seen:  # the composer hands out an anchored node again for each alias
        raise YamlSyntaxError(
            "anchors and aliases (&name / *name) are not supported",
            node.start_mark.line + 1,
            "write the value out in full; partnership files never need YAML aliases",
        )
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL_TAG else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, seen) for child in node.value]
    mapping: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlSyntaxError("a key must be plain text", line)
        key = key_node.value
        if key in lines:
            raise YamlSyntaxError(
                f"the key '{key}' appears twice (lines {lines[key]} and {line})",
                line,
                "keep one of them; after a git merge, check which value is right",
            )
        lines[key] = line
        mapping[key] = _build(value_node, seen)
    return mapping


_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def parse(text: str) -> Any:
    """Parse YAML text into dicts, lists, strings and None."""
    if len(text) > MAX_FILE_BYTES:
        raise YamlSyntaxError(
            f"the file is too large ({len(text):,} characters; the limit is {MAX_FILE_BYTES:,})",
            None,
            "one entity per file keeps files small; split it or remove pasted data",
        )
    conflict = _CONFLICT.search(text)
    if conflict:
        raise YamlSyntaxError(
            "the file still contains git merge conflict markers",
            text.count("\n", 0, conflict.start()) + 1,
            "open the file, keep the right lines, delete the <<<<<<< ======= >>>>>>> lines",
        )
    try:
        return yaml.load(text, Loader=_Loader)
    except YamlSyntaxError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        hint = "check the indentation and that every 'key: value' has a space after the colon"
        if line is not None and "\t" in _line_text(text, line).split(":")[0]:
            hint = "YAML does not allow tabs for indentation; use spaces"
        raise YamlSyntaxError(f"this is not valid YAML: {problem}", line, hint) from exc
    except yaml.reader.ReaderError as exc:
        # Invisible control characters (a NUL, a pasted form feed) that YAML forbids.
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError(
            f"the file holds a character YAML does not allow (U+{code:04X})",
            line,
            "retype the line in a plain text editor; the character is often invisible",
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(
            f"this is not valid YAML: {exc}", None, "compare with another file of the same kind"
        ) from exc


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the value at `path` (keys and list indexes) in `text`.

    Used only after a file failed validation, so the happy path never pays for
    node positions.  Falls back to the deepest part of the path that exists.
    """
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return line
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def writer() -> YAML:
    """The one configured round-trip YAML object used for every write."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.width = 4096  # never re-fold long sentences that people wrote on one line
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.preserve_quotes = True
    rt.allow_unicode = True
    rt.explicit_start = False
    rt.Representer = _representer()
    return rt


@functools.cache
def _representer() -> type:
    from ruamel.yaml.representer import RoundTripRepresenter

    class NoDateAliases(RoundTripRepresenter):
        """ngsp's reader refuses anchors and aliases: two fields holding the same date object (a
        task finished the day it was added) are written as two dates, not `&id001` and `*id001`.
        Containers are never shared: the models dump fresh lists and mappings."""

        def ignore_aliases(self, data: Any) -> bool:
            return isinstance(data, dt.date) or bool(super().ignore_aliases(data))

    return NoDateAliases


def _same_scalar(old: Any, new: Any) -> bool:
    if old is None:
        return False
    if old == new:
        return True
    if old is None or new is None or isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
        return False
    # A hand-written `naics: 622110` (an int to ruamel) equals the string "622110";
    # keep the person's spelling when the meaning is unchanged.  The models strip
    # surrounding whitespace, so a `notes: >` or `|` block (which ends in a line
    # break) means the same as its stripped text: the block keeps its style.
    return str(old) == str(new) or (isinstance(new, str) and str(old).strip() == new)


def merge_into(doc: Any, full: Any, sparse: Any = None, orig: Any = None) -> Any:
    """Update round-trip data `doc` in place so it means `full`, keeping what is unchanged.

    `full` is the complete data, `sparse` the same data without default values.
    A key is added only when its value is not a default (`sparse` has it), but a
    key a person wrote is kept even when it holds the default, so hand-written
    files are never trimmed.  Keys and list items that did not change keep their
    comments and formatting; new keys go in schema order after the keys before them.
    `orig` is the same file read in ngsp's own dialect (see `parse`): a scalar
    whose meaning there equals the new value keeps the person's spelling.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if sparse is None:
        sparse = full
    if isinstance(full, Mapping):
        sparse_map: Mapping[str, Any] = sparse if isinstance(sparse, Mapping) else full
        if not isinstance(doc, CommentedMap):
            fresh = CommentedMap()
            for key, value in sparse_map.items():
                fresh[key] = merge_into(None, value)
            return fresh
        for key in [k for k in doc if k not in full]:
            del doc[key]
        keys = list(full)
        for position, key in enumerate(keys):
            if key in doc:
                merged = merge_into(
                    doc[key],
                    full[key],
                    sparse_map.get(key, full[key]),
                    orig.get(key) if isinstance(orig, Mapping) else None,
                )
                if merged is not doc[key]:
                    doc[key] = merged
            elif key in sparse_map:
                # Insert after the nearest earlier key that exists, so schema order holds.
                index = 0
                for earlier in reversed(keys[:position]):
                    if earlier in doc:
                        index = list(doc).index(earlier) + 1
                        break
                doc.insert(index, key, merge_into(None, sparse_map[key]))
        return doc
    if isinstance(full, list):
        sparse_list: list[Any] = sparse if isinstance(sparse, list) else full
        if not isinstance(doc, CommentedSeq):
            fresh_seq = CommentedSeq()
            for item in sparse_list:
                fresh_seq.append(merge_into(None, item))
            return fresh_seq
        while len(doc) > len(full):
            del doc[len(doc) - 1]
        for index, item in enumerate(full):
            item_sparse = sparse_list[index] if index < len(sparse_list) else item
            if index < len(doc):
                item_orig = orig[index] if isinstance(orig, list) and index < len(orig) else None
                merged = merge_into(doc[index], item, item_sparse, item_orig)
                if merged is not doc[index]:
                    doc[index] = merged
            else:
                doc.append(merge_into(None, item_sparse))
        return doc
    if doc is not None and (_same_scalar(doc, full) or _same_scalar(orig, full)):
        return doc
    if isinstance(full, str) and _needs_escapes().search(full):
        # Control characters, carriage returns and the Unicode line breaks cannot be
        # written raw (YAML refuses the first and folds the others into spaces on
        # reading); escaped in double quotes they come back exactly as they were.
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(full)
    if isinstance(full, str) and "\n" in full.strip():
        # Several lines (notes with paragraphs) read best as a literal block.
        from ruamel.yaml.scalarstring import LiteralScalarString

        return LiteralScalarString(full)
    return full


@functools.cache
def _needs_escapes() -> re.Pattern[str]:
    # Compiled on first write only: the Unicode ranges take milliseconds to compile,
    # and read-only commands never need them.
    return re.compile(
        "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )


# --- the fast path for new files ---------------------------------------------------------------

_PLAIN_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# Texts ruamel certainly writes plain: a letter first, then letters, digits, spaces and
# punctuation that is no indicator here; no ': ', no trailing space or colon, no double space.
_SURELY_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,&()/'_+@:-]*")
# Words YAML reads as something other than text (booleans, null), whatever their case.
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_FAST_MAX = 1000  # longer texts take ruamel's path (it may fold lines near its width)


@functools.cache
def _style_tools() -> tuple[Any, Any]:
    """ruamel's own resolver and emitter, to choose each scalar's style exactly as ruamel does."""
    import io

    rt = writer()
    rt.dump({"k": "v"}, io.StringIO())  # wires the resolver, serializer and emitter together
    return rt.resolver, rt.emitter


def _fast_scalar(value: Any) -> str | None:
    """`value` as ruamel writes it as a block mapping's value, or None when unsure."""
    import datetime as dt

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if not isinstance(value, str) or not value or len(value) > _FAST_MAX:
        return None
    if (
        _SURELY_PLAIN.fullmatch(value)
        and not value.endswith((" ", ":"))
        and ": " not in value
        and "  " not in value
        and value.casefold() not in _YAML_WORDS
    ):
        return value
    return _styled(value)


@functools.lru_cache(maxsize=4096)  # numbers and codes repeat down a column
def _styled(value: str) -> str | None:
    if "\n" in value or _needs_escapes().search(value):
        return None  # merge_into gives these a literal block or double quotes
    from ruamel.yaml.nodes import ScalarNode

    resolver, emitter = _style_tools()
    analysis = emitter.analyze_scalar(value)
    if analysis.multiline:
        return None
    if resolver.resolve(ScalarNode, value, (True, False)) == _STR_TAG and analysis.allow_block_plain:
        return value
    if "'" in value or not analysis.allow_single_quoted:
        return None  # ruamel would double-quote it
    return "'" + value + "'"


def dump_new(data: Mapping[str, Any]) -> str | None:
    """The text ruamel writes for a new file holding `data`, made without ruamel's emitter.

    Only for flat mappings of texts, dates and lists of texts (organizations and
    people, as an import makes them), about a hundred times faster; None for
    anything else, which then takes the round-trip writer. Byte-identical to it
    (tests/unit/test_yamlio.py compares the two on generated data).
    """
    lines: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str) or not _PLAIN_KEY.match(key):
            return None
        if isinstance(value, list):
            if not value:
                return None
            lines.append(f"{key}:\n")
            for item in value:
                text = _fast_scalar(item)
                if text is None:
                    return None
                lines.append(f"  - {text}\n")
        else:
            text = _fast_scalar(value)
            if text is None:
                return None
            lines.append(f"{key}: {text}\n")
    return "".join(lines) if lines else None
