"""The dashboard's GitHub column read back against the emulator (real HTTP on 127.0.0.1): the session's last
read at once, then GitHub's answer from a worker after the first frame; no token or no network: the session's
line, quietly. Progress counts the phases the phase bar shows, and a phase with questions left shows ◐."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from milestone_tui.core.dashboard import read_dashboard
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.model import EpicAnswers, IssueStatus, SpecAnswers
from milestone_tui.core.phases import EPIC_FIELDS, PHASES, SPEC_FIELDS, Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.github.auth import resolve_target
from milestone_tui.github.client import SyncOptions
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.dashboard import DashboardScreen
from tests.support.emulator import Emulator
from tests.support.helpers import synced_quick

TOKEN = "ghp_DASHtoken1234567890"
REPO = "octo-org/detections"
FAST = SyncOptions(pace=0, timeout=2, deadline=5, max_wait=5, retries=0, backoff=0.01)
GITHUB = 5  # the table's GitHub column


@pytest.fixture
def emu() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO,)).start()
    yield server
    server.stop()


@pytest.fixture
def synced(tmp_path: Path, emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """M5 planned in quick mode and synced to the emulator (5 issues), the token and API URL in the env."""
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", emu.url)
    monkeypatch.delenv("GH_REPO", raising=False)
    monkeypatch.setattr(DashboardScreen, "GITHUB_OPTIONS", FAST)
    workspace = synced_quick(tmp_path / "repo", emu.url, REPO, FAST)
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        flow.complete(Phase.GITHUB)
    return workspace


def spec_numbers(workspace: Workspace) -> list[int]:
    session = workspace.load_session("m5")
    assert session is not None
    return [i.github_issue for i in session.issues if i.github_issue is not None]


async def until(pilot: Pilot[Any], check: Callable[[], bool], what: str, deadline: float = 15) -> None:
    end = time.monotonic() + deadline
    while not check():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def github_cell(app: MilestoneApp) -> str:
    return str(app.screen.query_one("#milestones", DataTable).get_row("m5")[GITHUB])


async def test_the_column_shows_progress_read_from_github_after_the_first_frame(synced: Workspace,
                                                                              emu: Emulator) -> None:
    first, second, *_ = spec_numbers(synced)
    for issue in emu.repo(REPO).issues:  # someone closed one issue and took another, on GitHub
        if issue["number"] == first:
            issue["state"] = "closed"
        if issue["number"] == second:
            issue["assignees"] = [{**emu.user(), "login": "ana"}]
    session_file = synced.session_path("m5")
    before, seen = session_file.read_bytes(), len(emu.log)
    app = MilestoneApp(synced)
    async with app.run_test(size=(120, 36)) as pilot:
        # the first frame has the cheap line from the session file: no request waited for
        assert github_cell(app) == "synced"
        await until(pilot, lambda: "closed" in github_cell(app), "the GitHub column")
        assert github_cell(app) == "1/5 closed · 4 blocked · 3 unassigned"
        table = app.screen.query_one("#milestones", DataTable)
        table.move_cursor(row=table.get_row_index("m5"))
        await pilot.pause()
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "1/5 closed · 4 blocked · 3 unassigned (just now)" in detail
        await app.workers.wait_for_complete()
    assert session_file.read_bytes() == before  # a look is not an edit: the session is not written
    listings = [p for m, p, _ in emu.log[seen:] if m == "GET" and "/issues" in p and "milestone=" in p]
    assert len(listings) == 1  # one paginated listing of the milestone's issues, not one per issue


async def test_an_unchanged_milestone_costs_the_dashboard_no_full_listing(synced: Workspace,
                                                                         emu: Emulator) -> None:
    """After a read kept its ETags (``--status``), GitHub answers the dashboard's read 304: the last read is
    shown as just read, and no full listing counted against the rate limit."""
    from milestone_tui.github.reading import read_status

    with MilestoneFlow.open(synced, "m5", mode="refine") as flow:
        await read_status(resolve_target(REPO, emu.url), flow.session, FAST)
        flow.save()
    full = len(emu.listings(200))
    app = MilestoneApp(synced)
    async with app.run_test(size=(120, 36)) as pilot:
        table = app.screen.query_one("#milestones", DataTable)
        table.move_cursor(row=table.get_row_index("m5"))
        await until(pilot, lambda: "just now" in str(app.screen.query_one("#detail", Static).render()),
                    "the dashboard's read")
        await app.workers.wait_for_complete()
        assert github_cell(app) == "0/5 closed · 4 blocked · 5 unassigned"
    assert len(emu.listings(200)) == full and len(emu.listings(304)) == 1


async def test_without_a_token_the_column_shows_what_the_session_knows(
        synced: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    numbers = spec_numbers(synced)
    with MilestoneFlow.open(synced, "m5", mode="refine") as flow:  # what an earlier --status read
        flow.session.github.status = {numbers[0]: IssueStatus(state="closed", assignees=["ana"])}
        flow.session.github.status_read = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
        flow.save()
    for name in ("GH_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)  # no gh either
    app = MilestoneApp(synced)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: "closed" in github_cell(app), "the session's line")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert github_cell(app) == "1/5 closed"  # unread issues are not counted as blocked or unassigned
        table = app.screen.query_one("#milestones", DataTable)
        table.move_cursor(row=table.get_row_index("m5"))
        await pilot.pause()
        assert "as last read 2026-11-30" in str(app.screen.query_one("#detail", Static).render())
        assert not app._notifications  # quietly: no error for a missing token


async def test_an_unreachable_github_is_quiet_too(synced: Workspace, emu: Emulator) -> None:
    emu.stop()  # the session's API URL now refuses connections
    app = MilestoneApp(synced)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert github_cell(app) == "synced" and not app._notifications


def test_progress_counts_the_phases_of_the_bar_and_partial_shows(workspace: Workspace) -> None:
    assert set(EPIC_FIELDS) == set(EpicAnswers.model_fields)  # the cheap reader's questions are the model's
    assert set(SPEC_FIELDS) == set(SpecAnswers.model_fields)
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        flow.complete(Phase.GITHUB)  # every phase of work: the milestone lands on the summary
        flow.set_answer("epic", "users", "")  # a question left unanswered after the epic was done
        partial = flow.session.partial_phases
        assert Phase.EPIC in partial
        flow.save()
    row = next(r for r in read_dashboard(workspace).rows if r.milestone_id == "m5")
    assert row.progress == (len(PHASES), len(PHASES))  # 7/7, as many as the phase bar shows
    assert row.partial == partial  # the cheap reader and the session model agree


async def test_the_dashboard_shows_partial_as_the_phase_bar_does(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        flow.set_answer("epic", "users", "")
        flow.save()
    app = MilestoneApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#milestones", DataTable)
        assert str(table.get_row("m5")[3]) == "5/7 ◐"
        table.move_cursor(row=table.get_row_index("m5"))
        await pilot.pause()
        assert "◐ questions left in: Epic" in str(app.screen.query_one("#detail", Static).render())
