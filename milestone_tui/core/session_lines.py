"""The few facts a dashboard row needs of a session file, read from its lines without importing PyYAML.

A row shows the phases done (and which of them have questions left), where the planner stopped, the GitHub
decision and numbers and when the
session was saved. Importing PyYAML costs the dashboard's first frame more than reading those facts, so this
reader takes them from a file in the block style the app writes (``key: value``, ``- `` items, one-line
plain or quoted scalars, literal blocks, ``{}`` / ``[]``), after checking that every line of the file is
well-formed YAML of that style. Anything else (flow collections, anchors, tags, comments, multi-line plain
or quoted scalars, tabs, unusual characters, a value whose YAML type is not plain to see) is declined:
``read_facts`` returns None and the dashboard reads the file with PyYAML, as before. What it returns equals
what PyYAML gives for those keys (``tests/core/test_session_lines.py``).
"""

from __future__ import annotations

import re
from typing import Any

from milestone_tui.errors import MilestoneError

FACT_KEYS = ("done", "issues", "github", "current", "current_issue", "updated_at", "roadmap", "epic", "spec")

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .-]{0,199}")
_NUMBER = re.compile(r"0|[1-9][0-9]{0,17}")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"yes", "no", "true", "false", "on", "off", "y", "n"}  # YAML 1.1 (lower-cased)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
# The characters of YAML 1.1's numbers, dates and timestamps: a plain scalar made of these alone may be one,
# and some fail to load (February 30th, "0x_"); like "<<" and "=", they are left to PyYAML.
_NUMERIC = frozenset("0123456789_:.+-eExXoObBtTzZ ")


class Declined(MilestoneError):
    """Not the block style this reader checks: PyYAML reads the file. Never leaves this module."""


class Scalar:
    """A scalar as written: its text, whether it was quoted (a quoted scalar is always a string), whether it
    is a literal block (whose text is not rebuilt here: never one of the facts)."""

    __slots__ = ("text", "quoted", "literal")

    def __init__(self, text: str, quoted: bool, literal: bool = False) -> None:
        self.text = text
        self.quoted = quoted
        self.literal = literal


class Mapping(dict[str, Any]):
    """A block mapping; ``plain_keys`` are its keys written without quotes (PyYAML may read one as a
    number, a date, a boolean)."""

    plain_keys: set[str]


def _scalar(text: str) -> Scalar:
    """A one-line scalar: plain, 'single' or "double" (without escapes); Declined for anything else."""
    if text.startswith("'"):
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith("'") or "'" in inner.replace("''", ""):
            raise Declined("a single-quoted scalar this reader does not follow")
        return Scalar(inner.replace("''", "'"), True)
    if text.startswith('"'):
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith('"') or '"' in inner or "\\" in inner:
            raise Declined("a double-quoted scalar with escapes")
        return Scalar(inner, True)
    if text[:1] in _INDICATORS or ": " in text or text.endswith(":") or " #" in text or _resolvable(text):
        raise Declined("a plain scalar this reader does not follow")
    return Scalar(text.rstrip(" "), False)


def _resolvable(plain: str) -> bool:
    """A plain scalar PyYAML may turn into a number, a date, a merge or a value key, and that may fail to
    load; a plain decimal integer always loads."""
    if plain in ("<<", "="):
        return True
    return set(plain) <= _NUMERIC and not _NUMBER.fullmatch(plain.rstrip(" "))


