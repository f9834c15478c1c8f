"""Know when a frame is painted: a hook on the app's display step, and keys sent like a terminal sends them.

Textual composes every frame into a ``CompositorUpdate`` and hands it to ``App._display``; headless, that
method drops it without turning it into terminal bytes. The hook renders each frame to the escape sequences a
real terminal would receive (so painting is paid for, as on a real terminal), stamps the time, and resolves
any waiter whose condition now holds. The hook is set on the instance, so the app's class (and the CSS path
Textual derives from the class's module) is untouched.
"""

from __future__ import annotations

import asyncio
import time
import types
from collections.abc import Callable
from typing import Any

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App

Check = Callable[[], bool]


class FrameClock:
    """Installed on an app: counts frames and wakes ``wait_frame`` callers on the first frame that shows
    what they wait for."""

    def __init__(self, app: App[Any], paint: bool = True) -> None:
        self.app = app
        self.paint = paint
        self.frames = 0
        self.last_frame = 0.0
        self._waiters: list[tuple[Check, asyncio.Future[float]]] = []
        original = app._display

        def display(this: App[Any], screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            if self.paint and isinstance(renderable, CompositorUpdate):
                renderable.render_segments(this.console)  # what a terminal driver would write
            now = time.perf_counter()
            self.frames += 1
            self.last_frame = now
            for waiter in list(self._waiters):
                check, future = waiter
                if not future.done() and check():
                    future.set_result(now)
                    self._waiters.remove(waiter)

        app._display = types.MethodType(display, app)  # type: ignore[method-assign]

    async def wait_frame(self, check: Check, timeout: float = 10.0) -> float | None:
        """The perf_counter time of the first frame painted while ``check()`` holds (None on timeout)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        waiter = (check, future)
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            return None


def send_key(app: App[Any], char: str) -> float:
    """Post one printable key the way the terminal driver does; returns the perf_counter time it was sent."""
    event = events.Key(char, char)
    event.set_sender(app)
    sent = time.perf_counter()
    assert app._driver is not None
    app._driver.send_message(event)
    return sent


async def settle(seconds: float = 0.1) -> None:
    """Let timers (the preview's render worker) and pending refreshes run out."""
    await asyncio.sleep(seconds)
