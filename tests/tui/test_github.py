"""The GitHub screen driving a real sync against the local emulator (127.0.0.1): progress bar, one line per
issue, numbers saved; cancel keeps what is done and a re-run finishes without duplicates; "later" is shown
as pending on the dashboard."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Log, ProgressBar, RadioButton, Static

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.github.client import SyncOptions
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.github import GitHubScreen
from milestone_tui.tui.screens.summary import SummaryScreen
from milestone_tui.tui.widgets.wrap_log import WrapLog
from tests.support.emulator import Emulator
from tests.support.helpers import copy_demo, planned_quick

TOKEN = "ghp_TUItoken1234567890"
REPO = "octo-org/detections"
OTHER = "octo-org/colleague"  # a second repository, for the repo-change question


def spec_issues(emu: Emulator) -> list[dict[str, Any]]:
    """The emulator's issues but the epic (the parent issue the sync adds after the specs)."""
    return [g for g in emu.repo(REPO).issues if "/epic " not in (g["body"] or "")]
SIZE = (120, 40)
FAST = SyncOptions(pace=0, timeout=2, max_wait=5, retries=2, backoff=0.01)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO, OTHER)).start()
    yield server
    server.stop()


@pytest.fixture
def workspace(tmp_path: Path, emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """M5 generated in quick mode, so the app resumes at the GitHub phase; token and API URL from env."""
    root = tmp_path / "repo"
    copy_demo(root)
    workspace = Workspace(root)
    planned_quick(workspace)
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", emu.url)
    monkeypatch.delenv("GH_REPO", raising=False)
    monkeypatch.setattr(GitHubScreen, "SYNC_OPTIONS", FAST)
    return workspace


async def until(pilot: Pilot[Any], check: Callable[[], bool], what: str, deadline: float = 20) -> None:
    """Let the app run until ``check()`` holds (the sync is a worker on real sockets), with a deadline."""
    end = time.monotonic() + deadline
    while not check():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        await pilot.pause(0.05)


async def choose(pilot: Pilot[Any], downs: int) -> None:
    """The decision radio set has the focus on arrival, on "yes"; ``downs`` moves to no / later."""
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()


async def start_sync(pilot: Pilot[Any]) -> GitHubScreen:
    screen = pilot.app.screen
    assert isinstance(screen, GitHubScreen)
    await choose(pilot, 0)
    assert screen.session.github.decision == "yes"
    await pilot.press("tab", *REPO)  # the repository input follows the decision
    await pilot.click("#sync")
    return screen


def synced_lines(screen: GitHubScreen) -> list[str]:
    return [line for line in screen.query_one("#sync-log", Log).lines if line.startswith("✓ #")]


def finished(screen: GitHubScreen, runs: int = 1) -> bool:
    """The sync's last line (finished, failed or cancelled) has been shown ``runs`` times."""
    log = screen.query_one("#sync-log", Log).lines
    ends = [line for line in log if "issues done" in line or line.startswith(("✗", "Cancelled", "Sync "))]
    return len(ends) >= runs


async def test_sync_from_the_screen(workspace: Workspace, emu: Emulator) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await start_sync(pilot)
        await until(pilot, lambda: finished(screen), "the sync to finish")
        issues = screen.session.issues
        total = len(issues)
        bar = screen.query_one("#sync-progress", ProgressBar)
        assert bar.total == total and bar.progress == total
        lines = synced_lines(screen)
        assert len(lines) == total
        assert [line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in lines] == [i.title for i in issues]
        numbers = [i.github_issue for i in issues]
        assert None not in numbers and len(set(numbers)) == total
        assert sorted(i["number"] for i in spec_issues(emu)) == sorted(numbers)  # type: ignore[type-var]
        saved = workspace.load_session("m5")
        assert saved is not None and [i.github_issue for i in saved.issues] == numbers
        assert any("issues done" in line for line in screen.query_one("#sync-log", Log).lines)


async def test_cancel_keeps_what_is_done_and_a_rerun_finishes(workspace: Workspace, emu: Emulator,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # a pause between creating requests (GitHub's guidance is 1 s), so the cancel lands mid-run
    monkeypatch.setattr(GitHubScreen, "SYNC_OPTIONS", SyncOptions(pace=0.4, timeout=2, max_wait=5, retries=2,
                                                                  backoff=0.01))
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await start_sync(pilot)
        await until(pilot, lambda: len(synced_lines(screen)) >= 1, "the first issue")
        await pilot.click("#cancel-sync")
        await until(pilot, lambda: finished(screen), "the cancel")
        issues = screen.session.issues
        done = [i.github_issue for i in issues if i.github_issue is not None]
        assert 1 <= len(done) < len(issues)
        assert any(line.startswith("Cancelled") for line in screen.query_one("#sync-log", Log).lines)
        saved = workspace.load_session("m5")
        assert saved is not None
        assert [i.github_issue for i in saved.issues] == [i.github_issue for i in issues]
        assert len(spec_issues(emu)) == len(done)
        # run again: the rest is created, nothing twice
        monkeypatch.setattr(GitHubScreen, "SYNC_OPTIONS", FAST)
        await pilot.click("#sync")
        await until(pilot, lambda: finished(screen, runs=2), "the re-run to finish")
        remote = spec_issues(emu)
        assert len(remote) == len(issues)
        assert sorted(r["title"] for r in remote) == sorted(i.title for i in issues)
        assert all(i.github_issue is not None for i in issues)
        assert [i.github_issue for i in issues][: len(done)] == done  # the first run's numbers are kept


async def test_later_is_pending_on_the_dashboard(workspace: Workspace, emu: Emulator) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GitHubScreen)
        await choose(pilot, 2)
        assert app.screen.session.github.decision == "later"
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "GitHub: sync pending (later" in str(app.screen.query_one("#summary-text").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#milestones", DataTable)
        row = table.get_row("m5")
        assert row[5] == "sync pending (later)"
    assert emu.writes() == []  # "later" sends nothing
    saved = workspace.load_session("m5")
    assert saved is not None and saved.github.decision == "later" and saved.is_done(Phase.GITHUB)


async def test_a_repo_change_asks_before_the_sync(workspace: Workspace, emu: Emulator) -> None:
    """Issue 10.6: a synced session pointed at another repository asks (never adopts a colleague's issues
    silently); keeping the old one sends nothing, rebinding syncs afresh there."""
    from milestone_tui.tui.dialogs.confirm import ConfirmDialog

    other = OTHER
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await start_sync(pilot)
        await until(pilot, lambda: finished(screen), "the first sync")
        first = [i.github_issue for i in screen.session.issues]
        repo_field = screen.query_one("#repo", Input)
        repo_field.value = other
        await pilot.pause()
        await pilot.click("#sync")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.press("escape")  # keep the old repository
        log = screen.query_one("#sync-log", Log)
        await until(pilot, lambda: any("Not synced" in line for line in log.lines), "the refusal")
        assert emu.repo(other).issues == [] and [i.github_issue for i in screen.session.issues] == first
        await pilot.click("#sync")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question again")
        await pilot.click("#yes")
        await until(pilot, lambda: finished(screen, runs=2), "the sync to the new repository")
        assert len(spec_issues_in(emu, other)) == len(screen.session.issues)
        assert screen.session.github.repo == other


def spec_issues_in(emu: Emulator, repo: str) -> list[dict[str, Any]]:
    return [g for g in emu.repo(repo).issues if "/epic " not in (g["body"] or "")]
def decision_marks(screen: GitHubScreen) -> dict[str, str]:
    """Each choice's mark as drawn (the text only: no colour)."""
    return {str(button.label): str(button.render())[1] for button in screen.query(RadioButton)}


async def test_the_choice_shows_without_colour_and_reopening_keeps_it(workspace: Workspace,
                                                                       emu: Emulator) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GitHubScreen)
        assert decision_marks(screen) == {"yes": "○", "no": "○", "later": "○"}
        why = screen.query_one("#sync-why", Static)
        assert why.display and 'need "yes"' in str(why.render())  # why Show plan / Sync are disabled
        await choose(pilot, 2)
        assert decision_marks(screen) == {"yes": "○", "no": "○", "later": "●"}
        assert '"later"' in str(why.render())
        await pilot.press("escape")
        await pilot.pause()
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GitHubScreen)
        assert decision_marks(screen)["later"] == "●"
        await pilot.press("enter")  # the cursor is on the saved choice: enter keeps it
        await pilot.pause()
        assert screen.session.github.decision == "later"
        await pilot.press("up", "up", "enter")  # from later up to yes
        await pilot.pause()
        assert screen.session.github.decision == "yes" and not why.display


