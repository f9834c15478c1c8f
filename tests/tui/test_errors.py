"""A milestone that cannot be opened at start-up (`create-milestone m5` while another process holds m5's lock,
a corrupt session.yaml, an id not in the roadmap) shows its error on the dashboard, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.dashboard import DashboardScreen

DEMO = Path(__file__).resolve().parents[2] / "milestone_tui" / "data" / "demo"
SIZE = (120, 40)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DEMO, tmp_path / "repo")
    return tmp_path / "repo"


async def assert_error_on_dashboard(app: MilestoneApp, expected: str) -> None:
    """Start the app, let the failed open settle, and check the dashboard line and the notification."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.flow is None
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        line = screen.query_one("#open-error", Static)
        assert line.display and expected in str(line.render())
        assert any(expected in str(n.message) and n.severity == "error" for n in app._notifications)
        assert screen.loaded and screen.rows  # the dashboard itself still works


async def test_locked_milestone_shows_an_error(root: Path) -> None:
    lock = Workspace(root).lock("m5")  # another process's lock, as far as the app's workspace can tell
    try:
        await assert_error_on_dashboard(MilestoneApp(Workspace(root), "m5"), "open in another process")
    finally:
        lock.release()


async def test_corrupt_session_shows_an_error(root: Path) -> None:
    workspace = Workspace(root)
    folder = workspace.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "session.yaml").write_text("{{{ not: [yaml", encoding="utf-8")
    await assert_error_on_dashboard(MilestoneApp(workspace, "m5", mode="refine"), "corrupt session file")
    assert (folder / "session.yaml").read_text(encoding="utf-8") == "{{{ not: [yaml"  # kept as it was


async def test_corrupt_session_after_the_refine_question(root: Path) -> None:
    """Without --refine the folder's question comes first; choosing refine then reports the corrupt file."""
    from milestone_tui.tui.dialogs.refine import RefineDialog

    workspace = Workspace(root)
    folder = workspace.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "session.yaml").write_text("{{{ not: [yaml", encoding="utf-8")
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RefineDialog)
        app.screen.dismiss("refine")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DashboardScreen)
        assert "corrupt session file" in str(app.screen.query_one("#open-error", Static).render())


async def test_unknown_milestone_shows_an_error(root: Path) -> None:
    await assert_error_on_dashboard(MilestoneApp(Workspace(root), "m99"), "M99 not found")
