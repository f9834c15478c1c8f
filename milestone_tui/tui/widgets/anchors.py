"""Sections of a markdown document by anchor: which top-level blocks a heading's section spans.

The live preview follows the field being typed in by the anchor of the section that field renders into
(``#problem`` -> ``problem``, the "## Problem" section), the way a link to ``00-epic.md#problem`` would. An
anchor is the heading's slug as GitHub makes it, the same rule Textual's ``Markdown.goto_anchor`` matches
on, so a user's template that keeps its headings keeps the following; one that renames a heading only loses
the scrolling to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_NOT_IN_SLUG = re.compile(r"[^\w\- ]")


def heading_of(source: str) -> tuple[int, str] | None:
    """(level, title) when a block's source is an ATX heading (``## Problem``), else None."""
    match = _HEADING.match(source) if "\n" not in source else None
    return (len(match.group(1)), match.group(2).strip()) if match else None


def slug(title: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens
    (``Success Criteria`` -> ``success-criteria``, ``Out of Scope`` -> ``out-of-scope``)."""
    return _NOT_IN_SLUG.sub("", title.strip().lower()).replace(" ", "-")


def table_of_contents(sources: Sequence[str]) -> list[tuple[int, str, int]]:
    """(level, title, block index) of every heading among the top-level block ``sources``."""
    headings = ((index, heading_of(source)) for index, source in enumerate(sources))
    return [(found[0], found[1], index) for index, found in headings if found is not None]


def section(sources: Sequence[str], anchor: str | None) -> tuple[int, int] | None:
    """The block range [first, last] of the section ``anchor`` names: its heading up to the next heading of
    the same or a higher level (the first heading with that slug, as on GitHub); None if there is none.

    ``anchor`` None names the document's opening: its first block up to the next heading (a plan's branch
    and scope tags are in the list under its title).
    """
    if not sources:
        return None
    contents = table_of_contents(sources)
    if anchor is None:
        after = [index for _, _, index in contents if index > 0]
        return 0, (after[0] - 1 if after else len(sources) - 1)
    for position, (level, title, index) in enumerate(contents):
        if slug(title) == anchor:
            after = [i for lvl, _, i in contents[position + 1:] if lvl <= level]
            return index, (after[0] - 1 if after else len(sources) - 1)
    return None
