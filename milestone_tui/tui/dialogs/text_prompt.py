"""A one-line text prompt: ``Dialog[str | None]`` (None when cancelled or left empty)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label

from milestone_tui.tui.dialogs.base import Dialog


class TextPrompt(Dialog[str | None]):
    """Ask for one line of text (a new issue title, a rename); enter accepts, escape cancels."""

    def __init__(self, question: str, value: str = "", select: bool = True) -> None:
        super().__init__(question)
        self.value = value
        self.select = select  # False: the cursor at the end of the value, to edit it rather than replace it

    def compose_body(self) -> ComposeResult:
        yield Input(self.value, id="prompt-input", select_on_focus=self.select)
        yield Label("enter: accept   escape: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
