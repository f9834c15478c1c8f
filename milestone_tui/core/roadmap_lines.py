"""The roadmap's cheap reader: markdown's block structure from one scan of the lines, for the dashboard.

The full parser (``core.roadmap_markdown``) hands markdown-it's block tokens to the roadmap's walker;
importing markdown-it costs more than the dashboard's whole first frame can spare. This reader makes the
same tokens (headings, paragraphs, bullet and ordered lists, tables: all the walker reads) for the shapes
roadmaps are written in, following CommonMark's block rules as markdown-it applies them, and gives up
(``None``) on anything it does not follow exactly: tabs, block quotes, HTML blocks, link reference
definitions, indented code, setext headings, and headings, tables or fences inside a list item. The caller
then uses the full parser, so a roadmap never reads differently on the dashboard than in the milestone
(``tests/core/test_roadmap_lines.py`` checks that both readers agree, on every roadmap of the tests and on
generated ones).
"""

from __future__ import annotations

from milestone_tui.core.roadmap import Roadmap, build_roadmap
from milestone_tui.errors import MilestoneError

# What CommonMark (and markdown-it's ``mdTrim``) trims around a paragraph or a cell.
_TRIM = "\t\n\v\f\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_DIGITS = "0123456789"
_MAX_DEPTH = 8  # deeper lists are left to the full parser (markdown-it stops nesting at some depth)


class Declined(MilestoneError):
    """A shape the line reader does not follow: the full parser reads this roadmap. Never leaves this
    module (``block_tokens`` turns it into None)."""


class LineToken:
    """One block token, with the attributes of markdown-it's ``Token`` that the roadmap's walker reads."""

    __slots__ = ("type", "tag", "content", "map")

    def __init__(self, kind: str, line: int, tag: str = "", content: str = "") -> None:
        self.type = kind
        self.tag = tag
        self.content = content
        self.map: list[int] | None = [line, line + 1]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _marker(text: str) -> tuple[str, int, bool] | None:
    """A list marker at the start of ``text``: (kind, marker length, starts at 1); kind is the bullet or the
    ordered list's delimiter (``.`` or ``)``), which must stay the same for the list to go on."""
    if text[:1] in ("-", "+", "*"):
        return (text[0], 1, False) if len(text) == 1 or text[1] == " " else None
    digits = len(text) - len(text.lstrip(_DIGITS))
    if not 1 <= digits <= 9 or text[digits:digits + 1] not in (".", ")"):
        return None
    if len(text) > digits + 1 and text[digits + 1] != " ":
        return None
    return text[digits], digits + 1, int(text[:digits]) == 1


def _is_rule(text: str) -> bool:
    """A thematic break: three or more of one of ``*-_``, spaces between allowed."""
    char = text[:1]
    return char in ("*", "-", "_") and text.count(char) >= 3 and not text.replace(char, "").strip(" ")


def _fence(text: str) -> tuple[str, int] | None:
    """A fence's (character, length) when ``text`` opens one."""
    char = text[:1]
    if char not in ("`", "~"):
        return None
    length = len(text) - len(text.lstrip(char))
    if length < 3 or (char == "`" and "`" in text[length:]):
        return None
    return char, length


def _heading(text: str) -> tuple[int, str] | None:
    """An ATX heading's (level, content)."""
    level = len(text) - len(text.lstrip("#"))
    if not 1 <= level <= 6 or (len(text) > level and text[level] != " "):
        return None
    body = text[level:].rstrip(" ")
    run = body.rstrip("#")
    if len(run) < len(body) and run.endswith(" "):  # a closing sequence of #s
        body = run
    return level, body.strip(_TRIM)


def _cells(text: str) -> list[str]:
    """A table row split at its pipes; ``\\|`` is a pipe inside a cell. Outer pipes do not make cells."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if char == "|" and not escaped:
            cells.append("".join(current))
            current = []
        elif char == "|":
            current[-1] = "|"  # the backslash before it goes
        else:
            current.append(char)
        escaped = char == "\\"
    cells.append("".join(current))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _delimiter_columns(line: str) -> int:
    """How many columns a table's delimiter row (``|---|:--:|``) has; 0 when ``line`` is not one."""
    text = line.lstrip(" ")
    if len(text) < 2 or text[0] not in "|-:" or text[1] not in "|-: " or (text[0] == "-" and text[1] == " "):
        return 0
    if text.strip("|-: "):
        return 0
    parts = text.split("|")
    count = 0
    for n, part in enumerate(parts):
        part = part.strip(_TRIM)
        if not part:
            if n in (0, len(parts) - 1):
                continue
            return 0
        dashes = part[1:] if part.startswith(":") else part
        dashes = dashes[:-1] if dashes.endswith(":") else dashes
        if not dashes or dashes.strip("-"):
            return 0
        count += 1
    return count


