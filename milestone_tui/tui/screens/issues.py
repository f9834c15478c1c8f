"""Phase 3b, issue details: one issue at a time, its own question, acceptance criteria and notes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Label, ListItem, ListView, TextArea

from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.model import Issue
from milestone_tui.core.phases import Phase
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens.phase import PhaseScreen


class IssuesScreen(PhaseScreen):
    """A list to jump between issues; Next walks the issues in order, then completes the phase."""

    PHASE = Phase.ISSUES
    AUTO_FOCUS = "#acceptance"
    PREVIEW_SECTIONS = {"acceptance": "acceptance-criteria", "notes": "notes"}
    BINDINGS = [
        Binding("ctrl+down", "step(1)", "Next issue", show=False),
        Binding("ctrl+up", "step(-1)", "Prev issue", show=False),
        Binding("f4,ctrl+o", "use_draft", "Use draft", key_display="F4"),
    ]

    index: int = 0
    _warned: bool = False  # issues without criteria were named once; Next again completes
    drafts: dict[str, list[str]] = {}  # the proposer's criteria by issue title: offered, kept only on F4

    def compose_form(self) -> ComposeResult:
        items = [ListItem(Label(self.list_line(i), classes="issue-line")) for i in self.session.issues]
        yield ListView(*items, id="issue-list")
        yield Label("", id="issue-heading", classes="question")
        yield Label("", id="issue-question", classes="intro")
        yield Label("Acceptance criteria (one per line):")
        yield TextArea("", id="acceptance", soft_wrap=True)
        yield Label("Notes:")
        yield TextArea("", id="notes", soft_wrap=True)

    @staticmethod
    def list_line(issue: Issue) -> Text:
        """``✓ 01  Add ingest HTTP endpoint``: ✓ once the issue has acceptance criteria."""
        return plain_text(f"{'✓' if issue.acceptance else ' '} {issue.number:02d}  {issue.title}")

    def session_changed(self) -> None:
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

    def on_mount(self) -> None:
        self.drafts = self.flow.drafts()
        numbers = [i.number for i in self.session.issues]
        stopped = self.session.current_issue  # where the planner was when they left
        self.show_issue(numbers.index(stopped) if stopped in numbers else 0)

    def draft(self) -> list[str]:
        """The drafted criteria offered for the issue on screen: only while it has none of its own."""
        issue = self.issue
        return self.drafts.get(issue.title, []) if issue is not None and not issue.acceptance else []

    def show_draft(self) -> None:
        """The draft as the criteria box's placeholder: visible, and never an answer until F4 takes it."""
        draft = self.draft()
        hint = "Drafted from the specification (F4 uses it, or type your own):\n" if draft else ""
        self.query_one("#acceptance", TextArea).placeholder = hint + "\n".join(draft)

    def action_use_draft(self) -> None:
        """Take the draft as this issue's criteria (then edit them like typed ones)."""
        draft, issue = self.draft(), self.issue
        if not draft or issue is None:
            self.notify("No draft to use: this issue has criteria already" if issue and issue.acceptance
                        else "No draft for this issue", severity="warning")
            return
        self.flow.set_issue_details(issue.number, draft)
        with self.prevent(TextArea.Changed):
            self.query_one("#acceptance", TextArea).load_text("\n".join(draft))
        self.show_draft()

    @property
    def issue(self) -> Issue | None:
        issues = self.session.issues
        return issues[self.index] if 0 <= self.index < len(issues) else None

    def show_issue(self, index: int) -> None:
        """Load issue ``index`` into the form (the list, the question, the two text areas)."""
        if not self.session.issues:
            self.query_one("#issue-heading", Label).update("No issues: go back to the breakdown")
            return
        self.index = max(0, min(index, len(self.session.issues) - 1))
        issue = self.session.issues[self.index]
        with self.flow.saves_deferred():
            self.flow.set_position(issue.number)
        self.schedule_save()
        heading = f"Issue #{issue.number:02d}: {issue.title}"
        self.query_one("#issue-heading", Label).update(plain_text(heading))
        self.query_one("#issue-question", Label).update(plain_text(f"? {proposal.issue_question(issue)}"))
        # Loading is not typing: each load_text would otherwise run the keystroke handler and the preview.
        with self.prevent(TextArea.Changed):
            self.query_one("#acceptance", TextArea).load_text("\n".join(issue.acceptance))
            self.query_one("#notes", TextArea).load_text(issue.notes)
        listing = self.query_one("#issue-list", ListView)
        if listing.index != self.index:
            listing.index = self.index
        last = self.index == len(self.session.issues) - 1
        self.query_one("#next", Button).label = "Next ›" if last else "Next issue ›"
        self.show_draft()
        self.refresh_preview()

    def preview_text(self) -> str:
        issue = self.issue
        return self.flow.renderer.preview(self.session, self.PHASE, issue.number if issue else None)

    def answer_changed(self, key: str, value: str) -> None:
        issue = self.issue
        if issue is None or key not in ("acceptance", "notes"):
            return
        acceptance = [line.strip() for line in self.query_one("#acceptance", TextArea).text.splitlines()]
        acceptance = [line for line in acceptance if line]
        notes = self.query_one("#notes", TextArea).text
        if acceptance != issue.acceptance or notes != issue.notes:
            self.flow.set_issue_details(issue.number, acceptance, notes)
            if key == "acceptance":
                self.show_draft()  # typed criteria of its own: the draft is no longer offered

    @on(ListView.Highlighted, "#issue-list")
    def _jump(self, event: ListView.Highlighted) -> None:
        listing = event.list_view
        if listing.index is not None and listing.index != self.index:
            self.show_issue(listing.index)

    def action_step(self, delta: int) -> None:
        self.show_issue(self.index + delta)

    def action_next(self) -> None:
        if self.index < len(self.session.issues) - 1:
            self.show_issue(self.index + 1)
            self.query_one("#acceptance", TextArea).focus()
            return
        super().action_next()
