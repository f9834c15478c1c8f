"""Freezing and releasing the garbage collector's view of the heap, so full GC passes stay off the keys.

A UI-side helper (the screens call it once they are built): it imports nothing from the core, so the
dashboard's first frame stays as cheap as a bare Textual app.
"""

from __future__ import annotations

import gc


def freeze_heap() -> None:
    """Keep the cyclic garbage collector's full passes off the keystroke path.

    With a milestone open the heap holds some 120,000 tracked objects (Textual's strip caches, the session,
    the preview's renders); a full collection then pauses the event loop for 60-90 ms, a dropped keystroke
    echo whenever it lands while typing. So once a screen is built, the objects alive are frozen: never
    scanned again (typing only creates short-lived ones). A forced ``gc.collect()`` here was tried: it runs
    the finalizers of whatever garbage is pending at that moment (in a test process, other apps'), so the
    collector keeps its own timing; ``release_heap`` hands the frozen objects back.
    """
    gc.freeze()


def release_heap() -> None:
    """Give every frozen object back to the collector (the dashboard: the milestone's screens are garbage
    now; quitting: the interpreter's clean-up at exit skips frozen objects, the terminal's files included)."""
    gc.unfreeze()
