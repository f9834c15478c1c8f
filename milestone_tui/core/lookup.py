"""Finding a milestone in a roadmap by any spelling of its id or its title, so one milestone never gets two
folders (``M05``, ``Milestone 5``, ``detection ingest pipeline``, ``M5 - Detection Ingest Pipeline``), and
saying which ids there are (and the nearest one) when it is not there."""

from __future__ import annotations

import difflib
import re
from typing import Any

from milestone_tui.core.roadmap import Roadmap, RoadmapMilestone, canonical_id, heading_parts, plain
from milestone_tui.errors import RoadmapError


def _words(text: str) -> str:
    """A title reduced to its words: case, spacing and punctuation do not matter (``detection-ingest``)."""
    return " ".join(re.findall(r"[a-z0-9]+", plain(text).lower()))


def _by_title(roadmap: Roadmap, typed: str) -> RoadmapMilestone | None:
    """The milestone whose title (or ``M5 - Title``) is ``typed`` in any spelling; RoadmapError when two
    milestones share it (the id then says which)."""
    words = _words(typed)
    typed_id, title = heading_parts(typed)
    rest = _words(title) if typed_id else ""
    found = [m for m in roadmap.milestones if m.title and words and (
        _words(m.title) == words or (typed_id == m.id and _words(m.title) == rest))]
    if len(found) > 1:
        ids = " and ".join(m.id for m in found[:2])
        raise RoadmapError(f"{typed.strip()!r} is the title of {ids}: give the id instead")
    return found[0] if found else None


def key_for(roadmap: Roadmap | None, typed: str) -> str:
    """The one folder key (``m5``) for any spelling of a milestone's id or title (``M05``, ``Milestone 5``,
    ``detection ingest pipeline``, ``M5 - Detection Ingest Pipeline``), so one milestone never gets two
    folders. Titles need the roadmap; without one, or when it names no such title, the text is returned
    lower-cased, for the caller to validate as a folder id. A title two milestones share is a RoadmapError."""
    canonical = canonical_id(typed)
    if canonical is not None:
        return canonical.lower()
    found = _by_title(roadmap, typed) if roadmap is not None else None
    return found.key if found is not None else typed.strip().lower()


def resolve_key(workspace: Any, typed: str) -> str:
    """``key_for`` with the workspace's roadmap (``workspace.roadmap()``), or none when it cannot be read."""
    if canonical_id(typed) is not None:
        return key_for(None, typed)  # an id needs no roadmap
    try:
        roadmap = workspace.roadmap()
    except RoadmapError:
        return key_for(None, typed)
    return key_for(roadmap, typed)


def find_milestone(roadmap: Roadmap, milestone_id: str) -> RoadmapMilestone:
    """Case-insensitive lookup by id or title; RoadmapError naming the path, the ids found and the nearest."""
    wanted = canonical_id(milestone_id)
    for milestone in roadmap.milestones:
        if milestone.id == wanted:
            return milestone
    titled = _by_title(roadmap, milestone_id) if wanted is None else None  # a title typed as the id
    if titled is not None:
        return titled
    where = roadmap.path or "the roadmap"
    shown = wanted or repr(milestone_id.strip())
    ids = [m.id for m in roadmap.milestones]
    if not ids:
        raise RoadmapError(f"Milestone {shown} not found in {where} (no milestones found; "
                           "expected headings like '## M5 - Title')")
    listed = ", ".join(ids) if len(ids) <= 12 else f"{', '.join(ids[:10])}, ..., {ids[-1]}; {len(ids)} in all"
    nearest = _nearest(wanted or milestone_id, roadmap)
    hint = f"; did you mean {nearest}?" if nearest else ""
    raise RoadmapError(f"Milestone {shown} not found in {where} (found: {listed}){hint}")


def _nearest(wanted: str, roadmap: Roadmap) -> str | None:
    """The closest id by number (M9 -> M6 when M6 is the last), else the closest spelling or title."""
    number = re.search(r"\d{1,9}", wanted)
    numbered = [(m.id, int(re.search(r"\d+", m.id)[0])) for m in roadmap.milestones]  # type: ignore[index]
    if number and numbered:
        target = int(number[0])
        return min(numbered, key=lambda item: (abs(item[1] - target), item[1]))[0]
    titles = {m.title.lower(): m.id for m in roadmap.milestones if m.title}
    close = difflib.get_close_matches(wanted.strip().lower(), list(titles), n=1, cutoff=0.5)
    return titles[close[0]] if close else None
