"""Pilot tests of the breakdown screen's editing: dependencies in a checked dialog, titles renamed in place,
undo of both, the one-line phase bar, and the layout at 80x24 and 160x50 (and resizing between them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Input, Static

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.depends_on import DependsOnDialog, parse_numbers
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.widgets.phase_bar import PhaseBar
from tests.support.helpers import copy_demo

DEPS_COLUMN = 2


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    root = tmp_path / "repo"
    copy_demo(root)
    flow = MilestoneFlow.open(workspace := Workspace(root), "m5")
    flow.set_answer("spec", "architecture", "HTTP endpoint, Kafka queue, consumer writes to TimescaleDB.")
    flow.complete(Phase.EPIC)
    flow.complete(Phase.SPEC)
    flow.close()
    return workspace


async def open_breakdown(pilot: Pilot[None]) -> BreakdownScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BreakdownScreen)
    return screen


async def set_deps(pilot: Pilot[None], text: str) -> DependsOnDialog | None:
    """Press p, replace the input's text, press enter; the dialog if it is still open (an error)."""
    await pilot.press("p")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, DependsOnDialog)
    dialog.query_one("#depends-input", Input).value = text
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen if isinstance(pilot.app.screen, DependsOnDialog) else None


def test_parse_numbers() -> None:
    assert parse_numbers("1, 3") == [1, 3]
    assert parse_numbers(" #1 #03;2 ") == [1, 3, 2]
    assert parse_numbers("") == []
    with pytest.raises(ValueError, match="'x' is not an issue number"):
        parse_numbers("1, x")


