"""The issue-details screen's criteria as a list (add, edit, move, delete, as text), labels per issue, and
undo/redo of every change, each driven with the keys a planner presses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Footer, Input, TextArea

from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.text_prompt import TextPrompt
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.widgets.criteria import CriteriaList
from tests.support.helpers import copy_demo
from tests.tui.test_proposal_screens import opened_at, settle
from tests.tui.test_seed import send_keys, type_text

SIZE = (120, 36)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return opened_at(copy_demo(tmp_path / "repo"), Phase.ISSUES)


async def open_issues(pilot: Pilot[None]) -> IssuesScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IssuesScreen)
    return screen


async def type_criteria(pilot: Pilot[None], screen: IssuesScreen, *items: str) -> None:
    """Type the criteria into the empty issue's text box, then escape to the list."""
    assert pilot.app.focused is screen.query_one("#acceptance", TextArea)
    await type_text(pilot, "\n".join(items))
    await pilot.press("escape")
    await pilot.pause()


async def prompt(pilot: Pilot[None], text: str, clear: bool = False) -> None:
    """Answer the text dialog that a/e opened: optionally clear its input, type, enter."""
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, TextPrompt)
    if clear:
        dialog.query_one("#prompt-input", Input).value = ""
    await type_text(pilot, text + "\n")
    await pilot.pause()


def shown(screen: IssuesScreen) -> list[str]:
    return screen.query_one("#criteria", CriteriaList).items


def footer_keys(screen: IssuesScreen) -> set[str]:
    return {b.description for _, b, enabled, _ in screen.active_bindings.values() if b.show and enabled}


