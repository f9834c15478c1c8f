"""Roadmap parsing: ``docs/01-roadmap/roadmap.md`` -> milestones (id, title, scope, dependencies, fields).

Real roadmaps are written by hand, so the parser is lenient about shape and strict about nothing:

* milestone headings ``## M5 - Title``, ``### M5: Title``, ``### M5 — Title``, ``### Milestone 5 - Title``,
  ``## M5 Title`` (any level; a non-milestone heading at the same or a higher level ends the milestone);
* labelled lines ``Scope: a, b``, ``**Scope:** a; b``, ``- **Dependencies:** M4 (Risk Assessment)``;
  an empty label (``**Scope:**``) or a deeper heading (``### Scope``) takes the next list or paragraph;
* markdown tables with id / title / scope / dependencies columns.

The markdown's block tokens are walked once, so big roadmaps are cheap. They come from one of two readers
that give the same milestones: the full parser (``core.roadmap_markdown``: markdown-it-py) or the cheap line
reader (``core.roadmap_lines``: no markdown-it, for the dashboard's first frame; it leaves the shapes it does
not follow to the full parser). This module imports neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from milestone_tui.errors import RoadmapError

if TYPE_CHECKING:
    from collections.abc import Sequence

# "M5", "m-5", "M05", "Milestone 5", "milestone-5", "Milestone M5", "M5a" (a sub-milestone).
# At most nine digits: a longer run is no milestone number (and int() refuses 5000 digits).
_ID = r"(?:milestone[\s_\-#]*m?[\s_\-]?|m[\s_\-]?)(\d{1,9})(?!\d)([a-z])?"
_ID_RE = re.compile(rf"^\s*{_ID}\s*$", re.IGNORECASE)
_HEADING_RE = re.compile(rf"^[\[(]?\s*{_ID}(?![a-z0-9])[\])]?\s*(?:[-–—:|.)]+\s*)?(.*)$", re.IGNORECASE)
# A label is a short run of words; the value may be empty (then the next list/paragraph is the value).
_BOLD_LABEL_RE = re.compile(r"^(\*\*|__|\*|_)(.+?)\1(.*)$")
_PLAIN_LABEL_RE = re.compile(r"^([A-Za-z][A-Za-z /&\-]{0,39}):(.*)$")
_LABEL_TEXT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9 /&()\-_.']{0,39}$")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH_RE = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)

SCOPE_LABELS = {"scope", "in scope", "key scope", "scope items"}
DEPENDENCY_LABELS = {"dependencies", "dependency", "depends on", "depends", "deps", "requires",
                     "prerequisites", "blocked by"}
DESCRIPTION_LABELS = {"description", "overview", "summary", "about"}
# When a milestone has no prose, one of these labelled fields doubles as its description.
_DESCRIPTION_FALLBACKS = ("goal", "goals", "objective", "purpose")
# Plain (not bold) labels outside this set count only in a paragraph made of labelled lines, so prose such as
# "The first model: scores assets" stays prose.
FIELD_LABELS = {"target date", "target", "due", "due date", "date", "eta", "start date", "end date", "owner",
                "owners", "lead", "team", "status", "priority", "estimate", "effort", "size", "quarter",
                "release", "version", "phase", "goal", "goals", "objective", "purpose", "risks", "notes",
                "deliverables", "success criteria", "metrics", "out of scope", "non goals"}
_NONE_VALUES = {"", "none", "-", "–", "—", "n/a", "na", "nothing", "no dependencies", "(none)", "tbd"}

_ID_HEADERS = {"id", "#", "key", "milestone id", "ms", "no", "no.", "number", "ref"}
_TITLE_HEADERS = {"title", "name", "milestone", "milestone name", "milestone title", "theme"}


class BlockToken(Protocol):
    """What the walker reads of a block token (markdown-it's ``Token``, or the line reader's)."""

    type: str
    tag: str
    content: str
    map: list[int] | None


@dataclass
class RoadmapMilestone:
    """One milestone as the roadmap describes it (kept in the session as its ``roadmap``)."""

    # A plain dataclass, so the dashboard reads the roadmap without the session model; inside a Session,
    # pydantic validates it like a model of its own, unknown keys refused.
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    id: str  # canonical display id, e.g. "M5"
    title: str
    scope: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)  # as written, e.g. "M4 (Risk Assessment)"
    description: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # other labelled fields: target date, owner ...

    @property
    def key(self) -> str:
        """The folder id: lower-case canonical id (``m5``)."""
        return self.id.lower()

    @property
    def display_title(self) -> str:
        """``M5 - Detection Ingest Pipeline``: the GitHub milestone title."""
        return f"{self.id} - {self.title}" if self.title else self.id

    @property
    def due_date(self) -> str | None:
        """A target/due date from the labelled fields, if the roadmap gives one (ISO ``YYYY-MM-DD``)."""
        for name, value in self.fields.items():
            if name.lower().replace("_", " ") in {"target date", "due", "due date", "target", "date"}:
                return value.strip() or None
        return None


@dataclass
class Roadmap:
    """All milestones of a roadmap file, in file order."""

    path: str = ""
    milestones: list[RoadmapMilestone] = field(default_factory=list)


def canonical_id(text: str) -> str | None:
    """``m5`` / ``M5`` / ``Milestone 5`` / ``milestone-5`` -> ``M5``; None when it is not a milestone id."""
    match = _ID_RE.match(text)
    return _canon(match.group(1), match.group(2)) if match else None


def heading_parts(text: str) -> tuple[str | None, str]:
    """``M5 - Detection Ingest`` -> ``("M5", "Detection Ingest")``; text without an id -> ``(None, "")``."""
    match = _HEADING_RE.match(plain(text).strip())
    return (_canon(match[1], match[2]), match[3]) if match else (None, "")


def _canon(number: str, suffix: str | None) -> str:
    # int() drops leading zeros so "M05" and "M5" are the same milestone.
    return f"M{int(number)}{(suffix or '').lower()}"


def plain(text: str) -> str:
    """Inline markdown -> plain text: links become their text, emphasis/code marks go, spaces collapse."""
    text = _LINK_RE.sub(r"\1", text)
    for mark in ("**", "__", "~~", "`"):
        text = text.replace(mark, "")
    text = _EMPH_RE.sub(r"\1", text)
    return " ".join(text.split())


def split_items(text: str) -> list[str]:
    """``a, b; c`` -> items. Semicolons win over commas; separators inside parentheses do not split."""
    seps = ";" if _top_level(text, ";") else ","
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if ch == seps and depth <= 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    cleaned = [item.strip().rstrip(".").strip() for item in items]
    return [item for item in cleaned if item]


def _top_level(text: str, sep: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
        if ch == sep and depth <= 0:
            return True
    return False


def _split_label(line: str) -> tuple[str, str, bool] | None:
    """``**Scope:** a, b`` -> ("Scope", "a, b", bold); None when the line is not a labelled line."""
    line = line.strip()
    bold = _BOLD_LABEL_RE.match(line)
    if bold:
        inner, rest = bold.group(2).strip(), bold.group(3)
        if inner.endswith(":"):
            label, value = inner[:-1], rest
        elif rest.lstrip().startswith(":"):
            label, value = inner, rest.lstrip()[1:]
        else:
            return None
        label = plain(label)
        return (label, value.strip(), True) if _LABEL_TEXT_RE.match(label) else None
    match = _PLAIN_LABEL_RE.match(line)
    # A plain label is at most three words, and "https://..." is a link, not a label.
    if not match or len(match.group(1).split()) > 3 or match.group(2).startswith("//"):
        return None
    return match.group(1).strip(), match.group(2).strip(), False


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _key(label: str) -> str:
    return " ".join(label.lower().replace("_", " ").replace("-", " ").split())


def _is_known(label: str) -> bool:
    key = _key(label)
    return key in SCOPE_LABELS or key in DEPENDENCY_LABELS or key in DESCRIPTION_LABELS


def _paragraph_labels(lines: list[str], in_list: bool) -> list[tuple[str, str, bool] | None]:
    """The label of each line. Unknown plain labels count only when every line of a paragraph is one; in a
    list item never ("- Validation: schema checks" is a scope item, not a field)."""
    found = [_split_label(line) for line in lines]
    all_labels = all(found) and not in_list
    return [f if f and (f[2] or all_labels or _is_known(f[0]) or _key(f[0]) in FIELD_LABELS) else None
            for f in found]


@dataclass
class _Draft:
    """A milestone being collected; turned into a RoadmapMilestone when its section ends."""

    id: str
    title: str
    level: int = 0
    scope: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    loose: list[str] = field(default_factory=list)  # unlabelled bullets: the scope if no scope is given
    line: int = 0  # 1-based line of the heading or table row, for messages
    table: bool = False  # a row of a summary table (a heading for the same id may add the details)

    def assign(self, label: str, values: str | list[str]) -> None:
        """Store a labelled value; a str is split into items, a list holds items already."""
        key = _key(label)
        if not isinstance(values, str):
            values = [v.strip().rstrip(".").strip() for v in values if v.strip()]
        if key in SCOPE_LABELS:
            self.scope.extend(split_items(values) if isinstance(values, str) else values)
        elif key in DEPENDENCY_LABELS:
            items = split_items(values) if isinstance(values, str) else values
            self.dependencies.extend(i for i in items if i.lower() not in _NONE_VALUES)
        elif key in DESCRIPTION_LABELS:
            self.description.append(values if isinstance(values, str) else _bullets(values))
        else:
            text = values if isinstance(values, str) else "; ".join(values)
            # Keep the label as first written, even if a later line spells it in another case.
            name = next((k for k in self.fields if _key(k) == key), label)
            self.fields[name] = f"{self.fields[name]}; {text}" if name in self.fields else text

    def build(self) -> RoadmapMilestone:
        description = list(self.description)
        scope = self.scope or self.loose
        if self.scope and self.loose:
            description.append(_bullets(self.loose))
        if not description:
            description += [v for k, v in self.fields.items() if _key(k) in _DESCRIPTION_FALLBACKS][:1]
        return RoadmapMilestone(id=self.id, title=self.title, scope=scope, dependencies=self.dependencies,
                                description="\n\n".join(description), fields=self.fields)


class _Walker:
    """One pass over the block token stream."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.section: str | None = None  # label from a deeper heading: holds until the next heading
        self.pending: str | None = None  # label with an empty value: takes the next block only
        self.list_depth = 0
        self.target: tuple[str, int] | None = None  # (label, depth) of a list whose items are that label's

    def walk(self, tokens: Sequence[BlockToken]) -> list[_Draft]:
        i, count = 0, len(tokens)
        while i < count:
            tok = tokens[i]
            if tok.type == "heading_open":
                self.heading(int(tok.tag[1:]), tokens[i + 1].content, (tok.map or [0])[0] + 1)
                i += 3
                continue
            if tok.type == "table_open":
                i = self.table(tokens, i)
                continue
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
                label = self.pending or self.section
                if self.current and label and self.target is None:
                    self.target, self.pending = (label, self.list_depth), None
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                if self.target and self.target[1] == self.list_depth:
                    self.target = None
                self.list_depth -= 1
            elif tok.type == "inline" and self.current is not None:
                self.inline(tok.content)
            i += 1
        self.finish()
        return self.drafts

    def finish(self) -> None:
        if self.current is not None:
            self.drafts.append(self.current)
        self.current, self.section, self.pending, self.target = None, None, None, None

    def heading(self, level: int, content: str, line: int = 0) -> None:
        text = plain(content)
        match = _HEADING_RE.match(text)
        if match:
            self.finish()
            self.current = _Draft(_canon(match.group(1), match.group(2)), match.group(3).strip(), level,
                                  line=line)
        elif self.current is not None and level <= self.current.level:
            self.finish()
        elif self.current is not None:
            self.section, self.pending, self.target = text, None, None

    def inline(self, content: str) -> None:
        assert self.current is not None
        lines = content.split("\n")
        if self.target is not None:
            # Inside a list that belongs to a label: each item is one value, unless it starts a new label.
            found = _split_label(lines[0])
            if not (found and (found[2] or _is_known(found[0]))):
                self.current.assign(self.target[0], [plain(" ".join(lines))])
                return
            self.target = None
        segments: list[list[str | None]] = []  # [label or None, text]
        for line, found in zip(lines, _paragraph_labels(lines, self.list_depth > 0), strict=True):
            if found:
                segments.append([found[0], found[1]])
            elif segments:
                segments[-1][1] = f"{segments[-1][1]} {line.strip()}"  # a wrapped line continues the value
            else:
                segments.append([None, line.strip()])
        for label, text in segments:
            self.segment(label, plain(text or ""))

    def segment(self, label: str | None, text: str) -> None:
        assert self.current is not None
        if label is not None:
            self.pending = None
            if text:
                self.current.assign(label, text)
            else:
                self.pending = label
        elif self.pending or self.section:
            self.current.assign(self.pending or self.section or "", text)
            self.pending = None
        elif self.list_depth:
            self.current.loose.append(text.rstrip("."))
        elif text:
            self.current.description.append(text)

    def table(self, tokens: Sequence[BlockToken], i: int) -> int:
        """Collect one table (header + rows of raw cell text) and turn its rows into milestones."""
        header: list[str] = []
        rows: list[list[str]] = []
        row: list[str] = []
        self.row_lines: list[int] = []
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                row = []
                self.row_lines.append((tok.map or [0])[0] + 1)
            elif tok.type == "inline":
                row.append(_BR_RE.sub("; ", tok.content))
            elif tok.type == "tr_close" and not header:
                header = row
            elif tok.type == "tr_close":
                rows.append(row)
            i += 1
        self.table_rows(header, rows)
        return i + 1

    def table_rows(self, header: list[str], rows: list[list[str]]) -> None:
        names = [plain(h) for h in header]
        keys = [_key(n) for n in names]
        id_col = next((c for c, k in enumerate(keys) if k in _ID_HEADERS), None)
        title_col = next((c for c, k in enumerate(keys) if k in _TITLE_HEADERS and c != id_col), None)
        if id_col is None:
            id_col = title_col if title_col is not None else 0
        found = False
        for n, cells in enumerate(rows):
            match = _HEADING_RE.match(plain(cells[id_col])) if id_col < len(cells) else None
            if not match:
                continue
            found = True
            line = self.row_lines[n + 1] if n + 1 < len(self.row_lines) else 0
            draft = _Draft(_canon(match.group(1), match.group(2)), match.group(3).strip(), line=line,
                           table=True)
            if title_col is not None and title_col != id_col and title_col < len(cells):
                title = plain(cells[title_col])
                inner = _HEADING_RE.match(title)  # "M5 - Title" in the title column too
                same = inner is not None and _canon(inner[1], inner[2]) == draft.id
                draft.title = inner.group(3).strip() if inner and same else title
            for col, value in enumerate(cells):
                if col not in (id_col, title_col) and col < len(names) and plain(value):
                    draft.assign(names[col], plain(value))
            self.drafts.append(draft)
        if not found and self.current is not None and len(names) == 2:
            # A two-column "Field | Value" table inside a milestone section holds labelled fields.
            generic = _key(plain(header[0])) in {"field", "key", "property", "attribute", "item", "name"}
            for cells in rows if generic else [header, *rows]:
                if len(cells) == 2 and plain(cells[0]) and plain(cells[1]):
                    self.current.assign(plain(cells[0]).rstrip(":"), plain(cells[1]))


