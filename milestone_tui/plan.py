"""The implementation plan: phases, branch, scope tags, and the dependency check.

STUB: signatures are the contract; the implementation replaces the bodies.
"""

from __future__ import annotations

from milestone_tui.model import Issue, PlanPhase, Session


def propose_branch(session: Session) -> str:
    """``milestone/m5-detection-ingest`` from the milestone id and title."""
    raise NotImplementedError


def branch_error(name: str) -> str | None:
    """None when ``name`` is a valid git branch name (git check-ref-format rules), else one line saying why."""
    raise NotImplementedError


def default_phases(issues: list[Issue]) -> tuple[list[PlanPhase], dict[int, int]]:
    """Quick mode's 2-phase plan: (phases, issue number -> 1-based phase)."""
    raise NotImplementedError


def parse_phase_answer(text: str, issues: list[Issue]) -> tuple[list[PlanPhase], dict[int, int]]:
    """The seed's free-text answer (``Phase 1: endpoint + rate limiting + schema. Phase 2: ...``) ->
    phases and assignments, matching each item to an issue by number or by words of its title."""
    raise NotImplementedError


def apply_phases(session: Session, phases: list[PlanPhase], assignment: dict[int, int]) -> None:
    """Set session.plan.phases and each issue's ``phase``."""
    raise NotImplementedError


def dependency_problems(session: Session) -> list[str]:
    """Cycles, unknown issue numbers, and an issue in an earlier phase depending on a later one."""
    raise NotImplementedError


def mermaid(session: Session) -> str:
    """A mermaid ``flowchart`` of phases (subgraphs) and dependencies (edges) that GitHub renders."""
    raise NotImplementedError
