"""Editing one issue's details: its acceptance criteria as items (add, edit, move, remove) and its labels.

Like the breakdown's ``edits``, every operation is pure: it returns a new list and never changes its input,
so a caller keeps the old one to undo (``IssueDetails`` is the snapshot ``core.history`` keeps). Bad input is
a one-line ``ValueError`` the screen shows as it is. A criterion is one line of text (it renders as one
``- [ ]`` item); the same criterion twice is refused, as is a label GitHub would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from milestone_tui.core.model import Issue

MAX_LABEL = 50  # GitHub refuses longer label names


@dataclass(frozen=True)
class IssueDetails:
    """What the issue-details screen edits of one issue, as it was at one moment (an undo step's state)."""

    number: int
    acceptance: tuple[str, ...]
    labels: tuple[str, ...]
    notes: str

    @classmethod
    def of(cls, issue: Issue) -> IssueDetails:
        return cls(issue.number, tuple(issue.acceptance), tuple(issue.labels), issue.notes)


def clean_criterion(text: str) -> str:
    """One line, single-spaced; an empty one is refused."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("A criterion cannot be empty (d deletes one).")
    return cleaned


def criteria_from_text(text: str) -> list[str]:
    """The criteria typed as text, one per line (blank lines are not criteria; each kept as typed, but for
    the spaces around it, like the answers file's)."""
    return [line for line in (raw.strip() for raw in text.splitlines()) if line]


def _refuse_repeat(items: list[str], text: str, skip: int | None = None) -> None:
    for i, item in enumerate(items):
        if i != skip and item.casefold() == text.casefold():
            raise ValueError(f"Criterion {i + 1} says that already.")


def _check(items: list[str], index: int) -> None:
    if not 0 <= index < len(items):
        raise ValueError(f"There is no criterion {index + 1}.")


def add_criterion(items: list[str], text: str, at: int | None = None) -> list[str]:
    """Insert a criterion at position ``at`` (0-based, clamped; None: at the end)."""
    cleaned = clean_criterion(text)
    _refuse_repeat(items, cleaned)
    position = len(items) if at is None else max(0, min(len(items), at))
    return [*items[:position], cleaned, *items[position:]]


def edit_criterion(items: list[str], index: int, text: str) -> list[str]:
    """Replace criterion ``index`` (0-based) with ``text``."""
    _check(items, index)
    cleaned = clean_criterion(text)
    _refuse_repeat(items, cleaned, skip=index)
    return [cleaned if i == index else item for i, item in enumerate(items)]


def remove_criterion(items: list[str], index: int) -> list[str]:
    """Drop criterion ``index`` (0-based)."""
    _check(items, index)
    return [item for i, item in enumerate(items) if i != index]


def move_criterion(items: list[str], index: int, delta: int) -> list[str]:
    """Move criterion ``index`` up (delta<0) or down (delta>0), clamped to the list."""
    _check(items, index)
    moved = list(items)
    item = moved.pop(index)
    moved.insert(max(0, min(len(moved), index + delta)), item)
    return moved


def clean_labels(names: list[str]) -> list[str]:
    """Stripped, single-spaced, without blanks and repeats (GitHub compares label names ignoring case)."""
    seen: set[str] = set()
    out: list[str] = []
    for name in (" ".join(n.split()) for n in names):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def parse_labels(text: str) -> list[str]:
    """``backend, api`` -> ["backend", "api"]; a name longer than GitHub takes is refused."""
    labels = clean_labels(text.split(","))
    for name in labels:
        if len(name) > MAX_LABEL:
            raise ValueError(f"A label has at most {MAX_LABEL} characters: “{name[:20]}…” has {len(name)}.")
    return labels
