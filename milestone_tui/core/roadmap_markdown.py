"""The full roadmap parser: markdown-it-py's block tokens, walked by ``core.roadmap``.

Opening a milestone reads the roadmap with this parser (``Workspace.roadmap``). The dashboard reads it with
the cheap line reader (``core.roadmap_lines``), which gives the same milestones and leaves to this parser
every shape it does not follow.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from milestone_tui.core.roadmap import Roadmap, build_roadmap, read_roadmap_text

_MD = MarkdownIt("commonmark").enable("table")


def parse_roadmap(text: str, path: str = "") -> Roadmap:
    """Parse roadmap markdown (headings, labelled lines, bullet scopes, tables) into milestones."""
    return build_roadmap(_MD.parse(text), path)


def load_roadmap(path: Path, display: str | None = None) -> Roadmap:
    """Read and parse; RoadmapError naming the path when it is missing or unreadable.

    ``display`` is how the path is shown in messages and stored in ``Roadmap.path`` (default: ``path``).
    """
    shown = display or str(path)
    return parse_roadmap(read_roadmap_text(path, shown), shown)
