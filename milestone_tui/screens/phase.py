"""The base of every phase screen: phase header, roadmap context, the form, Back/Next, the live preview.

A subclass sets ``PHASE`` and yields its questions from :meth:`compose_form`. Every change to an input is
handed to :meth:`answer_changed` (which saves it through the flow at once) and refreshes the preview, which
renders off the keystroke's path (the preview calls :meth:`preview_text` once per burst of keys).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, TextArea

from milestone_tui.model import PHASES, Phase, Session
from milestone_tui.widgets.context import RoadmapContext
from milestone_tui.widgets.phase_bar import PhaseBar
from milestone_tui.widgets.preview import MarkdownPreview

if TYPE_CHECKING:
    from milestone_tui.app import MilestoneApp
    from milestone_tui.service import MilestoneFlow


class PhaseScreen(Screen[None]):
    """One phase of the flow over an open milestone."""

    PHASE: ClassVar[Phase] = Phase.EPIC
    NEXT_LABEL: ClassVar[str] = "Next ›"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    # The first question has the focus on arrival, so a user can type at once; subclasses narrow it.
    AUTO_FOCUS = "#form TextArea, #form Input, #form DataTable, #form RadioSet, #next"
    BINDINGS = [
        Binding("ctrl+right,alt+n", "next", "Next", priority=True),
        Binding("ctrl+left,alt+b", "back", "Back", priority=True),
        Binding("escape", "dashboard", "Dashboard"),
    ]

    def __init__(self, flow: MilestoneFlow) -> None:
        super().__init__()
        self.flow = flow

    @property
    def milestone_app(self) -> MilestoneApp:
        from milestone_tui.app import MilestoneApp

        assert isinstance(self.app, MilestoneApp)
        return self.app

    @property
    def session(self) -> Session:
        return self.flow.session

    # -- layout ----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield PhaseBar(self.session, self.PHASE, id="phase-bar")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield RoadmapContext(self.session, id="context")
                # Not focusable: focus belongs to the questions (the form still scrolls to the focused one).
                with VerticalScroll(id="form", can_focus=False):
                    yield from self.compose_form()
                with Horizontal(id="nav"):
                    yield Button("‹ Back", id="back")
                    yield Button(self.NEXT_LABEL, id="next", variant="primary")
            yield MarkdownPreview(id="preview")
        yield Footer()

    def compose_form(self) -> ComposeResult:
        """The phase's questions; subclasses override."""
        yield from ()

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO: subclasses must not call super().on_mount().
        self.flow.goto(self.PHASE)
        self.sub_title = self.PHASE.label
        self.refresh_preview()

    # -- preview ---------------------------------------------------------------------------------------
    def preview_text(self) -> str:
        """The markdown of this phase's artifact as it stands now."""
        return self.flow.renderer.preview(self.session, self.PHASE)

    def refresh_preview(self) -> None:
        """Schedule a preview refresh; rendering happens when the debounce timer fires, not now."""
        self.query_one("#preview", MarkdownPreview).update(self.preview_text)

    # -- editing ---------------------------------------------------------------------------------------
    def answer_changed(self, key: str, value: str) -> None:
        """Save one answer; subclasses route it to the right flow call."""

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self.answer_changed(event.input.id, event.value)
            self.refresh_preview()

    @on(TextArea.Changed)
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id:
            self.answer_changed(event.text_area.id, event.text_area.text)
            self.refresh_preview()

    # -- navigation ------------------------------------------------------------------------------------
    def can_complete(self) -> bool:
        """Whether Next may complete the phase; subclasses notify the user why not."""
        return True

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()  # a method call, so subclasses' overrides apply to the button too

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    def action_next(self) -> None:
        if not self.can_complete():
            return
        report = self.flow.complete(self.PHASE)
        for path in report.conflicts:
            self.notify(f"{path.name} was edited by hand; not overwritten", severity="warning", timeout=6)
        for notice in getattr(self.flow, "notices", []) or []:
            self.notify(str(notice), timeout=6)
        following = PHASES.index(self.PHASE) + 1
        if following < len(PHASES):
            self.milestone_app.goto_phase(PHASES[following])

    def action_back(self) -> None:
        previous = PHASES.index(self.PHASE) - 1
        if previous >= 0:
            self.milestone_app.goto_phase(PHASES[previous])
        else:
            self.milestone_app.close_milestone()

    def action_dashboard(self) -> None:
        self.milestone_app.close_milestone()
