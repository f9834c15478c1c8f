"""``defaults.proposal_for`` is on the breakdown screen's typing path: the rules' proposal is cached by the
answers it reads, so an edit of the breakdown reuses it and an edit of an answer proposes again."""

from __future__ import annotations

from milestone_tui.core import defaults
from milestone_tui.core.breakdown import propose as proposer
from milestone_tui.core.model import EpicAnswers, Issue, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone


def _session() -> Session:
    return Session(milestone_id="m3", roadmap=RoadmapMilestone(id="M3", title="Parcel Tracking",
                                                                scope=["Tracking events"]),
                   epic=EpicAnswers(success="p99 latency under 200 ms"),
                   spec=SpecAnswers(architecture="A tracker polls carrier feeds every hour. An admin API "
                                    "cancels shipments.", data_models="Shipment with id, carrier"))


def test_the_proposal_is_cached_until_an_answer_it_reads_changes(monkeypatch) -> None:
    calls: list[str] = []
    real = proposer.propose

    def counting(session: Session) -> proposer.Proposal:
        calls.append(session.spec.architecture)
        return real(session)

    monkeypatch.setattr(proposer, "propose", counting)
    session = _session()
    first = defaults.proposal_for(session)
    # Editing the breakdown (what the screen does on every keystroke) reads the cached proposal.
    session.issues = [Issue(number=1, title="Add tracker", slug="tracker")]
    assert defaults.proposal_for(session) is first
    defaults.drafted_acceptance(session)
    defaults.uncarried_metrics(session)
    assert len(calls) == 1
    # An answer the rules read changes: proposed again, and the new answer shows.
    session.spec.architecture += " A notifier emails customers when a parcel is late."
    second = defaults.proposal_for(session)
    assert second is not first and len(calls) == 2
    assert any("notif" in t.lower() for t in second.titles), second.titles
    session.epic.success = "99.9% uptime"
    assert defaults.proposal_for(session) is not second and len(calls) == 3
    # Back to an earlier set of answers: that proposal is still cached, and equal to a fresh one.
    session.epic.success = "p99 latency under 200 ms"
    assert defaults.proposal_for(session) is second and len(calls) == 3
    assert second == real(session)
