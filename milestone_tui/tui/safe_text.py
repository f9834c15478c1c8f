"""User text on screen: shown as it is, never parsed as Rich markup, with terminal escapes removed.

Roadmap titles, issue titles, answers and error lines are data. Rich would read ``[/]`` or ``[bold red]`` in
them as markup (and raise ``MarkupError`` on ``[/]``), and an ANSI or OSC escape sequence typed in a
roadmap would reach the terminal. ``plain_text`` gives a ``Text`` with no markup and no escapes, for
``Static`` and ``Label``; ``escape_markup`` for ``DataTable`` cells (kept as strings, so a cell reads back
as its text with only bracket tags escaped) and other Rich markup strings.
"""

from __future__ import annotations

import re

from rich.markup import escape
from rich.text import Text
from textual.notifications import Notify, SeverityLevel
from textual.widgets import Static

MAX_TOASTS = 2  # notifications shown at once: a burst (one per hand-edited file) must not climb over the form

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-character escapes, and C0/C1 controls
# except tab and newline.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
                      r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_escapes(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and newline stay)."""
    return _ESCAPES.sub("", text)


def plain_text(text: object, style: str = "") -> Text:
    """A ``Text`` that shows ``text`` literally: brackets are brackets, escapes are gone."""
    return Text(strip_escapes(str(text)), style=style)


def show_plain(widget: Static, text: object) -> None:
    """Show ``text`` in ``widget`` as :func:`plain_text`, only if it differs from what it shows.

    An update is a layout pass of the widget's container even when the text is the same; views refreshed
    on every keystroke (the plan's assignment, the issue list's ticks) would otherwise pay one per key.
    """
    content = plain_text(text)
    if widget.content != content:
        widget.update(content)


def escape_markup(text: object) -> str:
    """``text`` as a Rich markup string that renders literally (escapes removed, tags escaped)."""
    return escape(strip_escapes(str(text)))


class PlainNotifications:
    """Mixed into the App: every notification shows its message as text (a title or an error line may hold
    ``[/]``), with escapes removed. Screens and widgets notify through the app, so this covers them all.
    At most ``MAX_TOASTS`` are shown, the newest: the toasts sit over the preview (the right half), and a
    stack of them would otherwise grow up over the form."""

    def _on_notify(self, event: Notify) -> None:
        # Runs before App._on_notify (Textual calls each class's handler along the MRO), which adds the new
        # one: the oldest go first.
        live = list(self._notifications)  # type: ignore[attr-defined]
        for old in live[: max(0, len(live) - (MAX_TOASTS - 1))]:
            self._unnotify(old, refresh=False)  # type: ignore[attr-defined]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        super().notify(strip_escapes(str(message)), title=strip_escapes(title),  # type: ignore[misc]
                       severity=severity, timeout=timeout, markup=False)
