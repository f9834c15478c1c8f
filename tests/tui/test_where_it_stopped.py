"""Resume lands exactly where the planner stopped, and the state shows what is answered: ✓ per issue with
criteria, a warning before finishing without them, ◐ for a phase done with questions left, proposed tags."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.choice import ChoiceDialog
from milestone_tui.tui.messages import OpenMilestone, OpenRequest
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.widgets.phase_bar import PhaseBar
from tests.support.helpers import copy_demo
from tests.support.pilot import wait_for


def planned_to_issues(root: Path) -> Workspace:
    workspace = Workspace(root)
    with MilestoneFlow.open(workspace, "m5") as flow:
        flow.set_answer("epic", "problem", "Sensor data must be ingested.")
        flow.set_answer("spec", "architecture", "HTTP endpoint receives events, queues to Kafka, consumer "
                                                "writes to TimescaleDB.")
        flow.complete(Phase.EPIC)
        flow.complete(Phase.SPEC)
        flow.propose()
        flow.complete(Phase.BREAKDOWN)
    return workspace


async def test_resume_lands_on_the_issue_that_was_open(tmp_path: Path) -> None:
    workspace = planned_to_issues(copy_demo(tmp_path / "repo"))
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, IssuesScreen)
        await pilot.press("ctrl+down", "ctrl+down")  # to issue 3
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.post_message(OpenMilestone(OpenRequest("m5", mode="refine", resume=True)))
        await wait_for(pilot, IssuesScreen)
        screen = app.screen
        assert isinstance(screen, IssuesScreen) and screen.index == 2
        assert "Issue #03" in str(screen.query_one("#issue-heading", Label).render())


async def test_quick_customize_resumes_on_the_breakdown(tmp_path: Path) -> None:
    app = MilestoneApp(Workspace(copy_demo(tmp_path / "repo")), "m6", quick=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, ChoiceDialog)
        await pilot.click("#choice-customize")
        await wait_for(pilot, BreakdownScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.post_message(OpenMilestone(OpenRequest("m6", mode="refine", resume=True)))
        await wait_for(pilot, BreakdownScreen)  # not the epic, where the phases first run out


async def test_issues_with_criteria_are_ticked_and_finishing_without_them_warns(tmp_path: Path) -> None:
    workspace = planned_to_issues(copy_demo(tmp_path / "repo"))
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, IssuesScreen)
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        lines = lambda: [str(label.render()) for label in screen.query(".issue-line").results(Label)]  # noqa: E731
        assert not any(line.startswith("✓") for line in lines())
        await pilot.press(*"one criterion")
        await pilot.pause()
        assert lines()[0].startswith("✓ 01") and not lines()[1].startswith("✓")
        last = len(screen.session.issues) - 1
        screen.show_issue(last)
        await pilot.press("alt+n")  # the last issue: Next would finish the phase
        await pilot.pause()
        assert isinstance(app.screen, IssuesScreen)  # warned first, with the issues named
        await pilot.press("alt+n")
        await wait_for(pilot, PlanScreen)  # then it finishes, as the planner chose


async def test_a_phase_done_with_questions_left_is_partial(tmp_path: Path) -> None:
    workspace = planned_to_issues(copy_demo(tmp_path / "repo"))
    session = workspace.load_session("m5")
    assert session is not None
    assert session.is_partial(Phase.EPIC)  # three epic questions are unanswered
    text = PhaseBar.phase_text(session, Phase.ISSUES, done=tuple(p for p in session.done
                                                                 if not session.is_partial(p)),
                               partial=session.partial_phases)
    assert "◐ Epic" in text.plain and "✓ Breakdown" in text.plain and "✓ Epic" not in text.plain


async def test_scope_tags_are_proposed_from_the_title(tmp_path: Path) -> None:
    workspace = planned_to_issues(copy_demo(tmp_path / "repo"))
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        flow.complete(Phase.ISSUES)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, PlanScreen)
        screen = app.screen
        assert screen.query_one("#scope_tags", Input).value == "detection, ingest, pipeline"
        assert screen.session.plan.scope_tags == ["detection", "ingest", "pipeline"]  # what the preview shows


async def test_the_breakdown_footer_says_how_to_confirm_at_80x24(tmp_path: Path) -> None:
    """Issue 13.6: the edit keys share one group, so Confirm and Help stay in the footer at 80x24."""
    from textual.widgets import Footer

    workspace = Workspace(copy_demo(tmp_path / "repo"))
    with MilestoneFlow.open(workspace, "m5") as flow:
        flow.set_answer("spec", "architecture", "HTTP endpoint, Kafka queue, consumer writes to TimescaleDB.")
        flow.complete(Phase.EPIC)
        flow.complete(Phase.SPEC)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, BreakdownScreen)
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        shown = " ".join(str(item.render()) for item in footer.query("FooterKey, FooterLabel"))
        assert "Confirm" in shown and "Help" in shown and "Edit" in shown


async def test_the_summary_lists_each_issue_state_and_opens_the_milestone(tmp_path: Path,
                                                                          monkeypatch: object) -> None:
    """Issue 11.6: each synced issue with its state as last read, and a key to the milestone's page (its URL
    shown where no browser can open)."""
    from datetime import UTC, datetime

    import pytest

    from milestone_tui.core.model import IssueStatus
    from milestone_tui.tui.screens.summary import SummaryScreen

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    workspace = Workspace(copy_demo(tmp_path / "repo"))
    with MilestoneFlow.open(workspace, "m6", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        for n, issue in enumerate(flow.session.issues, start=301):
            issue.github_issue = n
        flow.session.github.milestone_url = "https://github.example/octo/det/milestone/5"
        flow.session.github.status = {301: IssueStatus(state="closed", assignees=["ana"]),
                                      302: IssueStatus(state="open", blocked_by=1)}
        flow.session.github.status_read = datetime.now(UTC)
        flow.complete(Phase.GITHUB)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or False)
    app = MilestoneApp(workspace, "m6", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, SummaryScreen)
        from textual.widgets import OptionList

        text = str(app.screen.query_one("#summary-text").render())
        assert "1/6 closed · 1 blocked" in text
        listing = app.screen.query_one("#summary-issues", OptionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "#301   closed  Add fusion data models · ana" in lines[0] and "blocked by 1" in lines[1]
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://github.example/octo/det/milestone/5"]
        assert any("github.example/octo/det/milestone/5" in str(n.message) for n in app._notifications)
