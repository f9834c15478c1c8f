"""Waiting in pilot tests: for a screen to be shown, for the preview to have rendered its newest text.

Bounded waits (a test fails with the reason instead of hanging), shared so each test file does not carry its
own copy of the same loop.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from milestone_tui.tui.widgets.preview import MarkdownPreview


async def wait_for(pilot: Pilot[Any], kind: type, tries: int = 80) -> None:
    """Until the app shows a screen of ``kind`` (about 50 ms a try)."""
    for _ in range(tries):
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, kind):
            return
    raise AssertionError(f"never reached {kind.__name__}: {type(pilot.app.screen).__name__}")


async def settled(pilot: Pilot[Any], preview: MarkdownPreview, tries: int = 300) -> None:
    """Until the preview has no render waiting or running (about 10 ms a try)."""
    for _ in range(tries):
        await pilot.pause(0.01)
        if not preview.pending:
            return
    raise AssertionError("preview never settled")
