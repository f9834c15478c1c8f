"""A dialog offering a few named choices (the seed's ``yes | no | customize``): ``ModalScreen[str]``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from milestone_tui.tui.safe_text import plain_text


class ChoiceDialog(ModalScreen[str]):
    """A title, some lines, and one button per choice; dismisses with the chosen word (escape: the last)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, lines: list[str], choices: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain_text(self.title_text), classes="dialog-title")
            yield Static("\n".join(self.lines), classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, choice in enumerate(self.choices):
                    variant = "primary" if index == 0 else "default"
                    yield Button(choice, id=f"choice-{choice}", variant=variant)

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.choices[0]}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.label))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1])