class _Reader:
    """One scan of the lines: open list items, the paragraph being read, the tokens so far."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.tokens: list[LineToken] = []
        self.items: list[tuple[str, int]] = []  # open list items, outermost first: (kind, content column)
        self.paragraph: list[str] = []
        self.paragraph_line = 0

    @property
    def inner(self) -> int:
        """The column where the innermost open item's content starts (0 outside lists)."""
        return self.items[-1][1] if self.items else 0

    def read(self) -> list[LineToken]:
        i = 0
        while i < len(self.lines):
            i = self.line(i)
        self.close_paragraph()
        self.close_items(0)
        return self.tokens

    # -- paragraphs, lists ------------------------------------------------------------------------------
    def close_paragraph(self) -> None:
        if self.paragraph:
            text = "\n".join(self.paragraph).strip(_TRIM)
            self.tokens.append(LineToken("inline", self.paragraph_line, content=text))
            self.paragraph = []

    def close_items(self, depth: int) -> None:
        """Close the items deeper than ``depth`` and their lists."""
        while len(self.items) > depth:
            kind, _ = self.items.pop()
            closing = "bullet_list_close" if kind in "-+*" else "ordered_list_close"
            self.tokens.append(LineToken(closing, 0))

    def open_item(self, i: int, text: str, indent: int, marker: tuple[str, int, bool],
                  new_list: bool) -> None:
        kind, length, _ = marker
        content = text[length:].lstrip(" ")
        gap = len(text) - length - len(content)
        if not content or gap > 4 or len(self.items) >= _MAX_DEPTH:
            raise Declined("an empty item, indented code in an item, or a deep list")
        if new_list:
            opening = "bullet_list_open" if kind in "-+*" else "ordered_list_open"
            self.tokens.append(LineToken(opening, i))
        self.items.append((kind, indent + length + gap))
        if (_heading(content) or _fence(content) or _is_rule(content) or _marker(content)
                or self.table_columns(i, content) or content[0] in "<>"):
            raise Declined("a block other than a paragraph opens a list item")
        self.start_paragraph(i, content)

    def start_paragraph(self, i: int, text: str) -> None:
        if text.startswith("[") and "]:" in text + (self.lines[i + 1] if i + 1 < len(self.lines) else ""):
            raise Declined("perhaps a link reference definition")
        self.paragraph, self.paragraph_line = [text], i

    # -- one line ---------------------------------------------------------------------------------------
    def line(self, i: int) -> int:
        """Read line ``i``; the index of the next line to read."""
        line = self.lines[i]
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if not text:
            self.close_paragraph()
            return i + 1
        if text[0] in "<>":
            raise Declined("a block quote or an HTML block")
        if self.paragraph and self.continues(i, text, indent):
            self.paragraph.append(line[min(indent, self.inner):])
            return i + 1
        self.close_paragraph()
        return self.block(i, text, indent)

    def continues(self, i: int, text: str, indent: int) -> bool:
        """Whether line ``i`` goes on with the open paragraph (no block interrupts it there)."""
        inner = self.inner
        if indent - inner > 3:
            return True
        if text[0] in "=-" and not text.strip(text[0] + " ") or _is_rule(text):
            raise Declined("a setext heading or a rule under a paragraph")
        if self.table_columns(i, text) or _fence(text) or _heading(text):
            return False
        marker = _marker(text)
        if marker is None:
            return True
        if indent >= inner:  # a list can interrupt a paragraph only when it starts at 1 and has content
            return not (marker[2] or marker[0] in "-+*") or not text[marker[1]:].strip(" ")
        outer = self.items[-2][1] if len(self.items) > 1 else 0
        return indent - outer >= 4  # too deep for the outer list: markdown-it keeps it as text

    def block(self, i: int, text: str, indent: int) -> int:
        """A line that starts a block (no paragraph is open)."""
        depth = sum(1 for _, column in self.items if column <= indent)  # the items holding this line
        if depth < len(self.items):
            self.close_items(depth + 1)
            kind, column = self.items[depth]
            container = self.items[depth - 1][1] if depth else 0
            marker = _marker(text)
            if (indent - container < 4 and marker is not None and marker[0] == kind and not _is_rule(text)
                    and not _fence(text)):
                self.items.pop()
                self.open_item(i, text, indent, marker, new_list=False)
                return i + 1
            self.close_items(depth)
        inside = bool(self.items)
        columns = self.table_columns(i, text) if indent - self.inner < 4 else 0
        if columns:
            if inside:
                raise Declined("a table inside a list item")
            return self.table(i, text, columns)
        if indent - self.inner > 3:
            raise Declined("indented code")
        fence = _fence(text)
        if fence or _is_rule(text) or _heading(text):
            if inside:
                raise Declined("a heading, rule or fence inside a list item")
            if fence:
                return self.skip_fence(i, *fence)
            heading = _heading(text)
            if heading is not None:
                self.tokens.append(LineToken("heading_open", i, tag=f"h{heading[0]}"))
                self.tokens.append(LineToken("inline", i, content=heading[1]))
                self.tokens.append(LineToken("heading_close", i))
            return i + 1
        marker = _marker(text)
        if marker is not None:
            self.open_item(i, text, indent, marker, new_list=True)
            return i + 1
        self.start_paragraph(i, text)
        return i + 1

    # -- tables, fences ---------------------------------------------------------------------------------
    def table_columns(self, i: int, text: str) -> int:
        """The column count when line ``i`` (its text from ``text``) heads a table, else 0."""
        if "|" not in text or i + 1 >= len(self.lines):
            return 0
        below = self.lines[i + 1]
        if not below.strip(" ") or not 0 <= _indent(below) - self.inner < 4:
            return 0
        count = _delimiter_columns(below)
        return count if count and len(_cells(text.strip(_TRIM))) == count else 0

    def table(self, i: int, text: str, columns: int) -> int:
        self.tokens.append(LineToken("table_open", i))
        self.row(i, _cells(text.strip(_TRIM)), columns)
        n = i + 2
        filled = 0  # empty cells added to short rows: markdown-it stops a table past 65,536 of them
        while n < len(self.lines):  # every line up to a blank one or another block is a row
            line = self.lines[n]
            indent = _indent(line)
            body = line[indent:]
            if indent <= 3 and body[:1] in ("<", ">"):
                raise Declined("a block quote or an HTML block after a table")
            if indent <= 3 and (_fence(body) or _is_rule(body) or _marker(body) or _heading(body)):
                break
            row = line.strip(_TRIM)
            if not row or indent > 3:
                break
            cells = _cells(row)
            filled += columns - len(cells)
            if filled > 60_000:
                raise Declined("a table of mostly missing cells")
            self.row(n, cells, columns)
            n += 1
        self.tokens.append(LineToken("table_close", n))
        return n

    def row(self, i: int, cells: list[str], columns: int) -> None:
        self.tokens.append(LineToken("tr_open", i))
        for n in range(columns):
            cell = cells[n].strip(_TRIM) if n < len(cells) else ""  # missing cells are empty
            self.tokens.append(LineToken("inline", i, content=cell))
        self.tokens.append(LineToken("tr_close", i))

    def skip_fence(self, i: int, char: str, length: int) -> int:
        """The line after the fenced block opened on line ``i`` (its content is never a milestone)."""
        for n in range(i + 1, len(self.lines)):
            text = self.lines[n].lstrip(" ")
            run = len(text) - len(text.lstrip(char))
            if _indent(self.lines[n]) < 4 and run >= length and not text[run:].strip(" "):
                return n + 1
        return len(self.lines)


def block_tokens(text: str) -> list[LineToken] | None:
    """The block tokens the walker reads, or None when the text has a shape only the full parser follows."""
    if "\t" in text or "\0" in text:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        return _Reader(lines).read()
    except Declined:
        return None


def parse_lines(text: str, path: str = "") -> Roadmap | None:
    """``parse_roadmap``'s result without markdown-it, or None: then only the full parser can read it."""
    tokens = block_tokens(text)
    return build_roadmap(tokens, path) if tokens is not None else None
