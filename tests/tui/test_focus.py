"""Pilot tests of what a user does first: type at once on a phase screen, filter and open from the dashboard,
and see (not crash on) a milestone that cannot be opened."""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, TextArea
from textual.widgets._footer import FooterKey

from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.spec import SpecScreen

SIZE = (120, 40)



async def test_typing_at_once_lands_in_the_first_question(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)
        await pilot.press(*"Sensors")  # no click, no tab: straight after opening
        await pilot.pause()
        assert app.screen.query_one("#problem", TextArea).text == "Sensors"
        assert not app.screen.query_one("#form", VerticalScroll).can_focus
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#users", TextArea)
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)
        assert app.focused is app.screen.query_one("#architecture", TextArea)


async def test_dashboard_type_to_filter_then_arrows_and_enter(workspace: Workspace) -> None:
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#milestones", DataTable)
        total = table.row_count
        assert total > 2
        # letters that used to be action keys (n, o, q ...) filter like any other
        await pilot.press(*"ingest")
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == "ingest"
        assert app.focused is table and isinstance(app.screen, DashboardScreen)
        assert 0 < table.row_count < total
        assert any(table.get_row_at(r)[0] == "M5" for r in range(table.row_count))
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        assert screen.query_one("#filter", Input).value == ""
        assert table.row_count == total
        # arrows move, enter opens the highlighted milestone
        table.move_cursor(row=0)
        rows = [table.get_row_at(r)[0] for r in range(table.row_count)]
        target = rows.index("M5")
        await pilot.press(*["down"] * target)
        assert table.cursor_row == target
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)
        assert app.flow is not None and app.flow.session.milestone_id == "m5"


async def test_locked_milestone_shows_the_error_on_the_dashboard(workspace: Workspace) -> None:
    lock = workspace.lock("m5")  # as if another create-milestone had it open
    try:
        app = MilestoneApp(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("m", "5", "enter")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.flow is None
            line = str(app.screen.query_one("#open-error").render())
            assert "m5" in line and "another process" in line
    finally:
        lock.release()


async def test_unreadable_roadmap_on_open_is_a_line_not_a_crash(workspace: Workspace) -> None:
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        workspace.roadmap_path.write_text("", encoding="utf-8")  # emptied after the dashboard was drawn
        await pilot.press("m", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.flow is None
        assert str(app.screen.query_one("#open-error").render()).startswith("✗ ")


async def test_typed_keys_survive_an_immediate_quit(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Sensors flood us")
        screen = app.screen
        assert isinstance(screen, EpicScreen)
        assert screen.flow.dirty  # the write waits for the save timer, off the keystroke's path
        await app.action_quit()  # before the timer fires
    saved = workspace.load_session("m5")
    assert saved is not None and saved.epic.problem == "Sensors flood us"


async def test_typed_keys_are_saved_when_leaving_the_screen(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Sensors")
        await pilot.press("tab", *"Analysts")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        saved = workspace.load_session("m5")
        assert saved is not None and (saved.epic.problem, saved.epic.users) == ("Sensors", "Analysts")
        await pilot.press("m", "5", "enter")
        await pilot.pause()
        await pilot.press("tab", "tab", *"1000/s")
        await pilot.press("ctrl+right")  # Next writes the session before the phase completes
        await pilot.pause()
        saved = workspace.load_session("m5")
        assert saved is not None and saved.epic.success == "1000/s" and saved.is_done(Phase.EPIC)


async def test_enter_goes_to_the_next_question_and_ctrl_j_is_a_newline(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Sensors", "ctrl+j", *"drop", "enter")
        assert screen.query_one("#problem", TextArea).text == "Sensors\ndrop"
        assert app.focused is screen.query_one("#users", TextArea)
        footer_keys = {b.key_display or b.key for _, b, _, _ in screen.active_bindings.values() if b.show}
        assert {"alt+n", "alt+b"} <= footer_keys
        assert {"enter", "^j"} <= footer_keys  # the answer box says what Enter and ctrl+j do
        await pilot.press("enter", "enter", "enter")  # users, success, out of scope: then the Next button
        assert app.focused is screen.query_one("#next")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SpecScreen)
        await pilot.press(*"HTTP in", "enter")
        assert app.focused is app.screen.query_one("#data_models", TextArea)
        assert app.flow is not None and app.flow.session.spec.architecture == "HTTP in"


async def test_the_phase_footer_fits_at_80x24(workspace: Workspace) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {key.key_display: key.region for key in app.screen.query(FooterKey)}
        room = keys["^p"].x if "^p" in keys else 80  # the palette's key is docked right, over the others
        for shown in ("alt+b", "alt+n", "⏎", "^j", "esc", "f1"):
            assert shown in keys and 0 < keys[shown].right <= room, (shown, keys)


async def test_the_footer_keeps_back_before_next_wherever_the_focus_is(workspace: Workspace) -> None:
    # The footer listed "alt+n Next  alt+b Back" once the focus left a text field (after the last
    # question's enter) and "alt+b Back  alt+n Next" in one: the keys moved under the planner's eyes.
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        orders = []
        for target in ("#problem", "#next", "#back"):
            app.screen.query_one(target).focus()
            await pilot.pause()
            await pilot.pause(0.1)
            shown = [key.key_display for key in app.screen.query(FooterKey)]
            orders.append([k for k in shown if k in ("alt+b", "alt+n")])
        assert orders == [["alt+b", "alt+n"]] * 3


async def test_keys_typed_ahead_of_enter_land_in_the_next_question(workspace: Workspace) -> None:
    """A burst (a fast typist, a paste, tmux send-keys): the keys after Enter were already queued when the
    focus moved, and went into the answer just left. The focus moves before the next key is read."""
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app._driver is not None
        keys = [*"Late", "enter", *"Analysts", "enter", *"1000/s", "enter", *"Alerts", "enter", "enter"]
        for key in keys:  # queued at once, as the terminal driver does
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(app)
            app._driver.send_message(event)
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, SpecScreen):
                break
        assert isinstance(app.screen, SpecScreen)  # the last Enter pressed Next
        assert app.flow is not None
        epic = app.flow.session.epic
        assert (epic.problem, epic.users, epic.success, epic.out_of_scope) == ("Late", "Analysts", "1000/s",
                                                                              "Alerts")


async def test_keys_typed_behind_alt_n_go_to_the_next_screen(workspace: Workspace) -> None:
    """They went into the epic's answer ("LateHTTP in") and the spec got nothing."""
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app._driver is not None
        for key in [*"Late", "alt+n", *"HTTP in"]:  # queued at once, as the terminal driver does
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(app)
            app._driver.send_message(event)
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, SpecScreen) and app.flow and app.flow.session.spec.architecture:
                break
        assert app.flow is not None
        assert app.flow.session.epic.problem == "Late"
        assert isinstance(app.screen, SpecScreen)
        assert app.flow.session.spec.architecture == "HTTP in"


async def test_a_review_refresh_before_the_form_is_mounted_does_nothing(workspace: Workspace) -> None:
    """Under load a burst of keys replaced the spec screen before its form was mounted, and its mount handler
    raised NoMatches on the review list (a crash CI saw once in the typed-ahead test above)."""
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.flow is not None
        unmounted = SpecScreen(app.flow)
        unmounted.show_review()  # no widgets yet: nothing to show, and no error
        unmounted.show_review()
