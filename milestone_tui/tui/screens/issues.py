"""Phase 3b, issue details: one issue at a time, its own question, acceptance criteria, labels and notes.

The criteria are a list of items (``#criteria``: add, edit, delete, move) or, in text mode, the
``#acceptance`` box where they are typed one per line. An issue without criteria opens in text mode (type
them, or F4 takes the draft); one with criteria opens as the list, ``t`` turns it into text and escape (or
leaving the box) back. Every change, typed or not, is a step of the screen's undo history (``u`` undo, ``U``
redo); typing into one field is one step until the focus leaves it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import DescendantBlur
from textual.widgets import Button, Input, Label, ListItem, ListView, Static, TextArea

from milestone_tui.core.breakdown import criteria
from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.breakdown.criteria import IssueDetails
from milestone_tui.core.drafting import review
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.history import History, Step
from milestone_tui.core.model import Issue
from milestone_tui.core.phases import Phase
from milestone_tui.core.planning import issue_labels
from milestone_tui.github.status import issue_url
from milestone_tui.tui.browser import open_page
from milestone_tui.tui.dialogs.text_prompt import TextPrompt
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens.reviewing import Reviewing
from milestone_tui.tui.widgets.criteria import CriteriaList, CriteriaText
from milestone_tui.tui.widgets.lines import LinesArea

UNDO = Binding.Group("Undo")
LIST_LABEL = "Acceptance criteria (t: as text):"
TEXT_LABEL = "Acceptance criteria (one per line):"


class IssuesScreen(Reviewing):
    """A list to jump between issues; Next walks the issues in order, then completes the phase."""

    PHASE = Phase.ISSUES
    AUTO_FOCUS = "#acceptance"
    # the labels are in the frontmatter, at the opening
    PREVIEW_SECTIONS = {"acceptance": "acceptance-criteria", "criteria": "acceptance-criteria",
                        "notes": "notes", "labels": None}
    BINDINGS = [
        Binding("ctrl+down", "step(1)", "Next issue", show=False),
        Binding("ctrl+up", "step(-1)", "Prev issue", show=False),
        Binding("f4,ctrl+o", "use_draft", "Use draft", key_display="F4"),
        # a function key: the criteria and notes boxes take every printable key
        Binding("f5", "open_issue", "GitHub", key_display="F5"),
        # Shown only while there is something to undo / redo (check_action); in a text box u and U are
        # letters, and ctrl+z / ctrl+y that box's own undo.
        # one footer entry, so the footer fits 80 columns with F5 shown
        Binding("u,ctrl+z", "undo", "Undo", key_display="u", group=UNDO),
        Binding("U,ctrl+y", "redo", "Redo", key_display="U", group=UNDO),
    ]

    index: int = 0
    as_text: bool = True  # the criteria as the #acceptance text box (else the #criteria list)
    from_list: bool = False  # the text box was opened from the list (t): escape goes back to it
    _warned: bool = False  # issues without criteria were named once; Next again completes
    _keys: tuple[bool, ...] = ()  # what the footer's keys depend on, as last shown
    drafts: dict[str, list[str]] = {}  # the proposer's criteria by issue title: offered, kept only on F4

    def __init__(self, flow: MilestoneFlow) -> None:
        super().__init__(flow)
        self.history: History[IssueDetails] = History()  # this screen's edits, any issue's

    def compose_form(self) -> ComposeResult:
        items = [ListItem(Label(self.list_line(i), classes="issue-line")) for i in self.session.issues]
        yield ListView(*items, id="issue-list")
        yield Label("", id="issue-heading", classes="question")
        yield Label("", id="issue-question", classes="intro")
        yield Label(TEXT_LABEL, id="criteria-label")
        yield CriteriaList(id="criteria")
        yield CriteriaText("", id="acceptance", soft_wrap=True)
        yield from self.compose_review()
        yield Label("Notes:")
        yield LinesArea("", id="notes", soft_wrap=True)
        # After the notes, so tab from the criteria still goes to the notes (as scripts expect).
        yield Label("Labels (comma-separated):")
        # Not selected on focus: a label is added to the others, not typed over them.
        yield Input(id="labels", placeholder="e.g. backend, api", compact=True, select_on_focus=False)
        yield Static("", id="labels-note", classes="hint")

    @staticmethod
    def list_line(issue: Issue) -> Text:
        """``✓ 01  Add ingest HTTP endpoint``: ✓ once the issue has acceptance criteria."""
        return plain_text(f"{'✓' if issue.acceptance else ' '} {issue.number:02d}  {issue.title}")

    def session_changed(self) -> None:
        super().session_changed()
        for label, issue in zip(self.query(".issue-line").results(Label), self.session.issues, strict=False):
            line = self.list_line(issue)
            if label.content != line:  # one per key otherwise: a layout pass for each of 100 labels
                label.update(line)

    def can_complete(self) -> bool:
        """Issues without criteria: said once (the list shows which), then Next again completes anyway."""
        missing = [f"#{i.number:02d}" for i in self.session.issues if not i.acceptance]
        if missing and not self._warned:
            self._warned = True
            self.notify(f"{len(missing)} issue(s) have no acceptance criteria yet: {', '.join(missing)}. "
                        "Next again to finish anyway.", severity="warning", timeout=8)
            return False
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo"):  # not in a text field, where u is a letter (and the footer would lie)
            if isinstance(self.focused, (Input, TextArea)):
                return False
            return self.history.can_undo if action == "undo" else self.history.can_redo
        if action == "use_draft":  # F4 in the footer only while there is a draft to take
            return bool(self.draft())
        if action == "criteria_as_list":  # escape in the text box of an issue without criteria: the dashboard
            return self.from_list or bool(self.issue and self.issue.acceptance)
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self.drafts = self.flow.drafts()
        numbers = [i.number for i in self.session.issues]
        stopped = self.session.current_issue  # where the planner was when they left
        self.show_issue(numbers.index(stopped) if stopped in numbers else 0)
        self.focus_criteria()

    def draft(self) -> list[str]:
        """The drafted criteria offered for the issue on screen: only while it has none of its own."""
        issue = self.issue
        return self.drafts.get(issue.title, []) if issue is not None and not issue.acceptance else []

    def show_draft(self) -> None:
        """The draft as the criteria box's placeholder: visible, and never an answer until F4 takes it."""
        draft = self.draft()
        hint = "Drafted from the specification (F4 uses it, or type your own):\n" if draft else ""
        self.query_one("#acceptance", TextArea).placeholder = hint + "\n".join(draft)
        self.refresh_keys()

    def action_use_draft(self) -> None:
        """Take the draft as this issue's criteria (then edit them like typed ones)."""
        draft, issue = self.draft(), self.issue
        if not draft or issue is None:
            self.notify("No draft to use: this issue has criteria already" if issue and issue.acceptance
                        else "No draft for this issue", severity="warning")
            return
        self.change("use the draft", acceptance=draft)
        self.load_fields()

    def action_open_issue(self) -> None:
        """The issue on screen, on GitHub (its URL shown where no browser can open)."""
        issue = self.issue
        number = issue.github_issue if issue is not None else None
        url = issue_url(self.session, number) if number is not None else None
        shown = f"#{issue.number:02d}" if issue is not None else "This issue"
        open_page(self, url, f"Issue {shown} is not on GitHub yet: sync it first (GitHub phase)")

    @property
    def issue(self) -> Issue | None:
        issues = self.session.issues
        return issues[self.index] if 0 <= self.index < len(issues) else None

    def show_issue(self, index: int) -> None:
        """Load issue ``index`` into the form (the list, the question, the criteria, labels and notes)."""
        if not self.session.issues:
            self.query_one("#issue-heading", Label).update("No issues: go back to the breakdown")
            return
        self.index = max(0, min(index, len(self.session.issues) - 1))
        issue = self.session.issues[self.index]
        self.history.seal()
        with self.flow.saves_deferred():
            self.flow.set_position(issue.number)
        self.schedule_save()
        heading = f"Issue #{issue.number:02d}: {issue.title}"
        self.query_one("#issue-heading", Label).update(plain_text(heading))
        self.query_one("#issue-question", Label).update(plain_text(f"? {proposal.issue_question(issue)}"))
        was_on_criteria = self.focused is not None and self.focused.id in ("criteria", "acceptance")
        self.set_text_mode(not issue.acceptance)  # nothing yet: type them; else edit them as items
        if was_on_criteria:
            self.focus_criteria()  # the widget that had the focus may be the one hidden now
        self.load_fields(highlight=0)
        listing = self.query_one("#issue-list", ListView)
        if listing.index != self.index:
            listing.index = self.index
        last = self.index == len(self.session.issues) - 1
        self.relabel("#next", "Next ›" if last else "Next issue ›")
        self.relabel("#back", "‹ Back" if self.index == 0 else "‹ Prev issue")
        self.show_review()
        self.refresh_preview()

    def load_fields(self, highlight: int | None = None) -> None:
        """Show the issue's criteria (list and text), labels and notes as the session has them."""
        if (issue := self.issue) is None:
            return
        # Loading is not typing: each load would otherwise run the keystroke handler and the preview.
        with self.prevent(TextArea.Changed, Input.Changed):
            self.query_one("#acceptance", TextArea).load_text("\n".join(issue.acceptance))
            self.query_one("#notes", TextArea).load_text(issue.notes)
            labels = self.query_one("#labels", Input)
            labels.value = ", ".join(issue.labels)
            labels.cursor_position = len(labels.value)
        self.query_one("#criteria", CriteriaList).show(issue.acceptance, highlight)
        self.show_labels_note()
        self.show_draft()

    def set_text_mode(self, as_text: bool, from_list: bool = False) -> None:
        self.as_text, self.from_list = as_text, from_list
        self.query_one("#acceptance").display = as_text
        self.query_one("#criteria").display = not as_text
        self.query_one("#criteria-label", Label).update(TEXT_LABEL if as_text else LIST_LABEL)
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Refresh the footer when what its keys depend on changed: a refresh recomposes it, and typing
        changes the session on every key."""
        issue = self.issue
        keys = (self.history.can_undo, self.history.can_redo, bool(self.draft()), self.as_text,
                bool(issue and issue.acceptance))
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def focus_criteria(self) -> None:
        self.query_one("#acceptance" if self.as_text else "#criteria").focus()

    def show_labels_note(self, problem: str = "") -> None:
        """Under the labels: why the typed ones are not taken, or what GitHub adds to them."""
        issue = self.issue
        own = issue.labels if issue else []
        more = [name for name in issue_labels(self.session, issue) if name not in own] if issue else []
        text = problem or (f"GitHub also gets: {', '.join(more)}" if more else "")
        note = self.query_one("#labels-note", Static)
        note.update(plain_text(text))
        note.set_class(bool(problem), "-problem")
        note.display = bool(text)

    # -- edits: each one step of the history --------------------------------------------------------------
    def change(self, label: str, *, acceptance: list[str] | None = None, notes: str | None = None,
               labels: list[str] | None = None, key: str | None = None) -> None:
        """Change the issue on screen through the flow, as one undoable step (``key``: a typing burst)."""
        if (issue := self.issue) is None:
            return
        before = IssueDetails.of(issue)
        self.flow.set_issue_details(issue.number, acceptance, notes, labels)
        after = IssueDetails.of(issue)
        if after != before:
            self.history.record(before, after, f"{label} (#{issue.number:02d})", key)
            self.refresh_keys()

    def answer_changed(self, key: str, value: str) -> None:
        issue = self.issue
        if issue is None:
            return
        if key == "acceptance":
            self.change("typed criteria", acceptance=criteria.criteria_from_text(value),
                        key=f"{key}:{issue.number}")
            self.show_draft()  # typed criteria of its own: the draft is no longer offered (the hidden list
            # is filled when the text box is left, not on every key)
        elif key == "notes":
            self.change("typed notes", notes=value, key=f"{key}:{issue.number}")
        elif key == "labels":
            try:
                labels = criteria.parse_labels(value)
            except ValueError as exc:
                self.show_labels_note(str(exc))  # kept as typed; the session keeps the last valid labels
                return
            self.change("labels", labels=labels, key=f"{key}:{issue.number}")
            self.show_labels_note()

    def apply(self, label: str, operation: Callable[..., list[str]], *args: object,
              highlight: int | None = None) -> None:
        """One core criteria operation on the issue on screen; its ValueError is one warning line."""
        if (issue := self.issue) is None:
            return
        try:
            items = operation(list(issue.acceptance), *args)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.change(label, acceptance=items)
        self.load_fields(highlight)

    @on(CriteriaList.Add)
    def _add(self, event: CriteriaList.Add) -> None:
        if self.issue is None:
            return
        at = len(self.issue.acceptance) if event.index is None else event.index + 1

        def added(text: str | None) -> None:
            if text:
                self.apply("add a criterion", criteria.add_criterion, text, at, highlight=at)

        self.app.push_screen(TextPrompt("New acceptance criterion (added after the highlighted one):"), added)

    @on(CriteriaList.Change)
    def _change(self, event: CriteriaList.Change) -> None:
        if event.index is None or self.issue is None:
            return
        index, old = event.index, self.issue.acceptance[event.index]

        def edited(text: str | None) -> None:  # None: cancelled, or emptied (d deletes)
            if text and text != old:
                self.apply(f"edit criterion {index + 1}", criteria.edit_criterion, index, text,
                           highlight=index)

        self.app.push_screen(TextPrompt(f"Acceptance criterion {index + 1}:", old, select=False), edited)

    @on(CriteriaList.Delete)
    def _delete(self, event: CriteriaList.Delete) -> None:
        if event.index is None or self.issue is None:
            return
        gone = self.issue.acceptance[event.index]
        self.apply(f"delete criterion {event.index + 1}", criteria.remove_criterion, event.index,
                   highlight=event.index)
        self.notify(f"Deleted “{gone}” · u undo", markup=False)

    @on(CriteriaList.Move)
    def _move(self, event: CriteriaList.Move) -> None:
        if event.index is None or self.issue is None:
            return
        target = max(0, min(len(self.issue.acceptance) - 1, event.index + event.delta))
        if target != event.index:
            self.apply(f"move criterion {event.index + 1}", criteria.move_criterion, event.index, event.delta,
                       highlight=target)

    @on(CriteriaList.AsText)
    def _as_text(self) -> None:
        self.set_text_mode(True, from_list=True)
        area = self.query_one("#acceptance", TextArea)
        area.focus()
        area.move_cursor(area.document.end)  # where a new line goes

    def action_criteria_as_list(self) -> None:
        self.set_text_mode(False)
        self.load_fields()
        self.focus_criteria()

    @on(DescendantBlur)
    def _field_left(self, event: DescendantBlur) -> None:
        """Leaving a field ends its typing step; leaving the criteria text box (tab, a click, Next issue)
        shows the criteria as items again."""
        self.history.seal()
        issue = self.issue
        if event.widget.id == "acceptance" and self.as_text and issue is not None and issue.acceptance \
                and self.app.screen is self:
            self.set_text_mode(False)
            self.query_one("#criteria", CriteriaList).show(issue.acceptance)

    # -- undo, redo -----------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self.restore(self.history.undo(), redo=False)

    def action_redo(self) -> None:
        self.restore(self.history.redo(), redo=True)

    def restore(self, step: Step[IssueDetails] | None, redo: bool) -> None:
        """Put an issue's details back as a step had them (showing that issue first if it is another)."""
        if step is None:
            self.notify("Nothing to redo" if redo else "Nothing to undo")
            return
        details = step.after if redo else step.before
        numbers = [i.number for i in self.session.issues]
        if details.number not in numbers:
            return
        if self.issue is None or self.issue.number != details.number:
            self.show_issue(numbers.index(details.number))
        self.flow.set_issue_details(details.number, list(details.acceptance), details.notes,
                                    list(details.labels))
        self.refresh_keys()
        self.load_fields()
        self.notify(f"{'Redone' if redo else 'Undone'}: {step.label}"
                    + (" · U redo" if self.history.can_redo and not redo else ""), markup=False)

    # -- moving between issues --------------------------------------------------------------------------
    # -- the model's review (Reviewing): an accepted line is one step of this screen's history too ----------
    def review_scope(self) -> review.Scope | None:
        return self.issue.number if self.issue is not None else None

    def reviewed(self, places: list[review.Place]) -> None:
        self.load_fields()

    def action_review(self, verb: Literal["accept", "ignore", "undo"]) -> None:
        issue = self.issue
        before = IssueDetails.of(issue) if issue is not None else None
        super().action_review(verb)
        if issue is not None and before is not None and (after := IssueDetails.of(issue)) != before:
            self.history.record(before, after, f"review line (#{issue.number:02d})", None)
            self.refresh_keys()

    def preview_text(self) -> str:
        issue = self.issue
        return self.flow.renderer.preview(self.session, self.PHASE, issue.number if issue else None)

    @on(ListView.Highlighted, "#issue-list")
    def _jump(self, event: ListView.Highlighted) -> None:
        listing = event.list_view
        if listing.index is not None and listing.index != self.index:
            self.show_issue(listing.index)

    def action_step(self, delta: int) -> None:
        self.show_issue(self.index + delta)

    def relabel(self, selector: str, label: str) -> None:
        """A nav button's new label; its width follows (Button's label does not lay the button out again, so
        "Next issue ›" showed as "Next" in the width "Next ›" had)."""
        button = self.query_one(selector, Button)
        if str(button.label) != label:
            button.label = label
            button.refresh(layout=True)

    def action_back(self) -> None:
        """Back walks the issues as Next does (to the previous one); on #01 it leaves for the breakdown."""
        if self.index > 0:
            self.show_issue(self.index - 1)
            self.focus_criteria()
            return
        super().action_back()

    def action_next(self) -> None:
        if self.index < len(self.session.issues) - 1:
            self.show_issue(self.index + 1)
            self.focus_criteria()
            return
        super().action_next()
