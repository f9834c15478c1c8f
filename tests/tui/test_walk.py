"""Traps found walking the seed's session in tmux as a new planner would (120x36 and 80x24), each pinned by
the keys that found it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.github.edits import EditConflict
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.choice import ChoiceDialog
from milestone_tui.tui.dialogs.edit_conflict import EditConflictDialog
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.screens.summary import SummaryScreen
from milestone_tui.tui.widgets.wrap_log import WrapLog
from tests.support.helpers import copy_demo
from tests.tui.test_proposal_screens import opened_at, settle
from tests.tui.test_seed import type_text

SIZE = (120, 36)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return opened_at(copy_demo(tmp_path / "repo"), Phase.ISSUES)


async def test_back_on_issue_details_steps_to_the_previous_issue(workspace: Workspace) -> None:
    """Next walks the issues one by one; Back did not: from issue #03 it left for the breakdown."""
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        await pilot.press("alt+n", "alt+n")
        await pilot.pause()
        assert screen.index == 2
        await pilot.press("alt+b")
        await pilot.pause()
        assert app.screen is screen and screen.index == 1
        assert "Prev issue" in str(screen.query_one("#back", Button).label)
        await pilot.press("alt+b")
        await pilot.pause()
        assert app.screen is screen and screen.index == 0
        assert str(screen.query_one("#back", Button).label) == "‹ Back"  # on #01 it leaves the phase
        await pilot.press("alt+b")
        await pilot.pause()
        assert isinstance(app.screen, BreakdownScreen)


async def test_the_nav_buttons_grow_with_their_label(workspace: Workspace) -> None:
    """Resumed on the last issue ("Next ›"), a step back showed "Next" cut from "Next issue ›"."""
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        flow.set_position(flow.session.issues[-1].number)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        assert screen.index == len(screen.session.issues) - 1
        await pilot.press("ctrl+up")
        await pilot.pause()
        for name in ("#next", "#back"):
            button = screen.query_one(name, Button)
            label = str(button.label)
            assert button.content_region.width >= cell_len(label), (label, button.content_region)


class LogApp(App[None]):
    """One WrapLog, ten rows high (the GitHub screen's log before the progress bar comes)."""

    CSS = "WrapLog { height: 10; }"

    def compose(self) -> ComposeResult:
        yield WrapLog(id="log")


async def test_the_sync_log_follows_new_lines_after_it_shrinks() -> None:
    """The plan filled the log; the progress bar then took rows from it, and the sync's ✓ lines went on
    below the fold: the log was no longer at its end when they came, so it stopped following."""
    app = LogApp()
    async with app.run_test(size=(60, 20)) as pilot:
        log = app.query_one(WrapLog)
        log.write_lines([f"  create issue {n:02d}" for n in range(1, 10)])
        await pilot.pause()
        log.styles.height = 5
        await pilot.pause()
        for n in range(301, 306):
            log.write_line(f"✓ #{n}: created")
            await pilot.pause()
        assert log.is_vertical_scroll_end, (log.scroll_y, log.max_scroll_y)
        log.scroll_home(animate=False)  # the planner scrolls up to read: new lines leave them there
        await pilot.pause()
        log.write_line("✓ 5 of 5 issues done")
        await pilot.pause()
        assert log.scroll_y == 0


