"""The dashboard: every roadmap milestone joined with its folder on disk, and the actions to open one.

The rows are in the first frame: the core's reader (``core.dashboard``) is cheap to import and fast to run.
After that frame, a thread worker (group ``"warm-up"``) imports what opening a milestone needs, so the first
enter does not wait for it, and a worker of its own group (``"github-status"``) fills the GitHub column of
the synced milestones: first what each session knows (its last read), then GitHub's answer, one listing per
milestone (``github.refresh``); without a token or a network the column quietly keeps what it has. Every
action posts ``OpenMilestone``; the app opens.
"""

from __future__ import annotations

import asyncio
import importlib
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from milestone_tui.core.dashboard import Dashboard, DashboardRow, read_dashboard
from milestone_tui.core.layout import Layout
from milestone_tui.tui import screens
from milestone_tui.tui.dashboard_view import detail_lines, row_cells, table_rows
from milestone_tui.tui.heap import release_heap
from milestone_tui.tui.messages import OpenMilestone, OpenRequest
from milestone_tui.tui.safe_text import escape_markup, plain_text

if TYPE_CHECKING:  # loaded by the worker, after the first frame (githubkit, pydantic)
    from milestone_tui.github.refresh import ColumnStatus


def read_rows(layout: Layout) -> Dashboard:
    """The dashboard, or an empty one naming why the workspace could not be read."""
    try:
        return read_dashboard(layout)
    except OSError as exc:
        return Dashboard([], f"cannot read the workspace: {exc}")


