"""The proposer's clause reader on sentences of its own (issue 9, round 3): each rule is checked on sentences
from at least two domains, none taken from the evaluation corpus."""

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


# -- plural subjects agree with a base verb ------------------------------------------------------------------
def test_a_plural_subject_takes_a_base_verb() -> None:
    assert titles("Crawlers fetch pages from the seed list.") == ["Add page crawler"]
    assert titles("Resizers shrink uploaded photos to three sizes.") == ["Add photo resizer"]
    found = titles("Workers pull render jobs from the queue and draw the tiles.")
    assert any(t.endswith("worker") for t in found) and not any("pull" in t for t in found), found


def test_a_verb_after_its_subject_is_no_agent_noun_and_its_bare_object_no_component() -> None:
    assert titles("A collector gathers spans from every host.") == ["Add span collector"]
    assert titles("A prober checks backends every minute.") == ["Add backend prober"]
    assert titles("The API authenticates callers and signs tokens.") == [
        "Add caller authentication API", "Add token signing API"]


def test_the_users_own_devices_are_not_components() -> None:
    users = "Patients at home, and the nurses who watch their readings."
    found = titles("Patients' phones upload readings to an intake service.", users=users)
    assert not any("phone" in t for t in found), found
    found = titles("Each shopper's browser polls a cart endpoint.", users="Shoppers on the web store.")
    assert not any("browser" in t for t in found), found
