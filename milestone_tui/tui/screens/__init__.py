"""The TUI's screens: the dashboard, one screen per phase, and the artifact viewer.

This module is the registry, and the app's one lazy seam for start-up: a phase screen's module (the preview's
markdown renderer, the GitHub events, the core's flow) loads when it is first needed, never before the
dashboard's first frame; so do the viewer and the help dialog. ``phase_screen(phase)`` gives a phase's
screen class, ``opening()`` the module that opens a milestone (``tui.opening``, which loads the core's
flow), ``help_for(screen)`` the help dialog. ``SCREENS_CSS`` is the stylesheet of every screen but the
dashboard.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from milestone_tui.core.phases import Phase

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from milestone_tui.tui.screens.phase import PhaseScreen
    from milestone_tui.tui.screens.viewer import ArtifactViewer

# The styles of every screen but the dashboard: PhaseScreen, ArtifactViewer and Dialog name it as their
# CSS_PATH, so Textual parses it when the first of them is shown, not for the dashboard's first frame.
SCREENS_CSS = Path(__file__).resolve().parent.parent / "screens.tcss"

_REGISTRY: dict[Phase, tuple[str, str]] = {
    Phase.EPIC: ("epic", "EpicScreen"),
    Phase.SPEC: ("spec", "SpecScreen"),
    Phase.BREAKDOWN: ("breakdown", "BreakdownScreen"),
    Phase.ISSUES: ("issues", "IssuesScreen"),
    Phase.PLAN: ("plan", "PlanScreen"),
    Phase.GITHUB: ("github", "GitHubScreen"),
    Phase.SUMMARY: ("summary", "SummaryScreen"),
}
# Loaded in a thread after the dashboard's first frame, so the first open does not wait for them.
WARM_UP = ("milestone_tui.tui.opening", f"{__name__}.viewer",
           *(f"{__name__}.{module}" for module, _ in _REGISTRY.values()))


def phase_screen(phase: Phase) -> type[PhaseScreen]:
    """The screen class of a phase (its module is imported the first time it is asked for)."""
    module, name = _REGISTRY[phase]
    screen: type[PhaseScreen] = getattr(import_module(f"{__name__}.{module}"), name)
    return screen


def artifact_viewer() -> type[ArtifactViewer]:
    """The read-only artifact viewer (its Markdown widget is not needed for the dashboard's first frame)."""
    viewer: type[ArtifactViewer] = import_module(f"{__name__}.viewer").ArtifactViewer
    return viewer


def help_for(screen: object) -> ModalScreen[None] | None:
    """The help dialog, opened at ``screen``'s keys; None when ``screen`` is the help already."""
    module = import_module("milestone_tui.tui.dialogs.help")
    if isinstance(screen, module.HelpDialog):
        return None
    dialog: ModalScreen[None] = module.HelpDialog(module.topics_for(screen))
    return dialog


def opening() -> ModuleType:
    """``milestone_tui.tui.opening``: the coroutine that asks and opens (it imports the core's flow)."""
    return import_module("milestone_tui.tui.opening")


def warm_up() -> None:
    """Import what opening a milestone needs (run in a thread worker, after the first frame)."""
    for name in WARM_UP:
        import_module(name)
