"""Phase 4, the implementation plan: issues into phases (free text, parsed live), branch, scope tags."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Static, TextArea

from milestone_tui.core import planning as plan
from milestone_tui.core.defaults import scope_tags_from_title
from milestone_tui.core.model import PLAN_QUESTIONS
from milestone_tui.core.phases import Phase
from milestone_tui.tui.safe_text import show_plain
from milestone_tui.tui.screens.phase import PhaseScreen


class PlanScreen(PhaseScreen):
    """The seed's three plan questions; the phase answer is parsed by the core as you type and the result
    (which issue lands in which phase, and any dependency problems) is shown under it."""

    PHASE = Phase.PLAN
    PREVIEW_SECTIONS = {"phases": "phases", "branch": None, "scope_tags": None}
    # Every answer here starts as a proposal: to type one's own, select it all first (ctrl+a is "line
    # start" in Textual's boxes, so a planner typed the seed's answer after the proposal). In the phases
    # box F7 is the box's own select-all, which hides from the footer: this one shows (a priority binding
    # wins over the box's) and does the same in the one-line fields.
    BINDINGS = [Binding("f7", "select_all", "Select all", key_display="F7", priority=True)]

    def action_select_all(self) -> None:
        focused = self.focused
        if isinstance(focused, (Input, TextArea)):
            focused.select_all()

    def compose_form(self) -> ComposeResult:
        yield Label(f"? {PLAN_QUESTIONS['phases']}", classes="question")
        yield TextArea(self.phase_answer(), id="phases", soft_wrap=True)
        yield Static("", id="assignment")
        yield Static("", id="problems", classes="problems")
        yield Label(f"? {PLAN_QUESTIONS['branch']}", classes="question")
        yield Input(self.session.plan.branch or plan.propose_branch(self.session), id="branch")
        yield Static("", id="branch-error", classes="error")
        yield Label(f"? {PLAN_QUESTIONS['scope_tags']}", classes="question")
        # Proposed from the title like the branch (an answer to edit, in the preview too), never a hint
        # that looks like one.
        session = self.session
        tags = session.plan.scope_tags or scope_tags_from_title(session.title or session.milestone_id)
        yield Input(", ".join(tags), placeholder="e.g. payments, auth (comma separated)", id="scope_tags")

    def on_mount(self) -> None:
        if not self.session.plan.branch:
            self.flow.set_plan(branch=plan.propose_branch(self.session))
        if not self.session.plan.scope_tags:
            tags = self.query_one("#scope_tags", Input).value
            self.flow.set_plan(scope_tags=[t.strip() for t in tags.split(",")])
        if not self.session.plan.phases and self.session.issues:
            # The proposal (the dependency layers), in words the planner edits, as the box shows it.
            text = self.query_one("#phases", TextArea).text
            phases, assignment = plan.parse_phase_answer(text, self.session.issues)
            self.flow.set_plan(phases=phases, assignment=assignment, phases_answer=text)
        self.show_assignment()

    def phase_answer(self) -> str:
        """The phases answer in the user's words, as far as they still describe the plan.

        The text as typed is kept in the session (``plan.phases_answer``). Otherwise it is rebuilt
        from the session: each phase's name and goal (the parser keeps the typed items as the goal, so the
        seed's answer comes back word for word), or, when that would not parse back to the same plan (after
        breakdown edits, or named phases from an answers file), the issue numbers per phase.
        """
        typed = self.session.plan.phases_answer
        if not self.session.plan.phases:
            return typed or self.flow.proposed_phases()
        named = " ".join(f"{p.name}: {p.goal.rstrip('.')}." for p in self.session.plan.phases if p.goal)
        for text in (typed, named):
            if text and self.describes_plan(text):
                return text
        parts = []
        for index in range(1, len(self.session.plan.phases) + 1):
            numbers = " + ".join(f"#{i.number}" for i in self.session.phase_issues(index))
            parts.append(f"Phase {index}: {numbers}.")
        return "\n".join(parts)

    def describes_plan(self, text: str) -> bool:
        """Whether ``text`` parses to exactly the session's phases and assignment."""
        phases, assignment = plan.parse_phase_answer(text, self.session.issues)
        current = {i.number: i.phase for i in self.session.issues if i.phase is not None}
        same = [(p.name, p.goal) for p in phases] == [(p.name, p.goal) for p in self.session.plan.phases]
        return same and assignment == current

    def show_assignment(self) -> None:
        """Render which issue is in which phase, unassigned issues, and the core's dependency problems."""
        lines = []
        for index, phase in enumerate(self.session.plan.phases, start=1):
            titles = ", ".join(f"#{i.number} {i.title}" for i in self.session.phase_issues(index))
            name = phase.name if phase.name.lower() != f"phase {index}" else ""
            label = f"Phase {index}" + (f" ({name})" if name else "")
            lines.append(f"{label}: {titles or '—'}")
        loose = [f"#{i.number}" for i in self.session.issues if i.phase is None]
        if loose:
            lines.append(f"Not in a phase: {', '.join(loose)}")
        show_plain(self.query_one("#assignment", Static), "\n".join(lines) or "No phases yet.")
        problems = plan.dependency_problems(self.session)
        show_plain(self.query_one("#problems", Static), "\n".join(f"⚠ {p}" for p in problems))

    def session_changed(self) -> None:
        self.show_assignment()

    def answer_changed(self, key: str, value: str) -> None:
        if key == "phases":
            phases, assignment = plan.parse_phase_answer(value, self.session.issues)
            self.flow.set_plan(phases=phases, assignment=assignment, phases_answer=value)
        elif key == "branch":
            error = plan.branch_error(value.strip())
            show_plain(self.query_one("#branch-error", Static), f"✗ {error}" if error else "")
            if error is None:
                self.flow.set_plan(branch=value.strip())
        elif key == "scope_tags":
            tags = [tag.strip() for tag in value.split(",") if tag.strip()]
            self.flow.set_plan(scope_tags=tags)

    def can_complete(self) -> bool:
        branch = self.query_one("#branch", Input).value.strip()
        error = plan.branch_error(branch)
        if error:
            self.notify(f"Branch name: {error}", severity="error")
            self.query_one("#branch", Input).focus()
            return False
        if not self.session.plan.phases:
            self.notify("Group the issues into at least one phase", severity="warning")
            self.query_one("#phases", TextArea).focus()
            return False
        return True
