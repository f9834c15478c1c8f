"""Proposing the issue breakdown, and the editing operations on it.

A deterministic, offline proposer: from the specification answers (or, in quick mode, the roadmap's scope) it
proposes issue titles the way a planner would write them. The editing operations are pure functions that return
a new list; numbering (1..n in order), slugs (short, kebab-case, unique) and ``depends_on`` stay consistent.

STUB: signatures are the contract; the implementation replaces the bodies.
"""

from __future__ import annotations

from collections.abc import Iterable

from milestone_tui.model import Issue, RoadmapMilestone, Session


def slugify(title: str, taken: Iterable[str] = ()) -> str:
    """``Add ingest HTTP endpoint`` -> ``ingest-endpoint``: short, kebab-case, ASCII, unique among ``taken``."""
    raise NotImplementedError


def propose_from_spec(session: Session) -> list[str]:
    """Issue titles from the spec answers (architecture flow, data models, technology, success metrics)."""
    raise NotImplementedError


def propose_from_roadmap(milestone: RoadmapMilestone) -> list[str]:
    """Quick mode: issue titles from the roadmap's scope."""
    raise NotImplementedError


def make_issues(titles: list[str]) -> list[Issue]:
    """Fresh issues numbered 1..n with unique slugs."""
    raise NotImplementedError


def issue_question(issue: Issue) -> str:
    """The issue-specific question (``What are the rate limits?``; default ``What are the key acceptance
    criteria?``)."""
    raise NotImplementedError


def default_acceptance(issue: Issue, session: Session) -> list[str]:
    """Quick mode's basic acceptance criteria for an issue."""
    raise NotImplementedError


# -- editing operations: each returns a new list, renumbered, slugs unique, depends_on remapped ----------------
def add_issue(issues: list[Issue], title: str, after: int | None = None) -> list[Issue]:
    """Insert a new issue after issue number ``after`` (None: at the end)."""
    raise NotImplementedError


def remove_issue(issues: list[Issue], number: int) -> list[Issue]:
    raise NotImplementedError


def rename_issue(issues: list[Issue], number: int, title: str) -> list[Issue]:
    """New title; the slug follows unless the issue has already been published (github_issue set)."""
    raise NotImplementedError


def move_issue(issues: list[Issue], number: int, delta: int) -> list[Issue]:
    """Move up (delta<0) or down (delta>0), clamped."""
    raise NotImplementedError


def split_issue(issues: list[Issue], number: int, first: str, second: str) -> list[Issue]:
    """Replace one issue by two (``Add Kafka consumer and storage service`` -> consumer, storage)."""
    raise NotImplementedError


def suggest_split(title: str) -> tuple[str, str]:
    """A sensible default for split_issue's two titles (split on ``and`` / ``+`` / ``,``)."""
    raise NotImplementedError


def merge_issues(issues: list[Issue], number: int, other: int) -> list[Issue]:
    """Merge ``other`` into ``number``: titles joined, criteria and notes concatenated, deps united."""
    raise NotImplementedError
