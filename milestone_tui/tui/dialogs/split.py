"""Split one issue into two: ``ModalScreen[tuple[str, str] | None]`` with both titles prefilled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from milestone_tui.tui.safe_text import plain_text


class SplitDialog(ModalScreen[tuple[str, str] | None]):
    """Two title inputs (from the core's ``suggest_split``); enter in the second, or Split, accepts."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, first: str, second: str) -> None:
        super().__init__()
        self.issue_title = title
        self.first = first
        self.second = second

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain_text(f"Split: {self.issue_title}"), classes="dialog-title")
            yield Input(self.first, id="split-first")
            yield Input(self.second, id="split-second")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Split", id="split-ok", variant="primary")
                yield Button("Cancel", id="split-cancel")

    @on(Input.Submitted, "#split-first")
    def _first_done(self) -> None:
        self.query_one("#split-second", Input).focus()

    @on(Input.Submitted, "#split-second")
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
