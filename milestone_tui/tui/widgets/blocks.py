"""Splitting the preview's markdown into its top-level blocks, re-parsing only the sections that changed.

Each top-level block (heading, paragraph, list, table, code block ...) is one widget of the preview, keyed by
its source text. Finding the blocks takes markdown-it's block rules over the whole document: 2-4 ms for a
100-issue plan, on every key, in the render worker (where it holds the GIL that the event loop needs too).
Yet a key changes one section. So the document is first cut into sections at its ATX headings, with a check
that cannot mistake a heading line inside something else for one (below), and each section's blocks are
parsed once and then looked up by the section's text: a key re-parses only the section it changed.

A heading line starts a top-level block, whatever came before, when it is at column 0, after a blank line,
and outside a fenced code block: a blank line ends every paragraph, list, table and quote, and the HTML
blocks that a blank line ends. A fence at column 0 is always a top-level one, so the fences are followed
exactly. What could hide a heading line otherwise makes the document be parsed whole: an indented fence (in
a list item, where the list's end closes it) and the HTML blocks that a blank line does not end (``<!--``,
``<?``, ``<!X``, ``<![CDATA[``, ``<script``, ``<pre``, ``<style``, ``<textarea``). The blocks are therefore
those of a whole-document parse (the tests compare both, on the artifacts and on random documents).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

# Block rules only: top-level block boundaries do not depend on inline markup (emphasis, links, code spans).
_PARSER = MarkdownIt("gfm-like").disable(["inline", "linkify", "replacements", "smartquotes", "text_join"],
                                          ignoreInvalid=True)
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_UNSURE = re.compile(r"^(?: {0,3}<(?:!|\?|script|pre|style|textarea)| {1,3}(?:`{3}|~{3}))",
                     re.IGNORECASE | re.MULTILINE)


def frontmatter_as_code(text: str) -> str:
    """Show a leading YAML frontmatter (issue specs have one) as a yaml code block, not a rule + heading."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---", 4)
    if end == -1:
        return text
    rest = text[end + 4:].lstrip("\n")
    return f"```yaml\n{text[4:end].strip()}\n```\n\n{rest}"


def _normal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def parse_blocks(text: str) -> list[str]:
    """The source text of the top-level blocks of ``text``, by one markdown-it parse of all of it.

    Lines between blocks (blank lines) are dropped; a block keeps its own lines verbatim so that its
    source is a stable key for the diff.
    """
    # markdown-it's lines: \r\n and \r are newlines, U+2028 and the like are not (as splitlines() has them)
    text = _normal_newlines(text)
    lines = text.split("\n")
    blocks: list[str] = []
    end_seen = 0
    for token in _PARSER.parse(text):
        # Only level-0 openers and leaf blocks carry a line map for a whole top-level block.
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        start, end = token.map
        if start < end_seen:  # defensive: never emit overlapping ranges
            continue
        blocks.append("\n".join(lines[start:end]).rstrip())
        end_seen = end
    return blocks


def sections(text: str) -> list[str] | None:
    """``text`` cut before each heading line that surely starts a top-level block; None when a raw HTML
    block could hide one (parse the whole text then)."""
    if _UNSURE.search(text):
        return None
    lines = _normal_newlines(text).split("\n")
    cuts = [0]
    fence: str | None = None  # the opening run of backticks or tildes while inside a fenced code block
    blank_before = True
    for number, line in enumerate(lines):
        if fence is not None:
            closer = line.rstrip()
            if len(closer) >= len(fence) and closer == fence[0] * len(closer):
                fence = None
        elif (match := _FENCE.match(line)) and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)  # (an info string with a backtick makes it a paragraph, not a fence)
        elif blank_before and number and _ATX.match(line):
            cuts.append(number)
        blank_before = not line.strip()
    cuts.append(len(lines))
    return ["\n".join(lines[start:end]) for start, end in zip(cuts, cuts[1:], strict=False)]


@lru_cache(maxsize=1024)
def _section_blocks(section: str) -> tuple[str, ...]:
    # Thread-safe: the render worker calls it, and a cancelled render may still be running beside a new one.
    return tuple(parse_blocks(section))


def split_blocks(text: str) -> list[str]:
    """Split markdown into the source text of its top-level blocks (headings, paragraphs, lists, tables ...),
    re-parsing only the sections not seen before."""
    parts = sections(text)
    if parts is None:
        return parse_blocks(text)
    return [block for part in parts for block in _section_blocks(part)]
