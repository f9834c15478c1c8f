"""Fault and abuse, TUI side: Rich markup and ANSI escapes in roadmap and issue titles are shown as text,
never parsed, on every screen that shows user text (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.safe_text import plain_text
from tests.support.helpers import copy_demo

SIZE = (140, 45)
HOSTILE = ["[/]", "[bold red]red[/bold red] and [/]", "[link=https://evil.example]x[/link] [",
           "\x1b[31mred\x1b[0m \x1b]0;title\x07", "[@click=app.quit]quit[/]", "[b"]


def hostile_root(tmp_path: Path, title: str) -> Path:
    root = copy_demo(tmp_path / "repo")
    roadmap = root / "docs/01-roadmap/roadmap.md"
    text = roadmap.read_text().replace("## M5 - Detection Ingest Pipeline", f"## M5 - {title}")
    text = text.replace("## M6 - Fusion Engine", f"## M6 - Fusion {title}")
    roadmap.write_text(text)
    return root


def test_plain_text_strips_ansi_and_keeps_brackets() -> None:
    text = plain_text("\x1b[31m[bold]red\x1b[0m\x07 ok")
    assert text.plain == "[bold]red ok" and not text.spans


@pytest.mark.parametrize("title", HOSTILE, ids=range(len(HOSTILE)))
async def test_markup_in_titles_never_crashes(tmp_path: Path, title: str) -> None:
    root = hostile_root(tmp_path, title)
    workspace = Workspace(root)
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:  # the issues get the title's words too
        flow.quick_fill()
        for issue in flow.session.issues[:2]:
            issue.title = f"{title} issue {issue.number}"
        flow.session.plan.phases[0].name = f"{title} phase"
        flow.write(force=True)
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        await pilot.press(*"fusion")  # the filter re-fills the table with the hostile titles
        await pilot.pause()
        app.open_milestone("m5", mode="refine")
        await pilot.pause()
        for phase in Phase:
            app.goto_phase(phase)
            await pilot.pause()
            await pilot.pause()
            assert app.is_running and app.return_code is None, phase
        app.show_error(f"error about {title}")
        app.notify(f"notice about {title}")
        await pilot.pause()
        assert app.is_running and app.return_code is None
    assert app.return_code in (None, 0)


async def test_markup_in_dialogs_never_crashes(workspace: Workspace) -> None:
    from milestone_tui.core.model import Issue
    from milestone_tui.tui.dialogs.choice import ChoiceDialog
    from milestone_tui.tui.dialogs.confirm import ConfirmDialog
    from milestone_tui.tui.dialogs.depends_on import DependsOnDialog
    from milestone_tui.tui.dialogs.split import SplitDialog
    from milestone_tui.tui.dialogs.text_prompt import TextPrompt

    issues = [Issue(number=1, title="[/] one", slug="one"), Issue(number=2, title="[bold]two", slug="two")]
    dialogs = [ConfirmDialog("[/] overwrite?", "[/] details"), ChoiceDialog("[/]", ["[/]"], ["yes", "no"]),
               TextPrompt("[/] title?", "[/]"), SplitDialog("[/] split", "[/] a", "[b] b"),
               DependsOnDialog(issues, 1)]
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for dialog in dialogs:
            app.push_screen(dialog)
            await pilot.pause()
            await pilot.pause()
            assert app.is_running and app.return_code is None, type(dialog).__name__
            app.pop_screen()
            await pilot.pause()
