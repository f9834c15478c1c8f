"""Start-up stays cheap: the dashboard path loads no session model, pydantic, templates or GitHub client
before its first frame, and that frame already has the rows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable

from bench.common import build_workspace
from milestone_tui.core.dashboard import Dashboard, read_dashboard
from milestone_tui.core.layout import Layout
from milestone_tui.tui import screens
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens import dashboard as dashboard_screen
from milestone_tui.tui.screens.dashboard import DashboardScreen

DEMO = Path(__file__).resolve().parents[2] / "milestone_tui" / "data" / "demo"
HEAVY = ["pydantic", "jinja2", "githubkit", "milestone_tui.core.model", "milestone_tui.core.workspace",
         "milestone_tui.core.flow", "milestone_tui.tui.opening", "milestone_tui.tui.screens.phase",
         # the sync's events: a sync message is only ever made by a running sync
         "milestone_tui.github.events",
         # the full roadmap parser: the dashboard reads the roadmap with the line reader
         "markdown_it", "milestone_tui.core.roadmap_markdown",
         # PyYAML: the session files the app writes are read by the session's line reader
         "yaml"]


def test_first_frame_needs_no_heavy_module(tmp_path: Path) -> None:
    """Everything the dashboard's first frame runs: the CLI, the app, the dashboard and its reader, on the
    demo with a planned milestone (a session file the app wrote)."""
    root = build_workspace(tmp_path / "repo", 5).root
    code = ("import sys\n"
            "from pathlib import Path\n"
            "import milestone_tui.cli.main, milestone_tui.tui.app\n"
            "from milestone_tui.core.dashboard import read_dashboard\n"
            "from milestone_tui.core.layout import Layout\n"
            f"rows = read_dashboard(Layout(Path({str(root)!r}))).rows\n"
            "assert [r.stopped_at for r in rows if r.milestone_id == 'm5'][0] is not None\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"imported before the first frame: {result.stdout.strip()}"


def test_the_start_loads_no_model_config_when_nothing_configures_one(tmp_path: Path) -> None:
    """The TUI's start asks for the model configuration; with no --model, no MILESTONE_TUI_MODEL and no
    config file, the config reader (and tomllib) stays unloaded."""
    code = ("import argparse, sys\n"
            "from pathlib import Path\n"
            "from milestone_tui.cli import main\n"
            "args = argparse.Namespace(model=None, model_url=None)\n"
            f"assert main._model_config(args, Path({str(tmp_path)!r})) is None\n"
            "print('milestone_tui.core.drafting.config' in sys.modules, 'tomllib' in sys.modules)\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    env.pop("MILESTONE_TUI_MODEL", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split() == ["False", "False"]


async def test_the_first_frame_has_the_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DEMO, tmp_path / "repo")
    seen: list[int] = []
    original = DashboardScreen.on_mount

    def on_mount(self: DashboardScreen) -> None:
        original(self)
        seen.append(self.query_one("#milestones", DataTable).row_count)

    monkeypatch.setattr(DashboardScreen, "on_mount", on_mount)
    app = MilestoneApp(Layout(tmp_path / "repo"))
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert seen == [8]  # the demo roadmap's M1-M8, there when the screen is mounted
        assert screen.loaded and len(screen.rows) == 8
        table = screen.query_one("#milestones", DataTable)
        assert "M5" in [table.get_row_at(r)[0] for r in range(table.row_count)]
        await app.workers.wait_for_complete()  # the warm-up imports what opening needs


async def test_the_first_frame_reads_the_rows_once_and_parses_only_its_styles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mounting reads the rows; the screen's first resume (right after its mount) must not read them again
    (only coming back from a milestone does)."""
    shutil.copytree(DEMO, tmp_path / "repo")
    reads: list[Path] = []

    def counted(layout: Layout) -> Dashboard:
        reads.append(layout.root)
        return read_dashboard(layout)

    monkeypatch.setattr(dashboard_screen, "read_dashboard", counted)
    app = MilestoneApp(Layout(tmp_path / "repo"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert len(reads) == 1
        # the other screens' styles are parsed with the first of them, not for the dashboard's first frame
        assert not app.stylesheet.has_source(str(screens.SCREENS_CSS), "")
        app.push_screen(screens.artifact_viewer()(tmp_path / "repo" / "docs"))
        await pilot.pause()
        assert app.stylesheet.has_source(str(screens.SCREENS_CSS), "")
        app.pop_screen()
        await pilot.pause()
        assert len(reads) == 2  # back on the dashboard: read again, the folders may have changed
        await app.workers.wait_for_complete()


async def test_opening_from_a_layout_builds_the_workspace(tmp_path: Path) -> None:
    """The app starts from the cheap Layout; opening a milestone gets the full Workspace behind the seam."""
    shutil.copytree(DEMO, tmp_path / "repo")
    app = MilestoneApp(Layout(tmp_path / "repo"), "m5")
    async with app.run_test() as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.flow is not None:
                break
        assert app.flow is not None and app.flow.session.milestone_id == "m5"
        assert type(app.screen).__name__ == "EpicScreen"


def test_the_private_frame_step_the_echo_relies_on_still_exists() -> None:
    """``milestone_tui.tui.paint`` paints a keystroke's echo and the preview's change at once through
    Textual's own frame step, a private method (documented there). If a Textual upgrade renames it they only
    wait for the next frame slot, and this test says so, instead of the typing and preview benches quietly
    getting slower."""
    from textual.screen import Screen

    assert callable(getattr(Screen, "_on_timer_update", None))
