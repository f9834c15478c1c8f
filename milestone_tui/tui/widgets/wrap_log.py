"""A ``Log`` whose lines wrap to its width (a long sync error or issue title is read whole, not cut).

Textual's ``Log`` never wraps. This one keeps the lines as written (``entries``) and shows each wrapped to
the width it has, continuation lines indented; on a resize it wraps them again. It follows new lines
(``auto_scroll``) as ``Log`` does.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from textual.events import Resize
from textual.widgets import Log

INDENT = "    "


class WrapLog(Log):
    """``write_line`` / ``write_lines`` as in ``Log``, wrapped; ``entries`` are the unwrapped lines."""

    def __init__(self, *, id: str | None = None, auto_scroll: bool = True) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, auto_scroll=auto_scroll)
        self.entries: list[str] = []
        self._wrapped_at = 0

    def _wrap_width(self) -> int:
        return self.scrollable_content_region.width

    def _wrap(self, line: str) -> list[str]:
        width = self._wrap_width()
        if width < 2 * len(INDENT) or len(line) <= width:
            return [line]
        return textwrap.wrap(line, width, subsequent_indent=INDENT, break_long_words=True,
                             break_on_hyphens=False, drop_whitespace=False) or [line]

    def write_line(self, line: str, scroll_end: bool | None = None) -> WrapLog:
        self.entries.append(line)
        super().write_lines(self._wrap(line), scroll_end)
        return self

    def write_lines(self, lines: Iterable[str], scroll_end: bool | None = None) -> WrapLog:
        new = list(lines)
        self.entries.extend(new)
        super().write_lines([part for line in new for part in self._wrap(line)], scroll_end)
        return self

    def clear(self) -> WrapLog:
        self.entries = []
        return super().clear()

    def on_resize(self, event: Resize) -> None:
        width = self._wrap_width()
        if width != self._wrapped_at and self.entries:
            self._wrapped_at = width
            entries = self.entries
            super().clear()
            super().write_lines([part for line in entries for part in self._wrap(line)])
        else:
            self._wrapped_at = width
