"""The flow over one open milestone, shared by the TUI and the headless command line.

``MilestoneFlow`` holds the session, saves it after every change, renders and writes artifacts when a phase is
completed, and holds the milestone's lock while open.

STUB: signatures are the contract; the implementation replaces the bodies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from milestone_tui.artifacts import Renderer
from milestone_tui.model import Issue, Phase, PlanPhase, Session
from milestone_tui.workspace import WriteReport, Workspace

OpenMode = Literal["new", "refine", "overwrite"]


class MilestoneFlow:
    """One open milestone. Every mutating method saves the session atomically before it returns."""

    def __init__(self, workspace: Workspace, session: Session) -> None:
        self.workspace = workspace
        self.session = session
        self.renderer = Renderer(workspace.templates_dir if workspace.templates_dir.is_dir() else None)

    @classmethod
    def open(cls, workspace: Workspace, milestone_id: str, *, quick: bool = False,
             mode: OpenMode = "new") -> MilestoneFlow:
        """Open (and lock) a milestone. ``new`` on an existing folder raises WorkspaceError asking for refine or
        overwrite; ``refine`` loads the session (or parses the folder) and continues at the first missing phase;
        ``overwrite`` backs the folder up and starts afresh."""
        raise NotImplementedError

    def close(self) -> None:
        """Save and release the lock."""
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def set_answer(self, section: Literal["epic", "spec"], key: str, value: str) -> None:
        raise NotImplementedError

    def goto(self, phase: Phase) -> None:
        """Record where the user is (session.current) so reopening resumes there."""
        raise NotImplementedError

    def propose(self, force: bool = False) -> list[Issue]:
        """Fill session.issues from the proposer (spec, or roadmap in quick mode) unless already filled."""
        raise NotImplementedError

    def set_issues(self, issues: list[Issue]) -> None:
        """Replace the breakdown (after a core edit op); un-confirms it."""
        raise NotImplementedError

    def set_issue_details(self, number: int, acceptance: list[str], notes: str | None = None) -> None:
        raise NotImplementedError

    def set_plan(self, phases: list[PlanPhase] | None = None, assignment: dict[int, int] | None = None,
                 branch: str | None = None, scope_tags: list[str] | None = None) -> None:
        raise NotImplementedError

    def complete(self, phase: Phase) -> WriteReport:
        """Mark a phase done and write its artifact(s) (breakdown: confirm; issues: the NN-slug.md files)."""
        raise NotImplementedError

    def quick_fill(self) -> WriteReport:
        """Quick mode: fill every unanswered phase with roadmap defaults and write all artifacts."""
        raise NotImplementedError

    def artifact_paths(self) -> list[Path]:
        raise NotImplementedError

    def next_steps(self) -> list[str]:
        """The seed's next steps: review the plan, create and push the branch, run the milestone."""
        raise NotImplementedError