class _Reader:
    """Block mappings and sequences over the file's lines; each value a Scalar, dict, list or None."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.i = 0

    def skip_blank(self) -> None:
        while self.i < len(self.lines) and not self.lines[self.i].strip(" "):
            self.i += 1

    def indent(self) -> int:
        """The indentation of the next non-blank line (-1 at the end)."""
        self.skip_blank()
        if self.i >= len(self.lines):
            return -1
        line = self.lines[self.i]
        return len(line) - len(line.lstrip(" "))

    def document(self) -> dict[str, Any]:
        if self.indent() != 0:
            raise Declined("not a mapping at the top")
        root = self.mapping(0, self.lines[self.i])
        if self.indent() != -1:
            raise Declined("lines after the top mapping")
        return root

    def mapping(self, column: int, first: str) -> Mapping:
        """The mapping whose keys are at ``column``; ``first`` is its first entry's text (from the key)."""
        result = Mapping()
        result.plain_keys = set()
        text = first[column:]
        while True:
            key, rest = self.split_key(text)
            if not text.startswith("'"):
                result.plain_keys.add(key)
            self.i += 1
            result[key] = self.value(column, rest, compact=True)
            if self.indent() != column or self.lines[self.i][column:column + 1] == "-":
                return result
            text = self.lines[self.i][column:]

    def sequence(self, column: int) -> list[Any]:
        """The items at ``column`` (``- value``, ``- key: value`` ... or ``-`` and a nested block)."""
        items: list[Any] = []
        while self.indent() == column and self.lines[self.i][column:column + 2] in ("- ", "-"):
            line = self.lines[self.i]
            rest = line[column + 2:] if len(line) > column + 1 else ""
            if rest.startswith(" ") or rest.startswith("-"):
                raise Declined("an item with extra spaces or a nested item on its line")
            if self.is_entry(rest):
                items.append(self.mapping(column + 2, " " * (column + 2) + rest))
            else:
                self.i += 1
                items.append(self.value(column, rest, compact=False))
        return items

    @staticmethod
    def is_entry(text: str) -> bool:
        return text[:1] not in ("'", '"') and (": " in text or text.endswith(":"))

    @staticmethod
    def split_key(text: str) -> tuple[str, str]:
        """``key: rest`` -> (key, rest); Declined for a key this reader does not follow."""
        if text.startswith("'"):
            end = text.find("': ")
            end = end if end >= 0 else (len(text) - 2 if text.endswith("':") else -1)
            if not 0 < end <= 200:
                raise Declined("a quoted key this reader does not follow")
            key = _scalar(text[:end + 1]).text
            return key, text[end + 2:].lstrip(" ")
        key, sep, rest = text.partition(": ")
        if not sep:
            if not text.endswith(":"):
                raise Declined("a line that is not a key")
            key, rest = text[:-1], ""
        if not _PLAIN_KEY.fullmatch(key) or key.endswith(" ") or _resolvable(key):
            raise Declined("a key this reader does not follow")
        return key, rest.lstrip(" ")

    def value(self, column: int, rest: str, compact: bool) -> Any:
        """The value after a key (or an item marker) at ``column``; the key's line is consumed."""
        if rest in ("|", "|-", "|+"):
            return self.literal(column)
        if rest in ("{}", "[]"):
            value: Any = {} if rest == "{}" else []
        elif rest:
            value = _scalar(rest)
        else:
            below = self.indent()
            if below > column:
                line = self.lines[self.i]
                if line[below:below + 2] == "- " or line[below:] == "-":
                    return self.sequence(below)
                return self.mapping(below, line)
            if compact and below == column and self.lines[self.i][column:column + 2] in ("- ", "-"):
                return self.sequence(column)
            return None
        if self.indent() > column:
            raise Declined("a scalar that goes on over more lines")
        return value

    def literal(self, column: int) -> Scalar:
        """A literal block's lines (indented deeper than its key); its text is never one of the facts."""
        if self.i < len(self.lines) and not self.lines[self.i].strip(" "):
            raise Declined("a literal block that starts with a blank line")
        content = -1
        lines: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            indent = len(line) - len(line.lstrip(" "))
            if line.strip(" "):
                if indent <= column:
                    break
                if content < 0:
                    content = indent
                elif indent < content:
                    raise Declined("a literal block line indented less than its first")
            lines.append(line[content:] if content >= 0 else "")
            self.i += 1
        return Scalar("\n".join(lines), True, literal=True)


