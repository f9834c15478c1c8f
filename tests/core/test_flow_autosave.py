"""MilestoneFlow's save control: with autosave off a change only marks the flow dirty, flush() writes it."""

from __future__ import annotations

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace


def saved_problem(workspace: Workspace) -> str:
    session = workspace.load_session("m5")
    assert session is not None
    return session.epic.problem


def test_autosave_off_defers_the_write_until_flush(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        assert flow.autosave and not flow.dirty
        flow.autosave = False
        flow.set_answer("epic", "problem", "Sensors flood us")
        assert flow.dirty
        assert saved_problem(workspace) == ""  # not written yet
        assert flow.flush() is True
        assert not flow.dirty and saved_problem(workspace) == "Sensors flood us"
        assert flow.flush() is False  # nothing pending: no write


def test_saves_deferred_restores_autosave(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        with flow.saves_deferred():
            assert not flow.autosave
            flow.set_plan(scope_tags=["ingest"])
            flow.goto(Phase.SPEC)
        assert flow.autosave and flow.dirty
        flow.set_answer("epic", "problem", "Now saved at once")  # autosave on again: writes everything
        assert not flow.dirty
        on_disk = workspace.load_session("m5")
        assert on_disk is not None
        assert on_disk.plan.scope_tags == ["ingest"] and on_disk.current is Phase.SPEC


def test_close_and_complete_always_save(workspace: Workspace) -> None:
    flow = MilestoneFlow.open(workspace, "m5")
    flow.autosave = False
    flow.set_answer("epic", "problem", "Typed, then the phase completed")
    flow.complete(Phase.EPIC)
    assert not flow.dirty and saved_problem(workspace) == "Typed, then the phase completed"
    flow.set_answer("epic", "users", "Analysts")
    flow.close()
    on_disk = workspace.load_session("m5")
    assert on_disk is not None and on_disk.epic.users == "Analysts"
