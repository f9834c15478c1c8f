"""The roadmap context panel: the milestone's title, scope and dependencies, as the seed prints them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from milestone_tui.core.model import Session


class RoadmapContext(Static):
    """``Title / Scope / Dependencies`` of the milestone being planned (from the roadmap, if any)."""

    DEFAULT_CSS = """
    RoadmapContext {
        height: auto;
        max-height: 10;  /* long scopes and dependencies wrap: room for them, not a cut */
        padding: 0 1;
        border: round $primary 50%;
        border-title-color: $primary;
    }
    """

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(self.context_text(session), id=id)
        self.border_title = "Roadmap context"

    @staticmethod
    def context_text(session: Session) -> Text:
        text = Text()
        milestone = session.roadmap
        if milestone is None:
            text.append(f"{session.display_id}: not on the roadmap", style="italic")
            return text
        rows = [
            ("Title", milestone.title or "—"),
            ("Scope", ", ".join(milestone.scope) or "—"),
            ("Dependencies", ", ".join(milestone.dependencies) or "none"),
        ]
        for index, (label, value) in enumerate(rows):
            if index:
                text.append("\n")
            text.append(f"{label}: ", style="bold")
            text.append(value)
        return text
