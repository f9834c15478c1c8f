"""SVG snapshots of every screen (pytest-textual-snapshot), on a fixed copy of the demo workspace.

Nothing on these screens depends on the clock or the temp path (paths are shown relative to the workspace,
fresh demo folders show no "last edited"), so the snapshots are stable. Regenerate with
``pytest tests/test_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from textual.pilot import Pilot

from milestone_tui.core import planning as plan
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import PHASES, Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.widgets.preview import MarkdownPreview

EPIC = {
    "problem": "Real-time detection data from field sensors needs to be ingested, validated, and stored.",
    "users": "Internal risk analysis services and the monitoring dashboard.",
    "success": "1000 events/sec throughput, <100ms p99 latency, 99.9% uptime.",
    "out_of_scope": "Complex event processing, alerting, and historical data migration.",
}
SPEC = {
    "architecture": "HTTP endpoint receives events, validates against schema, queues to Kafka, consumer "
                    "writes to TimescaleDB.",
    "data_models": "DetectionEvent with timestamp, location, sensor_id, detection_type, confidence.",
    "tradeoffs": "Sync vs async validation - going with async for throughput.",
    "technology": "TimescaleDB for storage (already in stack), Kafka for queuing (new).",
}
PHASE_ANSWER = ("Phase 1: endpoint + schema. Phase 2: Kafka producer + TimescaleDB. "
                "Phase 3: Consumer + storage + metrics. Phase 4: Integration tests.")


class FixedClock(datetime):
    """``datetime`` whose ``now`` is always the same instant, so "last edited" never changes a snapshot."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return datetime(2026, 1, 15, 9, 30, tzinfo=UTC).astimezone(tz) if tz else datetime(2026, 1, 15, 9, 30)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fixed "now" and UTC, for this test only (the time zone is put back, and re-read, afterwards)."""
    import milestone_tui.core.model

    monkeypatch.setattr(milestone_tui.core.model, "datetime", FixedClock)
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = previous
    time.tzset()


def prepare(workspace: Workspace, upto: Phase) -> None:
    """Answer the seed's questions headlessly and complete every phase before ``upto``."""
    flow = MilestoneFlow.open(workspace, "m5")
    for key, value in EPIC.items():
        flow.set_answer("epic", key, value)
    for key, value in SPEC.items():
        flow.set_answer("spec", key, value)
    for phase in PHASES[: PHASES.index(upto)]:
        if phase is Phase.BREAKDOWN:
            flow.propose()
        if phase is Phase.PLAN:
            phases, assignment = plan.parse_phase_answer(PHASE_ANSWER, flow.session.issues)
            flow.set_plan(phases, assignment, branch=plan.propose_branch(flow.session), scope_tags=["ingest"])
        flow.complete(phase)
    flow.goto(upto)
    flow.close()


async def settle(pilot: Pilot) -> None:
    """Let the dashboard's rows load (its worker runs after the first frame), the preview's render worker
    apply, and the blocks render."""
    await pilot.pause(0.1)
    # Not the opening worker: it waits for the planner's answer while a dialog (refine | overwrite) shows.
    # (An empty list would mean "all of them" to wait_for_complete.)
    if others := [w for w in pilot.app.workers if w.group != "open"]:
        await pilot.app.workers.wait_for_complete(others)
    for preview in pilot.app.screen.query(MarkdownPreview):
        preview.flush()
    await pilot.pause(0.1)


def test_dashboard(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(MilestoneApp(workspace), terminal_size=(100, 24), run_before=settle)


@pytest.mark.parametrize("phase", [p for p in PHASES if p is not Phase.EPIC])
def test_phase_screen(snap_compare, workspace: Workspace, phase: Phase) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, phase)
    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(120, 34), run_before=settle)


def test_epic_80x24(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.EPIC)
    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_epic_narrow(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.EPIC)
    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(60, 30), run_before=settle)


def test_refine_dialog(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.BREAKDOWN)
    assert snap_compare(MilestoneApp(workspace, "m5"), terminal_size=(100, 24), run_before=settle)


def test_breakdown_80x24(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.BREAKDOWN)
    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_breakdown_rename_in_place(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.BREAKDOWN)

    async def rename(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await settle(pilot)
        await pilot.press("down", "f2", *" v2")

    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(80, 24), run_before=rename)


def test_depends_on_dialog(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.BREAKDOWN)

    async def refused(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await settle(pilot)
        await pilot.press("down", "down", "p", "3", "enter")  # #3 on itself: the error shows in the dialog
        await pilot.pause()

    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(80, 24), run_before=refused)


def test_issue_criteria_as_a_list_80x24(snap_compare, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    prepare(workspace, Phase.ISSUES)
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        criteria = ["Accepts POST /events with a valid DetectionEvent and answers 202 Accepted",
                    "Rejects invalid JSON with 400", "Logs each request"]
        flow.set_issue_details(1, criteria, labels=["backend", "api"])

    async def deleted(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await settle(pilot)
        await pilot.press("down", "d")  # the footer says u Undo
        await pilot.pause()

    app = MilestoneApp(workspace, "m5", mode="refine")
    assert snap_compare(app, terminal_size=(80, 24), run_before=deleted)