async def test_depends_on_dialog_validates_applies_and_undoes(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakdown(pilot)
        flow = app.flow
        assert flow is not None
        table = screen.query_one("#breakdown", DataTable)
        proposed = [list(i.depends_on) for i in flow.session.issues]  # the proposer's (issue 9)
        assert all(d < n for n, deps in enumerate(proposed, 1) for d in deps)
        table.move_cursor(row=2)  # issue #3
        assert await set_deps(pilot, "1, 2") is None
        assert flow.session.issues[2].depends_on == [1, 2]
        assert table.get_row_at(2)[DEPS_COLUMN] == "#1, #2"
        assert workspace.load_session("m5").issues[2].depends_on == [1, 2]  # type: ignore[union-attr]
        row = next(line for line in screen.preview_text().splitlines() if line.startswith("| 03 |"))
        assert row.endswith("| #01, #02 |")  # what the preview is given to show
        # the dialog opens prefilled with the current list
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#depends-input", Input).value == "1, 2"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and flow.session.issues[2].depends_on == [1, 2]
        # refused: itself, an unknown number, a cycle (#1 -> #3 while #3 depends on #1); the dialog stays
        table.move_cursor(row=0)
        for text, message in (("1", "cannot depend on itself"), ("42", "There is no issue #42"),
                              ("3", "would be a cycle (#1 → #3 → #1)"), ("one", "not an issue number")):
            dialog = await set_deps(pilot, text)
            assert dialog is not None
            error = str(dialog.query_one("#depends-error", Static).render())
            assert message in error and error.startswith("✗") and "\n" not in error.strip()
            await pilot.press("escape")
            await pilot.pause()
        assert [i.depends_on for i in flow.session.issues][:3] == [*proposed[:2], [1, 2]]
        # undo takes the change back
        await pilot.press("u")
        await pilot.pause()
        assert flow.session.issues[2].depends_on == proposed[2]
        assert table.get_row_at(2)[DEPS_COLUMN] == (", ".join(f"#{d}" for d in proposed[2]) or "—")


async def test_rename_in_place_commits_cancels_and_undoes(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakdown(pilot)
        flow = app.flow
        assert flow is not None
        table = screen.query_one("#breakdown", DataTable)
        row = screen.query_one("#rename-row")
        assert not row.display
        table.move_cursor(row=1)
        old = flow.session.issues[1].title
        await pilot.press("e")
        await pilot.pause()
        editor = screen.query_one("#prompt-input", Input)
        assert row.display and app.focused is editor and editor.value == old
        assert editor.region.height >= 1  # on screen at 80x24
        assert editor.cursor_position == len(old)  # typing appends, it does not wipe the title
        await pilot.press(*" v2")  # letters that are also screen keys (a, d, e...) go to the editor
        await pilot.press("a", "d")
        assert editor.value == old + " v2ad"
        await pilot.press("escape")  # cancels the rename, does not leave the screen
        await pilot.pause()
        assert app.screen is screen and not row.display and app.focused is table
        assert flow.session.issues[1].title == old
        await pilot.press("f2", *" v2", "enter")
        await pilot.pause()
        assert flow.session.issues[1].title == f"{old} v2"
        assert table.get_row_at(1)[1] == f"{old} v2" and table.cursor_row == 1
        assert workspace.load_session("m5").issues[1].title == f"{old} v2"  # type: ignore[union-attr]
        await pilot.press("u")
        await pilot.pause()
        assert flow.session.issues[1].title == old and table.get_row_at(1)[1] == old


async def test_a_key_in_the_title_editor_asks_for_its_frame_at_once(workspace: Workspace,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor keeps its changes from the screen (a title is not an answer), so it asks for the key's
    frame itself, as every answer does: not the update timer's next slot (``tui.paint``), which after any
    other frame (a cursor blink, a streaming model draft's spinner and rows) is up to 17 ms away."""
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_breakdown(pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = screen.query_one("#prompt-input", Input)
        start = editor.value
        asked: list[str] = []  # the editor's text at each request: one per key, after the key
        monkeypatch.setattr(screen, "request_paint", lambda: asked.append(editor.value))
        await pilot.press(*"xyz")
        await pilot.pause()
        typed = [value for value in asked if value != start]  # (the preview may ask too, for its own frame)
        assert typed == [start + "x", start + "xy", start + "xyz"]


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_breakdown_fits_and_resizes(workspace: Workspace, size: tuple[int, int]) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=size) as pilot:
        screen = await open_breakdown(pilot)
        bar = screen.query_one(PhaseBar)
        table = screen.query_one("#breakdown", DataTable)
        preview = screen.query_one("#preview")

        def check(width: int, height: int) -> None:
            assert bar.region.height == 1
            assert "Breakdown" in str(bar.render())
            assert bar.render().cell_len <= width - 2  # type: ignore[union-attr]
            for widget in (table, preview, screen.query_one("#next"), screen.query_one("#back")):
                region = widget.region
                assert region.height >= 1 and region.right <= width and region.bottom <= height - 1
            # the table shows every issue's number and title at full width, the preview below it
            assert table.region.width >= width - 4
            assert preview.region.y > table.region.y and preview.region.width >= width - 2
            assert table.region.height >= min(len(app.flow.session.issues) + 1, 8)  # type: ignore[union-attr]

        check(*size)
        other = (160, 50) if size == (80, 24) else (80, 24)
        await pilot.resize_terminal(*other)
        await pilot.pause()
        check(*other)


async def test_footer_names_the_table_keys(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakdown(pilot)
        await pilot.pause()
        shown = footer_keys(screen)
        assert {"Add", "Del", "Rename", "Depends", "Split", "Merge", "Move"} <= shown
        assert not {"Undo", "Redo"} & shown  # nothing to undo yet
        await pilot.press("d")
        await pilot.pause()
        assert "Undo" in footer_keys(screen) and "Redo" not in footer_keys(screen)  # after d: "u Undo"
        assert "u undo" in str(list(app._notifications)[-1].message)
        await pilot.press("u")
        await pilot.pause()
        assert "Redo" in footer_keys(screen)
        footer = screen.query_one(Footer)
        keys = list(footer.query("FooterKey"))
        assert all(key.region.right <= 80 and key.region.width > 0 for key in keys)


def footer_keys(screen: BreakdownScreen) -> set[str]:
    """The descriptions of the keys the footer shows now."""
    return {b.description for _, b, enabled, _ in screen.active_bindings.values() if b.show and enabled}


async def test_redo_makes_the_undone_edit_again(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_breakdown(pilot)
        titles = [i.title for i in screen.session.issues]
        await pilot.press("shift+down", "d")  # move #1 down, then delete it (now #2)
        await pilot.pause()
        after = [i.title for i in screen.session.issues]
        assert after == [titles[1], *titles[2:]]
        await pilot.press("u", "u")
        await pilot.pause()
        assert [i.title for i in screen.session.issues] == titles
        await pilot.press("U")  # shift+u
        await pilot.pause()
        assert [i.title for i in screen.session.issues] == [titles[1], titles[0], *titles[2:]]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [i.title for i in screen.session.issues] == after
        await pilot.press("ctrl+y")  # nothing left to redo: the list stays
        await pilot.pause()
        assert [i.title for i in screen.session.issues] == after
        await pilot.press("u", "a")  # a new edit after an undo: what was undone cannot come back
        await pilot.pause()
        await pilot.press(*"New one", "enter")
        await pilot.pause()
        assert "New one" in [i.title for i in screen.session.issues] and not screen.history.can_redo
    saved = workspace.load_session("m5")
    assert saved is not None and "New one" in [i.title for i in saved.issues]


@pytest.mark.parametrize(("width", "expected"), [
    (120, "M5  ✓ Epic › ✓ Specification › ● Breakdown › Issue details"),
    (78, "M5  ✓ Epic › ✓ Spec › ● Breakdown › Issues › Plan › GitHub › Summary"),
    (40, "M5 ✓✓●○○○○ 3/7 Breakdown"),
])
def test_phase_bar_fits_one_line(workspace: Workspace, width: int, expected: str) -> None:
    session = workspace.load_session("m5")
    assert session is not None
    text = PhaseBar.fitting_text(session, Phase.BREAKDOWN, width)
    assert text.plain.startswith(expected) and text.cell_len <= width
