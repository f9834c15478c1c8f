"""Keys typed ahead of a screen change land on the screen that comes next, never on the one being left.

``alt+n`` runs as the app reads it, and its ``Navigate`` reaches the app after the keys the planner typed
behind it: those were handed, one by one, to the widget focused at the time, the answer just left, which
took them as its own text ("Late detectionsHTTP endpoint"). A screen that is leaving first takes the focus
off its form, so the keys come to the screen itself; it holds each one and gives it back to the app a moment
later, until the next screen shows and its first field takes them. A screen that has not focused a field
yet (it is still mounting) does the same, a bounded number of times.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.screen import Screen

HAND_BACK_AFTER = 0.02  # seconds: a frame or so, the next screen's mount and focus in the meantime


class TypesAhead(Screen[Any]):
    """A screen that passes on keys it gets while it is leaving or before its first field has the focus."""

    MAX_HANDED_BACK: ClassVar[int] = 400  # keys: a screen that never focuses anything does not loop forever
    SETTLE_AFTER: ClassVar[float] = 0.5  # seconds after the mount: by then a screen has focused what it will
    leaving: bool = False
    _settled: bool = False  # a field had the focus once (or the mount is long past): keys are its own now
    _handed_back: int = 0

    def on_mount(self) -> None:
        self.set_timer(self.SETTLE_AFTER, self._settle)

    @on(events.DescendantFocus)
    def _settle(self) -> None:
        self._settled = True

    def leave(self) -> None:
        """From now on, the keys typed are for the next screen (call before posting the navigation)."""
        self.leaving = True
        self.set_focus(None)

    def on_key(self, event: events.Key) -> None:
        if not self.leaving and (self._settled or self.focused is not None):
            return  # an ordinary key that no widget took: the screen's bindings come next
        if self._handed_back >= self.MAX_HANDED_BACK:  # nothing came to take them (8 s): stop holding
            self.leaving = False
            return
        self._handed_back += 1
        event.stop()
        event.prevent_default()
        key = events.Key(event.key, event.character)
        self.set_timer(HAND_BACK_AFTER, lambda: self.app.post_message(key))
