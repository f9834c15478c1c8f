"""Issue 11.7 in the TUI, against the emulator (real HTTP on 127.0.0.1): an issue edited on GitHub and in
its spec since the last sync stops the sync before any write, and the GitHub screen asks for that issue:
keep GitHub's (into the spec), keep ours (onto GitHub), both in $EDITOR (a fake editor script: the merge
goes into the spec and onto GitHub; markers left send nothing), or the diff first; escape sends nothing."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.edit_conflict import EditConflictDialog
from milestone_tui.tui.screens.github import GitHubScreen
from milestone_tui.tui.widgets.wrap_log import WrapLog
from tests.support.emulator import Emulator
from tests.support.helpers import synced_quick
from tests.tui.test_github import FAST, REPO, SIZE, TOKEN, finished, start_sync, until

NOTE = "Keeps up with 1000 events a second"  # a criterion typed on GitHub


@pytest.fixture
def emu() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO,)).start()
    yield server
    server.stop()


@pytest.fixture
def edited(tmp_path: Path, emu: Emulator,
           monkeypatch: pytest.MonkeyPatch) -> tuple[Workspace, dict[str, Any]]:
    """M5 synced once; then issue 02's criteria edited on GitHub and in its spec."""
    monkeypatch.setenv("GH_TOKEN", emu.token)
    monkeypatch.setenv("GITHUB_API_URL", emu.url)
    monkeypatch.delenv("GH_REPO", raising=False)
    monkeypatch.setattr(GitHubScreen, "SYNC_OPTIONS", FAST)
    workspace = synced_quick(tmp_path / "repo", emu.url, REPO, FAST)
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        number = flow.session.issues[1].github_issue
        flow.set_issue_details(2, ["Rejects 101 requests a minute from one sensor"])
        flow.write()
    on_github = next(g for g in emu.repo(REPO).issues if g["number"] == number)
    on_github["body"] = on_github["body"].replace("## Acceptance Criteria\n\n",
                                                  f"## Acceptance Criteria\n\n- [ ] {NOTE}\n")
    return workspace, on_github


async def ask(pilot: Any) -> tuple[GitHubScreen, EditConflictDialog]:
    screen = await start_sync(pilot)
    await until(pilot, lambda: isinstance(pilot.app.screen, EditConflictDialog), "the edit question")
    dialog = pilot.app.screen
    assert isinstance(dialog, EditConflictDialog)
    return screen, dialog


def log_text(screen: GitHubScreen) -> str:
    """The log's lines as one text, wrapped lines joined again."""
    return " ".join(" ".join(screen.query_one("#sync-log", WrapLog).lines).split())


async def test_keep_githubs_after_looking_at_the_diff(edited: tuple[Workspace, dict[str, Any]],
                                                      emu: Emulator) -> None:
    workspace, on_github = edited
    before = len(emu.writes())
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen, dialog = await ask(pilot)
        assert emu.writes()[before:] == []  # stopped before any write
        assert f"#{on_github['number']}" in str(dialog.query_one(".dialog-body", Static).render())
        diff = dialog.query_one("#edit-diff")
        assert not diff.display
        await pilot.press("d")
        await pilot.pause()
        assert diff.display and f"-- [ ] {NOTE}" in str(dialog.query_one("#edit-diff-text", Static).render())
        for button in ("#keep-theirs", "#keep-ours", "#show-diff"):  # all three on screen at 80x24
            assert dialog.query_one(button).region.bottom <= 24
        await pilot.press("t")
        await until(pilot, lambda: finished(screen), "the second run")
        assert "GitHub's text goes into the spec" in log_text(screen)
    assert not [w for w in emu.writes()[before:] if w[1].endswith(f"/issues/{on_github['number']}")]
    session = workspace.load_session("m5")
    assert session is not None and NOTE in session.issues[1].acceptance  # GitHub's text, in the spec
    spec = (workspace.milestone_dir("m5") / session.issues[1].filename).read_text(encoding="utf-8")
    assert NOTE in spec


async def test_keep_ours_overwrites_github(edited: tuple[Workspace, dict[str, Any]], emu: Emulator) -> None:
    workspace, on_github = edited
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen, _dialog = await ask(pilot)
        await pilot.click("#keep-ours")
        await until(pilot, lambda: finished(screen), "the second run")
        assert "issues done" in log_text(screen)
    assert NOTE not in on_github["body"] and "Rejects 101 requests" in on_github["body"]


