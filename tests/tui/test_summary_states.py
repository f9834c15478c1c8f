"""The summary's list of issues after the sync that created them, against the emulator (real HTTP on
127.0.0.1): the states as GitHub has them, read in a worker, not "unknown" for each while the dashboard
showed the same issues open."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.summary import SummaryScreen
from tests.support.emulator import Emulator
from tests.tui.test_dashboard_github import FAST, emu, synced, until  # noqa: F401 - the fixtures

SIZE = (120, 36)


def lines(app: MilestoneApp) -> list[str]:
    listing = app.screen.query_one("#summary-issues", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_the_summary_shows_the_states_github_has(synced: Workspace, emu: Emulator,  # noqa: F811
                                                       monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(SummaryScreen, "GITHUB_OPTIONS", FAST, raising=False)
    saved = synced.load_session("m5")
    assert saved is not None and not saved.github.status  # the sync read GitHub before it created them
    app = MilestoneApp(synced, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await until(pilot, lambda: all(" open " in line for line in lines(app)), "the states read back")
        assert not any("unknown" in line for line in lines(app))
        head = str(app.screen.query_one("#summary-text", Static).render())
        assert "0/5 closed" in head and "read from GitHub just now" in head
    after = synced.load_session("m5")
    assert after is not None and after.github.status == saved.github.status  # a look, not an edit
