"""The phases of the seed session, in order, and the two ways they are counted.

Standard library only: the dashboard, the phase bar and the screen registry name phases before (or without)
loading the session model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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

# The questions of the epic and specification interviews (``core.model``'s EpicAnswers / SpecAnswers fields,
# a test keeps them equal): a done phase with one of them unanswered is partial (◐).
EPIC_FIELDS: tuple[str, ...] = ("problem", "users", "success", "out_of_scope")
SPEC_FIELDS: tuple[str, ...] = ("architecture", "data_models", "tradeoffs", "technology")


def partial_phases(done: Iterable[Phase], epic: Mapping[str, object], spec: Mapping[str, object],
                   acceptance: Iterable[bool]) -> tuple[Phase, ...]:
    """The done phases with questions left, shown ◐ and never ✓ (on the phase bar and the dashboard): the
    epic or specification with an unanswered question, issue details with an issue without acceptance
    criteria (``acceptance``: whether each issue has some). Plain data in, so the dashboard's cheap reader
    and the session model share the rule."""
    def unanswered(answers: Mapping[str, object], fields: tuple[str, ...]) -> bool:
        return any(not str(answers.get(name) or "").strip() for name in fields)

    done = set(done)
    partial = []
    if Phase.EPIC in done and unanswered(epic, EPIC_FIELDS):
        partial.append(Phase.EPIC)
    if Phase.SPEC in done and unanswered(spec, SPEC_FIELDS):
        partial.append(Phase.SPEC)
    if Phase.ISSUES in done and not all(acceptance):
        partial.append(Phase.ISSUES)
    return tuple(partial)


def bar_progress(done: Iterable[Phase]) -> tuple[int, int]:
    """(phases done, phases shown) over the phases the phase bar shows, for the dashboard's ``3/7``. The
    summary is where a finished milestone lands: it counts once every phase of work is done."""
    done = set(done)
    count = sum(1 for p in WORK_PHASES if p in done)
    return count + (count == len(WORK_PHASES)), len(PHASES)
