"""Pilot tests of the finishing touches: short terminals, rename on enter, the artifact viewer, copying the
next steps, the plan keeping the user's words, the help screen and the light/dark toggle."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, TextArea

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import PHASES, Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.dialogs.help import HelpDialog
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.github import GitHubScreen
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.screens.summary import SummaryScreen
from milestone_tui.tui.screens.viewer import ArtifactViewer

SIZE = (120, 40)



def generated(workspace: Workspace, upto: Phase | None = None) -> None:
    """M5 generated in quick mode; with ``upto``, the phases from it on are undone again."""
    flow = MilestoneFlow.open(workspace, "m5", quick=True)
    flow.propose()
    flow.quick_fill()
    if upto is not None:
        for phase in PHASES[PHASES.index(upto):]:
            flow.session.mark_undone(phase)
    flow.close()


@pytest.mark.parametrize(("size", "shown"), [((80, 24), False), ((120, 40), True)])
async def test_roadmap_context_gives_way_on_short_terminals(workspace: Workspace, size: tuple[int, int],
                                                             shown: bool) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EpicScreen)
        assert app.screen.query_one("#context").display is shown
        problem = app.screen.query_one("#problem", TextArea)
        assert problem.region.height >= 3 and app.focused is problem  # the first question is on screen


async def test_enter_and_f2_rename_in_the_breakdown(workspace: Workspace) -> None:
    generated(workspace, upto=Phase.BREAKDOWN)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreakdownScreen)
        flow = app.flow
        assert flow is not None
        for key, title in (("enter", "Renamed by enter"), ("f2", "Renamed by F2")):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen  # in place: no dialog
            editor = screen.query_one("#prompt-input", Input)
            assert app.focused is editor
            editor.value = title
            await pilot.press("enter")
            await pilot.pause()
            assert flow.session.issues[0].title == title
            assert screen.query_one("#breakdown", DataTable).get_row_at(0)[1] == title
            assert app.focused is screen.query_one("#breakdown", DataTable)


async def test_summary_copies_commands_and_views_artifacts(workspace: Workspace) -> None:
    generated(workspace)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, GitHubScreen):
            await pilot.press("ctrl+right")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("c")
        assert app.clipboard.splitlines()[0] == "cat docs/03-build-notes/milestones/m5/IMPLEMENTATION_PLAN.md"
        assert "git checkout -b milestone/m5-detection-ingest main" in app.clipboard
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ArtifactViewer)
        files = app.screen.query_one("#viewer-files", OptionList)
        assert files.option_count == len(app.flow.artifact_paths()) > 3  # type: ignore[union-attr]
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.query_one("#viewer-doc").document.source  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_summary_commands_stay_whole_and_help_shows_at_80x24(workspace: Workspace) -> None:
    """At 80 columns a next-step command was broken at its space and its path cut: it could not be copied by
    eye. The summary takes the whole width (no preview repeating it) and never wraps a command."""
    generated(workspace)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, GitHubScreen):
            await pilot.press("ctrl+right")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one("#preview").display is False
        steps = app.screen.query_one("#summary-steps")
        lines = [strip.text for strip in steps.render_lines(steps.region.reset_offset)]
        assert any("cat docs/03-build-notes/milestones/m5/IMPLEMENTATION_PLAN.md" in line for line in lines)
        keys = {key.key_display: key.region for key in app.screen.query("FooterKey")}  # type: ignore[attr-defined]
        for shown in ("alt+n", "alt+b", "esc", "c", "v", "o", "i", "f1"):
            assert shown in keys and 0 < keys[shown].right <= 80, (shown, keys)


async def test_dashboard_f3_views_artifacts_without_opening(workspace: Workspace) -> None:
    generated(workspace)
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m", "5", "f3")  # filter to M5 (first match), view it
        await pilot.pause()
        assert isinstance(app.screen, ArtifactViewer)
        assert app.flow is None and not (workspace.milestone_dir("m5") / ".lock").exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_plan_keeps_the_users_own_words(workspace: Workspace) -> None:
    generated(workspace, upto=Phase.PLAN)
    words = "Phase 1: the endpoint + schema first.\nPhase 2: everything else"
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        area = app.screen.query_one("#phases", TextArea)
        assert app.focused is area
        area.load_text("")
        area.insert(words)
        await pilot.pause()
        assert len(app.flow.session.plan.phases) == 2  # type: ignore[union-attr]
        await pilot.press("ctrl+right")
        await pilot.pause()
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#phases", TextArea).text == words


async def test_help_and_theme_toggle_from_the_palette(workspace: Workspace) -> None:
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")  # not a filter character: help, from the dashboard too
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await pilot.pause()
        dark = app.current_theme.dark
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Toggle light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_theme.dark is not dark
        assert isinstance(app.screen, DashboardScreen)


async def test_plan_answer_comes_back_in_the_seeds_words_after_reopening(workspace: Workspace) -> None:
    from milestone_tui.core import planning as plan
    words = ("Phase 1: endpoint + rate limiting + schema. Phase 2: Kafka producer + TimescaleDB. "
             "Phase 3: Consumer + storage + metrics. Phase 4: Integration tests.")
    generated(workspace, upto=Phase.PLAN)
    flow = MilestoneFlow.open(workspace, "m5", mode="refine")
    flow.set_plan(*plan.parse_phase_answer(words, flow.session.issues))
    flow.close()
    app = MilestoneApp(workspace, "m5", mode="refine")  # a new run: nothing typed is remembered in memory
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#phases", TextArea).text == words


async def test_viewer_lists_files_in_phase_order_and_opens_one_in_the_editor(
        workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated(workspace)
    folder = workspace.milestone_dir("m5")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\nEdited in the editor.\\n" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    app = MilestoneApp(workspace)
    suspended: list[bool] = []

    @contextmanager
    def suspend() -> Iterator[None]:  # the headless driver cannot hand the terminal over
        suspended.append(True)
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ArtifactViewer(folder))
        await pilot.pause()
        viewer = app.screen
        assert isinstance(viewer, ArtifactViewer)
        names = [p.name for p in viewer.files]
        issues = sorted((n for n in names if n[0].isdigit() and not n.startswith("00")),
                        key=lambda n: int(n[:2]))
        assert names == ["00-epic.md", "00-SPECIFICATION.md", *issues, "IMPLEMENTATION_PLAN.md"]
        await pilot.press("e")
        await pilot.pause()
        assert suspended == [True]
        assert (folder / "00-epic.md").read_text(encoding="utf-8").endswith("Edited in the editor.\n")
        doc = viewer.query_one("#viewer-doc").document  # type: ignore[attr-defined]
        assert "Edited in the editor." in doc.source  # shown again as saved