async def test_add_edit_move_delete_criteria_as_items(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        assert screen.as_text  # an issue without criteria opens on the text box
        await type_criteria(pilot, screen, "Accepts events", "Rejects bad JSON")
        criteria = screen.query_one("#criteria", CriteriaList)
        assert not screen.as_text and app.focused is criteria and criteria.display
        assert not screen.query_one("#acceptance").display
        assert shown(screen) == ["Accepts events", "Rejects bad JSON"]
        await pilot.press("a")  # after the highlighted one (the first)
        await prompt(pilot, "Returns 202")
        assert shown(screen) == ["Accepts events", "Returns 202", "Rejects bad JSON"]
        assert criteria.highlighted == 1  # on the new one
        await pilot.press("down", "e")  # the dialog holds the criterion, the cursor at its end
        await prompt(pilot, " (400)")
        assert shown(screen)[2] == "Rejects bad JSON (400)"
        await pilot.press("e")
        await prompt(pilot, "Rejects invalid JSON with 400", clear=True)
        assert shown(screen)[2] == "Rejects invalid JSON with 400"
        await pilot.press("shift+up", "shift+up")  # to the top
        assert shown(screen) == ["Rejects invalid JSON with 400", "Accepts events", "Returns 202"]
        assert criteria.highlighted == 0
        await pilot.press("down", "enter")  # enter edits too; escape leaves it as it was
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert shown(screen) == ["Rejects invalid JSON with 400", "Returns 202"]
        assert any("u undo" in str(n.message) for n in app._notifications)
        assert "Undo" in footer_keys(screen)
        assert screen.session.issue(1).acceptance == shown(screen)
        assert "- [ ] Returns 202" in screen.preview_text()
    saved = workspace.load_session("m5")
    assert saved is not None and saved.issue(1).acceptance == ["Rejects invalid JSON with 400", "Returns 202"]


async def test_refused_edits_say_why_and_change_nothing(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        await type_criteria(pilot, screen, "Accepts events")
        await pilot.press("a")
        await prompt(pilot, "accepts events")
        assert shown(screen) == ["Accepts events"]
        assert any("Criterion 1 says that already" in str(n.message) for n in app._notifications)
        await pilot.press("d", "d")  # the second d on an empty list does nothing
        await pilot.pause()
        assert shown(screen) == [] and screen.session.issue(1).acceptance == []
        await pilot.press("e", "shift+down")  # nothing to edit or move
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("a")  # an empty list adds at the end
        await prompt(pilot, "Logs each request")
        assert shown(screen) == ["Logs each request"]


async def test_undo_and_redo_walk_every_step(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        await type_criteria(pilot, screen, "One", "Two")  # one step: the typing
        await pilot.press("a")
        await prompt(pilot, "Three")
        await pilot.press("shift+down", "d")
        await pilot.pause()
        states = [[], ["One", "Two"], ["One", "Three", "Two"], ["One", "Two", "Three"], ["One", "Two"]]
        assert shown(screen) == states[-1] and "Redo" not in footer_keys(screen)
        for state in reversed(states[:-1]):
            await pilot.press("u")
            await pilot.pause()
            assert shown(screen) == state == screen.session.issue(1).acceptance
        assert "Undo" not in footer_keys(screen) and "Redo" in footer_keys(screen)
        await pilot.press("U", "ctrl+y")  # shift+u and ctrl+y both redo
        await pilot.pause()
        assert shown(screen) == states[2]
        await pilot.press("a")  # a new edit: the rest cannot be redone
        await prompt(pilot, "Four")
        assert "Redo" not in footer_keys(screen) and shown(screen) == ["One", "Four", "Three", "Two"]
    saved = workspace.load_session("m5")
    assert saved is not None and saved.issue(1).acceptance == ["One", "Four", "Three", "Two"]


async def test_undo_goes_back_to_the_issue_it_changed(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        await type_criteria(pilot, screen, "First issue's")
        await pilot.press("ctrl+down")  # the next issue: no criteria, so the text box has the focus
        await pilot.pause()
        assert screen.index == 1 and app.focused is screen.query_one("#acceptance")
        screen.query_one("#issue-list").focus()
        await pilot.press("u")
        await pilot.pause()
        assert screen.index == 0 and screen.session.issue(1).acceptance == []


async def test_text_mode_and_back(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        await type_criteria(pilot, screen, "One", "Two")
        await pilot.press("t")
        await pilot.pause()
        area = screen.query_one("#acceptance", TextArea)
        assert screen.as_text and app.focused is area and area.text == "One\nTwo"
        assert area.cursor_location == area.document.end  # a new line goes at the end
        assert "As list" in footer_keys(screen)
        await send_keys(pilot, *["backspace"] * 20)  # all of it gone: escape still goes back to the list
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.as_text and shown(screen) == [] and app.screen is screen
        await pilot.press("t")
        await type_text(pilot, "One\nTwo\nThree")
        await pilot.press("tab")  # leaving the box shows the list again
        await pilot.pause()
        assert not screen.as_text and shown(screen) == ["One", "Two", "Three"]
        assert app.focused is screen.query_one("#notes")
        # An issue with criteria opens as the list; escape in an empty text box is the dashboard still.
        await pilot.press("ctrl+down", "ctrl+up")
        await pilot.pause()
        assert not screen.as_text and screen.index == 0
        await pilot.press("ctrl+down")
        await pilot.pause()
        screen.query_one("#acceptance").focus()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_labels_are_kept_rendered_and_undoable(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        labels = screen.query_one("#labels", Input)
        labels.focus()
        await type_text(pilot, "backend, api, Backend")
        await pilot.pause()
        assert screen.session.issue(1).labels == ["backend", "api"]
        assert "labels: [backend, api]" in screen.preview_text()
        assert screen.history.can_undo and "Undo" not in footer_keys(screen)  # in a text field u is a u
        labels.value = "backend, api, " + "x" * 51  # too long for GitHub: said, and not taken
        await pilot.pause()
        note = str(screen.query_one("#labels-note").render())
        assert "at most 50 characters" in note and screen.session.issue(1).labels == ["backend", "api"]
        labels.value = "backend, api"
        await pilot.pause()
        screen.query_one("#issue-list").focus()  # the typing is over: one step
        await pilot.press("ctrl+down", "ctrl+up")
        await pilot.pause()
        assert labels.value == "backend, api"  # shown again with the issue
        await pilot.press("u")
        await pilot.pause()
        assert screen.session.issue(1).labels == [] and labels.value == ""
        await pilot.press("U")
        await pilot.pause()
        assert labels.value == "backend, api"
        await pilot.press("alt+n")  # through the issues, then Next twice (the warning, then done)
        for _ in range(len(screen.session.issues) + 1):
            await pilot.press("alt+n")
            await pilot.pause()
    saved = workspace.load_session("m5")
    assert saved is not None and saved.is_done(Phase.ISSUES) and saved.issue(1).labels == ["backend", "api"]
    spec = (workspace.milestone_dir("m5") / saved.issue(1).filename).read_text()
    assert yaml.safe_load(spec.split("---")[1])["labels"] == ["backend", "api"]


async def test_footer_fits_80_columns_after_an_edit(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_issues(pilot)
        await type_criteria(pilot, screen, "One", "Two")
        await pilot.press("d", "u")
        await pilot.pause()
        # t: the list's label says it; F5 (the issue on GitHub) too
        wanted = {"Add", "Edit", "Del", "Move", "Next", "Back", "Undo", "Redo", "GitHub"}
        assert wanted <= footer_keys(screen)
        keys = list(screen.query_one(Footer).query("FooterKey"))
        assert keys and all(key.region.right <= 80 and key.region.width > 0 for key in keys)


@pytest.mark.parametrize("box", ["#acceptance", "#notes"])
async def test_ctrl_j_is_a_newline_in_the_criteria_and_notes(workspace: Workspace, box: str) -> None:
    """The epic taught ^j as newline: in the criteria and notes boxes it was swallowed, joining two lines."""
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_issues(pilot)
        screen.query_one(box, TextArea).focus()
        await pilot.pause()
        await type_text(pilot, "Accepts a detection")
        await pilot.press("ctrl+j")
        await type_text(pilot, "Rejects bad input")
        await pilot.pause()
        assert screen.query_one(box, TextArea).text == "Accepts a detection\nRejects bad input"
