"""An issue edited on GitHub and in its spec since the last sync: keep GitHub's, keep ours, or open both in
$EDITOR, with the diff on ``d`` (``Dialog[str | None]``: ``theirs`` / ``ours`` / ``editor``; escape decides
later, and nothing is sent).

The answer goes into ``SyncOptions.edit_choices`` by GitHub number: ``theirs`` takes GitHub's title,
acceptance criteria and notes into the spec (nothing is sent for that issue), ``ours`` overwrites GitHub's
body with the spec's. ``editor`` is the GitHub screen's to carry out: one merge of both spec texts, written
to the spec, and then ``ours`` (the merge is what is sent).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from milestone_tui.tui.dialogs.base import Dialog
from milestone_tui.tui.dialogs.conflict import diff_text

if TYPE_CHECKING:  # the GitHub layer loads with the sync, before this dialog is ever shown
    from milestone_tui.github.edits import EditConflict


BUTTONS = {"keep-theirs": "theirs", "keep-ours": "ours", "edit-both": "editor"}  # button id -> the answer


def body_diff(conflict: EditConflict) -> str:
    """GitHub's body (-) against the one the sync would send (+), as a unified diff."""
    lines = difflib.unified_diff(conflict.theirs.splitlines(), conflict.ours.splitlines(),
                                 f"GitHub #{conflict.github}", f"spec {conflict.key}", lineterm="")
    return "\n".join(lines)


class EditConflictDialog(Dialog[str | None]):
    """Both sides changed one issue: nothing is sent for any issue until the planner chooses."""

    DEFAULT_CSS = """
    EditConflictDialog #edit-diff { height: auto; border: round $primary 40%; }
    """
    BOX_CLASSES: ClassVar[str] = "dialog conflict"
    BINDINGS = [Binding("t", "choose('theirs')", "Keep GitHub's", show=False),
                Binding("o", "choose('ours')", "Keep ours", show=False),
                Binding("e", "choose('editor')", "Open both in $EDITOR", show=False),
                Binding("d", "toggle_diff", "Show the diff", show=False)]

    def __init__(self, conflict: EditConflict, position: str = "") -> None:
        super().__init__(f"Edited on GitHub, and here too{position}")
        self.conflict = conflict

    def compose_body(self) -> ComposeResult:
        c = self.conflict
        yield Static(f"Issue #{c.github} ({c.key}: {c.title}) was edited on GitHub since the last sync, and "
                     "its spec changed too. Keep GitHub's text (it goes into the spec), ours (it "
                     "overwrites GitHub's), or merge both in $EDITOR? Escape decides later: nothing is sent.",
                     classes="dialog-body", markup=False)
        with VerticalScroll(id="edit-diff"):
            yield Static(diff_text(body_diff(c)), id="edit-diff-text")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Keep GitHub's (t)", id="keep-theirs", variant="primary")
            yield Button("Keep ours (o)", id="keep-ours")
            yield Button("Show diff (d)", id="show-diff")
            yield Button("Edit both (e)", id="edit-both", tooltip="Open both versions in $EDITOR")

    def on_mount(self) -> None:
        self.query_one(".dialog").styles.width = 110  # the diff's lines
        self.query_one("#edit-diff").display = False  # asked for with d: the choice is the question
        self._fit()
        self.query_one("#keep-theirs", Button).focus()

    def cancel_label(self) -> str:
        return "decide later (nothing is sent)"

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The diff takes the height the rest leaves (it scrolls), so the buttons show at 80x24 too."""
        self.query_one("#edit-diff").styles.max_height = max(4, self.app.size.height - 17)

    def action_toggle_diff(self) -> None:
        diff = self.query_one("#edit-diff")
        diff.display = not diff.display
        self.query_one("#show-diff", Button).label = "Hide diff (d)" if diff.display else "Show diff (d)"

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "show-diff":
            self.action_toggle_diff()
        elif event.button.id in BUTTONS:
            self.dismiss(BUTTONS[event.button.id])

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
