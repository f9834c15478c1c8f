"""A multi-line text box that takes every newline key a terminal can send.

A plain ``TextArea`` inserts a newline only for Enter. The epic and spec answers teach ``ctrl+j`` (and
``shift+enter``, where the terminal tells it apart) as "newline", so a planner who presses them in the
criteria or notes box must get one there too, not nothing.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class LinesArea(TextArea):
    """Enter, ctrl+j and shift+enter all insert a newline."""

    BINDINGS = [Binding("ctrl+j,shift+enter", "newline", "Newline", show=False)]

    def action_newline(self) -> None:
        self.insert("\n")
