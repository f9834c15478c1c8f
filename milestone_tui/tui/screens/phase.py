"""The base of every phase screen: phase header, roadmap context, the form, Back/Next, the live preview.

A subclass sets ``PHASE`` and yields its questions from :meth:`compose_form`. Every change to an input is
handed to :meth:`answer_changed`, which updates the session through the flow at once, with the flow's saving
deferred (``MilestoneFlow.saves_deferred``): writing session.yaml (an atomic write with fsync, 2 ms and more)
is coalesced off the keystroke's path: a 250 ms timer after the last key, and a flush whenever the screen is
left (Next, Back, escape, a dialog, quitting). The preview also
renders off that path (it calls :meth:`preview_text` once per render and does the rest in a worker).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.events import DescendantFocus, Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, TextArea

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.model import Session
from milestone_tui.core.phases import PHASES, Phase
from milestone_tui.tui.conflicts import resolve_conflicts
from milestone_tui.tui.messages import CloseMilestone, Navigate
from milestone_tui.tui.paint import PaintsOnRequest, paint_now
from milestone_tui.tui.screens import SCREENS_CSS
from milestone_tui.tui.typing_ahead import TypesAhead
from milestone_tui.tui.widgets.context import RoadmapContext
from milestone_tui.tui.widgets.phase_bar import PhaseBar
from milestone_tui.tui.widgets.preview import MarkdownPreview


class PhaseScreen(TypesAhead, PaintsOnRequest, Screen[None]):
    """One phase of the flow over an open milestone."""

    CSS_PATH = SCREENS_CSS
    PHASE: ClassVar[Phase] = Phase.EPIC
    NEXT_LABEL: ClassVar[str] = "Next ›"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    # Short terminals (80x24): the roadmap context box gives its rows to the form (the phase bar still
    # names the milestone).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    # The first question has the focus on arrival, so a user can type at once; subclasses narrow it.
    AUTO_FOCUS = "#form TextArea, #form Input, #form DataTable, #form RadioSet, #next"
    BINDINGS = [
        # alt+n / alt+b are what the footer shows: many terminals (and macOS) take ctrl+arrows for themselves,
        # which stay as aliases where they do come through.
        Binding("alt+b,ctrl+left", "back", "Back", key_display="alt+b", priority=True),
        Binding("alt+n,ctrl+right", "next", "Next", key_display="alt+n", priority=True),
        Binding("escape", "dashboard", "Dashboard"),
    ]

    # The preview's section each field renders into, by anchor (the heading's slug: widgets/anchors.py):
    # typing in the field, or moving the focus to it, scrolls that section into view. None: the document's
    # opening (the plan's branch and tags). A field not named here leaves the preview where it is.
    PREVIEW_SECTIONS: ClassVar[dict[str, str | None]] = {}
    COMPACT_FOOTER_BELOW: ClassVar[int] = 100
    SAVE_DELAY: ClassVar[float] = 0.25  # seconds after the last key before session.yaml is written
    # The session as the widgets bind to it: the done phases (the phase bar's ticks) and a revision that
    # changes with every change to the session (the preview follows it). Set by the flow's listener.
    # repaint=False: a reactive of the screen that repaints repaints the whole screen (a full frame, 6-15 ms
    # at 160x50), on every key for the revision; the widgets bound to them repaint themselves.
    done: reactive[tuple[Phase, ...]] = reactive((), init=False, repaint=False)
    partial: reactive[tuple[Phase, ...]] = reactive((), init=False, repaint=False)  # done, questions left (◐)
    revision: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, flow: MilestoneFlow) -> None:
        super().__init__()
        self.flow = flow
        self._save_timer: Timer | None = None
        self._unsubscribe = flow.subscribe(self._session_changed)
        self.set_reactive(PhaseScreen.done, tuple(flow.session.done))
        self.set_reactive(PhaseScreen.partial, flow.session.partial_phases)

    @property
    def session(self) -> Session:
        return self.flow.session

    # -- layout ----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        bar = PhaseBar(self.session, self.PHASE, id="phase-bar")
        yield bar.data_bind(PhaseScreen.done, PhaseScreen.partial)
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
        # Focusing the first answer scrolls it into view, hiding its question on short terminals: show the
        # top of the form (the first question and its answer box fit on any size the app supports).
        self.call_after_refresh(self.query_one("#form", VerticalScroll).scroll_home, animate=False)

    def on_resize(self, event: Resize) -> None:
        # Below 100 columns the footer goes compact and leaves out the palette's key (ctrl+p still opens it,
        # and help lists it), so Back, Next, the answer keys and Help fit at 80.
        narrow = event.size.width < self.COMPACT_FOOTER_BELOW
        for footer in self.query(Footer):
            footer.compact = narrow
            footer.show_command_palette = not narrow

    def _session_changed(self) -> None:
        """The flow's listener: every change to the session, from this screen, a dialog or the sync."""
        self.done = tuple(self.session.done)
        self.partial = self.session.partial_phases
        self.revision += 1

    def watch_revision(self) -> None:
        try:
            self.refresh_preview()
            self.session_changed()
        except NoMatches:
            # A screen being switched away has lost its widgets before its listener is removed (a sync's
            # save can land in between): there is nothing left to refresh.
            pass

    def session_changed(self) -> None:
        """After any change to the session (the preview already follows); subclasses refresh their views."""

    # -- preview ---------------------------------------------------------------------------------------
    def preview_text(self) -> str:
        """The markdown of this phase's artifact as it stands now."""
        return self.flow.renderer.preview(self.session, self.PHASE)

    def refresh_preview(self) -> None:
        """Ask the preview for a refresh: it calls :meth:`preview_text` once per render and renders in a
        worker, so a burst of keys costs one text per render, not one per key."""
        self.query_one("#preview", MarkdownPreview).update(self.preview_text)

    def follow_field(self, field_id: str | None) -> None:
        """Keep the preview on the section ``field_id`` renders into (see ``PREVIEW_SECTIONS``)."""
        if field_id is not None and field_id in self.PREVIEW_SECTIONS:
            for preview in self.query("#preview").results(MarkdownPreview):  # none on a screen going away
                preview.follow(self.PREVIEW_SECTIONS[field_id])

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        self.follow_field(event.widget.id)

    def paint_now(self) -> None:
        """Paint the typed character at once instead of at the next frame slot (see :mod:`..paint`): a
        keystroke is worth a frame of its own, and the frame after it stays free for the preview."""
        paint_now(self)

    # -- editing ---------------------------------------------------------------------------------------
    def answer_changed(self, key: str, value: str) -> None:
        """Record one answer; subclasses route it to the right flow call."""

    def schedule_save(self) -> None:
        """Write the session ``SAVE_DELAY`` s after the last change (a newer change restarts the wait)."""
        if not self.flow.dirty:
            return
        if self._save_timer is not None:
            self._save_timer.reset()
        else:
            self._save_timer = self.set_timer(self.SAVE_DELAY, self.flush_save)

    def flush_save(self) -> None:
        """Write the session now if a keystroke changed it since the last write."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self.flow.flush()


    def on_screen_suspend(self) -> None:
        self.flush_save()  # a dialog opened, or another screen replaced this one

    def on_unmount(self) -> None:
        self._unsubscribe()
        if self.flow.is_open:
            self.flush_save()
        # else the flow was closed, and closing saved the whole session, typed keys included

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            with self.flow.saves_deferred():
                self.answer_changed(event.input.id, event.value)
            self.follow_field(event.input.id)
            self.schedule_save()
            self.paint_now()

    @on(TextArea.Changed)
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id:
            with self.flow.saves_deferred():
                self.answer_changed(event.text_area.id, event.text_area.text)
            self.follow_field(event.text_area.id)
            self.schedule_save()
            self.paint_now()

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
        self.flush_save()
        if not self.can_complete():
            return
        report = self.flow.complete(self.PHASE)
        asked = {c.name for c in self.flow.pending}
        for path in report.conflicts:
            if path.name not in asked:  # a link: never written through
                self.notify(f"{path.name} was edited by hand; not overwritten", severity="warning", timeout=6)
        if self.flow.pending:
            self._ask_then_next()  # both sides changed: ask before moving on
        else:
            self._go_next()

    @work(group="conflicts", exclusive=True)
    async def _ask_then_next(self) -> None:
        await resolve_conflicts(self.app, self.flow)
        self._go_next()

    def _go_next(self) -> None:
        following = PHASES.index(self.PHASE) + 1
        if following < len(PHASES):
            self.leave()
            self.post_message(Navigate(PHASES[following]))

    def action_back(self) -> None:
        self.flush_save()
        previous = PHASES.index(self.PHASE) - 1
        self.leave()
        self.post_message(Navigate(PHASES[previous]) if previous >= 0 else CloseMilestone())

    def action_dashboard(self) -> None:
        self.flush_save()
        self.post_message(CloseMilestone())
