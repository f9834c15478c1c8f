"""Opening a milestone from the TUI: the errors the user can fix, the screen of each phase, and the questions
asked on the way (refine | overwrite | abort, the overwrite confirmation, quick mode's proposed breakdown).

``MilestoneApp`` keeps the public entry points (``open_milestone``, ``confirm_overwrite``); the dialogs they
push are built here. The core and the screens are imported inside the functions: this module is loaded with
the app, before the dashboard's first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from milestone_tui.errors import MilestoneError

if TYPE_CHECKING:
    from milestone_tui.core.flow import MilestoneFlow
    from milestone_tui.core.model import Phase
    from milestone_tui.core.workspace import FolderReport
    from milestone_tui.tui.app import MilestoneApp
    from milestone_tui.tui.screens.phase import PhaseScreen


def open_errors() -> tuple[type[Exception], ...]:
    """Everything opening a milestone may raise for a reason the user can fix (a locked or malformed folder,
    a roadmap that cannot be read, a bad session file): shown on the dashboard as one line, never a crash."""
    return (MilestoneError, OSError)


def phase_screen_class(phase: Phase) -> type[PhaseScreen]:
    """The screen class of a phase (imported on demand: only the screens actually visited are loaded)."""
    from milestone_tui.core.model import Phase

    if phase is Phase.EPIC:
        from milestone_tui.tui.screens.epic import EpicScreen as screen
    elif phase is Phase.SPEC:
        from milestone_tui.tui.screens.spec import SpecScreen as screen
    elif phase is Phase.BREAKDOWN:
        from milestone_tui.tui.screens.breakdown import BreakdownScreen as screen
    elif phase is Phase.ISSUES:
        from milestone_tui.tui.screens.issues import IssuesScreen as screen
    elif phase is Phase.PLAN:
        from milestone_tui.tui.screens.plan import PlanScreen as screen
    elif phase is Phase.GITHUB:
        from milestone_tui.tui.screens.github import GitHubScreen as screen
    else:
        from milestone_tui.tui.screens.summary import SummaryScreen as screen
    return screen


def ask_refine(app: MilestoneApp, report: FolderReport, milestone_id: str, quick: bool) -> None:
    """The seed's "Milestone folder exists" question: refine opens it, overwrite asks for a confirmation."""
    from milestone_tui.tui.dialogs.refine import RefineDialog

    def chosen(choice: str | None) -> None:
        if choice == "overwrite":
            app.confirm_overwrite(milestone_id, quick=quick)
        elif choice == "refine":
            app.open_now(milestone_id, quick, "refine", resume=False)

    app.push_screen(RefineDialog(report), chosen)


def ask_overwrite(app: MilestoneApp, report: FolderReport, milestone_id: str, quick: bool) -> None:
    """Overwrite after a confirmation that names what will be backed up."""
    from milestone_tui.tui.dialogs.confirm import ConfirmDialog

    folder = app.workspace.relative(app.workspace.milestone_dir(milestone_id))
    found = [line for line in report.lines() if line.startswith("✓")]
    details = "\n".join([f"These files in {folder}/ will be backed up to .backups/ first:", *found]) \
        if report.has_artifacts else f"{folder}/ holds no artifacts yet."

    def confirmed(yes: bool | None) -> None:
        if yes:
            app.open_now(milestone_id, quick, "overwrite", resume=False)

    app.push_screen(ConfirmDialog(f"Overwrite {milestone_id}?", details, yes="Overwrite"), confirmed)


def ask_quick(app: MilestoneApp, flow: MilestoneFlow) -> None:
    """The seed's quick mode: show the proposed breakdown, then generate everything with defaults."""
    from milestone_tui.core.model import Phase
    from milestone_tui.tui.dialogs.choice import ChoiceDialog

    issues = flow.propose()
    lines = ["Proposed breakdown:", *(f"  {issue.number}. {issue.title}" for issue in issues)]

    def chosen(choice: str | None) -> None:
        if choice == "yes":
            flow.quick_fill()
            app.notify("Generated with defaults: review and refine the specs")
            app.goto_phase(Phase.SUMMARY)
        elif choice == "customize":
            app.goto_phase(Phase.BREAKDOWN)
        else:
            app.close_milestone()

    title = f"Creating Milestone: {flow.session.milestone_id} (Quick Mode)"
    app.push_screen(ChoiceDialog(title, lines, ["yes", "customize", "no"]), chosen)
