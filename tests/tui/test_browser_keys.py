"""A key opens the selected issue's GitHub page: ``i`` (or enter on the list) on the summary, F5 on the issue
details; where no browser can open, the URL is shown to copy; an issue not synced yet says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer, OptionList

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.github import GitHubScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.screens.summary import SummaryScreen
from tests.support.helpers import copy_demo
from tests.support.pilot import wait_for

MILESTONE = "https://github.example/octo/det/milestone/5"



def synced(tmp_path: Path, finish: bool = True) -> Workspace:
    """M6 planned in quick mode with GitHub numbers #301... (the first issue has none: added since)."""
    workspace = Workspace(copy_demo(tmp_path / "repo"))
    with MilestoneFlow.open(workspace, "m6", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        for n, issue in enumerate(flow.session.issues[1:], start=302):
            issue.github_issue = n
        flow.session.github.milestone_url = MILESTONE
        if finish:
            flow.complete(Phase.GITHUB)
    return workspace


def footer_text(app: MilestoneApp) -> str:
    footer = app.screen.query_one(Footer)
    return " ".join(str(item.render()) for item in footer.query("FooterKey, FooterLabel"))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    pages: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: pages.append(url) or False)  # no browser here
    return pages


async def test_the_summary_opens_the_highlighted_issue(tmp_path: Path, opened: list[str]) -> None:
    app = MilestoneApp(synced(tmp_path), "m6", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, SummaryScreen)
        await pilot.pause(0.1)  # the footer fills in after the screen's first frame
        assert "Issue ↗" in footer_text(app)
        listing = app.screen.query_one("#summary-issues", OptionList)
        assert str(listing.get_option_at_index(0).prompt).startswith("#302")  # only synced issues
        await pilot.press("i")
        await pilot.pause()
        listing.focus()
        listing.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["https://github.example/octo/det/issues/302",
                          "https://github.example/octo/det/issues/303"]
        # no browser could open: the URL is on screen to copy
        assert any("github.example/octo/det/issues/303" in str(n.message) for n in app._notifications)


async def test_issue_details_open_the_issue_on_screen(tmp_path: Path, opened: list[str]) -> None:
    workspace = synced(tmp_path, finish=False)
    with MilestoneFlow.open(workspace, "m6", mode="refine") as flow:
        flow.set_position(2)
    app = MilestoneApp(workspace, "m6", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, GitHubScreen)
        await pilot.press("alt+b")
        await wait_for(pilot, PlanScreen)
        await pilot.press("alt+b")
        await wait_for(pilot, IssuesScreen)
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        await pilot.pause(0.1)
        assert "F5 GitHub" in footer_text(app)
        await pilot.press("f5")  # the criteria box has the focus: a function key still works
        await pilot.pause()
        assert opened == ["https://github.example/octo/det/issues/302"]
        screen.show_issue(0)  # #01 was added after the sync
        await pilot.press("f5")
        await pilot.pause()
        assert opened == ["https://github.example/octo/det/issues/302"]
        assert any("#01 is not on GitHub yet" in str(n.message) for n in app._notifications)