async def test_errors_name_the_repository_field_and_the_log_wraps(workspace: Workspace,
                                                                  emu: Emulator) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GitHubScreen)
        await choose(pilot, 0)
        await pilot.press("tab", *"octo-org/nope")
        await pilot.click("#plan-sync")
        log = screen.query_one("#sync-log", WrapLog)
        await until(pilot, lambda: any(e.startswith("✗") for e in log.entries), "the plan's error")
        error = next(e for e in log.entries if e.startswith("✗"))
        assert "Repository field" in error and "--repo" not in error
        width = log.scrollable_content_region.width
        assert len(log.lines) > len(log.entries)  # the long error is wrapped, not cut
        assert all(len(line) <= width for line in log.lines)
        log.write_lines([f"line {n}" for n in range(40)])
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y > 0  # the log follows new lines
        assert "line 39" in log.lines[-1]


async def test_tab_order_follows_the_screen(workspace: Workspace, emu: Emulator) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await choose(pilot, 0)
        chain = [widget.id for widget in app.screen.focus_chain]
        assert chain == ["decision", "repo", "plan-sync", "sync", "sync-log", "back", "next", "preview"]


async def test_a_blank_repository_is_another_milestones(workspace: Workspace, emu: Emulator) -> None:
    """No git remote, no GH_REPO: M5 named the repository once; M6's blank field says and uses it."""
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        flow.set_github(repo=REPO)
    with MilestoneFlow.open(workspace, "m6", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
    app = MilestoneApp(workspace, "m6", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GitHubScreen)
        field = screen.query_one("#repo", Input)
        assert field.value == "" and REPO in str(field.placeholder)
        await choose(pilot, 0)
        await pilot.click("#sync")
        await until(pilot, lambda: finished(screen), "the sync to finish")
        assert screen.session.github.repo == REPO and all(i.github_issue for i in screen.session.issues)
