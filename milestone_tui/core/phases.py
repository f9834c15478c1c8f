"""The phases of the seed session, in order, and the two ways they are counted.

Standard library only: the dashboard, the phase bar and the screen registry name phases before (or without)
loading the session model.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """The phases of the seed session, in order."""

    EPIC = "epic"
    SPEC = "spec"
    BREAKDOWN = "breakdown"
    ISSUES = "issues"
    PLAN = "plan"
    GITHUB = "github"
    SUMMARY = "summary"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]

    @property
    def index(self) -> int:  # type: ignore[override]  # the phase's position, not str.index
        return PHASES.index(self)


PHASES: list[Phase] = list(Phase)
# The phases of work: what the phase bar and the dashboard's progress count (the summary is not work).
WORK_PHASES: tuple[Phase, ...] = tuple(p for p in PHASES if p is not Phase.SUMMARY)
# The phases that answers and defaults fill, up to the plan (GitHub is a decision, not a default).
PLANNING_PHASES: tuple[Phase, ...] = WORK_PHASES[:WORK_PHASES.index(Phase.PLAN) + 1]
PHASE_LABELS: dict[Phase, str] = {
    Phase.EPIC: "Epic",
    Phase.SPEC: "Specification",
    Phase.BREAKDOWN: "Breakdown",
    Phase.ISSUES: "Issue details",
    Phase.PLAN: "Implementation plan",
    Phase.GITHUB: "GitHub",
    Phase.SUMMARY: "Summary",
}
