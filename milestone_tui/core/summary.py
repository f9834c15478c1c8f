"""Where a milestone stands, in one model: the GitHub status, the artifacts and the next steps.

The command line's closing block, the summary screen, the summary template and the dashboard's GitHub column
all read this, so the four say the same thing in the same words (``GitHub: 9 issues created (#301-#309)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from milestone_tui.core.artifacts.parse import EPIC_FILE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import Phase, Session
from milestone_tui.core.planning import propose_branch


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


def github_status(session: Session) -> GitHubStatus:
    numbers = tuple(sorted(i.github_issue for i in session.issues if i.github_issue is not None))
    return GitHubStatus(session.milestone_id, session.is_done(Phase.PLAN), session.github.decision, numbers,
                        len(session.issues))


def artifact_names(session: Session, *, planned: bool = False) -> list[tuple[str, bool]]:
    """The artifacts in the seed's order (epic, spec, issues, plan) with whether each is written yet.
    ``planned``: every artifact the milestone will have; else only those of the done phases."""
    wanted = [(EPIC_FILE, Phase.EPIC), (SPEC_FILE, Phase.SPEC)]
    wanted += [(i.filename, Phase.ISSUES) for i in sorted(session.issues, key=lambda i: i.number)]
    wanted.append((PLAN_FILE, Phase.PLAN))
    return [(name, session.is_done(phase)) for name, phase in wanted if planned or session.is_done(phase)]


def next_steps(session: Session, folder: str) -> list[str]:
    """The seed's next steps: review the plan, create and push the branch, run the milestone."""
    branch = session.plan.branch or propose_branch(session)
    return [
        "1. Review generated specs:",
        f"   cat {folder}/{PLAN_FILE}",
        "",
        "2. Create milestone branch:",
        f"   git checkout -b {branch} main",
        f"   git push origin {branch}",
        "",
        "3. Run milestone:",
        f"   run-milestone {session.milestone_id}",
    ]


def step_commands(steps: list[str]) -> list[str]:
    """The shell commands of the next steps (their indented lines), one per entry."""
    return [line.strip() for line in steps if line.startswith("   ") and line.strip()]
