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
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Log, Static

from milestone_tui.tui.safe_text import strip_escapes

Row = tuple[str, list[int]]  # a streamed issue: title, depends_on

TITLE_WIDTH = 48


def depends_text(deps: list[int]) -> str:
    """A Depends on cell: ``#1, #3``, or ``—`` for none (the table's and the streamed lines')."""
    return ", ".join(f"#{d}" for d in deps) or "—"


def line(number: str, title: str, deps: str) -> str:
    """One row, aligned like the table's #, Title and Depends on columns."""
    title = strip_escapes(title)  # a Log line is text, never markup; terminal escapes go
    return f" {number:>2}  {title}{' ' * max(1, TITLE_WIDTH - cell_len(title))}{deps}"


class AppendLog(Log):
    """A ``Log`` whose growing length repaints it, not the whole screen.

    ``Widget.virtual_size`` asks for a layout of the screen whenever it changes, and a ``Log`` changes it with
    every line: each streamed row cost a layout of the breakdown (preview included, 5-6 ms, then a frame for
    the scrollbar), and a key typed on one waited for both (the streaming typing tail, docs/performance.md).
    Here the length only repaints the log; the scrollbar follows its own reactive (one small refresh), and a
    layout is asked for only when the scrollbar appears or goes, which changes the lines' width.
    """

    DEFAULT_CSS = "AppendLog { overflow-y: scroll; }"  # as a Log's: the bar is there from the first line

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        region, styles = self.scrollable_content_region, self.styles
        vertical = _shown(styles.overflow_y, new.height, region.height)
        horizontal = _shown(styles.overflow_x, new.width, region.width)
        if (vertical, horizontal) != (self.show_vertical_scrollbar, self.show_horizontal_scrollbar):
            self.refresh(layout=True)  # a scrollbar shows or goes: the lines' room changes
            return
        if vertical:
            self.vertical_scrollbar.window_virtual_size = new.height
        if horizontal:
            self.horizontal_scrollbar.window_virtual_size = new.width


def _shown(overflow: str, length: int, room: int) -> bool:
    """Whether a scrollbar shows for ``overflow`` (as ``Widget`` decides it, without the other bar)."""
    return overflow == "scroll" or (overflow == "auto" and length > room)


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
        yield AppendLog(auto_scroll=True, highlight=False)

    def begin(self) -> None:
        """Empty: the first streamed row replaces the list shown before."""
        self.query_one(Log).clear()
        self.titles = []

    def add(self, rows: list[Row], start: int) -> None:
        """Append the rows numbered from ``start + 1`` (only the new ones: nothing above is redrawn)."""
        lines = []
        for n, (title, deps) in enumerate(rows, start + 1):
            self.titles.append(title)
            lines.append(line(str(n), title, depends_text(deps)))
        self.query_one(Log).write_lines(lines)

    @property
    def lines(self) -> Widget:
        """The scrolling part, which takes the focus the table had."""
        return self.query_one(Log)
