"""The Textual application: a thin shell that opens milestones and shows the phase screens.

Screens never call the app: they post ``Navigate``, ``OpenMilestone`` and ``CloseMilestone``
(``tui.messages``), handled here with ``@on``. Opening is one worker (``open_milestone``) that awaits its
dialogs in straight-line code (``tui.opening``). All planning lives in the core; the phase screens, and the
opening with them, are reached through the screen registry (``tui.screens``), the one lazy seam that keeps the
dashboard's first frame close to a bare Textual app.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from milestone_tui.core.layout import Layout
from milestone_tui.core.phases import Phase
from milestone_tui.tui import screens
from milestone_tui.tui.heap import freeze_heap, release_heap
from milestone_tui.tui.messages import CloseMilestone, Navigate, OpenMilestone, OpenMode, OpenRequest
from milestone_tui.tui.palette import milestone_commands
from milestone_tui.tui.safe_text import PlainNotifications
from milestone_tui.tui.screens.dashboard import DashboardScreen

if TYPE_CHECKING:
    from milestone_tui.core.flow import MilestoneFlow


class MilestoneApp(PlainNotifications, App[int]):
    """``create-milestone``: the dashboard, then one screen per phase of the open milestone."""

    CSS_PATH = "styles.tcss"
    TITLE = "create-milestone"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, workspace: Layout, milestone_id: str | None = None, quick: bool = False,
                 mode: OpenMode | None = None, model: object | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.model_config = model  # a core.drafting ModelConfig, or None: nothing is ever sent
        self.start = OpenRequest(milestone_id, quick=quick, mode=mode) if milestone_id else None
        self.flow: MilestoneFlow | None = None

    async def on_mount(self) -> None:
        # Composed and mounted before a milestone is opened, so an error opening it has its line to land on.
        await self.push_screen(DashboardScreen(self.workspace))
        if self.start is not None:
            self.open_milestone(self.start)

    def on_unmount(self) -> None:
        self.close_flow()
        release_heap()

    # -- messages from the screens ---------------------------------------------------------------------------
    @on(OpenMilestone)
    def _open_requested(self, message: OpenMilestone) -> None:
        self.open_milestone(message.request)

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        self.goto_phase(message.phase)

    @on(CloseMilestone)
    def _close_requested(self) -> None:
        self.close_milestone()

    # -- opening and closing -------------------------------------------------------------------------------
    @work(group="open", exclusive=True, exit_on_error=False)
    async def open_milestone(self, request: OpenRequest) -> None:
        """Open a milestone; a folder with work and no explicit mode asks refine | overwrite | abort."""
        self.close_flow()
        opening = screens.opening()
        result = await opening.open_flow(self, self.workspace, request)
        if isinstance(result, opening.OpenFailed):
            self.show_error(result.message)
        elif result is not None:
            self.flow = result.flow
            self.goto_phase(result.phase)
            self.call_after_refresh(freeze_heap)  # the milestone's screens are long-lived: keep GC off them

    def show_error(self, message: str) -> None:
        """One line about a milestone that could not be opened: on the dashboard and as a notification."""
        self.notify(message, severity="error", timeout=8)
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show_error(message)

    def close_flow(self) -> None:
        """Save and release the open milestone's lock, if one is open."""
        if self.flow is not None:
            self.flow.close()
            self.flow = None

    def close_milestone(self) -> None:
        """Save, release the lock and go back to the dashboard, on the milestone's row."""
        key = self.flow.session.milestone_id if self.flow is not None else None
        self.close_flow()
        if key is not None:
            for dashboard in self.screen_stack:
                if isinstance(dashboard, DashboardScreen):
                    dashboard.highlight(key)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def goto_phase(self, phase: Phase) -> None:
        """Show a phase of the open milestone (replacing the phase screen on top, if any)."""
        if self.flow is None:
            return
        screen = screens.phase_screen(phase)(self.flow)
        if isinstance(self.screen, DashboardScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    # -- app-wide actions ------------------------------------------------------------------------------------
    def action_help(self) -> None:
        dialog = screens.help_for(self.screen)  # opens at this screen's keys
        if dialog is not None:
            self.push_screen(dialog)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        dashboard = next((s for s in self.screen_stack if isinstance(s, DashboardScreen)), None)
        yield from milestone_commands(self, self.flow is not None, dashboard)