def _is_text(plain: str) -> bool:
    """A plain scalar PyYAML reads as a string: it starts with a letter and is no null or boolean word
    (numbers, dates and timestamps start with a digit, a sign or a dot)."""
    return plain[:1].isalpha() and plain.lower() not in _BOOLS and plain not in _NULLS


def _plain(scalar: Any) -> Any:
    """A used value as PyYAML resolves it: None, int or str; Declined where the type is not plain to see."""
    if scalar is None:
        return None
    if not isinstance(scalar, Scalar):
        raise Declined("a collection where a scalar was expected")
    if scalar.literal:
        raise Declined("a literal block where a fact was expected")
    text = scalar.text
    if scalar.quoted or _is_text(text):
        return text
    if text in _NULLS:
        return None
    if _NUMBER.fullmatch(text):
        return int(text)
    raise Declined("a plain value whose YAML type is not plain to see")


def _filled(node: Any) -> bool:
    """Whether an answer (or an issue's criteria) is given, as ``phases.partial_phases`` judges PyYAML's
    value: a literal block always holds text (one starting blank is declined), a list any item."""
    if isinstance(node, Scalar) and node.literal:
        return bool(node.text.strip())
    if isinstance(node, (list, Mapping)):
        return bool(node)
    return bool(str(_plain(node) or "").strip())


def _value(node: Any) -> Any:
    """A whole value as PyYAML loads it (a mapping's plain keys must read as strings too)."""
    if isinstance(node, Mapping):
        if any(not _is_text(key) for key in node.plain_keys):
            raise Declined("a plain key PyYAML may not read as a string")
        return {key: _value(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_value(item) for item in node]
    return _plain(node)


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    """The fact keys of the parsed file, with the values PyYAML would give them."""
    facts: dict[str, Any] = {}
    for key in ("current", "current_issue", "updated_at"):
        if key in data:
            facts[key] = _plain(data[key])
    if "roadmap" in data:
        facts["roadmap"] = _value(data["roadmap"])
    if isinstance(facts.get("updated_at"), int):
        raise Declined("a number as the save time")
    if "done" in data:
        done = data["done"]
        if done is not None and not isinstance(done, list):
            raise Declined("done is not a list")
        facts["done"] = [_plain(item) for item in done] if done is not None else None
    if "issues" in data:
        issues = data["issues"]
        if issues is not None and not (isinstance(issues, list) and all(isinstance(i, dict) for i in issues)):
            raise Declined("issues is not a list of mappings")
        facts["issues"] = [{k: _plain(v) if k == "github_issue" else _filled(v) for k, v in i.items()
                            if k in ("github_issue", "acceptance")} for i in issues or []]
    for section in ("epic", "spec"):  # which questions are answered: the ◐ of a done phase
        if section in data:
            answers = data[section]
            if answers is not None and not isinstance(answers, Mapping):
                raise Declined(f"{section} is not a mapping")
            facts[section] = {k: _filled(v) for k, v in answers.items()} if answers is not None else None
    if "github" in data:
        github = data["github"]
        if github is not None and not isinstance(github, dict):
            raise Declined("github is not a mapping")
        facts["github"] = {"decision": _plain(github["decision"])} if github and "decision" in github else \
            ({} if github is not None else None)
    return facts


def read_facts(text: str) -> dict[str, Any] | None:
    """The session's fact keys (``FACT_KEYS``, as PyYAML would load them), or None: read it with PyYAML."""
    reader = _Reader(text)
    # Every character printable as Python sees it is one PyYAML reads, and no line break of YAML's but
    # "\n" (a tab, a carriage return, NEL, LS, PS, a no-break space: PyYAML reads the file).
    if not all(line.isprintable() for line in reader.lines):
        return None
    try:
        return _facts(reader.document())
    except (Declined, RecursionError):  # a hand-made file nested thousands deep: PyYAML refuses it
        return None
