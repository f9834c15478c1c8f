"""The Textual application: a thin shell that opens milestones and moves between the phase screens.

All planning logic lives in the core (``service.MilestoneFlow`` and friends); the screens only call it.
Start-up stays close to a bare Textual app: this module imports no core module (pydantic, yaml, jinja2,
markdown-it are loaded by the dashboard's worker after its first frame, or when a milestone is opened), and
the GitHub layer is imported by the GitHub screen only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from milestone_tui.model import Phase
    from milestone_tui.screens.phase import PhaseScreen
    from milestone_tui.service import MilestoneFlow, OpenMode
    from milestone_tui.workspace import Workspace


def open_errors() -> tuple[type[Exception], ...]:
    """Everything opening a milestone may raise for a reason the user can fix (a locked or malformed folder,
    a roadmap that cannot be read, a bad session file): shown on the dashboard as one line, never a crash.
    (A function, so the core is imported when a milestone is opened, not at start-up.)"""
    from milestone_tui.artifacts_parse import ArtifactError
    from milestone_tui.roadmap import RoadmapError
    from milestone_tui.sessionfile import SessionFormatError
    from milestone_tui.workspace import WorkspaceError

    return (WorkspaceError, RoadmapError, ArtifactError, SessionFormatError, OSError)


def freeze_heap() -> None:
    """Keep the cyclic garbage collector's full passes off the keystroke path.

    With a milestone open the heap holds some 120,000 tracked objects (Textual's strip caches, the session,
    the preview's renders); a full collection then pauses the event loop for 60-90 ms, a dropped keystroke
    echo whenever it lands while typing. So once a screen is built, the objects alive are frozen: never
    scanned again (typing only creates short-lived ones). A forced ``gc.collect()`` here was tried: it runs
    the finalizers of whatever garbage is pending at that moment (in a test process, other apps'), so the
    collector keeps its own timing; ``release_heap`` hands the frozen objects back.
    """
    gc.freeze()


def release_heap() -> None:
    """Give every frozen object back to the collector (the dashboard: the milestone's screens are garbage
    now; quitting: the interpreter's clean-up at exit skips frozen objects, the terminal's files included)."""
    gc.unfreeze()


def phase_screen_class(phase: Phase) -> type[PhaseScreen]:
    """The screen class of a phase (imported on demand: only the screens actually visited are loaded)."""
    from milestone_tui.model import Phase

    if phase is Phase.EPIC:
        from milestone_tui.screens.epic import EpicScreen as screen
    elif phase is Phase.SPEC:
        from milestone_tui.screens.spec import SpecScreen as screen
    elif phase is Phase.BREAKDOWN:
        from milestone_tui.screens.breakdown import BreakdownScreen as screen
    elif phase is Phase.ISSUES:
        from milestone_tui.screens.issues import IssuesScreen as screen
    elif phase is Phase.PLAN:
        from milestone_tui.screens.plan import PlanScreen as screen
    elif phase is Phase.GITHUB:
        from milestone_tui.screens.github import GitHubScreen as screen
    else:
        from milestone_tui.screens.summary import SummaryScreen as screen
    return screen


class MilestoneApp(App[None]):
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

    def on_mount(self) -> None:
        from milestone_tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())
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
            from milestone_tui.dialogs.refine import RefineDialog

            def chosen(choice: str | None) -> None:
                if choice == "overwrite":
                    self.confirm_overwrite(milestone_id, quick=quick)
                elif choice == "refine":
                    self._open(milestone_id, quick, "refine", resume=False)

            self.push_screen(RefineDialog(report), chosen)
            return
        self._open(milestone_id, quick, mode or "new", resume=resume)

    def confirm_overwrite(self, milestone_id: str, quick: bool = False) -> None:
        """Overwrite after a confirmation that names what will be backed up."""
        from milestone_tui.dialogs.confirm import ConfirmDialog

        try:
            report = self.workspace.inspect(milestone_id)
        except open_errors() as exc:
            self.show_error(exc)
            return
        folder = self.workspace.relative(self.workspace.milestone_dir(milestone_id))
        found = [line for line in report.lines() if line.startswith("✓")]
        details = "\n".join([f"These files in {folder}/ will be backed up to .backups/ first:", *found]) \
            if report.has_artifacts else f"{folder}/ holds no artifacts yet."

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._open(milestone_id, quick, "overwrite", resume=False)

        self.push_screen(ConfirmDialog(f"Overwrite {milestone_id}?", details, yes="Overwrite"), confirmed)

    def _open(self, milestone_id: str, quick: bool, mode: OpenMode, resume: bool) -> None:
        from milestone_tui.service import FolderExistsError, MilestoneFlow

        if self.flow is not None:
            self.flow.close()
            self.flow = None
        try:
            flow = MilestoneFlow.open(self.workspace, milestone_id, quick=quick, mode=mode)
        except FolderExistsError as exc:
            from milestone_tui.dialogs.refine import RefineDialog

            def chosen(choice: str | None) -> None:
                if choice == "overwrite":
                    self.confirm_overwrite(milestone_id, quick=quick)
                elif choice == "refine":
                    self._open(milestone_id, quick, "refine", resume=False)

            self.push_screen(RefineDialog(exc.report), chosen)
            return
        except open_errors() as exc:
            self.show_error(exc)
            return
        self.flow = flow
        if quick:
            self._quick(flow)
            return
        session = flow.session
        self.goto_phase(session.current if resume else session.first_missing_phase)

    def show_error(self, error: Exception | str) -> None:
        """One line about a milestone that could not be opened: on the dashboard and as a notification."""
        from milestone_tui.screens.dashboard import DashboardScreen

        message = str(error) or type(error).__name__
        self.notify(message, severity="error", timeout=8)
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show_error(message)

    def _quick(self, flow: MilestoneFlow) -> None:
        """The seed's quick mode: show the proposed breakdown, then generate everything with defaults."""
        from milestone_tui.dialogs.choice import ChoiceDialog
        from milestone_tui.model import Phase

        issues = flow.propose()
        lines = ["Proposed breakdown:", *(f"  {issue.number}. {issue.title}" for issue in issues)]

        def chosen(choice: str | None) -> None:
            if choice == "yes":
                flow.quick_fill()
                self.notify("Generated with defaults: review and refine the specs")
                self.goto_phase(Phase.SUMMARY)
            elif choice == "customize":
                self.goto_phase(Phase.BREAKDOWN)
            else:
                self.close_milestone()

        title = f"Creating Milestone: {flow.session.milestone_id} (Quick Mode)"
        self.push_screen(ChoiceDialog(title, lines, ["yes", "customize", "no"]), chosen)

    def close_milestone(self) -> None:
        """Save, release the lock and go back to the dashboard."""
        from milestone_tui.screens.dashboard import DashboardScreen

        if self.flow is not None:
            self.flow.close()
            self.flow = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def goto_phase(self, phase: Phase) -> None:
        """Show a phase of the open milestone (replacing the phase screen on top, if any)."""
        from milestone_tui.screens.phase import PhaseScreen

        if self.flow is None:
            return
        screen = phase_screen_class(phase)(self.flow)
        if isinstance(self.screen, PhaseScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- app-wide actions ------------------------------------------------------------------------------------
    def action_help(self) -> None:
        from milestone_tui.dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and phases at a glance", self.action_help)
        yield SystemCommand("Toggle light/dark", "Switch between the light and dark theme",
                            self.action_toggle_theme)
        from milestone_tui.model import Phase

        if self.flow is not None:
            yield SystemCommand("Dashboard", "Save, close this milestone and go back", self.close_milestone)
            for phase in Phase:
                yield SystemCommand(f"Go to {phase.label}", f"Jump to the {phase.label} phase",
                                    lambda phase=phase: self.goto_phase(phase))
        else:
            from milestone_tui.screens.dashboard import DashboardScreen

            dashboards = [s for s in self.screen_stack if isinstance(s, DashboardScreen)]
            for row in dashboards[0].rows if dashboards else []:
                yield SystemCommand(f"Open {row.display_id} {row.title}", "Resume or start this milestone",
                                    lambda key=row.milestone_id: self.open_milestone(key))
