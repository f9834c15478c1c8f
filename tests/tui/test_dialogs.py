"""Pilot tests of the dialogs' keys: the arrows move between the buttons, a hint names what enter does, and
the split dialog takes one enter."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Label

from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.choice import ChoiceDialog
from milestone_tui.tui.dialogs.split import SplitDialog
from milestone_tui.tui.screens.breakdown import BreakdownScreen

SIZE = (120, 36)


def hint(app: MilestoneApp) -> str:
    return str(app.screen.query_one("#dialog-keys", Label).render())


async def test_quick_mode_right_then_enter_customizes(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m6", quick=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "enter: yes" in hint(app) and "escape: no" in hint(app)
        await pilot.press("left")  # wraps around to the last button
        assert app.focused is app.screen.query_one("#choice-no", Button)
        await pilot.press("right", "right")
        assert app.focused is app.screen.query_one("#choice-customize", Button)
        assert hint(app).startswith("enter: customize")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreakdownScreen)  # not the whole milestone generated with defaults
        assert not (workspace.milestone_dir("m6") / "IMPLEMENTATION_PLAN.md").exists()


async def test_split_takes_one_enter(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m6", quick=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choice-customize")
        await pilot.pause()
        table = app.screen.query_one("#breakdown", DataTable)
        count = table.row_count
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        assert any("enter: split" in str(label.render()) for label in app.screen.query(".dialog-hint"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreakdownScreen)
        assert table.row_count == count + 1
