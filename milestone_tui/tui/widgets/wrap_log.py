"""A ``Log`` whose lines wrap to its width (a long sync error or issue title is read whole, not cut).

Textual's ``Log`` never wraps. This one keeps the lines as written (``entries``) and shows each wrapped to
the width it has, continuation lines indented; on a resize it wraps them again. It follows new lines
(``auto_scroll``) while the reader has not scrolled up, also after it shrank: ``Log`` follows only when the
view is at the end at the moment a line comes, and a log that loses rows (the GitHub screen's, when the
progress bar comes) is no longer at its end, so the sync's lines went on below the fold.
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
        self._following = True  # at the end, or only moved from it by a resize: new lines scroll to them

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._following = new_value >= self.max_scroll_y  # the reader scrolled up (or back down to the end)

    def _follow(self) -> None:
        if self.auto_scroll and self._following and not self.is_vertical_scrollbar_grabbed:
            self.scroll_end(animate=False, immediate=True, x_axis=False)

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
        if scroll_end is not False:
            self._follow()
        return self

    def write_lines(self, lines: Iterable[str], scroll_end: bool | None = None) -> WrapLog:
        new = list(lines)
        self.entries.extend(new)
        super().write_lines([part for line in new for part in self._wrap(line)], scroll_end)
        if scroll_end is not False:
            self._follow()
        return self

    def clear(self) -> WrapLog:
        self.entries = []
        self._following = True
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
        self._follow()
