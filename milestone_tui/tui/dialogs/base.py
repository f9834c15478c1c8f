"""The base of every dialog: a typed ``ModalScreen[T]`` in a framed box, with a title, where escape cancels.

A dialog says what it returns (``Dialog[bool]``, ``Dialog[str | None]`` ...), composes its body in
``compose_body`` and answers with ``dismiss(value)``; escape dismisses with ``cancel_result()``. Callers
either pass a callback to ``push_screen`` or, in a worker, ``await push_screen_wait(dialog)``. Titles are
user text (milestone titles, issue titles): they are shown as they are (``plain_text``), never as markup.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from milestone_tui.tui.safe_text import plain_text

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A framed box (class ``dialog`` in styles.tcss) with a title; escape answers the cancel result."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    BOX_CLASSES: ClassVar[str] = "dialog"

    def __init__(self, title: str = "") -> None:
        super().__init__()
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.BOX_CLASSES):
            if self.dialog_title:
                yield Label(plain_text(self.dialog_title), classes="dialog-title")
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        """The dialog's content under its title; subclasses override."""
        yield from ()

    def cancel_result(self) -> ResultT:
        """What escape answers (None for the dialogs whose result may be None)."""
        return None  # type: ignore[return-value]

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_result())
