"""Pilot tests of the breakdown screen with a model configured (the fake server over real HTTP): the table
fills row by row as the reply streams, escape cancels and keeps the list as it was, ``u`` undoes the draft,
and the screen says who proposed the list."""

from __future__ import annotations

import asyncio
from pathlib import Path
from time import monotonic

import pytest
from textual.widgets import DataTable, Static

from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.drafting import streamed_rows
from milestone_tui.tui.widgets.streamed import StreamedRows
from tests.support.fake_openai import Answer, FakeOpenAI, reply_json
from tests.support.helpers import copy_demo

pytest.importorskip("openai")
TITLES = [f"Add drafted part {n}" for n in range(1, 7)]
REPLY = reply_json([{"title": t, "depends_on": [n] if n else []} for n, t in enumerate(TITLES)])


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    flow = MilestoneFlow.open(workspace := Workspace(copy_demo(tmp_path / "repo")), "m5")
    flow.set_answer("spec", "architecture", "HTTP endpoint, Kafka queue, consumer writes to TimescaleDB.")
    flow.complete(Phase.EPIC)
    flow.complete(Phase.SPEC)
    flow.close()
    return workspace


def _titles(table: DataTable[object]) -> list[str]:
    return [str(table.get_row_at(r)[1]) for r in range(table.row_count)]


def _on_screen(screen: BreakdownScreen) -> list[str]:
    """The titles shown: the streamed lines while a reply streams (in the table's place), else the table."""
    streamed = screen.query_one("#streamed", StreamedRows)
    return list(streamed.titles) if streamed.display else _titles(screen.query_one("#breakdown", DataTable))


async def _screen(app: MilestoneApp) -> BreakdownScreen:
    for _ in range(100):
        await asyncio.sleep(0.02)
        if isinstance(app.screen, BreakdownScreen):
            return app.screen
    raise AssertionError("no breakdown screen")


def test_streamed_rows_are_the_complete_objects_only() -> None:
    assert streamed_rows('{"issues": [{"title": "Add a", "depends_on": [') == []
    assert streamed_rows('{"issues": [{"title": "Add a"}, {"title": "Add b') == [("Add a", [])]
    assert streamed_rows('{"issues": [{"title": "Add a"}], "phases": [') == [("Add a", [])]


async def test_the_table_fills_row_by_row_then_undo(workspace: Workspace, fake: FakeOpenAI) -> None:
    fake.answers = [Answer(REPLY, chunk=6, delay=0.02)]
    config = ModelConfig("tiny-test", fake.url, timeout=5)
    app = MilestoneApp(workspace, "m5", mode="refine", model=config)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app)
        table = screen.query_one("#breakdown", DataTable)
        assert app.flow is not None
        rules = [i.title for i in app.flow.session.issues]
        spinner = str(screen.query_one("#drafting", Static).render())
        assert "tiny-test" in spinner and "127.0.0.1" in spinner
        seen: list[int] = []
        for _ in range(400):
            await pilot.pause(0.01)
            if screen.drafting is None:
                break
            shown = _on_screen(screen)
            if shown[:1] == TITLES[:1] and len(shown) not in seen:
                seen.append(len(shown))
                assert not table.display  # the streamed lines are in the table's place
                await pilot.press("d")  # no edit of a list that is not on screen
                assert [i.title for i in app.flow.session.issues] == rules
        assert len(seen) >= 3 and seen == sorted(seen)  # rows arrived one after another
        assert table.display and not screen.query_one("#streamed", StreamedRows).display
        assert [i.title for i in app.flow.session.issues] == TITLES and _titles(table) == TITLES
        assert "Proposed by: tiny-test" in str(screen.query_one("#proposed-by", Static).render())
        await pilot.press("u")
        await pilot.pause()
        assert [i.title for i in app.flow.session.issues] == rules and _titles(table) == rules
        assert "Proposed by: rules" in str(screen.query_one("#proposed-by", Static).render())


async def test_escape_cancels_and_keeps_the_list(workspace: Workspace, fake: FakeOpenAI) -> None:
    fake.answers = [Answer(REPLY, chunk=6, stall_after=30, stall_seconds=20)]
    config = ModelConfig("tiny-test", fake.url, timeout=20)
    app = MilestoneApp(workspace, "m5", mode="refine", model=config)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app)
        table = screen.query_one("#breakdown", DataTable)
        assert app.flow is not None
        rules = [i.title for i in app.flow.session.issues]
        for _ in range(300):
            await pilot.pause(0.01)
            if _on_screen(screen)[:1] == TITLES[:1]:
                break
        assert _on_screen(screen)[0] == TITLES[0]  # streaming rows are on screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BreakdownScreen) and screen.drafting is None
        assert _titles(table) == rules and [i.title for i in app.flow.session.issues] == rules
        assert table.display and _on_screen(screen) == rules and app.focused is table
        assert app.flow.session.draft is None
        assert not screen.query_one("#drafting", Static).display


async def test_a_fault_keeps_the_list_with_one_line(workspace: Workspace, fake: FakeOpenAI) -> None:
    fake.answers = [Answer(status=401)]
    app = MilestoneApp(workspace, "m5", mode="refine", model=ModelConfig("tiny-test", fake.url, timeout=5))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app)
        assert app.flow is not None
        rules = [i.title for i in app.flow.session.issues]
        for _ in range(200):
            await pilot.pause(0.01)
            if screen.drafting is None:
                break
        assert [i.title for i in app.flow.session.issues] == rules
        assert any("refused the key (401)" in n.message for n in app._notifications)


async def test_the_model_client_is_frozen_with_the_screens(workspace: Workspace, fake: FakeOpenAI,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a draft's reply begins, the client it imported is frozen out of the collector's full passes, as
    the milestone's screens are (``tui.heap``): once per draft, with the client loaded by then."""
    import sys

    from milestone_tui.tui.screens import drafting

    frozen: list[bool] = []
    monkeypatch.setattr(drafting, "freeze_heap", lambda: frozen.append("openai" in sys.modules))
    fake.answers = [Answer(REPLY, chunk=6, delay=0.01)]
    app = MilestoneApp(workspace, "m5", mode="refine", model=ModelConfig("tiny-test", fake.url, timeout=5))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app)
        for _ in range(400):
            await pilot.pause(0.01)
            if screen.drafting is None:
                break
        assert screen.drafting is None and frozen == [True]
        assert app.flow is not None and [i.title for i in app.flow.session.issues] == TITLES


async def test_the_spinner_steps_alone_or_with_a_frame_painted_anyway(workspace: Workspace,
                                                                     fake: FakeOpenAI) -> None:
    """The spinner keeps stepping with nothing else on screen, and a frame painted anyway (a key's echo,
    a row) carries its step once it is nearly due, instead of a frame of its own."""
    from milestone_tui.tui.screens import drafting

    fake.answers = [Answer(REPLY, chunk=6, stall_after=1, stall_seconds=10)]
    app = MilestoneApp(workspace, "m5", mode="refine", model=ModelConfig("tiny-test", fake.url, timeout=20))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app)
        line = screen.query_one("#drafting", Static)
        start = screen._frame
        await pilot.pause(0.5)
        assert screen._frame - start >= 4  # about 10 steps a second on its own
        screen._stepped = monotonic() - drafting.STEP_EARLY  # the last step 75 ms ago: nearly due
        before, glyph = screen._frame, str(line.render())[0]
        screen.request_paint()  # the step shares this frame
        assert screen._frame == before + 1 and str(line.render())[0] != glyph
        screen.request_paint()  # just stepped: no second step for the next frame
        assert screen._frame == before + 1
        assert screen.cancel_draft()
