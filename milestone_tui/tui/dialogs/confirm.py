"""A yes/no confirmation dialog: ``Dialog[bool]``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from milestone_tui.tui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ask one question, with details below it; dismisses with True (yes) or False (no / escape)."""

    BINDINGS = [Binding("y", "dismiss(True)", "Yes", show=False)]

    def __init__(self, question: str, details: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__(question)
        self.details = details
        self.yes_label = yes
        self.no_label = no

    def compose_body(self) -> ComposeResult:
        if self.details:
            yield Static(self.details, classes="dialog-body", markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(self.yes_label, id="yes", variant="warning")
            yield Button(self.no_label, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def cancel_result(self) -> bool:
        return False

    def cancel_label(self) -> str:
        return self.no_label
