"""Pilot: a note typed in the issue screen and a hand edit of the same spec are never resolved silently.

Reopening asks with the diff (keep mine | keep the file | $EDITOR); so does Next on the phase; escape and a
missing $EDITOR keep both. The note is never lost.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.conflict import ConflictDialog
from tests.support.helpers import planned_quick, with_hand_note

SIZE = (120, 40)
NOTE = "Typed in the TUI: keep the replay window at 24h."
HAND = "Edited by hand: the schema lives in proto/."


@pytest.fixture
def spec(workspace: Workspace) -> Path:
    """M5 planned in quick mode; its first issue spec."""
    return planned_quick(workspace)


def hand_edit(path: Path) -> str:
    text = with_hand_note(path.read_text(), HAND)
    path.write_text(text)
    return text


async def until(pilot: Pilot[Any], check: Any, what: str, deadline: float = 10) -> None:
    end = time.monotonic() + deadline
    while not check():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        await pilot.pause(0.05)


async def type_note(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, MilestoneApp)
    await until(pilot, lambda: app.screen.__class__.__name__ == "GitHubScreen", "the milestone to open")
    landed = app.screen
    app.goto_phase(Phase.ISSUES)
    await until(pilot, lambda: app.screen.__class__.__name__ == "IssuesScreen", "the issue screen")
    await until(pilot, lambda: not landed.is_attached, "the GitHub screen to go")
    notes = app.screen.query_one("#notes", TextArea)
    notes.focus()
    notes.insert(NOTE)
    await pilot.pause()


async def typed_then_edited(workspace: Workspace, spec: Path) -> str:
    """The issue's walk: a note typed in the TUI, the app quit, the spec edited by hand."""
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await type_note(pilot)
        await app.action_quit()
    saved = workspace.load_session("m5")
    assert saved is not None and saved.issue(1).notes == NOTE
    return hand_edit(spec)


def notes(workspace: Workspace) -> str:
    saved = workspace.load_session("m5")
    assert saved is not None
    return saved.issue(1).notes


@contextlib.contextmanager
def _no_suspend(self: Any) -> Iterator[None]:
    yield  # the headless test driver cannot suspend; the editor below needs no terminal


async def test_reopen_asks_and_keep_mine_writes_the_note(workspace: Workspace, spec: Path) -> None:
    edited = await typed_then_edited(workspace, spec)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert f"+{NOTE}" in dialog.conflict.diff and f"-{HAND}" in dialog.conflict.diff
        assert spec.read_text() == edited  # nothing written while it asks
        await pilot.press("m")
        await until(pilot, lambda: app.flow is not None, "the milestone to open")
    assert NOTE in spec.read_text() and HAND not in spec.read_text()
    assert notes(workspace) == NOTE


async def test_keep_the_file_reads_it_back(workspace: Workspace, spec: Path) -> None:
    edited = await typed_then_edited(workspace, spec)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
        await pilot.click("#keep-file")
        await until(pilot, lambda: app.flow is not None, "the milestone to open")
        assert app.flow is not None and HAND in app.flow.session.issue(1).notes
    assert spec.read_text() == edited and HAND in notes(workspace)


async def test_editor_merges_both(workspace: Workspace, spec: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    await typed_then_edited(workspace, spec)
    editor = tmp_path / "merge-editor"
    editor.write_text("#!/bin/sh\nsed -i -e '/^<<<<<<< /d' -e '/^=======$/d' -e '/^>>>>>>> /d' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setattr(MilestoneApp, "suspend", _no_suspend)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
        await pilot.press("e")
        await until(pilot, lambda: app.flow is not None, "the milestone to open")
    assert NOTE in spec.read_text() and HAND in spec.read_text()
    assert NOTE in notes(workspace) and HAND in notes(workspace)


@pytest.mark.parametrize("how", ["escape", "no editor"])
async def test_undecided_keeps_both_and_asks_again(workspace: Workspace, spec: Path, how: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    edited = await typed_then_edited(workspace, spec)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
        await pilot.press("escape" if how == "escape" else "e")
        await until(pilot, lambda: app.flow is not None, "the milestone to open")
        assert app.flow is not None and app.flow.pending
        await app.action_quit()
    assert spec.read_text() == edited and notes(workspace) == NOTE
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog again")


async def test_next_on_the_phase_asks(workspace: Workspace, spec: Path) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await type_note(pilot)
        edited = hand_edit(spec)  # edited by hand while the note is being typed
        screen = app.screen
        assert app.flow is not None
        for _ in app.flow.session.issues:  # Next walks the issues, then completes the phase
            screen.action_next()  # type: ignore[attr-defined]
            await pilot.pause()
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
        assert spec.read_text() == edited
        await pilot.press("m")
        await until(pilot, lambda: app.screen.__class__.__name__ == "PlanScreen", "the next phase")
    assert NOTE in spec.read_text() and notes(workspace) == NOTE


async def test_the_three_choices_show_at_80x24(workspace: Workspace, spec: Path) -> None:
    await typed_then_edited(workspace, spec)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
        await pilot.pause()
        for button in ("#keep-mine", "#keep-file", "#open-editor"):
            region = app.screen.query_one(button).region
            assert region.height > 0 and region.bottom <= 24 and region.right <= 80, button
