"""The Textual application: a thin shell that opens milestones and moves between the phase screens.

All planning logic lives in the core (``service.MilestoneFlow`` and friends); the screens only call it. The
dialogs asked on the way to a milestone are in ``opening``, the command palette's entries in ``palette``.
Start-up stays close to a bare Textual app: this module imports no core module (pydantic, yaml, jinja2,
markdown-it are loaded by the dashboard's worker after its first frame, or when a milestone is opened), and
the GitHub layer is imported by the GitHub screen only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from milestone_tui.tui.heap import release_heap
from milestone_tui.tui.opening import ask_overwrite, ask_quick, ask_refine, open_errors, phase_screen_class
from milestone_tui.tui.palette import milestone_commands
from milestone_tui.tui.safe_text import PlainNotifications

if TYPE_CHECKING:
    from milestone_tui.core.flow import MilestoneFlow, OpenMode
    from milestone_tui.core.model import Phase
    from milestone_tui.core.workspace import Workspace


class MilestoneApp(PlainNotifications, App[None]):
    """``create-milestone``: the dashboard, then one screen per phase of the open milestone."""

    CSS_PATH = "styles.tcss"
    TITLE = "create-milestone"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, workspace: Workspace, milestone_id: str | None = None, quick: bool = False,
                 mode: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.start_id = milestone_id
        self.start_quick = quick
        self.start_mode = mode
        self.flow: MilestoneFlow | None = None
        # milestone id -> the Plan screen's phases answer as typed (the session keeps the parsed phases)
        self.typed_plans: dict[str, str] = {}

    async def on_mount(self) -> None:
        from milestone_tui.tui.screens.dashboard import DashboardScreen

        # Composed and mounted before a milestone is opened, so an error opening it has its line to land on.
        await self.push_screen(DashboardScreen())
        if self.start_id:
            mode = self.start_mode if self.start_mode in ("new", "refine", "overwrite") else None
            self.open_milestone(self.start_id, quick=self.start_quick, mode=mode)  # type: ignore[arg-type]

    def on_unmount(self) -> None:
        if self.flow is not None:
            self.flow.close()
            self.flow = None
        release_heap()

    # -- opening and closing -------------------------------------------------------------------------------
    def open_milestone(self, milestone_id: str, *, quick: bool = False, mode: OpenMode | None = None,
                       resume: bool = False) -> None:
        """Open a milestone; an existing folder without an explicit mode asks refine | overwrite | abort."""
        try:
            report = self.workspace.inspect(milestone_id)
        except open_errors() as exc:
            self.show_error(exc)
            return
        if mode is None and report.exists and (report.has_artifacts or report.session):
            ask_refine(self, report, milestone_id, quick)
        else:
            self.open_now(milestone_id, quick, mode or "new", resume=resume)

    def confirm_overwrite(self, milestone_id: str, quick: bool = False) -> None:
        """Overwrite after a confirmation that names what will be backed up."""
        try:
            report = self.workspace.inspect(milestone_id)
        except open_errors() as exc:
            self.show_error(exc)
            return
        ask_overwrite(self, report, milestone_id, quick)

    def open_now(self, milestone_id: str, quick: bool, mode: OpenMode, resume: bool) -> None:
        """Open with the mode decided (a folder that appeared meanwhile still asks refine | overwrite)."""
        from milestone_tui.core.flow import MilestoneFlow
        from milestone_tui.errors import FolderExistsError

        if self.flow is not None:
            self.flow.close()
            self.flow = None
        try:
            flow = MilestoneFlow.open(self.workspace, milestone_id, quick=quick, mode=mode)
        except FolderExistsError as exc:
            ask_refine(self, exc.report, milestone_id, quick)
            return
        except open_errors() as exc:
            self.show_error(exc)
            return
        self.flow = flow
        for notice in flow.notices:  # hand edits read back, missing artifacts: said once, on opening
            self.notify(notice, timeout=6)
        if quick:
            ask_quick(self, flow)
        else:
            self.goto_phase(flow.session.current if resume else flow.session.first_missing_phase)

    def show_error(self, error: Exception | str) -> None:
        """One line about a milestone that could not be opened: on the dashboard and as a notification."""
        from milestone_tui.tui.screens.dashboard import DashboardScreen

        message = str(error) or type(error).__name__
        self.notify(message, severity="error", timeout=8)
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show_error(message)

    def close_milestone(self) -> None:
        """Save, release the lock and go back to the dashboard."""
        from milestone_tui.tui.screens.dashboard import DashboardScreen

        if self.flow is not None:
            self.flow.close()
            self.flow = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def goto_phase(self, phase: Phase) -> None:
        """Show a phase of the open milestone (replacing the phase screen on top, if any)."""
        from milestone_tui.tui.screens.phase import PhaseScreen

        if self.flow is None:
            return
        screen = phase_screen_class(phase)(self.flow)
        if isinstance(self.screen, PhaseScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- app-wide actions ------------------------------------------------------------------------------------
    def action_help(self) -> None:
        from milestone_tui.tui.dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from milestone_commands(self, screen)
