"""The proposer on screen: where each proposed issue comes from, the metrics no issue carries, drafted
criteria offered (kept only on F4), and the plan's phases box pre-filled with the dependency layers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.plan import PlanScreen
from tests.support.helpers import copy_demo

SPEC = {
    "architecture": "HTTP endpoint receives events, validates against schema, queues to Kafka, consumer "
                    "writes to TimescaleDB.",
    "data_models": "DetectionEvent with timestamp, location, sensor_id, detection_type, confidence.",
    "tradeoffs": "Sync vs async validation - going with async for throughput.",
    "technology": "TimescaleDB for storage (already in stack), Kafka for queuing (new).",
}


def opened_at(root: Path, phase: Phase,
              success: str = "1000 events/sec throughput, 99.9% uptime.") -> Workspace:
    workspace = Workspace(root)
    with MilestoneFlow.open(workspace, "m5") as flow:
        flow.set_answer("epic", "success", success)
        for key, value in SPEC.items():
            flow.set_answer("spec", key, value)
        for done in (Phase.EPIC, Phase.SPEC, Phase.BREAKDOWN, Phase.ISSUES):
            if done is phase:
                break
            if done is Phase.BREAKDOWN:
                flow.propose()
            flow.complete(done)
        flow.goto(phase)
    return workspace


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(40):
        await pilot.pause(0.05)
        if pilot.app.screen.__class__.__name__.endswith("Screen") and pilot.app.flow is not None:
            break
    await pilot.pause()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "repo")


async def test_breakdown_shows_where_the_selected_issue_comes_from(root: Path) -> None:
    app = MilestoneApp(opened_at(root, Phase.BREAKDOWN), "m5", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BreakdownScreen)
        first = screen.session.issues[0]
        assert first.source and "HTTP endpoint" in first.source
        shown = str(screen.query_one("#source", Static).render())
        assert f"From the specification: “{first.source}”" in shown


async def test_a_metric_no_issue_carries_is_a_warning(root: Path) -> None:
    app = MilestoneApp(opened_at(root, Phase.BREAKDOWN), "m5", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BreakdownScreen)
        assert str(screen.query_one("#uncarried", Static).render()) == ""  # the proposal carries them all
        ops = next(i for i in screen.session.issues if "metrics" in i.title or "health" in i.title)
        screen.query_one("#breakdown").move_cursor(row=ops.number - 1)  # type: ignore[attr-defined]
        await pilot.press("d")
        await pilot.pause()
        assert "No issue carries" in str(screen.query_one("#uncarried", Static).render())


async def test_drafted_criteria_are_offered_and_kept_only_on_f4(root: Path) -> None:
    app = MilestoneApp(opened_at(root, Phase.ISSUES), "m5", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        area = screen.query_one("#acceptance", TextArea)
        draft = screen.draft()
        assert draft and area.text == "" and "F4" in str(area.placeholder)
        assert screen.session.issues[0].acceptance == []  # offered, not invented
        await pilot.press("f4")
        await pilot.pause()
        assert screen.session.issues[0].acceptance == draft and area.text == "\n".join(draft)
        assert screen.draft() == []  # the issue has criteria of its own now


async def test_the_phases_box_starts_with_the_dependency_layers(root: Path) -> None:
    workspace = opened_at(root, Phase.PLAN)
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        text = screen.query_one("#phases", TextArea).text
        assert text.startswith("Phase 1:") and "Phase 2:" in text
        assert len(screen.session.plan.phases) >= 2  # what the box says is the plan, in the preview too
        assert all(i.phase is not None for i in screen.session.issues)