async def test_quick_mode_summary_says_what_to_refine_without_covering_done(tmp_path: Path) -> None:
    """After quick mode's yes, the seed's note (review and refine, where the specs are) was a toast for a
    few seconds, over the summary's next steps and its Done button; then it was gone for good (a resume
    never showed it)."""
    workspace = Workspace(copy_demo(tmp_path / "repo"))
    app = MilestoneApp(workspace, "m6", quick=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        await pilot.pause()
        assert not app._notifications  # nothing over the form
        text = str(screen.query_one("#summary-text", Static).render())
        assert "Note: Generated specs use defaults. Review and refine:" in text
        assert "- Add detailed acceptance criteria" in text
        assert "Edit specs in: docs/03-build-notes/milestones/m6/" in text


async def test_the_edit_conflict_dialog_fits_80x24(tmp_path: Path) -> None:
    """At 80x24 the hint under the buttons was cut: "… escape: decide later (" and no more."""
    conflict = EditConflict(spec=9, key="09", github=309, title="Add integration tests",
                            ours="Our body\n", theirs="Edited on GitHub by a teammate.\n")
    app = MilestoneApp(Workspace(copy_demo(tmp_path / "repo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(EditConflictDialog(conflict, " (1 of 1)"))
        await pilot.pause()
        dialog = app.screen
        hint = dialog.query_one("#dialog-keys", Label)
        text = str(hint.render())
        assert text.endswith("decide later (nothing is sent)")
        box = dialog.query_one(".dialog").region
        region = hint.content_region
        assert region.right <= box.right and cell_len(text) <= region.width * region.height, (region, box)
        for button in dialog.query(Button):
            assert button.region.right <= box.right and button.region.bottom <= 24, button


async def test_the_dashboard_highlights_the_milestone_just_closed(workspace: Workspace) -> None:
    """``create-milestone m5``, then escape (or Done): the dashboard came up on M1, not on M5."""
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IssuesScreen)
        await pilot.press("escape")
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        selected = dashboard.selected
        assert selected is not None and selected.milestone_id == "m5"
        assert "M5 Detection Ingest Pipeline" in str(dashboard.query_one("#detail", Static).render())


async def test_the_breakdown_table_fits_80_columns(tmp_path: Path) -> None:
    """At 80x24 the slug column ran past the table's edge, cut mid-word ("email-sms-noti"); the preview's
    File column names the same file, so the table leaves the slug out when it has no room for it."""
    workspace = opened_at(copy_demo(tmp_path / "repo"), Phase.BREAKDOWN)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BreakdownScreen)
        table = screen.query_one("#breakdown", DataTable)
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width, table.virtual_size
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[:4] == ["#", "Title", "Depends on", "Phase"] and "Slug" not in labels
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert [str(c.label) for c in table.columns.values()][-1] == "Slug"  # with the room, it is back
        assert table.get_row_at(0)[-1] == screen.session.issues[0].slug


async def test_the_plan_shows_how_to_replace_a_proposal(tmp_path: Path) -> None:
    """The plan's answers start as proposals; typing the seed's phases appended them to the proposed ones
    (ctrl+a is "line start" in a Textual box) and nothing on screen said how to select it all."""
    workspace = opened_at(copy_demo(tmp_path / "repo"), Phase.PLAN)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        phases = screen.query_one("#phases", TextArea)
        phases.focus()
        await pilot.pause()
        assert phases.text  # the proposal
        shown = {b.description for _, b, enabled, _ in screen.active_bindings.values() if b.show and enabled}
        assert "Select all" in shown
        await pilot.press("f7")
        await type_text(pilot, "Phase 1: #1, #2. Phase 2: the rest")
        assert phases.text == "Phase 1: #1, #2. Phase 2: the rest"
        branch = screen.query_one("#branch", Input)
        branch.focus()
        await pilot.pause()
        await pilot.press("f7")
        await type_text(pilot, "milestone/m5-ingest")
        assert branch.value == "milestone/m5-ingest"


async def test_alt_keys_on_the_dashboard_do_not_type_into_the_filter(tmp_path: Path) -> None:
    """One alt+n too many after Done (the terminal sends it as alt with the character "n"): the dashboard
    typed "n" into its filter, and the table came up empty, without a word why."""
    app = MilestoneApp(Workspace(copy_demo(tmp_path / "repo")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert app._driver is not None
        for name, char in (("alt+n", "n"), ("alt+b", "b")):
            key = events.Key(name, char)
            key.set_sender(app)
            app._driver.send_message(key)
        await pilot.pause()
        assert dashboard.query_one("#filter", Input).value == ""
        assert dashboard.query_one("#milestones", DataTable).row_count == 8


async def test_a_filter_that_matches_nothing_says_so(tmp_path: Path) -> None:
    app = MilestoneApp(Workspace(copy_demo(tmp_path / "repo")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert dashboard.query_one("#milestones", DataTable).row_count == 0
        detail = dashboard.query_one("#detail", Static)
        assert detail.display and "No milestone matches “zzz”: escape clears" in str(detail.render())
        await pilot.press("escape")
        await pilot.pause()
        assert "M1 Platform Foundation" in str(detail.render())