def _stamp(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "earlier"


def _newer(when: datetime | None, than: datetime | None) -> bool:
    return when is not None and (than is None or when > than)


class DashboardScreen(Screen[None]):
    """The table of milestones, a filter, and the start / quick / resume / overwrite / view actions."""

    # Every printable key filters (type "ingest" and the first "n" must not start a milestone), so the
    # actions sit on enter and control/function keys; arrows and enter stay the table's own.
    BINDINGS = [
        Binding("enter", "resume", "Open"),
        Binding("ctrl+n", "start", "Start"),
        Binding("ctrl+g", "quick", "Quick"),
        Binding("ctrl+o", "overwrite", "Overwrite"),
        Binding("f3", "view", "View"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    # ``github.client.SyncOptions`` for reading the GitHub column back; None: a short look (tests: faster)
    GITHUB_OPTIONS: ClassVar[Any] = None

    def __init__(self, layout: Layout) -> None:
        super().__init__()
        self.workspace_layout = layout
        self.rows: list[DashboardRow] = []
        self.loaded = False  # the rows have been read
        self.stale = False  # another screen was shown over this one: the folders may have changed since
        # why the last milestone could not be opened; kept here too, as it may be reported before compose
        self.open_error = ""
        self._filled_width = 0
        # milestone id -> its progress on GitHub as last shown (kept over reloads: a reload reads files only)
        self.github_status: dict[str, ColumnStatus] = {}
        self.wanted: str | None = None  # the row to highlight at the next fill (the milestone just closed)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="roadmap-error")
        yield Static("", id="open-error")
        yield Input(placeholder="Type to filter milestones…", id="filter", select_on_focus=False)
        yield DataTable(id="milestones", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")  # the highlighted milestone: where it stopped, artifacts, GitHub
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Dashboard"
        self.show_error(self.open_error)  # an error reported before this screen was composed shows now
        table = self.query_one("#milestones", DataTable)
        table.focus()
        self.reload()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.run_worker(screens.warm_up, name="warm-up", group="warm-up", thread=True, exit_on_error=False)
        self.refresh_github()

    def refresh_github(self) -> None:
        """Read the GitHub column back in a worker (the last one, if still running, is cancelled)."""
        keys = [row.milestone_id for row in self.rows if row.synced and row.error is None]
        if keys:
            self.run_worker(self._read_github(keys), name="github-status", group="github-status",
                            exclusive=True, exit_on_error=False)

    async def _read_github(self, keys: list[str]) -> None:
        # the imports and the session files are work for a thread: typing in the filter never waits
        refresh = await asyncio.to_thread(importlib.import_module, "milestone_tui.github.refresh")
        sessions = await asyncio.to_thread(refresh.known, self.workspace_layout, keys)
        for session, status in sessions:
            shown = self.github_status.get(session.milestone_id)
            if status.line and (shown is None or _newer(status.read_at, shown.read_at)):
                self.show_github(session.milestone_id, status)  # e.g. a sync since the last look
        for session, _status in sessions:
            fresh = await refresh.refresh(self.workspace_layout, session, self.GITHUB_OPTIONS)
            if fresh is not None:
                self.show_github(session.milestone_id, fresh)

    def show_github(self, key: str, status: ColumnStatus) -> None:
        """One milestone's GitHub progress, in its row's column and the detail pane."""
        self.github_status[key] = status
        row = next((r for r in self.rows if r.milestone_id == key), None)
        if row is not None:
            self._apply_github(row)
            self.fill()

    def _apply_github(self, row: DashboardRow) -> None:
        status = self.github_status.get(row.milestone_id)
        if status is None or not status.line or not row.synced:
            return
        row.github = status.line
        when = "just now" if status.fresh else f"as last read {_stamp(status.read_at)}"
        row.github_progress = f"{status.line} ({when})"

    def reload(self) -> None:
        """Read the roadmap and folders again; a roadmap error is shown above the table."""
        dashboard = read_rows(self.workspace_layout)
        self.show_rows(dashboard.rows, dashboard.roadmap_error)

    def show_rows(self, rows: list[DashboardRow], message: str | None) -> None:
        for row in rows:
            self._apply_github(row)
        self.rows, self.loaded = rows, True
        error = self.query_one("#roadmap-error", Static)
        error.update(plain_text(f"⚠ {message}" if message else ""))  # user text: never markup
        error.display = bool(message)
        self.fill()

    def on_screen_suspend(self) -> None:
        self.stale = True

    def highlight(self, key: str) -> None:
        """Come back on milestone ``key`` (the one just closed): opened straight from the command line, the
        table's cursor was still on the first row."""
        self.wanted = key
        if self.loaded and not self.stale:
            self.fill()

    def on_screen_resume(self) -> None:
        # The first resume comes right after the mount, which has just read the rows: only a return from
        # another screen (a milestone, the viewer) reads them again.
        if self.stale:
            self.stale = False
            release_heap()  # back from a milestone: its screens are garbage, for the collector to find
            if self.loaded:
                self.reload()
                self.refresh_github()  # back from a milestone: it may have synced

    def show_error(self, message: str) -> None:
        """Why the last milestone could not be opened; before the screen is composed it is only kept (and
        shown by ``on_mount``), so reporting an error never depends on when the open was attempted."""
        self.open_error = message
        for line in self.query("#open-error").results(Static):  # none yet: not composed
            line.update(plain_text(f"✗ {message}" if message else ""))
            line.display = bool(message)

    def on_resize(self, event: Resize) -> None:
        if self.loaded and event.size.width != self._filled_width:
            self.fill()  # the columns fit the width: the title takes what the others leave

    def fill(self) -> None:
        if not self.loaded:
            return  # "Loading…" stays until the rows are read (the filter applies to them then)
        table = self.query_one("#milestones", DataTable)
        words = self.query_one("#filter", Input).value.lower().split()
        current = self.selected
        shown = [row for row in self.rows
                 if all(any(word in cell.lower() for cell in row_cells(row)) for word in words)]
        width = self.size.width or self.app.size.width
        self._filled_width = width
        # the rows the table can show: the screen less its header, filter, column labels, detail and footer
        room = (self.size.height or self.app.size.height) - 13
        columns, cells = table_rows(shown, width, room)
        table.clear(columns=True)
        for label, column_width in columns:
            table.add_column(label, width=column_width)
        for row, row_text in zip(shown, cells, strict=True):
            table.add_row(*map(escape_markup, row_text), key=row.milestone_id)  # titles are text, not markup
        target, self.wanted = self.wanted or (current.milestone_id if current else None), None
        if target is not None and target in {r.milestone_id for r in shown}:
            table.move_cursor(row=table.get_row_index(target))
        self.show_detail()

    def show_detail(self) -> None:
        """The detail pane of the highlighted row; with no row shown, why (the filter matches none)."""
        row = self.selected
        detail = self.query_one("#detail", Static)
        typed = self.query_one("#filter", Input).value
        if row is not None:
            detail.update(plain_text("\n".join(detail_lines(row))))
        else:
            detail.update(plain_text(f"No milestone matches “{typed}”: escape clears the filter"))
        detail.display = row is not None or bool(typed and self.rows)

    @on(DataTable.RowHighlighted, "#milestones")
    def _row_highlighted(self) -> None:
        self.show_detail()

    def visible_rows(self) -> list[DashboardRow]:
        table = self.query_one("#milestones", DataTable)
        keys = [key.value for key in table.rows]
        return [row for row in self.rows if row.milestone_id in keys]

    @property
    def selected(self) -> DashboardRow | None:
        table = self.query_one("#milestones", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.rows if row.milestone_id == key), None)

    # -- filter ------------------------------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#milestones", DataTable).focus()
        self.action_resume()  # type, enter: opens the highlighted match

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#milestones", DataTable).focus()

    def on_key(self, event: Key) -> None:
        """Type to filter while the table keeps the focus (so arrows and enter still drive the table)."""
        table = self.query_one("#milestones", DataTable)
        filter_input = self.query_one("#filter", Input)
        if self.focused is table:
            if event.character in ("j", "k") and not filter_input.value:
                # vi keys move while there is no filter to type into (a filter can still start with j/k
                # in the filter box itself)
                table.action_cursor_down() if event.character == "j" else table.action_cursor_up()
            elif event.key.startswith(("alt+", "ctrl+")):
                return  # alt+n (Next) once too often after Done came as alt with "n": never a filter letter
            elif event.character and event.is_printable and event.character != "?":
                filter_input.insert_text_at_cursor(event.character)
            elif event.key == "backspace" and filter_input.value:
                filter_input.value = filter_input.value[:-1]
            else:
                return
            event.stop()
            event.prevent_default()
        elif self.focused is filter_input and event.key in ("up", "down", "escape"):
            # the filter was clicked: arrows still move through the matches
            if event.key == "escape":
                self.action_clear_filter()
            else:
                table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
            event.stop()
            event.prevent_default()

    @on(DataTable.RowSelected, "#milestones")
    def _row_selected(self) -> None:
        self.action_resume()  # enter on the table: the table's own binding selects the row

    # -- actions -------------------------------------------------------------------------------------------
    def open_selected(self, **how: bool | str | None) -> None:
        if (row := self.selected) is not None:
            self.post_message(OpenMilestone(OpenRequest(row.milestone_id, **how)))  # type: ignore[arg-type]

    def action_resume(self) -> None:
        row = self.selected
        self.open_selected(mode="refine" if row is not None and row.report.exists else "new", resume=True)

    def action_start(self) -> None:
        self.open_selected()

    def action_quick(self) -> None:
        self.open_selected(quick=True)

    def action_overwrite(self) -> None:
        self.open_selected(confirm_overwrite=True)

    def action_view(self) -> None:
        row = self.selected
        if row is None or not row.report.has_artifacts:
            self.notify("No artifacts to view yet", severity="warning")
            return
        self.app.push_screen(screens.artifact_viewer()(self.workspace_layout.milestone_dir(row.milestone_id)))
