"""The base of every dialog: a typed ``ModalScreen[T]`` in a framed box, with a title, where escape cancels.

A dialog says what it returns (``Dialog[bool]``, ``Dialog[str | None]`` ...), composes its body in
``compose_body`` and answers with ``dismiss(value)``; escape dismisses with ``cancel_result()``. Callers
either pass a callback to ``push_screen`` or, in a worker, ``await push_screen_wait(dialog)``. Titles are
user text (milestone titles, issue titles): they are shown as they are (``plain_text``), never as markup.

A row of buttons (``.dialog-buttons``) answers the arrow keys (left/right move between the buttons) and a
hint under it names what Enter will do, so the focused button is never a guess.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import DescendantFocus
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens import SCREENS_CSS

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A framed box (class ``dialog`` in screens.tcss) with a title; escape answers the cancel result."""

    CSS_PATH = SCREENS_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        # Not priority: an Input in the dialog keeps its own left/right (the cursor).
        Binding("left", "move_button(-1)", "Previous button", show=False),
        Binding("right", "move_button(1)", "Next button", show=False),
    ]
    BOX_CLASSES: ClassVar[str] = "dialog"

    def __init__(self, title: str = "") -> None:
        super().__init__()
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.BOX_CLASSES):
            if self.dialog_title:
                yield Label(plain_text(self.dialog_title), classes="dialog-title")
            yield from self.compose_body()
            yield Label("", id="dialog-keys", classes="dialog-hint")

    def compose_body(self) -> ComposeResult:
        """The dialog's content under its title; subclasses override."""
        yield from ()

    def cancel_result(self) -> ResultT:
        """What escape answers (None for the dialogs whose result may be None)."""
        return None  # type: ignore[return-value]

    def cancel_label(self) -> str:
        """What escape does, in words, for the button hint."""
        return "cancel"

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_result())

    def buttons(self) -> list[Button]:
        return list(self.query(".dialog-buttons Button").results(Button))

    def action_move_button(self, step: int) -> None:
        """Left/right on a button: the previous or next button of the row (wrapping around)."""
        buttons = self.buttons()
        if self.focused in buttons:
            buttons[(buttons.index(self.focused) + step) % len(buttons)].focus()

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        """Name what Enter does now: the focused button's label (nothing while an input has the focus)."""
        widget = event.widget
        for hint in self.query("#dialog-keys").results(Label):  # none in a dialog with its own compose
            if isinstance(widget, Button) and widget in self.buttons():
                others = " · ←/→ another choice" if len(self.buttons()) > 1 else ""
                hint.update(f"enter: {widget.label}{others} · escape: {self.cancel_label()}")
                hint.display = True
            else:
                hint.display = False
