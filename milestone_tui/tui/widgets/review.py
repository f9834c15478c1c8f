"""The model's review lines on a screen: a list to accept (a, enter), ignore (i) or undo (u) each line.

The list only shows and asks; what accepting means is the screen's (``screens.reviewing.Reviewing``), which
goes through the flow. Each line is the model's text, so it is shown as plain text, never markup.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from milestone_tui.core.drafting import review
from milestone_tui.core.drafting.review import Place
from milestone_tui.core.model import ReviewLine
from milestone_tui.tui.safe_text import plain_text


class ReviewList(OptionList):
    """One option per review line: ``"fast ingestion" → "p99 under 100 ms"  (success metrics)``."""

    BINDINGS = [
        Binding("a", "screen.review('accept')", "Accept"),
        Binding("i,delete", "screen.review('ignore')", "Ignore", key_display="i"),
        Binding("u,ctrl+z", "screen.review('undo')", "Undo"),
    ]

    def show(self, offered: list[tuple[ReviewLine, list[Place]]]) -> None:
        """Replace the options, keeping the highlight on the same row where there still is one."""
        row = self.highlighted or 0
        self.clear_options()
        for line, places in offered:
            where = ", ".join(p.label for p in places) if places else "not found in the answers: ignore it " \
                "or reword by hand"
            suggestion = f' → "{line.suggestion}"' if line.suggestion else ""
            self.add_option(Option(plain_text(f'"{review.quoted(line)}"{suggestion}  ({where})')))
        if self.option_count:
            self.highlighted = min(row, self.option_count - 1)
