"""The TUI's typed messages: every transition a screen asks for, and every event of a running sync.

Screens never call the App's methods to move: they post ``Navigate``, ``OpenMilestone`` or
``CloseMilestone``, which bubble up to the App (handled there with ``@on``). A running sync's events
arrive as ``SyncMessage`` (each one is a line of the log, none is dropped) plus a ``SyncProgress`` for the
bar, where a newer one replaces an older one still queued (``can_replace``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from milestone_tui.core.phases import Phase

if TYPE_CHECKING:  # only a running sync makes a SyncMessage; its events are not needed before
    from milestone_tui.github.events import SyncEvent

OpenMode = Literal["new", "refine", "overwrite"]


class Navigate(Message):
    """Show a phase of the open milestone."""

    def __init__(self, phase: Phase) -> None:
        super().__init__()
        self.phase = phase


class CloseMilestone(Message):
    """Save, release the lock and go back to the dashboard."""


@dataclass
class OpenRequest:
    """How to open a milestone: ``mode`` None asks refine | overwrite | abort when the folder holds work;
    ``confirm_overwrite`` asks before an overwrite; ``resume`` lands where the planner stopped; ``phase``
    lands on that phase (the palette's "Sync": the GitHub phase)."""

    milestone_id: str
    quick: bool = False
    mode: OpenMode | None = None
    resume: bool = False
    confirm_overwrite: bool = False
    phase: Phase | None = None


class OpenMilestone(Message):
    """Open a milestone (from the dashboard, the palette or the command line)."""

    def __init__(self, request: OpenRequest) -> None:
        super().__init__()
        self.request = request


class SyncMessage(Message):
    """One event of the running sync (``milestone_tui.github.events``)."""

    def __init__(self, event: SyncEvent) -> None:
        super().__init__()
        self.event = event


class SyncProgress(Message):
    """``done`` of ``total`` issues synced: only the newest one matters to the progress bar."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SyncProgress)
