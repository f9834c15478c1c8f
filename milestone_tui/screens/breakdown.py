"""Phase 3, the issue breakdown: the proposed issues in a table, edited with the core's operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label

from milestone_tui import proposal
from milestone_tui.dialogs.split import SplitDialog
from milestone_tui.dialogs.text_prompt import TextPrompt
from milestone_tui.model import Issue, Phase
from milestone_tui.screens.phase import PhaseScreen
from milestone_tui.widgets.phase_bar import PhaseBar

if TYPE_CHECKING:
    from milestone_tui.service import MilestoneFlow

COLUMNS = ("#", "Title", "Slug", "Phase", "Depends on")


class BreakdownScreen(PhaseScreen):
    """Add, delete, rename, move, split, merge and undo; numbering, slugs and dependencies stay consistent
    because every edit is a ``proposal`` operation, saved through ``flow.set_issues``."""

    PHASE = Phase.BREAKDOWN
    NEXT_LABEL = "Confirm ›"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("d,delete", "delete", "Delete"),
        Binding("e,f2", "rename", "Rename"),  # enter on a row renames too (the table's own select key)
        Binding("shift+up", "move(-1)", "Up", show=False),
        Binding("shift+down", "move(1)", "Down", show=False),
        Binding("s", "split", "Split"),
        Binding("m", "merge", "Merge"),
        Binding("u,ctrl+z", "undo", "Undo"),
    ]

    def __init__(self, flow: MilestoneFlow) -> None:
        super().__init__(flow)
        self.undo_stack: list[list[Issue]] = []

    def compose_form(self) -> ComposeResult:
        source = "roadmap" if self.session.quick else "specification"
        yield Label(f"Based on the {source}, I propose these issues:", classes="intro")
        yield DataTable(id="breakdown", cursor_type="row", zebra_stripes=True)
        yield Label("a add · d delete · enter/e rename · shift+↑↓ move · s split · m merge · u undo",
                    classes="hint")

    def on_mount(self) -> None:
        if not self.session.issues:
            self.flow.propose()
        table = self.query_one("#breakdown", DataTable)
        table.add_columns(*COLUMNS)
        self.fill()
        table.focus()

    # -- table -------------------------------------------------------------------------------------------
    def fill(self, cursor: int | None = None) -> None:
        """Rebuild the rows from the session; put the cursor on issue ``cursor`` (or keep its row)."""
        table = self.query_one("#breakdown", DataTable)
        row = table.cursor_row if cursor is None else cursor - 1
        table.clear()
        for issue in self.session.issues:
            deps = ", ".join(f"#{n}" for n in issue.depends_on) or "—"
            phase = str(issue.phase) if issue.phase else "—"
            table.add_row(str(issue.number), issue.title, issue.slug, phase, deps, key=str(issue.number))
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    @property
    def current(self) -> Issue | None:
        table = self.query_one("#breakdown", DataTable)
        if not self.session.issues or table.row_count == 0:
            return None
        return self.session.issues[min(table.cursor_row, len(self.session.issues) - 1)]

    def edit(self, operation: Callable[[list[Issue]], list[Issue]], cursor: int | None = None) -> None:
        """Apply one core edit, remember the previous list for undo, save, refresh table and preview."""
        before = [issue.model_copy(deep=True) for issue in self.session.issues]
        try:
            issues = operation(self.session.issues)
        except (ValueError, KeyError) as exc:
            self.notify(str(exc), severity="warning")
            return
        self.undo_stack.append(before)
        self.flow.set_issues(issues)
        self.fill(cursor)
        self.query_one(PhaseBar).refresh_phases()
        self.refresh_preview()

    # -- actions -------------------------------------------------------------------------------------------
    def action_add(self) -> None:
        after = self.current.number if self.current else None

        def added(title: str | None) -> None:
            if title:
                self.edit(lambda issues: proposal.add_issue(issues, title, after=after),
                          cursor=(after or len(self.session.issues)) + 1)

        self.app.push_screen(TextPrompt("New issue title (added after the selected one):"), added)

    def action_delete(self) -> None:
        if (issue := self.current) is not None:
            self.edit(lambda issues: proposal.remove_issue(issues, issue.number))
            self.notify(f"Deleted #{issue.number} {issue.title} (u to undo)")

    def action_rename(self) -> None:
        if (issue := self.current) is None:
            return

        def renamed(title: str | None) -> None:
            if title and title != issue.title:
                number = issue.number
                self.edit(lambda issues: proposal.rename_issue(issues, number, title), cursor=number)

        self.app.push_screen(TextPrompt(f"Rename #{issue.number}:", issue.title), renamed)

    @on(DataTable.RowSelected, "#breakdown")
    def _row_selected(self) -> None:
        self.action_rename()

    def action_move(self, delta: int) -> None:
        if (issue := self.current) is not None:
            target = max(1, min(len(self.session.issues), issue.number + delta))
            self.edit(lambda issues: proposal.move_issue(issues, issue.number, delta), cursor=target)

    def action_split(self) -> None:
        if (issue := self.current) is None:
            return
        first, second = proposal.suggest_split(issue.title)

        def split(titles: tuple[str, str] | None) -> None:
            if titles:
                number = issue.number
                self.edit(lambda issues: proposal.split_issue(issues, number, *titles), cursor=number)

        self.app.push_screen(SplitDialog(issue.title, first, second), split)

    def action_merge(self) -> None:
        issue = self.current
        if issue is None or issue.number >= len(self.session.issues):
            self.notify("Select an issue that has one after it to merge with", severity="warning")
            return
        number = issue.number
        self.edit(lambda issues: proposal.merge_issues(issues, number, number + 1), cursor=number)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo")
            return
        self.flow.set_issues(self.undo_stack.pop())
        self.fill()
        self.refresh_preview()

    def can_complete(self) -> bool:
        if not self.session.issues:
            self.notify("The breakdown needs at least one issue", severity="warning")
            return False
        return True