def build_roadmap(tokens: Sequence[BlockToken], path: str = "") -> Roadmap:
    """The milestones of a roadmap's block tokens (headings, labelled lines, bullet scopes, tables)."""
    by_id: dict[str, RoadmapMilestone] = {}
    seen: dict[tuple[str, bool], int] = {}  # (id, from a table) -> line of the first
    for draft in _Walker().walk(tokens):
        built = draft.build()
        earlier = seen.setdefault((built.id, draft.table), draft.line)
        if earlier != draft.line:
            # Two headings (or two table rows) for one id: which one is meant is the user's call.
            where = f"{path}: " if path else ""
            raise RoadmapError(f"{where}milestone {built.id} appears twice (line {earlier} and line "
                               f"{draft.line}); give each milestone its own id")
        first = by_id.get(built.id)
        if first is None:
            by_id[built.id] = built
            continue
        # A summary table row and a heading for one id are one milestone: the first wins, the other fills
        # what it left empty (a summary table followed by detailed headings is a common layout).
        by_id[built.id] = replace(
            first,
            title=first.title or built.title,
            scope=first.scope or built.scope,
            dependencies=first.dependencies or built.dependencies,
            description=first.description or built.description,
            fields={**built.fields, **first.fields},
        )
    return Roadmap(path=path, milestones=list(by_id.values()))


def read_roadmap_text(path: Path, shown: str) -> str:
    """The roadmap's text; RoadmapError naming it (as ``shown``) when it is missing or unreadable."""
    if not path.exists():
        raise RoadmapError(f"Roadmap not found: {shown} (use --roadmap PATH)")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise RoadmapError(f"Cannot read roadmap {shown}: {reason}") from None
