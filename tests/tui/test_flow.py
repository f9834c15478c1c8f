"""Pilot tests of the TUI over the real core: typing saves, navigation, breakdown edits, resume, refine,
quick mode."""

from __future__ import annotations

import time

from textual.widgets import DataTable, Input, TextArea

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.model import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.choice import ChoiceDialog
from milestone_tui.tui.dialogs.refine import RefineDialog
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.spec import SpecScreen
from milestone_tui.tui.screens.summary import SummaryScreen

SIZE = (120, 40)



async def type_into(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.insert(text)  # the same edit path as typing, without one pilot round-trip per key
    else:
        await pilot.press(*text)
    await pilot.pause()


async def test_typing_in_epic_saves_session(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)
        app.screen.query_one("#problem", TextArea).focus()
        await pilot.press(*"Ingest data")
        assert app.flow is not None and app.flow.session.epic.problem == "Ingest data"  # at once
        # the file follows on the save timer (a quarter second after the last key): poll, with a deadline
        deadline = time.monotonic() + 10
        while (saved := workspace.load_session("m5")) is None or saved.epic.problem != "Ingest data":
            assert time.monotonic() < deadline, "session.yaml was not saved by the save timer"
            await pilot.pause(0.05)
        assert "Ingest data" in app.screen.query_one("#preview").source  # type: ignore[attr-defined]


async def test_next_and_back(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "#problem", "Sensors flood us")
        await pilot.click("#next")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)
        assert (workspace.milestone_dir("m5") / "00-epic.md").is_file()
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)
        assert app.screen.query_one("#problem", TextArea).text == "Sensors flood us"
        await pilot.press("alt+n")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.flow is None


async def open_breakdown(workspace: Workspace) -> None:
    """Epic and spec done headlessly, so the app resumes at the breakdown."""
    flow = MilestoneFlow.open(workspace, "m5")
    flow.set_answer("spec", "architecture", "HTTP endpoint, Kafka queue, consumer writes to TimescaleDB.")
    flow.complete(Phase.EPIC)
    flow.complete(Phase.SPEC)
    flow.close()


async def test_breakdown_edit_keys(workspace: Workspace) -> None:
    await open_breakdown(workspace)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreakdownScreen)
        table = screen.query_one("#breakdown", DataTable)
        flow = app.flow
        assert flow is not None
        count = len(flow.session.issues)
        assert table.row_count == count > 1

        def consistent() -> None:
            numbers = [i.number for i in flow.session.issues]
            assert numbers == list(range(1, len(numbers) + 1))
            shown = [table.get_row_at(r)[1] for r in range(table.row_count)]
            assert shown == [i.title for i in flow.session.issues]
            assert workspace.load_session("m5").issues == flow.session.issues  # type: ignore[union-attr]

        # add after the first issue
        table.move_cursor(row=0)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Add rate limiting middleware", "enter")
        await pilot.pause()
        assert flow.session.issues[1].title == "Add rate limiting middleware"
        assert table.row_count == count + 1
        consistent()
        # move it down, then undo
        table.move_cursor(row=1)
        await pilot.press("shift+down")
        await pilot.pause()
        assert flow.session.issues[2].title == "Add rate limiting middleware"
        consistent()
        await pilot.press("u")
        await pilot.pause()
        assert flow.session.issues[1].title == "Add rate limiting middleware"
        consistent()
        # rename in place
        table.move_cursor(row=1)
        await pilot.press("e")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = "Add rate limiter"
        await pilot.press("enter")
        await pilot.pause()
        assert flow.session.issues[1].title == "Add rate limiter"
        consistent()
        # split, then delete one half
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#split-first", Input).value = "Add limiter core"
        app.screen.query_one("#split-second", Input).value = "Add limiter config"
        await pilot.click("#split-ok")
        await pilot.pause()
        assert [i.title for i in flow.session.issues[1:3]] == ["Add limiter core", "Add limiter config"]
        assert table.row_count == count + 2
        consistent()
        table.move_cursor(row=2)
        await pilot.press("d")
        await pilot.pause()
        assert table.row_count == count + 1
        consistent()
        # merge with next
        table.move_cursor(row=0)
        await pilot.press("m")
        await pilot.pause()
        assert table.row_count == count
        consistent()
        # confirm moves on
        await pilot.click("#next")
        await pilot.pause()
        assert flow.session.is_done(Phase.BREAKDOWN)
        assert app.screen.__class__.__name__ == "IssuesScreen"


async def test_resume_reopens_same_phase(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)
        await type_into(pilot, "#architecture", "HTTP in, Kafka, TimescaleDB")
        await app.action_quit()
    # reopen from the dashboard: type to filter, then enter opens the highlighted match
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("m", "5")
        await pilot.pause()
        table = app.screen.query_one("#milestones", DataTable)
        assert table.get_row_at(0)[0] == "M5"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)
        assert app.screen.query_one("#architecture", TextArea).text == "HTTP in, Kafka, TimescaleDB"


async def test_refine_lands_on_first_missing_phase(workspace: Workspace) -> None:
    flow = MilestoneFlow.open(workspace, "m5")
    flow.set_answer("epic", "problem", "Ingest")
    flow.complete(Phase.EPIC)
    flow.close()
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RefineDialog)
        body = "\n".join(app.screen.lines)
        assert "✓ 00-epic.md" in body and "✗ 00-SPECIFICATION.md" in body
        await pilot.click("#choice-refine")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)


async def test_quick_mode_generates_milestone(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m6", quick=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert any("1. " in line for line in app.screen.lines)
        await pilot.click("#choice-yes")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        folder = workspace.milestone_dir("m6")
        assert (folder / "00-epic.md").is_file() and (folder / "IMPLEMENTATION_PLAN.md").is_file()
        assert "IMPLEMENTATION_PLAN.md" in str(app.screen.query_one("#summary-text").render())
