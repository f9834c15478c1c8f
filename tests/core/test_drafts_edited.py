"""Drafted criteria follow the breakdown as the planner edits it: a retitled or split issue keeps its proposed
issue's draft, and an issue the planner adds gets one from the spec sentence that names it (or none)."""

from __future__ import annotations

from milestone_tui.core import defaults
from milestone_tui.core.model import EpicAnswers, Issue, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone


def _session() -> Session:
    session = Session(
        milestone_id="m4", roadmap=RoadmapMilestone(id="M4", title="Library Loans"),
        epic=EpicAnswers(success="Holds are offered to the next patron within 5 minutes of a return"),
        spec=SpecAnswers(
            architecture="A loan service records checkouts and returns. A holds queue offers a returned book "
                         "to the next patron. An overdue job emails patrons with books past their due date.",
            data_models="Loan with book_id, patron_id, due",
            tradeoffs="Fines are computed nightly, not live."))
    session.issues = defaults.proposed_issues(session)
    return session


def test_a_retitled_issue_keeps_the_draft_of_the_issue_it_was() -> None:
    session = _session()
    issue = next(i for i in session.issues if "queue" in i.title.lower())
    proposed = defaults.drafted_acceptance(session)[issue.title]
    issue.title = "Add hold offering to the next patron"
    assert proposed and defaults.drafted_acceptance(session)[issue.title] == proposed


def test_an_added_issue_is_drafted_from_the_sentence_that_names_it() -> None:
    session = _session()
    session.issues.append(Issue(number=9, title="Add overdue reminder emails", slug="overdue-reminders"))
    session.issues.append(Issue(number=10, title="Add audit log", slug="audit-log"))
    drafts = defaults.drafted_acceptance(session)
    assert any("past their due date" in c for c in drafts["Add overdue reminder emails"])
    assert "Add audit log" not in drafts  # no sentence of the spec names it: nothing invented


def test_quick_fill_uses_the_draft_of_a_retitled_issue() -> None:
    session = _session()
    issue = next(i for i in session.issues if "loan service" in i.title.lower())
    expected = defaults.drafted_acceptance(session)[issue.title]
    issue.title = "Add checkout and return recording"
    defaults.fill(session, defaults.Phase.ISSUES)
    assert issue.acceptance == expected


def test_a_passive_draft_names_its_subject_once_with_tight_commas() -> None:
    session = _session()
    fines = next(i.title for i in session.issues if "fine" in i.title.lower())
    assert defaults.drafted_acceptance(session)[fines][0] == "Fines are computed nightly, not live"
