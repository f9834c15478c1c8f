"""The bare Textual baseline for start-up and memory: the dashboard's widgets and nothing of the app.

Only Textual is imported here (not the core, not ``bench.common``), so a process that runs it pays for Textual
alone.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Input

COLUMNS = ("ID", "Title", "Depends on", "Progress", "Artifacts", "GitHub", "Last edited")


class BareDashboardApp(App[None]):
    """Header, filter Input, DataTable, Footer, the table filled with rows of the dashboard's shape (the demo
    roadmap has seven milestones)."""

    def __init__(self, rows: int = 7) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type to filter milestones…", id="filter")
        yield DataTable(id="milestones", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for n in range(1, self.rows + 1):
            table.add_row(f"M{n}", f"Milestone number {n}", f"M{n - 1}", "0/7", "—", "—", "—")
        table.focus()
