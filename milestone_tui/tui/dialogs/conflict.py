"""Both sides changed: the diff between the hand-edited file and what the app would write, and the three
ways out (``Dialog[str | None]``: ``mine``, ``file``, ``editor``; escape decides later and keeps both)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from milestone_tui.core.conflicts import Conflict
from milestone_tui.tui.dialogs.base import Dialog


def diff_text(diff: str) -> Text:
    """The unified diff, coloured by line; its text is the user's, never markup."""
    text = Text()
    for line in diff.splitlines():
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else \
            "cyan" if line.startswith("@@") else ""
        text.append(line + "\n", style=style)
    return text


class ConflictDialog(Dialog[str | None]):
    """One artifact changed on both sides: nothing is written or read back until the planner chooses."""

    DEFAULT_CSS = """
    ConflictDialog #conflict-diff { height: auto; border: round $primary 40%; }
    """
    BOX_CLASSES: ClassVar[str] = "dialog conflict"
    BINDINGS = [Binding("m", "choose('mine')", "Keep mine", show=False),
                Binding("f", "choose('file')", "Keep the file", show=False),
                Binding("e", "choose('editor')", "Open in $EDITOR", show=False)]

    def __init__(self, conflict: Conflict, shown: str) -> None:
        super().__init__("Edited by hand, and changed here too")
        self.conflict = conflict
        self.shown = shown

    def compose_body(self) -> ComposeResult:
        yield Static(f"{self.shown}\nThe file (-) against what the app would write (+); escape keeps both.",
                     classes="dialog-body", markup=False)
        with VerticalScroll(id="conflict-diff"):
            yield Static(diff_text(self.conflict.diff), id="conflict-diff-text")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Keep mine (m)", id="keep-mine", variant="primary")
            yield Button("Keep the file (f)", id="keep-file")
            yield Button("Open in $EDITOR (e)", id="open-editor")

    def on_mount(self) -> None:
        # wider than the other dialogs, for the diff's lines (the app's stylesheet outranks DEFAULT_CSS)
        self.query_one(".dialog").styles.width = 110
        self._fit()
        self.query_one("#keep-mine", Button).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The diff takes the height the rest leaves (it scrolls), so the buttons show at 80x24 too."""
        self.query_one("#conflict-diff").styles.max_height = max(4, self.app.size.height - 17)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choices = {"keep-mine": "mine", "keep-file": "file", "open-editor": "editor"}
        choice = choices.get(event.button.id or "")
        if choice is not None:
            self.dismiss(choice)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
