"""Issue 11's board (``--project N``) against the emulator over real HTTP: every issue an item, the Phase
field set to each issue's plan phase, idempotent like the rest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from milestone_tui.github.client import SyncOptions
from milestone_tui.github.sync import plan_sync
from tests.github.conftest import REPO, TOKEN
from tests.github.test_sync import FAST, SEED, FakeFlow, assert_second_run_creates_nothing, sync, target
from tests.support.emulator import Emulator
from tests.support.emulator_projects import phase_of

BOARD = SyncOptions(**{**FAST.__dict__, "project": 7})


@pytest.fixture
def org() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO,), orgs=("octo-org",)).start()
    yield server
    server.stop()


async def test_board_gets_every_issue_and_its_phase_and_the_field(org: Emulator) -> None:
    project = org.add_project("octo-org", 7)
    flow = FakeFlow()
    plan = await plan_sync(flow, target(org), BOARD)
    assert "create field Phase on project 7" in plan.board_lines and "add 05 to project 7" in plan.board_lines
    result, _ = await sync(org, flow, BOARD)
    assert result.status == "finished", result.message
    assert len(project.items) == len(SEED) + 1  # the specs and the epic
    assert [o["name"]["raw"] for o in project.fields[0]["options"]] == [f"Phase {i}" for i in range(1, 5)]
    assert phase_of(org, "octo-org", 7, 301) == "Phase 1" and phase_of(org, "octo-org", 7, 309) == "Phase 4"
    assert flow.session.github.project == 7
    flow.session.issues[8].phase = 3  # moved to phase 3
    plan = await plan_sync(flow, target(org), FAST)  # the session remembers the board
    assert plan.board_lines == ["set Phase=Phase 3 on #309"]
    before = len(org.writes())
    await sync(org, flow)
    assert [w[0] for w in org.writes()[before:] if "projectsV2" in w[1]] == ["PATCH"]
    assert phase_of(org, "octo-org", 7, 309) == "Phase 3"
    await assert_second_run_creates_nothing(org, flow)


async def test_an_existing_field_is_used_and_a_missing_option_said(org: Emulator) -> None:
    project = org.add_project("octo-org", 7, {"Phase": ["Phase 1", "Phase 2", "Phase 3"]})
    flow = FakeFlow()
    result, events = await sync(org, flow, BOARD)
    assert result.status == "finished", result.message
    assert len(project.fields) == 1 and phase_of(org, "octo-org", 7, 309) is None
    assert any("no option 'Phase 4'" in note for note in events[0].plan.notes)


async def test_lost_item_records_are_answered_with_the_existing_items(org: Emulator) -> None:
    project = org.add_project("octo-org", 7)
    flow = FakeFlow()
    await sync(org, flow, BOARD)
    flow.session.github.project_items, flow.session.github.project_phases = {}, {}
    result, _ = await sync(org, flow)
    assert result.status == "finished" and len(project.items) == len(SEED) + 1
    await assert_second_run_creates_nothing(org, flow)


async def test_a_missing_board_is_one_line(emu: Emulator) -> None:
    result, _ = await sync(emu, FakeFlow(), BOARD)
    assert result.status == "failed" and "Project 7" in result.message and "\n" not in result.message
    assert emu.writes() == []
