"""Both roadmap readers at once: the tests parse every roadmap they use through ``parse_both``, so each odd
roadmap in them also checks that the cheap line reader (the dashboard's) agrees with the full parser."""

from __future__ import annotations

from milestone_tui.core.roadmap import Roadmap
from milestone_tui.core.roadmap_lines import parse_lines
from milestone_tui.core.roadmap_markdown import parse_roadmap
from milestone_tui.errors import RoadmapError


def parse_both(text: str, path: str = "") -> Roadmap:
    """The full parser's roadmap (or its RoadmapError), after checking the line reader gives the same or
    declines."""
    try:
        full = parse_roadmap(text, path)
    except RoadmapError as exc:
        try:
            quick = parse_lines(text, path)
        except RoadmapError as same:
            assert str(same) == str(exc)
        else:
            assert quick is None, f"the line reader read what the full parser refused: {exc}"
        raise
    quick = parse_lines(text, path)
    assert quick is None or quick == full, f"the readers disagree on:\n{text}"
    return full
