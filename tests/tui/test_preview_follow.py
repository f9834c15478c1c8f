"""The preview follows the field being typed in: typing in a field, or moving the focus to it, scrolls the
live preview to the section that field renders into, found by the section heading's anchor."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from bench.common import build_workspace
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.screens.spec import SpecScreen
from milestone_tui.tui.widgets import anchors
from milestone_tui.tui.widgets.preview import MarkdownPreview, PreviewBlock
from tests.support.pilot import settled, wait_for

SHORT = (100, 24)  # a preview pane much shorter than the documents


def test_slug_is_githubs() -> None:
    assert anchors.slug("Success Criteria") == "success-criteria"
    assert anchors.slug("Out of Scope") == "out-of-scope"
    assert anchors.slug("M5: Detection Ingest — Plan!") == "m5-detection-ingest--plan"


def test_a_section_runs_to_the_next_heading_of_its_level() -> None:
    blocks = ["# Plan", "- **Branch:** x", "## Phases", "### Phase 1", "- [ ] #01", "### Phase 2",
              "## Dependency Check", "No problems found."]
    assert anchors.section(blocks, "phases") == (2, 5)
    assert anchors.section(blocks, "phase-1") == (3, 4)
    assert anchors.section(blocks, "dependency-check") == (6, 7)
    assert anchors.section(blocks, None) == (0, 1)  # the opening: up to the first heading after the title
    assert anchors.section(blocks, "notes") is None
    assert anchors.table_of_contents(blocks)[:2] == [(1, "Plan", 0), (2, "Phases", 2)]


async def settle(pilot: Pilot[int], preview: MarkdownPreview) -> None:
    """The preview's newest text applied and laid out (bounded)."""
    await settled(pilot, preview)
    await pilot.pause(0.05)


def heading(preview: MarkdownPreview, title: str) -> PreviewBlock:
    blocks = preview.query(PreviewBlock)
    return next(block for block in blocks if block.block_source.lstrip("#").strip() == title)


def shown(preview: MarkdownPreview, title: str) -> bool:
    """Whether the heading ``title`` is inside the preview's visible window (virtual coordinates)."""
    region = heading(preview, title).virtual_region
    top = round(preview.scroll_y)
    return top <= region.y and region.bottom <= top + preview.scrollable_content_region.height


async def test_typing_in_a_field_far_down_scrolls_the_preview_to_its_section(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EpicScreen)
        preview = screen.query_one("#preview", MarkdownPreview)
        await settle(pilot, preview)
        assert preview.max_scroll_y > 0, "the document must be taller than the pane for this test"
        assert not shown(preview, "Out of Scope")
        field = screen.query_one("#out_of_scope", TextArea)
        with screen.prevent():  # focus without the focus-follows part: this test is about typing
            field.focus()
        await pilot.pause()
        preview.scroll_home(animate=False)
        await pilot.pause()
        await pilot.press(*"Fusion")
        await settle(pilot, preview)
        assert field.text == "Fusion"
        assert preview.scroll_y > 0
        assert shown(preview, "Out of Scope")


async def test_focus_moving_to_a_field_scrolls_the_preview_to_its_section(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EpicScreen)
        preview = screen.query_one("#preview", MarkdownPreview)
        await settle(pilot, preview)
        assert not shown(preview, "Success Criteria")
        await pilot.press("tab", "tab")  # problem -> users -> success
        await settle(pilot, preview)
        assert app.focused is screen.query_one("#success", TextArea)
        assert shown(preview, "Success Criteria")
        await pilot.press("shift+tab", "shift+tab")  # back to the problem, at the top of the document
        await settle(pilot, preview)
        assert shown(preview, "Problem")
        await pilot.press("ctrl+right")  # Next: the spec, same rule
        await wait_for(pilot, SpecScreen, 40)
        spec = app.screen
        assert isinstance(spec, SpecScreen)
        preview = spec.query_one("#preview", MarkdownPreview)
        await settle(pilot, preview)
        spec.query_one("#technology", TextArea).focus()
        await settle(pilot, preview)
        assert shown(preview, "Technology Choices")


async def test_the_plan_and_issue_screens_follow_their_fields(tmp_path: Path) -> None:
    workspace = build_workspace(tmp_path / "repo", 30)  # 30 issues: the plan is far taller than the pane
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, PlanScreen, 60)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        preview = screen.query_one("#preview", MarkdownPreview)
        await settle(pilot, preview)
        assert app.focused is screen.query_one("#phases", TextArea)  # on arrival
        preview.scroll_end(animate=False)
        await pilot.pause()
        await pilot.press("end", "space")
        await settle(pilot, preview)
        assert shown(preview, "Phases") and preview.scroll_y < preview.max_scroll_y
        tags = screen.query_one("#scope_tags", Input)
        tags.focus()
        await settle(pilot, preview)
        assert preview.scroll_y == 0  # the branch and tags are in the list under the title
        await pilot.press("alt+b")  # back to the issue details
        await wait_for(pilot, IssuesScreen, 40)
        issues = app.screen
        assert isinstance(issues, IssuesScreen)
        preview = issues.query_one("#preview", MarkdownPreview)
        await settle(pilot, preview)
        issues.query_one("#notes", TextArea).focus()
        await pilot.press(*"Backfill first")
        await settle(pilot, preview)
        assert shown(preview, "Notes")
