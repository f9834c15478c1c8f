"""Markdown text helpers for the artifacts: escaping user text, finding headings and sections, code spans.

The artifacts are rendered from the session and parsed back into it, so user text must never be mistaken for
the document's own structure. The scheme (documented in ``docs/templates.md``):

* a line of user text that would read as a heading (``## Users``) or as another structural line of its
  context gets one backslash after its indentation (``\\## Users``): markdown shows it as plain text, the
  parser removes exactly one backslash again. A line that already starts with backslashes gets one more,
  so it is reversible.
* a code fence that the user opened but never closed gets the same backslash (it would otherwise swallow the
  rest of the document); balanced fences are left alone, and nothing inside them is escaped.
* an empty answer renders as ``_Not answered yet._``, which parses back to "".

Normalization (what survives a round trip): line endings become ``\\n`` and multi-line text loses its outer
whitespace; single-line fields (titles, phase names, tags) have every whitespace run collapsed to one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDER = "_Not answered yet._"

HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_REST = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE_REST = re.compile(r"(?:`{3}|~{3})")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_LEAD = re.compile(r"^( {0,3})(\\*)(.*)$", re.S)
_PLACEHOLDER_RE = re.compile(r"^(\\*)" + re.escape(PLACEHOLDER) + r"$")


def normalize_block(text: str) -> str:
    """Multi-line user text as it round-trips: ``\\n`` line endings, no outer whitespace."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(text: str) -> str:
    """Single-line fields (titles, names, tags): every whitespace run, newlines included, is one space."""
    return " ".join(text.split())


def fence_mask(lines: list[str]) -> tuple[list[bool], list[int]]:
    """(line is inside a fenced code block, indices of opening fences that are never closed).

    Unclosed openers count as plain text here, both when rendering (they get escaped) and when parsing
    (a stray fence in a hand-written file does not hide the headings after it)."""
    mask = [False] * len(lines)
    unmatched: list[int] = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if m is None or (m.group(1)[0] == "`" and "`" in m.group(2)):
            i += 1
            continue
        fence = m.group(1)
        closer = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), None)
        if end is None:
            unmatched.append(i)
            i += 1
            continue
        for j in range(i, end + 1):
            mask[j] = True
        i = end + 1
    return mask, unmatched


def _special(rest: str, extra: re.Pattern[str] | None) -> bool:
    return bool(_HEADING_REST.match(rest) or (extra is not None and extra.match(rest)))


def escape_line(line: str, extra: re.Pattern[str] | None = None, fences: bool = True) -> str:
    """One backslash more on a heading-like (or ``extra``-like, or already escaped fence-like) line."""
    indent, slashes, rest = _LEAD.match(line).groups()  # type: ignore[union-attr]
    if _special(rest, extra) or (fences and slashes and _FENCE_REST.match(rest)):
        return f"{indent}\\{slashes}{rest}"
    return line


def unescape_line(line: str, extra: re.Pattern[str] | None = None) -> str:
    """The inverse of :func:`escape_line` (and of escaping an unclosed fence)."""
    indent, slashes, rest = _LEAD.match(line).groups()  # type: ignore[union-attr]
    if slashes and (_special(rest, extra) or _FENCE_REST.match(rest)):
        return f"{indent}{slashes[1:]}{rest}"
    return line


