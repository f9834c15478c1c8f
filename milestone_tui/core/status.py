"""The GitHub status of a milestone in one rule, for every place that shows it.

The dashboard's column (``4 of 9 synced``), the summary screen, the summary template and the command line's
closing line (``GitHub: 9 issues created (#301-#309)``) all come from ``GitHubStatus``. Standard library only:
the dashboard builds it from a session file it reads without the session model.
"""

from __future__ import annotations

from dataclasses import dataclass


def number_span(numbers: list[int]) -> str:
    """``#301-#309`` for several numbers, ``#5`` for one (never ``#5-#5``)."""
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    return f"#{low}" if low == high else f"#{low}-#{high}"


@dataclass(frozen=True)
class GitHubStatus:
    """The sync's state as the planner sees it."""

    milestone_id: str
    planned: bool  # the plan phase is done (before that there is nothing to sync)
    decision: str  # undecided / yes / no / later
    numbers: tuple[int, ...]  # GitHub numbers of the synced issues, sorted
    total: int  # issues in the breakdown

    @property
    def short(self) -> str:
        """The dashboard's column: ``—`` / ``not synced`` / ``4 of 9 synced`` / ``synced`` /
        ``sync pending (later)``."""
        if not self.planned:
            return "—"
        if self.decision == "later":
            return "sync pending (later)"
        synced = len(self.numbers)
        if self.decision == "no" or not synced:
            return "not synced"
        return "synced" if synced == self.total else f"{synced} of {self.total} synced"

    @property
    def line(self) -> str:
        """The summary's line: ``GitHub: 9 issues created (#301-#309)`` or the state when not synced."""
        if self.numbers:
            count = len(self.numbers)
            span = number_span(list(self.numbers))
            return f"GitHub: {count} issue{'s' if count != 1 else ''} created ({span})"
        if self.decision == "later":
            return f"GitHub: sync pending (later: create-milestone {self.milestone_id} --sync)"
        if self.decision == "no":
            return "GitHub: not created (answered no)"
        return "GitHub: not synced"