async def test_escape_sends_nothing_and_asks_again_next_time(edited: tuple[Workspace, dict[str, Any]],
                                                             emu: Emulator) -> None:
    workspace, on_github = edited
    before = len(emu.writes())
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen, _dialog = await ask(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: "Not synced: nothing was sent" in log_text(screen), "the refusal")
        assert "--theirs" not in log_text(screen)  # the command line's flags are not for this screen
        assert not screen.query_one("#sync").disabled
    assert emu.writes()[before:] == [] and NOTE in on_github["body"]


# -- the third way: both in $EDITOR ------------------------------------------------------------------------
@contextmanager
def _no_suspend(self: Any) -> Iterator[None]:
    yield  # the headless test driver cannot suspend; the fake editor needs no terminal


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_markers: bool = False) -> Path:
    """$EDITOR: a script that copies what it was given aside (``seen.md``), then keeps both sides by
    deleting the marker lines, or (``keep_markers``) leaves the file as it was."""
    seen = tmp_path / "seen.md"
    script = tmp_path / "merge-editor"
    merge = "" if keep_markers else (
        "text = ''.join(l for l in open(path) if not l.startswith(('<<<<<<< ', '>>>>>>> ', '=======')))\n"
        "open(path, 'w').write(text)\n")
    script.write_text(f"#!{sys.executable}\nimport shutil, sys\npath = sys.argv[1]\n"
                      f"shutil.copy(path, {str(seen)!r})\n{merge}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr(MilestoneApp, "suspend", _no_suspend)
    return seen


def notices(app: MilestoneApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_both_in_the_editor_merge_into_the_spec_and_onto_github(
        edited: tuple[Workspace, dict[str, Any]], emu: Emulator, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workspace, on_github = edited
    seen = fake_editor(tmp_path, monkeypatch)
    number = on_github["number"]
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen, dialog = await ask(pilot)
        assert dialog.query_one("#edit-both").region.right <= 80  # the fourth button fits at 80 columns
        await pilot.press("e")
        await until(pilot, lambda: finished(screen), "the run with the merge")
        assert "your merge, now in the spec, goes to GitHub" in log_text(screen)
    shown = seen.read_text(encoding="utf-8")
    assert f"<<<<<<< GitHub #{number}\n" in shown and ">>>>>>> this spec\n" in shown  # labelled sides
    assert f"- [ ] {NOTE}" in shown and "Rejects 101 requests a minute from one sensor" in shown
    session = workspace.load_session("m5")
    assert session is not None
    spec = (workspace.milestone_dir("m5") / session.issues[1].filename).read_text(encoding="utf-8")
    for text in (spec, on_github["body"]):  # the merge in the spec file, and sent as ours
        assert NOTE in text and "Rejects 101 requests a minute from one sensor" in text
        assert "<<<<<<<" not in text
    assert NOTE in session.issues[1].acceptance


async def test_markers_left_in_the_merge_send_nothing_and_say_where_it_is(
        edited: tuple[Workspace, dict[str, Any]], emu: Emulator, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workspace, on_github = edited
    fake_editor(tmp_path, monkeypatch, keep_markers=True)
    spec_path = next(workspace.milestone_dir("m5").glob("02-*.md"))
    spec_before, before = spec_path.read_text(encoding="utf-8"), len(emu.writes())
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen, dialog = await ask(pilot)
        await pilot.press("e")
        await until(pilot, lambda: "conflict markers" in notices(app), "the notice")
        kept = Path(re.search(r"your edit is in (\S+)", notices(app)).group(1))  # type: ignore[union-attr]
        assert "<<<<<<< GitHub #" in kept.read_text(encoding="utf-8")  # the edit is not lost
        await until(pilot, lambda: isinstance(app.screen, EditConflictDialog), "the question again")
        await pilot.press("escape")
        await until(pilot, lambda: "Not synced: nothing was sent" in log_text(screen), "the refusal")
    assert emu.writes()[before:] == [] and NOTE in on_github["body"]
    assert spec_path.read_text(encoding="utf-8") == spec_before
    kept.unlink()


async def test_without_an_editor_one_notice_and_the_question_again(
        edited: tuple[Workspace, dict[str, Any]], emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace, on_github = edited
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen, dialog = await ask(pilot)
        await pilot.press("e")
        await until(pilot, lambda: "no $EDITOR" in notices(app), "the notice")
        await until(pilot, lambda: isinstance(app.screen, EditConflictDialog) and app.screen is not dialog,
                    "the question again")
        assert len(app._notifications) == 1 and "keep GitHub's or keep ours" in notices(app)
        await pilot.press("o")
        await until(pilot, lambda: finished(screen), "the run")
    assert NOTE not in on_github["body"] and "Rejects 101 requests" in on_github["body"]