def escape_block(text: str, extra: re.Pattern[str] | None = None,
                 placeholder: str | None = PLACEHOLDER) -> str:
    """User text ready to sit between the document's own headings; empty text becomes the placeholder."""
    text = normalize_block(text)
    if not text:
        return placeholder or ""
    lines = text.split("\n")
    mask, unmatched = fence_mask(lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in unmatched:
            indent, slashes, rest = _LEAD.match(line).groups()  # type: ignore[union-attr]
            out.append(f"{indent}\\{slashes}{rest}")
        elif mask[i]:
            out.append(line)
        else:
            out.append(escape_line(line, extra))
    result = "\n".join(out)
    if placeholder and _PLACEHOLDER_RE.match(result):
        result = "\\" + result  # a user who literally typed the placeholder keeps it
    return result


def unescape_block(lines: Iterable[str], mask: Iterable[bool], extra: re.Pattern[str] | None = None,
                   placeholder: bool = True) -> str:
    """Section body lines (with their fence mask) back to the user's text."""
    pairs = zip(lines, mask, strict=True)
    text = "\n".join(line if fenced else unescape_line(line, extra) for line, fenced in pairs)
    text = text.strip()
    if placeholder:
        if text == PLACEHOLDER:
            return ""
        m = _PLACEHOLDER_RE.match(text)
        if m and m.group(1):
            return text[1:]
    return text


def escape_item(text: str, extra: re.Pattern[str] | None = None) -> str:
    """A list item: first line after the marker, continuation lines indented two spaces; every heading- or
    fence-like line is escaped (inside a list nothing is a balanced fence of the user's)."""
    lines = [escape_line(line, extra, fences=True) for line in normalize_item(text).split("\n")]
    lines = [_escape_fence_always(line) for line in lines]
    return "\n  ".join(lines)


def _escape_fence_always(line: str) -> str:
    indent, slashes, rest = _LEAD.match(line).groups()  # type: ignore[union-attr]
    if not slashes and _FENCE_REST.match(rest):
        return f"{indent}\\{rest}"
    return line


def unescape_item(lines: list[str]) -> str:
    """Item lines (marker already removed) back to the item's text."""
    return normalize_item("\n".join(unescape_line(line.strip()) for line in lines))


def normalize_item(text: str) -> str:
    """List items as they round-trip: each line stripped, blank lines dropped."""
    return "\n".join(s for s in (line.strip() for line in normalize_block(text).split("\n")) if s)


def heading_key(title: str) -> str:
    """A heading's text reduced for alias matching: lower case, without emphasis, numbering, closing #s
    or colon."""
    t = re.sub(r"[ \t]+#+$", "", title.strip())
    t = re.sub(r"[*_`]", "", t).strip().lower()
    t = re.sub(r"^\d+[.)]\s*", "", t)
    t = t.rstrip(":").strip()
    return " ".join(t.replace("‑", "-").split())


def headings(lines: list[str], mask: list[bool]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of every ATX heading outside code fences."""
    found = []
    for i, line in enumerate(lines):
        if not mask[i] and line.lstrip(" ").startswith("#"):
            m = HEADING_RE.match(line)
            if m:
                found.append((i, len(m.group(1)), (m.group(2) or "").strip()))
    return found


def sections(lines: list[str], mask: list[bool], aliases: dict[str, str]) -> dict[str, tuple[int, int]]:
    """key -> (first body line, end) for each heading whose text is an alias; a body runs to the next heading
    of the same or a higher level, or to the next alias heading at any level. The first occurrence wins."""
    hs = headings(lines, mask)
    found: dict[str, tuple[int, int]] = {}
    for n, (i, level, title) in enumerate(hs):
        key = aliases.get(heading_key(title))
        if key is None or key in found:
            continue
        end = len(lines)
        for j, level2, title2 in hs[n + 1:]:
            if level2 <= level or heading_key(title2) in aliases:
                end = j
                break
        found[key] = (i + 1, end)
    return found


def code_span(text: str) -> str:
    """Inline code that holds any text: a backtick run longer than any inside, padded when needed."""
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    edge = text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" "))
    pad = " " if edge else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def code_spans(text: str) -> list[str]:
    """The contents of the inline code spans in ``text`` (CommonMark matching of backtick runs)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "`":
            i += 1
            continue
        run = re.match(r"`+", text[i:]).group(0)  # type: ignore[union-attr]
        close = re.compile(r"(?<!`)" + run + r"(?!`)")
        m = close.search(text, i + len(run))
        if m is None:
            i += len(run)
            continue
        content = text[i + len(run):m.start()]
        if len(content) > 1 and content.startswith(" ") and content.endswith(" ") and content.strip():
            content = content[1:-1]
        out.append(content)
        i = m.end()
    return out


def table_cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")
