"""The rows of a model's breakdown as its reply streams: one line each, appended, never re-laid out.

While a reply streams, the breakdown shows this in the table's place. A row added to a ``DataTable``
re-renders every visible row (3.5 ms for the first, 18 ms once the table is full), and a key typed
elsewhere on the screen waits for that frame; a line appended to a ``Log`` renders only itself. When the
draft is whole (or cancelled, or failed) the table comes back, filled once from the session.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Log, Static

from milestone_tui.tui.safe_text import strip_escapes

Row = tuple[str, list[int]]  # a streamed issue: title, depends_on

TITLE_WIDTH = 48


def line(number: str, title: str, deps: str) -> str:
    """One row, aligned like the table's #, Title and Depends on columns."""
    title = strip_escapes(title)  # a Log line is text, never markup; terminal escapes go
    return f" {number:>2}  {title}{' ' * max(1, TITLE_WIDTH - cell_len(title))}{deps}"


class StreamedRows(Vertical):
    """A read-only list of streamed issues under a fixed heading (the lines scroll, the heading stays)."""

    DEFAULT_CSS = """
    StreamedRows {
        height: 1fr;
        min-height: 5;
    }
    StreamedRows > .heading {
        height: 1;
        text-style: bold;
        background: $panel;
    }
    StreamedRows > Log {
        height: 1fr;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own keyword
        super().__init__(id=id)
        self.titles: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(line("#", "Title", "Depends on"), classes="heading", markup=False)
        yield Log(auto_scroll=True, highlight=False)

    def begin(self) -> None:
        """Empty: the first streamed row replaces the list shown before."""
        self.query_one(Log).clear()
        self.titles = []

    def add(self, rows: list[Row], start: int) -> None:
        """Append the rows numbered from ``start + 1`` (only the new ones: nothing above is redrawn)."""
        lines = []
        for n, (title, deps) in enumerate(rows, start + 1):
            self.titles.append(title)
            lines.append(line(str(n), title, ", ".join(f"#{d}" for d in deps) or "—"))
        self.query_one(Log).write_lines(lines)

    @property
    def lines(self) -> Widget:
        """The scrolling part, which takes the focus the table had."""
        return self.query_one(Log)
