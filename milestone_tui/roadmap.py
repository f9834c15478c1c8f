"""Roadmap parsing: ``docs/01-roadmap/roadmap.md`` -> milestones (id, title, scope, dependencies, fields).

STUB: signatures are the contract; the implementation replaces the bodies.
"""

from __future__ import annotations

from pathlib import Path

from milestone_tui.model import Roadmap, RoadmapMilestone


class RoadmapError(Exception):
    """A roadmap or milestone problem; ``str()`` is one clear line for the user."""


def canonical_id(text: str) -> str | None:
    """``m5`` / ``M5`` / ``Milestone 5`` / ``milestone-5`` -> ``M5``; None when it is not a milestone id."""
    raise NotImplementedError


def parse_roadmap(text: str, path: str = "") -> Roadmap:
    """Parse roadmap markdown (headings, labelled lines, bullet scopes, tables) into milestones."""
    raise NotImplementedError


def load_roadmap(path: Path) -> Roadmap:
    """Read and parse; RoadmapError naming the path when it is missing or unreadable."""
    raise NotImplementedError


def find_milestone(roadmap: Roadmap, milestone_id: str) -> RoadmapMilestone:
    """Case-insensitive lookup; RoadmapError naming the path, the ids found and the nearest id."""
    raise NotImplementedError
