"""Code blocks in the preview (an issue spec's YAML frontmatter) follow the app's theme: a dark Pygments style
on the dark theme, a light one on the light theme, re-rendered when the theme is switched."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.widgets.preview import (
    DARK_CODE_THEME,
    LIGHT_CODE_THEME,
    BlockMarkdown,
    MarkdownPreview,
    PreviewBlock,
)
from tests.support.pilot import settled

DEMO = Path(__file__).resolve().parents[2] / "milestone_tui" / "data" / "demo"
SPEC = "---\nid: m5-01\nslug: ingest-endpoint\nlabels: [ingest]\n---\n\n# Ingest endpoint\n\nBody text.\n"


class PreviewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkdownPreview(id="preview")



def code_block(preview: MarkdownPreview) -> BlockMarkdown:
    blocks = [w.block for w in preview.query_children(PreviewBlock) if w.block_source.startswith("```yaml")]
    assert len(blocks) == 1
    return blocks[0]


def brightness(block: BlockMarkdown, app: App[None]) -> float:
    """The mean brightness (0-1) of the code block's background, as Rich renders it."""
    segments: list[Segment] = list(app.console.render(block, app.console.options.update_width(60)))
    colours = [s.style.bgcolor.get_truecolor() for s in segments if s.style and s.style.bgcolor]
    assert colours, "the code block has no background of its own"
    return sum(sum(c) / 765 for c in colours) / len(colours)


async def test_code_block_style_follows_the_theme() -> None:
    app = PreviewApp()
    async with app.run_test(size=(80, 30)) as pilot:
        app.theme = "textual-dark"
        preview = app.query_one("#preview", MarkdownPreview)
        preview.update(SPEC)
        await settled(pilot, preview)
        dark = code_block(preview)
        assert dark.code_theme == DARK_CODE_THEME
        blocks = preview.query_children(PreviewBlock)
        heading = next(w for w in blocks if w.block_source.startswith("# Ingest"))

        app.theme = "textual-light"
        await pilot.pause()
        await settled(pilot, preview)
        light = code_block(preview)
        assert light.code_theme == LIGHT_CODE_THEME != DARK_CODE_THEME
        assert brightness(dark, app) < 0.3 < 0.8 < brightness(light, app)
        assert heading in preview.query_children(PreviewBlock)  # restyled in place, not remounted
        assert heading.block.code_theme == LIGHT_CODE_THEME

        app.theme = "textual-dark"  # and back
        await pilot.pause()
        await settled(pilot, preview)
        assert code_block(preview).code_theme == DARK_CODE_THEME


async def test_issue_details_preview_restyles_on_ctrl_t(tmp_path: Path) -> None:
    shutil.copytree(DEMO, tmp_path / "repo")
    workspace = Workspace(tmp_path / "repo")
    flow = MilestoneFlow.open(workspace, "m5")
    flow.propose()
    flow.close()
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        app.goto_phase(Phase.ISSUES)
        await pilot.pause()
        assert isinstance(app.screen, IssuesScreen)
        preview = app.screen.query_one("#preview", MarkdownPreview)
        await settled(pilot, preview)
        assert app.current_theme.dark and code_block(preview).code_theme == DARK_CODE_THEME
        await pilot.press("ctrl+t")
        await pilot.pause()
        await settled(pilot, preview)
        assert not app.current_theme.dark
        assert code_block(preview).code_theme == LIGHT_CODE_THEME
