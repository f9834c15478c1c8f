"""A one-line text prompt: ``ModalScreen[str | None]`` (None when cancelled or left empty)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from milestone_tui.tui.safe_text import plain_text


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (a new issue title, a rename); enter accepts, escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain_text(self.question), classes="dialog-title")
            yield Input(self.value, id="prompt-input")
            yield Label("enter: accept   escape: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
