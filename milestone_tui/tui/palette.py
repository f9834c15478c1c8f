"""The command palette's entries (ctrl+p): help, the theme, and either the open milestone's phases or the
dashboard's milestones.

Kept out of ``app.py`` so the application class stays a thin shell; the core (``model.Phase``) is imported
only when the palette is opened, never at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from milestone_tui.tui.app import MilestoneApp


def milestone_commands(app: MilestoneApp, screen: Screen) -> Iterable[SystemCommand]:
    """The app's own palette entries, after Textual's (``App.get_system_commands`` yields those)."""
    yield SystemCommand("Help", "Keys and phases at a glance", app.action_help)
    yield SystemCommand("Toggle light/dark", "Switch between the light and dark theme",
                        app.action_toggle_theme)
    from milestone_tui.core.model import Phase

    if app.flow is not None:
        yield SystemCommand("Dashboard", "Save, close this milestone and go back", app.close_milestone)
        for phase in Phase:
            yield SystemCommand(f"Go to {phase.label}", f"Jump to the {phase.label} phase",
                                lambda phase=phase: app.goto_phase(phase))
    else:
        from milestone_tui.tui.screens.dashboard import DashboardScreen

        dashboards = [s for s in app.screen_stack if isinstance(s, DashboardScreen)]
        for row in dashboards[0].rows if dashboards else []:
            yield SystemCommand(f"Open {row.display_id} {row.title}", "Resume or start this milestone",
                                lambda key=row.milestone_id: app.open_milestone(key))
