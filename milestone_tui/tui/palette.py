"""The command palette's entries (ctrl+p): help, the theme, and either the open milestone's phases or the
dashboard's actions and milestones. Each entry posts the same message a screen would (``tui.messages``) or
runs the dashboard's own action.

Textual lists the entries of an empty search alphabetically: the phases are named ``Phase 1: Epic`` ... so
that order is the phases' order, and the dashboard's actions name the milestone they act on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand

from milestone_tui.core.phases import PHASES, Phase
from milestone_tui.tui.messages import CloseMilestone, Navigate, OpenMilestone, OpenRequest

if TYPE_CHECKING:
    from milestone_tui.tui.screens.dashboard import DashboardScreen


def milestone_commands(app: App[Any], milestone_open: bool,
                       dashboard: DashboardScreen | None) -> Iterable[SystemCommand]:
    """The app's own palette entries, after Textual's (``App.get_system_commands`` yields those)."""
    yield SystemCommand("Help", "Keys and phases at a glance", lambda: app.run_action("help"))
    yield SystemCommand("Toggle light/dark", "Switch between the light and dark theme",
                        lambda: app.run_action("toggle_theme"))
    if milestone_open:
        yield SystemCommand("Dashboard", "Save, close this milestone and go back",
                            lambda: app.post_message(CloseMilestone()))
        for number, phase in enumerate(PHASES, start=1):
            yield SystemCommand(f"Phase {number}: {phase.label}", f"Go to the {phase.label} phase",
                                lambda phase=phase: app.post_message(Navigate(phase)))
        return
    if dashboard is None:
        return
    yield from dashboard_actions(app, dashboard)
    for row in dashboard.rows:
        request = OpenRequest(row.milestone_id, mode="refine" if row.report.exists else None, resume=True)
        yield SystemCommand(f"Open {row.display_id} {row.title}", "Resume or start this milestone",
                            lambda request=request: app.post_message(OpenMilestone(request)))


def dashboard_actions(app: App[object], dashboard: DashboardScreen) -> Iterable[SystemCommand]:
    """The dashboard's keys as entries, for the highlighted milestone (each says which one it acts on)."""
    row = dashboard.selected
    if row is None:
        return
    name = row.display_id
    yield SystemCommand(f"Start {name} (ctrl+n)", "Plan it from the roadmap, question by question",
                        dashboard.action_start)
    yield SystemCommand(f"Quick mode {name} (ctrl+g)", "Fill everything from the roadmap, then review",
                        dashboard.action_quick)
    if row.report.has_work:
        yield SystemCommand(f"Overwrite {name} (ctrl+o)", "Start afresh; the old files are backed up first",
                            dashboard.action_overwrite)
    if row.report.has_artifacts:
        yield SystemCommand(f"View {name}'s artifacts (f3)", "Read the written files", dashboard.action_view)
    if row.github != "—":  # planned: there is something to sync
        request = OpenRequest(row.milestone_id, mode="refine", phase=Phase.GITHUB)
        yield SystemCommand(f"Sync {name} to GitHub", "Open it at the GitHub phase",
                            lambda: app.post_message(OpenMilestone(request)))
