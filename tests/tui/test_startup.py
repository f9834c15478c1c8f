"""Start-up stays cheap: the dashboard path imports no core module before its first frame, and the rows arrive
from a worker (group "dashboard") after a "Loading…" frame."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable

from milestone_tui.cli.main import DeferredWorkspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens import dashboard
from milestone_tui.tui.screens.dashboard import DashboardScreen

DEMO = Path(__file__).resolve().parents[2] / "milestone_tui" / "data" / "demo"
HEAVY = ["pydantic", "yaml", "jinja2", "markdown_it", "milestone_tui.core.model",
         "milestone_tui.core.workspace", "milestone_tui.core.flow", "githubkit"]


def test_first_frame_imports_no_core_module() -> None:
    code = ("import sys\n"
            "import milestone_tui.cli.main, milestone_tui.tui.app, milestone_tui.tui.screens.dashboard\n"
            "from milestone_tui.cli.main import DeferredWorkspace\n"
            "from pathlib import Path\n"
            "DeferredWorkspace(Path('.')).root\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"imported before the first frame: {result.stdout.strip()}"


async def test_rows_load_in_a_worker_after_a_loading_frame(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DEMO, tmp_path / "repo")
    # This process has the core imported already; pretend it has not, as in a fresh `create-milestone`.
    monkeypatch.setattr(dashboard, "CORE_MODULES", (*dashboard.CORE_MODULES, "not.imported.yet"))
    seen: list[str] = []
    original = DashboardScreen.on_mount

    def on_mount(self: DashboardScreen) -> None:
        original(self)
        table = self.query_one("#milestones", DataTable)
        seen.append(str(table.get_row_at(0)[1]))

    monkeypatch.setattr(DashboardScreen, "on_mount", on_mount)
    threads: list[bool] = []
    read_rows = dashboard.read_rows

    def read_rows_recorded(workspace: object) -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        return read_rows(workspace)

    monkeypatch.setattr(dashboard, "read_rows", read_rows_recorded)
    app = MilestoneApp(DeferredWorkspace(tmp_path / "repo"))  # type: ignore[arg-type]
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert seen == ["Loading…"]
        assert screen.loaded and screen.rows
        assert threads == [False]  # read once, off the event loop's thread
        table = screen.query_one("#milestones", DataTable)
        assert table.row_count == len(screen.rows) > 2
        assert "M5" in [table.get_row_at(r)[0] for r in range(table.row_count)]
