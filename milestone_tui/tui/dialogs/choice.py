"""A dialog offering a few named choices (the seed's ``yes | no | customize``): ``Dialog[str]``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from milestone_tui.tui.dialogs.base import Dialog


class ChoiceDialog(Dialog[str]):
    """A title, some lines, and one button per choice; dismisses with the chosen word (escape: the last)."""

    def __init__(self, title: str, lines: list[str], choices: list[str]) -> None:
        super().__init__(title)
        self.lines = lines
        self.choices = choices

    def compose_body(self) -> ComposeResult:
        yield Static("\n".join(self.lines), classes="dialog-body", markup=False)
        with Horizontal(classes="dialog-buttons"):
            for index, choice in enumerate(self.choices):
                yield Button(choice, id=f"choice-{choice}", variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.choices[0]}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.label))

    def cancel_result(self) -> str:
        return self.choices[-1]

    def cancel_label(self) -> str:
        return self.choices[-1]
