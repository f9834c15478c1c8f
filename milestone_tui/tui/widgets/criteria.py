"""One issue's acceptance criteria as a list of items, and the same criteria as text (one per line).

``CriteriaList`` shows the items numbered and asks for edits with messages (``Add``, ``Change``, ``Delete``,
``Move``, ``AsText``): the screen applies them with the core's operations (``core.breakdown.criteria``), as
one undoable step each, and shows the list again. ``CriteriaText`` is the text mode: the ``#acceptance``
box where criteria are typed one per line (scripts type into it), and escape goes back to the list.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from milestone_tui.tui.widgets.lines import LinesArea

EDIT = Binding.Group("Edit")
EMPTY = "No criteria yet: a adds one, t types them one per line"


class CriteriaList(OptionList):
    """The criteria, numbered; ``a`` add, ``e``/enter edit, ``d`` delete, shift+↑/↓ move, ``t`` as text."""

    DEFAULT_CSS = """
    CriteriaList {
        height: auto;
        min-height: 3;
        max-height: 10;
        border: round $panel;
    }
    CriteriaList:focus {
        border: round $border;
    }
    """
    BINDINGS = [
        Binding("a", "ask('add')", "Add", group=EDIT),
        Binding("e,f2", "ask('change')", "Edit", group=EDIT, key_display="e"),  # enter edits too
        Binding("d,delete", "ask('delete')", "Del", group=EDIT, key_display="d"),
        Binding("shift+up", "move(-1)", "Move", key_display="⇧↑↓", group=EDIT),
        Binding("shift+down", "move(1)", "Move down", show=False),
        # not in the footer: the list's label says "t: as text", and the footer must fit 80 columns
        Binding("t", "ask('as_text')", "As text", show=False),
    ]

    class Request(Message):
        """The user asked for an edit of criterion ``index`` (0-based; None: the list is empty)."""

        def __init__(self, criteria: CriteriaList, index: int | None) -> None:
            super().__init__()
            self.criteria = criteria
            self.index = index

        @property
        def control(self) -> CriteriaList:
            return self.criteria

    class Add(Request):
        """Add a criterion after ``index`` (at the end of an empty list)."""

    class Change(Request):
        """Edit criterion ``index``."""

    class Delete(Request):
        """Delete criterion ``index``."""

    class AsText(Request):
        """Edit the criteria as text, one per line."""

    class Move(Request):
        """Move criterion ``index`` up (``delta`` < 0) or down."""

        def __init__(self, criteria: CriteriaList, index: int | None, delta: int) -> None:
            super().__init__(criteria, index)
            self.delta = delta

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # criteria are user text, never markup
        self.items: list[str] = []

    def show(self, items: list[str], highlight: int | None = None) -> None:
        """List ``items``; the highlight on ``highlight`` (clamped), or where it was."""
        keep = self.highlighted if highlight is None else highlight
        self.items = list(items)
        self.clear_options()
        if not items:
            self.add_option(Option(EMPTY, disabled=True))
            return
        width = len(str(len(items))) + 1
        self.add_options([Option(self.item(n, text, width)) for n, text in enumerate(items, 1)])
        self.highlighted = max(0, min(len(items) - 1, keep or 0))

    @staticmethod
    def item(number: int, text: str, width: int) -> Table:
        """``2. Rejects invalid JSON``, a long criterion wrapped under its text, not under its number."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=width, justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(f"{number}.", Text(text))  # Text: user text is never markup
        return grid

    @property
    def current(self) -> int | None:
        """The highlighted criterion's index, None when there are none."""
        return self.highlighted if self.items and self.highlighted is not None else None

    def action_ask(self, verb: str) -> None:
        kinds: dict[str, type[CriteriaList.Request]] = {"add": self.Add, "change": self.Change,
                                                         "delete": self.Delete, "as_text": self.AsText}
        self.post_message(kinds[verb](self, self.current))

    def action_move(self, delta: int) -> None:
        if self.current is not None:
            self.post_message(self.Move(self, self.current, delta))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Change(self, self.current))


class CriteriaText(LinesArea):
    """The criteria as text, one per line (``#acceptance``); escape shows them as a list again."""

    BINDINGS = [Binding("escape", "screen.criteria_as_list", "As list")]
