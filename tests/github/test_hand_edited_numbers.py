"""The sync writes the GitHub numbers into a hand-edited spec's frontmatter (ours), its body untouched
(the user's), against the emulator on 127.0.0.1 with a real MilestoneFlow."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from milestone_tui.cli.sync import run_sync_command
from milestone_tui.core.artifacts.parse import parse_issue, split_frontmatter
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace
from milestone_tui.github.client import SyncOptions
from tests.github.conftest import REPO, TOKEN
from tests.support.emulator import Emulator
from tests.support.helpers import with_hand_note

HAND = "Edited by hand: the schema lives in proto/."


@pytest.fixture
def planned(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    """M5 planned in quick mode, its first spec edited by hand; returns that spec."""
    for name in ("GH_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL", "GH_HOST", "GH_REPO", "GH_ENTERPRISE_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        spec = workspace.milestone_dir("m5") / flow.session.issues[0].filename
    spec.write_text(with_hand_note(spec.read_text(), HAND))
    return spec


def sync(flow: MilestoneFlow, emu: Emulator) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_sync_command(flow, repo=REPO, api_url=emu.url, dry_run=False, pace=0, out=out, err=err,
                            options=SyncOptions(timeout=2, backoff=0.01))
    assert code == 0, err.getvalue()


def body(text: str) -> str:
    return split_frontmatter(text)[1]


def test_adopted_hand_edit_gets_its_numbers(workspace: Workspace, planned: Path, emu: Emulator) -> None:
    before = planned.read_text()
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert not flow.pending  # the hand edit alone is read back, adopted
        sync(flow, emu)
        number = flow.session.issue(1).github_issue
        assert number is not None
    text = planned.read_text()
    assert body(text) == body(before)  # the hand-written body, byte for byte
    parsed = parse_issue(text, planned.name)
    assert parsed.github_issue == number and parsed.github_id is not None
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert not flow.pending and not flow.write().conflicts
        assert flow.session.issue(1).github_issue == number and HAND in flow.session.issue(1).notes
    assert planned.read_text() == text


def test_hand_edit_while_open_gets_its_numbers_and_reads_back(workspace: Workspace, planned: Path,
                                                              emu: Emulator) -> None:
    original = planned.read_text()
    edited = original
    planned.write_text(original.replace(HAND, "placeholder"))
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        planned.write_text(edited)  # edited again while the milestone is open: the session has not seen it
        sync(flow, emu)
        number = flow.session.issue(1).github_issue
    assert body(planned.read_text()) == body(edited)
    assert parse_issue(planned.read_text(), planned.name).github_issue == number
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert not flow.pending and HAND in flow.session.issue(1).notes
        assert flow.session.issue(1).github_issue == number
