"""The command palette's entries (ctrl+p): help, the theme, and either the open milestone's phases or the
dashboard's milestones. Each entry posts the same message a screen would (``tui.messages``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual.app import App, SystemCommand

from milestone_tui.core.dashboard import DashboardRow
from milestone_tui.core.phases import PHASES
from milestone_tui.tui.messages import CloseMilestone, Navigate, OpenMilestone, OpenRequest


def milestone_commands(app: App[Any], milestone_open: bool,
                       rows: Sequence[DashboardRow]) -> Iterable[SystemCommand]:
    """The app's own palette entries, after Textual's (``App.get_system_commands`` yields those)."""
    yield SystemCommand("Help", "Keys and phases at a glance", lambda: app.run_action("help"))
    yield SystemCommand("Toggle light/dark", "Switch between the light and dark theme",
                        lambda: app.run_action("toggle_theme"))
    if milestone_open:
        yield SystemCommand("Dashboard", "Save, close this milestone and go back",
                            lambda: app.post_message(CloseMilestone()))
        for phase in PHASES:
            yield SystemCommand(f"Go to {phase.label}", f"Jump to the {phase.label} phase",
                                lambda phase=phase: app.post_message(Navigate(phase)))
        return
    for row in rows:
        request = OpenRequest(row.milestone_id, mode="refine" if row.report.exists else None, resume=True)
        yield SystemCommand(f"Open {row.display_id} {row.title}", "Resume or start this milestone",
                            lambda request=request: app.post_message(OpenMilestone(request)))
