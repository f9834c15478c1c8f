"""One status model: the CLI's summary, the summary screen, the template and the dashboard say the same."""

from __future__ import annotations

from milestone_tui.core.model import Issue, Phase, Session
from milestone_tui.core.session_file import dump_session, parse_session
from milestone_tui.core.summary import github_status, number_span


def _session(*numbers: int | None) -> Session:
    session = Session(milestone_id="m5")
    session.issues = [Issue(number=i + 1, title=f"t{i}", slug=f"t{i}", github_issue=n)
                      for i, n in enumerate(numbers)]
    session.mark_done(Phase.PLAN)
    return session


def test_one_issue_is_not_a_span() -> None:
    assert number_span([5]) == "#5"
    assert number_span([309, 301, 305]) == "#301-#309"
    assert github_status(_session(5)).line == "GitHub: 1 issue created (#5)"


def test_the_seed_line() -> None:
    assert github_status(_session(*range(301, 310))).line == "GitHub: 9 issues created (#301-#309)"


def test_not_synced_lines() -> None:
    session = _session(None, None)
    assert github_status(session).line == "GitHub: not synced"
    session.github.decision = "later"
    assert github_status(session).line == "GitHub: sync pending (later: create-milestone m5 --sync)"
    assert github_status(session).short == "sync pending (later)"


def test_old_session_files_with_breakdown_confirmed_still_load() -> None:
    text = dump_session(_session(None)).replace("done:", "breakdown_confirmed: true\ndone:", 1)
    assert "breakdown_confirmed" in text
    session = parse_session(text)
    assert session.is_done(Phase.PLAN) and "breakdown_confirmed" not in dump_session(session)
