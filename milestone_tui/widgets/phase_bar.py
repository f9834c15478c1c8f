"""The phase header: where you are among the phases, the current one highlighted, done ones ticked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from milestone_tui.model import PHASES, Phase, Session


class PhaseBar(Static):
    """``✓ Epic › ● Specification › Breakdown › ...`` for one session and the phase on screen."""

    DEFAULT_CSS = """
    PhaseBar {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, session: Session, current: Phase, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.current = current

    def on_mount(self) -> None:
        self.refresh_phases()

    def refresh_phases(self) -> None:
        """Re-render after the session's ``done`` list changed."""
        self.update(self.phase_text(self.session, self.current))

    @staticmethod
    def phase_text(session: Session, current: Phase) -> Text:
        text = Text(f"{session.display_id}  ", style="bold")
        for index, phase in enumerate(PHASES):
            if index:
                text.append(" › ", style="dim")
            if phase is current:
                text.append(f"● {phase.label}", style="bold reverse")
            elif session.is_done(phase):
                text.append(f"✓ {phase.label}", style="green")
            else:
                text.append(phase.label)
        return text
