"""Pilot tests of the dashboard at 80x24 and of what it says about each milestone: columns that fit (the
title cut with …), the detail pane of the highlighted row, j/k, and notifications that stay off the form."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static
from textual.widgets._toast import Toast

from milestone_tui.core.phases import PHASES
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.help import HelpDialog, help_text
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.github import GitHubScreen
from tests.support.helpers import planned_quick

SMALL = (80, 24)
LONG = "Fusion Engine for multi-sensor correlation, scoring and replay across every region"


def long_title(workspace: Workspace) -> None:
    roadmap = workspace.root / "docs/01-roadmap/roadmap.md"
    text = roadmap.read_text(encoding="utf-8")
    roadmap.write_text(text.replace("## M6 - Fusion Engine", f"## M6 - {LONG}"), encoding="utf-8")


def cursor_to(table: DataTable, shown_id: str) -> None:
    table.move_cursor(row=[table.get_row_at(r)[0] for r in range(table.row_count)].index(shown_id))


async def test_80x24_keeps_github_and_last_edited_and_cuts_the_title(workspace: Workspace) -> None:
    long_title(workspace)
    planned_quick(workspace)
    app = MilestoneApp(workspace)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#milestones", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[-2:] == ["GitHub", "Edited"]
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= SMALL[0] - 2  # no sideways scrolling: every column is on screen
        assert table.virtual_size.width <= table.size.width
        m6 = table.get_row("m6")
        assert m6[1].endswith("…") and LONG.startswith(m6[1][:-1])
        assert table.get_row("m5")[6] != "—"  # the last-edited time, in full
        assert table.get_row("m5")[5] == "not synced"


async def test_the_detail_pane_says_where_a_milestone_stopped(workspace: Workspace) -> None:
    planned_quick(workspace)
    app = MilestoneApp(workspace)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#milestones", DataTable)
        cursor_to(table, "M5")
        await pilot.pause()
        detail = str(screen.query_one("#detail", Static).render())
        assert "stopped at" in detail and "phases done" in detail
        assert "Depends on: M4 (Risk Assessment)" in detail  # the dependencies in full, not only "M4"
        assert "Artifacts: 00-epic.md, 00-SPECIFICATION.md" in detail and "IMPLEMENTATION_PLAN.md" in detail
        assert "GitHub: not synced" in detail
        cursor_to(table, "M1")
        await pilot.pause()
        assert "not started" in str(screen.query_one("#detail", Static).render())


async def test_j_and_k_move_while_the_filter_is_empty(workspace: Workspace) -> None:
    app = MilestoneApp(workspace)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#milestones", DataTable)
        table.move_cursor(row=0)
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1
        assert screen.query_one("#filter", Input).value == ""
        await pilot.press("m", "j")  # with a filter, j is a letter of it
        assert screen.query_one("#filter", Input).value == "mj"


async def test_a_burst_of_notifications_stays_off_the_form(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)
        for n in range(6):
            app.notify(f"0{n}-file.md was edited by hand; not overwritten", severity="warning")
        await pilot.pause(0.3)
        toasts = list(app.screen.query(Toast))
        assert 0 < len(toasts) <= 2
        assert "05-file.md" in str(toasts[-1].render())  # the newest stays
        form = app.screen.query_one("#left").region
        assert all(not toast.region.overlaps(form) for toast in toasts), (form, [t.region for t in toasts])


def palette_titles(app: MilestoneApp) -> list[str]:
    """The palette's entries as an empty search lists them (Textual sorts them by name)."""
    return sorted(command.title for command in app.get_system_commands(app.screen))


async def test_the_palette_offers_every_dashboard_action_and_the_phases_in_order(workspace: Workspace,
                                                                                 ) -> None:
    planned_quick(workspace)
    app = MilestoneApp(workspace)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#milestones", DataTable)
        cursor_to(table, "M5")
        await pilot.pause()
        titles = palette_titles(app)
        for wanted in ("Start M5 (ctrl+n)", "Quick mode M5 (ctrl+g)", "Overwrite M5 (ctrl+o)",
                       "View M5's artifacts (f3)", "Sync M5 to GitHub"):
            assert wanted in titles
        sync = next(c for c in app.get_system_commands(app.screen) if c.title == "Sync M5 to GitHub")
        sync.callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, GitHubScreen)  # the sync entry opens the GitHub phase
        phases = [title for title in palette_titles(app) if title.startswith("Phase ")]
        assert phases == [f"Phase {n}: {phase.label}" for n, phase in enumerate(PHASES, start=1)]


async def test_help_opens_at_this_screens_keys_and_says_escape_closes_it(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = help_text(app.screen.topics)
        assert text.index("escape") < text.index("| Where")  # said before any table
        here = text[text.index("## Keys here"):text.index("## Every screen")]
        assert "Epic, spec" in here and "next question" in here and "Breakdown" not in here
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)


async def test_long_roadmap_dependencies_wrap_in_the_context_box(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m8")  # depends on "M6 (Fusion Engine), M7 (Alerting and Notifications)"
    async with app.run_test(size=(80, 36)) as pilot:
        await pilot.pause()
        context = app.screen.query_one("#context")
        needed = context.get_content_height(context.size, context.size, context.content_region.width)
        assert needed >= 5  # the title, scope and dependencies wrap at this width
        assert context.content_region.height >= needed  # and every line of them is shown
