"""Helpers for the proposer's grammar tests: the titles proposed for a few answers."""

from __future__ import annotations

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone


def titles(architecture: str, users: str = "", title: str = "Widget Platform", **spec: str) -> list[str]:
    """The proposed titles without the tests issue, from an architecture answer (and other spec answers)."""
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title=title),
                      epic=EpicAnswers(users=users), spec=SpecAnswers(architecture=architecture, **spec))
    proposed = propose_from_spec(session)
    assert proposed[-1] == "Add integration tests"
    return proposed[:-1]


def scoped(scope: list[str], architecture: str, **spec: str) -> list[str]:
    """The proposed titles without the tests issue, for a roadmap item with these scope items."""
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title="Parking Permits",
                                                                   scope=scope),
                      spec=SpecAnswers(architecture=architecture, **spec))
    return propose_from_spec(session)[:-1]
