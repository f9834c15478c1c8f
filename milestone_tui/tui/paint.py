"""Paint a change in the next frame, not one or two frame slots later: the one place reaching into Textual.

Textual paints a screen from an update timer (at most one frame per 1/60 s) that sleeps while nothing is
dirty. When a change wakes it after an idle spell it paints at once, and then skips ahead: its next slot is
17-33 ms away, not 0-17. A keystroke wakes it for the echo, so what the keystroke changes a few milliseconds
later (the preview's blocks, once the render worker is done) waited for that slot: two frames at 60 fps,
the preview's p95 of 37 ms whatever the plan's size. And a next key's echo waited behind that frame.

So a keystroke's echo, and the preview's change once its worker is done, are painted at once, by calling the
screen's own frame step: the method the timer calls, which Textual's own ``Pilot.pause`` calls the same way.
It is private (``Screen._on_timer_update`` in Textual 8), and Textual has no public "paint now"; if a later
Textual renames it, :func:`paint_now` does nothing and the change waits for the next slot again (the
``typing`` and ``preview`` benchmarks would show it; ``tests/tui/test_startup.py`` says so first).

A widget's refresh reaches its screen as a message, from the widget's own idle step: painting in the same
call as the change would paint nothing. :class:`PaintsOnRequest` paints when the screen's queue runs dry
instead, which is after those messages have arrived: at every idle step for a few milliseconds, as something
else can wake the screen first (a key, a timer), and a step with nothing dirty paints nothing.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from textual.screen import Screen


def paint_now(screen: Screen[Any]) -> None:
    """Lay out and paint what is dirty on ``screen`` now, if it is the screen on display."""
    step = getattr(screen, "_on_timer_update", None)
    if callable(step) and screen.is_current:
        step()


class PaintsOnRequest:
    """Screen mixin: :meth:`request_paint` paints the changes just made at the screen's next idle steps,
    instead of at the update timer's next slot."""

    PAINT_WINDOW: float = 0.008  # seconds after a request during which every idle step paints
    _paint_until: float = 0.0

    def request_paint(self) -> None:
        self._paint_until = monotonic() + self.PAINT_WINDOW

    def on_idle(self) -> None:
        # Before Screen's own idle step: what this paints is no longer dirty there, so the timer stays asleep.
        if self._paint_until and isinstance(self, Screen):
            if monotonic() <= self._paint_until:
                paint_now(self)
            else:
                self._paint_until = 0.0


def request_paint(screen: Screen[Any]) -> None:
    """Paint ``screen`` as soon as the changes just made reach it (at the timer's next slot on a screen that
    is not :class:`PaintsOnRequest`)."""
    if isinstance(screen, PaintsOnRequest):
        screen.request_paint()
