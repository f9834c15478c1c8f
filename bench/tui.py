"""The TUI side of the latency benchmarks: the real app opened on a generated milestone's plan phase, and the
bare Textual apps used as baselines.

The plan phase is where the preview is largest (the whole implementation plan: every issue, the phases and
the dependency graph), so it is where a slow preview would hurt most. Typing goes into the scope-tags input,
which changes one line of that plan.
"""

from __future__ import annotations

import string
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Footer, Header, Input, Markdown

from bench.common import MILESTONE, SIZE, temp_workspace
from bench.frames import FrameClock, settle
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.widgets.preview import MarkdownPreview

LETTERS = string.ascii_lowercase


def key_char(index: int) -> str:
    return LETTERS[(index * 7) % len(LETTERS)]


@dataclass
class Running:
    """A running app under test: the pilot, the frame clock, the focused input (and the preview, if any)."""

    app: App[Any]
    pilot: Pilot[Any]
    clock: FrameClock
    input: Input
    preview: MarkdownPreview | None = None


@asynccontextmanager
async def plan_app(count: int) -> AsyncIterator[Running]:
    """MilestoneApp on a ``count``-issue milestone, on the plan phase, scope-tags input focused, cursor at the
    end, preview settled."""
    with temp_workspace(count) as workspace:
        app = MilestoneApp(workspace, MILESTONE, mode="refine")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PlanScreen), f"expected the plan screen, got {app.screen!r}"
            field = app.screen.query_one("#scope_tags", Input)
            preview = app.screen.query_one("#preview", MarkdownPreview)
            field.focus()
            await pilot.pause()
            field.action_end()
            await settle(0.2)
            yield Running(app, pilot, FrameClock(app), field, preview)


class BareInputApp(App[None]):
    """Baseline for typing: a bare Textual app with one focused Input."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input("detection, ingest", id="scope_tags")
        yield Footer()


@asynccontextmanager
async def bare_input_app() -> AsyncIterator[Running]:
    app = BareInputApp()
    async with app.run_test(size=SIZE) as pilot:
        field = app.query_one("#scope_tags", Input)
        field.focus()
        await pilot.pause()
        field.action_end()
        await settle(0.2)
        yield Running(app, pilot, FrameClock(app), field)


class StockMarkdownApp(App[None]):
    """Baseline for the preview: Textual's stock Markdown widget, as wide as the app's preview pane."""

    def __init__(self, text: str, width: int) -> None:
        super().__init__()
        self.text = text
        self.width = width

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scroll") as scroll:
            scroll.styles.width = self.width
            yield Markdown(self.text, id="md")
