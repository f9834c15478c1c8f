"""The streamed rows' log: a line appended repaints the log, never a layout of the whole screen (a key typed
elsewhere waited for that layout), and it still scrolls, follows the last line and shows its scrollbar."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Log

from milestone_tui.tui.widgets.streamed import AppendLog, StreamedRows


class RowsApp(App[None]):
    """The streamed rows under an input, in a box smaller than the rows to come."""

    CSS = "StreamedRows { height: 8; }"

    def compose(self) -> ComposeResult:
        yield Input()
        yield StreamedRows()


def _count_layouts(log: Log, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    asked: list[int] = []
    original = log.refresh

    def refresh(*regions: Any, layout: bool = False, **kwargs: Any) -> Any:
        if layout:
            asked.append(1)
        return original(*regions, layout=layout, **kwargs)

    monkeypatch.setattr(log, "refresh", refresh)
    return asked


async def test_appended_rows_do_not_lay_out_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    app = RowsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.query_one(StreamedRows)
        log = rows.lines
        assert isinstance(log, AppendLog)
        rows.begin()
        await pilot.pause()
        asked = _count_layouts(log, monkeypatch)
        for n in range(20):
            rows.add([(f"Add part {n + 1}", [n] if n else [])], n)
            await pilot.pause()
        assert asked == []  # a plain Log asks for one per line (its virtual size is a layout reactive)
        assert log.show_vertical_scrollbar
        assert log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y  # the last line is on screen
        assert log.vertical_scrollbar.window_virtual_size == 20  # the thumb follows the length
        assert rows.titles[-1] == "Add part 20" and "Add part 20" in log.lines[-1]
        log.scroll_home(animate=False)
        await pilot.pause()
        assert log.scroll_y == 0  # the first rows can be scrolled back to


async def test_begin_empties_the_rows() -> None:
    app = RowsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.query_one(StreamedRows)
        rows.add([("Add one", [])], 0)
        rows.begin()
        rows.add([("Add two", [1])], 0)
        await pilot.pause()
        assert rows.titles == ["Add two"]
        assert rows.lines.virtual_size.height == 1
