"""Split one issue into two: ``Dialog[tuple[str, str] | None]`` with both titles prefilled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label

from milestone_tui.tui.dialogs.base import Dialog


class SplitDialog(Dialog[tuple[str, str] | None]):
    """Two title inputs (from the core's ``suggest_split``, so usually right as they are): enter in either, or
    Split, accepts at once; tab goes to the other title."""

    def __init__(self, title: str, first: str, second: str) -> None:
        super().__init__(f"Split: {title}")
        self.first = first
        self.second = second

    def compose_body(self) -> ComposeResult:
        yield Input(self.first, id="split-first")
        yield Input(self.second, id="split-second")
        yield Label("enter: split · tab: the other title · escape: cancel", classes="dialog-hint")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Split", id="split-ok", variant="primary")
            yield Button("Cancel", id="split-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#split-ok")
    def _accept(self) -> None:
        first = self.query_one("#split-first", Input).value.strip()
        second = self.query_one("#split-second", Input).value.strip()
        if not first or not second:
            self.notify("Both titles are needed", severity="warning")
            return
        self.dismiss((first, second))

    @on(Button.Pressed, "#split-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
