"""The phase header: where you are among the phases, the current one highlighted, done ones ticked.

Always one line: the full labels when they fit, short ones (``Epic › Spec › Breakdown ...``) when not, and on
very narrow terminals ``✓✓●○○○○ 3/7 Breakdown``. Colours come from component classes, so both themes work.
The ticks follow the reactive ``done`` (a phase screen binds it with ``data_bind``); nothing refreshes it by
hand.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.reactive import reactive
from textual.widget import Widget

from milestone_tui.core.model import Session
from milestone_tui.core.phases import PHASES, Phase

SHORT_LABELS: dict[Phase, str] = {
    Phase.EPIC: "Epic",
    Phase.SPEC: "Spec",
    Phase.BREAKDOWN: "Breakdown",
    Phase.ISSUES: "Issues",
    Phase.PLAN: "Plan",
    Phase.GITHUB: "GitHub",
    Phase.SUMMARY: "Summary",
}


class PhaseBar(Widget):
    """``M5  ✓ Epic › ✓ Specification › ● Breakdown › ...`` for one session and the phase on screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "phase-bar--id", "phase-bar--done", "phase-bar--current", "phase-bar--separator",
    }
    DEFAULT_CSS = """
    PhaseBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    PhaseBar > .phase-bar--id { text-style: bold; color: $text; }
    PhaseBar > .phase-bar--done { color: $text-success; }
    PhaseBar > .phase-bar--current { text-style: bold; color: $text; background: $primary 40%; }
    PhaseBar > .phase-bar--separator { color: $text-disabled; }
    """

    done: reactive[tuple[Phase, ...]] = reactive(())
    partial: reactive[tuple[Phase, ...]] = reactive(())  # done with questions left: ◐, not ✓

    def __init__(self, session: Session, current: Phase, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.current = current
        self.set_reactive(PhaseBar.done, tuple(session.done))
        self.set_reactive(PhaseBar.partial, session.partial_phases)

    def on_resize(self, event: Resize) -> None:
        self.refresh()  # the width decides which form fits

    def render(self) -> Text:
        styles = {name: self.get_component_rich_style(f"phase-bar--{name}", partial=True)
                  for name in ("id", "done", "current", "separator")}
        ticked = tuple(p for p in self.done if p not in self.partial)
        return self.fitting_text(self.session, self.current, self.content_size.width, styles, ticked,
                                 self.partial)

    @classmethod
    def fitting_text(cls, session: Session, current: Phase, width: int,
                     styles: dict[str, Style] | None = None, done: tuple[Phase, ...] | None = None,
                     partial: tuple[Phase, ...] = ()) -> Text:
        """The longest form of the bar that fits ``width`` cells (the last one always fits 20 cells)."""
        styles = styles or {}
        ticked = tuple(session.done) if done is None else done
        candidates = [cls.phase_text(session, current, False, styles, ticked, partial),
                      cls.phase_text(session, current, True, styles, ticked, partial),
                      cls.compact_text(session, current, styles, ticked, partial)]
        for text in candidates:
            if text.cell_len <= width:
                return text
        return candidates[-1]

    @staticmethod
    def phase_text(session: Session, current: Phase, short: bool = False,
                   styles: dict[str, Style] | None = None, done: tuple[Phase, ...] | None = None,
                   partial: tuple[Phase, ...] = ()) -> Text:
        styles = styles or {}
        ticked = tuple(session.done) if done is None else done
        text = Text()  # no base style: it would apply to every label appended below
        text.append(f"{session.display_id}  ", style=styles.get("id", "bold"))
        for index, phase in enumerate(PHASES):
            if index:
                text.append(" › ", style=styles.get("separator", "dim"))
            label = SHORT_LABELS[phase] if short else phase.label
            if phase is current:
                text.append(f"● {label}", style=styles.get("current", "bold reverse"))
            elif phase in ticked:
                text.append(f"✓ {label}", style=styles.get("done", "green"))
            elif phase in partial:
                text.append(f"◐ {label}")
            else:
                text.append(label)
        return text

    @staticmethod
    def compact_text(session: Session, current: Phase, styles: dict[str, Style] | None = None,
                     done: tuple[Phase, ...] | None = None, partial: tuple[Phase, ...] = ()) -> Text:
        """``M5 ✓✓●○○○○ 3/7 Breakdown``: one mark per phase, then where you are."""
        styles = styles or {}
        ticked = tuple(session.done) if done is None else done
        text = Text()
        text.append(f"{session.display_id} ", style=styles.get("id", "bold"))
        for phase in PHASES:
            if phase is current:
                text.append("●", style=styles.get("current", "bold reverse"))
            elif phase in ticked:
                text.append("✓", style=styles.get("done", "green"))
            elif phase in partial:
                text.append("◐")
            else:
                text.append("○")
        position = PHASES.index(current) + 1
        text.append(f" {position}/{len(PHASES)} ")
        text.append(SHORT_LABELS[current], style=styles.get("current", "bold reverse"))
        return text
