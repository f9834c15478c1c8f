"""Phase 3, the issue breakdown: the proposed issues in a table, edited with the core's operations.

Titles are renamed in place: an edit row under the table (enter/e/F2) takes the selected title, enter
commits and escape cancels. Dependencies are edited in a small dialog (p) checked by the core. The table is
wide by nature, so up to very wide terminals the preview goes below it instead of beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import DataTable, Footer, Input, Label, Static

from milestone_tui.core.breakdown import edits
from milestone_tui.core.history import History, Step
from milestone_tui.core.model import Issue, ModelDraft
from milestone_tui.core.phases import Phase
from milestone_tui.tui.dialogs.depends_on import DependsOnDialog
from milestone_tui.tui.dialogs.split import SplitDialog
from milestone_tui.tui.dialogs.text_prompt import TextPrompt
from milestone_tui.tui.paint import request_paint
from milestone_tui.tui.safe_text import escape_markup, plain_text
from milestone_tui.tui.screens.drafting import ModelDrafting
from milestone_tui.tui.widgets.streamed import StreamedRows, depends_text

if TYPE_CHECKING:
    from milestone_tui.core.flow import MilestoneFlow

EDIT = Binding.Group("Edit")
Snapshot = tuple[list[Issue], ModelDraft | None]
# Derived facts last: a narrow table shows what the user edits (title, dependencies) before the slug.
COLUMNS = ("#", "Title", "Depends on", "Phase", "Slug")
SLUG_WIDTH = 100  # the screen width from which the table shows the slug column


class TitleEditor(Input):
    """The in-place title editor; escape cancels the rename (and does not leave the screen)."""

    BINDINGS = [
        Binding("enter", "submit", "Save title"),
        Binding("escape", "screen.cancel_rename", "Cancel"),
    ]

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # not an answer of the phase: no session write, no preview refresh per key
        # Stopped here, the change never reaches the screen's handler that paints a typed key at once, so
        # the echo waited for Textual's next frame slot: up to 17 ms after any other frame (a cursor blink,
        # the model draft's spinner and rows), which while a reply streams was one key in four.
        request_paint(self.screen)


# The edits of the list: none while a model's reply streams in the table's place.
EDITS = {"add", "delete", "rename", "depends", "split", "merge", "move", "undo", "redo"}


class BreakdownScreen(ModelDrafting):
    """Add, delete, rename, move, split, merge, set dependencies and undo; numbering, slugs and dependencies
    stay consistent because every edit is a core ``edits`` operation, saved through ``flow.set_issues``."""

    PHASE = Phase.BREAKDOWN
    NEXT_LABEL = "Confirm ›"
    # -stacked: the preview under the table (see screens.tcss); side by side only when both fit.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-stacked"), (180, "-wide")]
    AUTO_FOCUS = "#breakdown"
    BINDINGS = [
        # Next/Back have their buttons; the footer's room goes to the table's keys.
        # How to confirm and leave come first; the six edit keys share one footer entry ("a d e p s m Edit",
        # each named in the help), so the footer fits 80 columns with Confirm and Help in it.
        Binding("alt+n,ctrl+right", "next", "Confirm", priority=True, key_display="alt+n"),
        Binding("alt+b,ctrl+left", "back", "Back", priority=True, show=False),
        Binding("escape", "dashboard", "Dashboard", show=False),
        Binding("a", "add", "Add", group=EDIT),
        Binding("d,delete", "delete", "Del", group=EDIT, key_display="d"),
        Binding("e,f2", "rename", "Rename", key_display="e", group=EDIT),  # enter on a row renames too
        Binding("p", "depends", "Depends", group=EDIT),
        Binding("s", "split", "Split", group=EDIT),
        Binding("m", "merge", "Merge", group=EDIT),
        Binding("shift+up", "move(-1)", "Move", key_display="⇧↑↓"),  # one footer entry for both keys
        Binding("shift+down", "move(1)", "Move down", show=False),
        # Shown only while there is something to undo / redo (check_action), so after `d` the footer says
        # "u Undo". Shift+u and ctrl+y both reach the app through terminals and tmux.
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
        Binding("U,ctrl+y", "redo", "Redo", key_display="U"),
        Binding("g", "model_draft", "Draft"),  # shown only with a model configured (check_action)
    ]

    def __init__(self, flow: MilestoneFlow) -> None:
        super().__init__(flow)
        # Each step: the issues and the session's model draft before and after one edit.
        self.history: History[Snapshot] = History()
        self.renaming: int | None = None  # the issue whose title is in the edit row

    def compose_form(self) -> ComposeResult:
        source = "roadmap" if self.session.quick else "specification"
        yield Label(f"Based on the {source}, I propose these issues:", classes="intro")
        yield Static("", id="proposed-by", classes="hint")
        yield Static("", id="drafting", classes="hint")
        yield DataTable(id="breakdown", cursor_type="row", zebra_stripes=True)
        yield StreamedRows(id="streamed")  # in the table's place while a model's reply streams
        with Horizontal(id="rename-row"):
            yield Label("", id="rename-label")
            # The same id as the text prompt's input: "e, type into #prompt-input, enter" renames, in place
            # or (as before) in a dialog, so scripts driving the app keep working.
            yield TitleEditor(id="prompt-input", compact=True, select_on_focus=False)
        # Where the selected issue comes from (traceability), and the success metrics no issue carries.
        yield Static("", id="source", classes="hint")
        yield Static("", id="uncarried", classes="problems")

    def on_mount(self) -> None:
        fresh = not self.session.issues
        if fresh:
            self.flow.propose()
        table = self.query_one("#breakdown", DataTable)
        self.fill()
        self.show_uncarried()
        table.focus()
        self.query_one(Footer).compact = True  # ten keys: the compact footer fits them in 80 columns
        self.query_one("#drafting", Static).display = False
        self.query_one("#streamed", StreamedRows).display = False
        self.show_proposer()
        if fresh and self.model_config is not None:
            self.start_draft()  # the rules' list first; the model's replaces it (u undoes) when it is whole

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITS and self.drafting is not None:
            return False  # the list on screen is the model's, streaming: escape cancels it, then edit
        if action == "model_draft":
            return self.model_config is not None
        if action in ("undo", "redo"):  # not while renaming, where u is a letter
            if isinstance(self.focused, Input):
                return False
            return self.history.can_undo if action == "undo" else self.history.can_redo
        return super().check_action(action, parameters)

    def action_model_draft(self) -> None:
        self.start_draft()

    def action_dashboard(self) -> None:
        if not self.cancel_draft():  # escape while drafting cancels the draft, and stays
            super().action_dashboard()

    def on_resize(self, event: Resize) -> None:
        # Below 90 columns the table's keys need the room of the palette hint (ctrl+p still works; see f1).
        self.query_one(Footer).show_command_palette = event.size.width >= 90
        if len(self.query_one("#breakdown", DataTable).columns) != len(self.columns()):
            self.fill()  # the slug column comes or goes with the width

    # -- table -------------------------------------------------------------------------------------------
    def fill(self, cursor: int | None = None) -> None:
        """Rebuild the rows from the session; put the cursor on issue ``cursor`` (or keep its row)."""
        table = self.query_one("#breakdown", DataTable)
        row = table.cursor_row if cursor is None else cursor - 1
        columns = self.columns()
        if len(table.columns) != len(columns):
            table.clear(columns=True)
            table.add_columns(*columns)
        else:
            table.clear()
        for issue in self.session.issues:
            deps = depends_text(issue.depends_on)
            phase = str(issue.phase) if issue.phase else "—"
            cells = (str(issue.number), issue.title, deps, phase, issue.slug)[:len(columns)]
            table.add_row(*map(escape_markup, cells), key=str(issue.number))  # titles are text, not markup
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    def columns(self) -> tuple[str, ...]:
        """The table's columns for the width it has: below 100 columns the slug ran past the edge, cut
        mid-word, so it is left out there (the preview's File column names the same file)."""
        width = self.size.width or self.app.size.width
        return COLUMNS if width >= SLUG_WIDTH else COLUMNS[:-1]

    @property
    def current(self) -> Issue | None:
        table = self.query_one("#breakdown", DataTable)
        if not self.session.issues or table.row_count == 0:
            return None
        return self.session.issues[min(table.cursor_row, len(self.session.issues) - 1)]

    def snapshot(self) -> Snapshot:
        return [issue.model_copy(deep=True) for issue in self.session.issues], self.session.draft

    def edit(self, operation: Callable[[list[Issue]], list[Issue]], cursor: int | None = None,
             label: str = "edit") -> None:
        """Apply one core edit as one undoable step, save, refresh table and preview."""
        before = self.snapshot()
        try:
            issues = operation(self.session.issues)
        except (ValueError, KeyError) as exc:
            self.session.draft = before[1]  # an operation that failed half-way leaves nothing behind
            self.notify(str(exc), severity="warning")
            return
        self.flow.set_issues(issues)  # the phase bar and the preview follow the session by themselves
        self.history.record(before, self.snapshot(), label)
        self.refresh_bindings()  # "u Undo" appears in the footer
        self.fill(cursor)

    # -- actions -------------------------------------------------------------------------------------------
    def action_add(self) -> None:
        after = self.current.number if self.current else None

        def added(title: str | None) -> None:
            if title:
                self.edit(lambda issues: edits.add_issue(issues, title, after=after),
                          cursor=(after or len(self.session.issues)) + 1, label="add an issue")

        self.app.push_screen(TextPrompt("New issue title (added after the selected one):"), added)

    def action_delete(self) -> None:
        if (issue := self.current) is not None:
            self.edit(lambda issues: edits.remove_issue(issues, issue.number),
                      label=f"delete #{issue.number}")
            self.notify(f"Deleted #{issue.number} {issue.title} · u undo", markup=False)

    def action_rename(self) -> None:
        """Open the edit row with the selected issue's title."""
        if (issue := self.current) is None:
            return
        self.renaming = issue.number
        self.query_one("#rename-label", Label).update(f"✎ #{issue.number}")
        editor = self.query_one("#prompt-input", Input)
        editor.value = issue.title
        self.query_one("#rename-row").display = True
        editor.focus()
        editor.cursor_position = len(issue.title)

    def close_rename(self) -> int | None:
        """Hide the edit row, give the table the focus back; the issue that was being renamed."""
        number, self.renaming = self.renaming, None
        self.query_one("#rename-row").display = False
        self.query_one("#breakdown", DataTable).focus()
        return number

    @on(Input.Submitted, "#prompt-input")
    def commit_rename(self) -> None:
        title = " ".join(self.query_one("#prompt-input", Input).value.split())
        number = self.close_rename()
        if number is None or not title:
            return
        if title != self.session.issues[number - 1].title:
            self.edit(lambda issues: edits.rename_issue(issues, number, title), cursor=number,
                      label=f"rename #{number}")

    @on(Input.Blurred, "#prompt-input")
    def _editor_left(self) -> None:
        if self.renaming is not None:
            self.commit_rename()  # clicking elsewhere keeps what was typed, as a spreadsheet does

    def action_cancel_rename(self) -> None:
        self.close_rename()

    @on(DataTable.RowSelected, "#breakdown")
    def _row_selected(self) -> None:
        self.action_rename()

    def action_depends(self) -> None:
        """Edit the selected issue's dependencies in a dialog the core validates."""
        if (issue := self.current) is None:
            return
        number = issue.number

        def chosen(deps: list[int] | None) -> None:
            if deps is not None and deps != self.session.issues[number - 1].depends_on:
                self.edit(lambda issues: edits.set_depends_on(issues, number, deps), cursor=number,
                          label=f"dependencies of #{number}")

        self.app.push_screen(DependsOnDialog(self.session.issues, number), chosen)

    def action_move(self, delta: int) -> None:
        if (issue := self.current) is not None:
            target = max(1, min(len(self.session.issues), issue.number + delta))
            self.edit(lambda issues: edits.move_issue(issues, issue.number, delta), cursor=target,
                      label=f"move #{issue.number}")

    def action_split(self) -> None:
        if (issue := self.current) is None:
            return
        first, second = edits.suggest_split(issue.title)

        def split(titles: tuple[str, str] | None) -> None:
            if titles:
                number = issue.number
                self.edit(lambda issues: edits.split_issue(issues, number, *titles), cursor=number,
                          label=f"split #{number}")

        self.app.push_screen(SplitDialog(issue.title, first, second), split)

    def action_merge(self) -> None:
        issue = self.current
        if issue is None or issue.number >= len(self.session.issues):
            self.notify("Select an issue that has one after it to merge with", severity="warning")
            return
        number = issue.number
        self.edit(lambda issues: edits.merge_issues(issues, number, number + 1), cursor=number,
                  label=f"merge #{number} and #{number + 1}")

    def action_undo(self) -> None:
        self.restore(self.history.undo(), redo=False)

    def action_redo(self) -> None:
        self.restore(self.history.redo(), redo=True)

    def restore(self, step: Step[Snapshot] | None, redo: bool) -> None:
        """Put the issues (and the model draft: undoing one, the rules propose again) back as a step had
        them: before it (undo) or after it (redo)."""
        if step is None:
            self.notify("Nothing to redo" if redo else "Nothing to undo")
            return
        issues, draft = step.after if redo else step.before
        self.session.draft = draft
        self.flow.set_issues([issue.model_copy(deep=True) for issue in issues])
        self.refresh_bindings()
        self.fill()
        self.show_proposer()
        self.notify(f"{'Redone' if redo else 'Undone'}: {step.label}"
                    + (" · U redo" if self.history.can_redo and not redo else ""))

    @on(DataTable.RowHighlighted, "#breakdown")
    def _row_highlighted(self) -> None:
        issue = self.current
        source = f"From the specification: “{issue.source}”" if issue is not None and issue.source else ""
        self.query_one("#source", Static).update(plain_text(source))

    def show_uncarried(self) -> None:
        """The success metrics that no issue of the breakdown (as edited) carries: a warning, not a block."""
        missing = self.flow.uncarried_metrics()
        text = "⚠ No issue carries: " + "; ".join(missing) if missing else ""
        line = self.query_one("#uncarried", Static)
        line.update(plain_text(text))
        line.set_class(bool(missing), "-shown")

    def session_changed(self) -> None:
        self.show_uncarried()

    def can_complete(self) -> bool:
        if not self.session.issues:
            self.notify("The breakdown needs at least one issue", severity="warning")
            return False
        if missing := self.flow.uncarried_metrics():
            self.notify("No issue carries: " + "; ".join(missing) + " (add one, or confirm as it is)",
                        severity="warning", timeout=6)
        return True
