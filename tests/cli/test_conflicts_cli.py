"""Headless: a file edited by hand while the session changed is one line naming it and the way out, exit 2,
nothing overwritten; ``--keep-mine`` / ``--keep-file`` resolve it."""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_tui.cli.main import main
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo

NOTE = "Typed in the TUI: keep the replay window at 24h."
HAND = "Edited by hand: the schema lives in proto/."


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    """M5 planned (quick), a note typed in the session, and its spec edited by hand: both sides changed."""
    workspace = Workspace(copy_demo(tmp_path / "repo"))
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        flow.set_issue_details(1, flow.session.issue(1).acceptance, notes=NOTE)
        path = workspace.milestone_dir("m5") / flow.session.issues[0].filename
    # The file was written before the note (so it has no Notes section: unanswered sections are left out).
    path.write_text(path.read_text().replace("## Dependencies", f"## Notes\n\n{HAND}\n\n## Dependencies", 1))
    return path


def run(spec: Path, *args: str) -> int:
    return main(["m5", "--refine", "--yes", *args, "--root", str(spec.parents[4])])


def test_conflict_is_one_line_exit_2(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = spec.read_text()
    assert run(spec) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and spec.name in err[0] and "--keep-mine" in err[0] and "--keep-file" in err[0]
    assert spec.read_text() == before
    session = Workspace(spec.parents[4]).load_session("m5")
    assert session is not None and session.issue(1).notes == NOTE


def test_keep_file(spec: Path) -> None:
    assert run(spec, "--keep-file") == 0
    session = Workspace(spec.parents[4]).load_session("m5")
    assert session is not None and HAND in session.issue(1).notes and HAND in spec.read_text()


def test_keep_mine(spec: Path) -> None:
    assert run(spec, "--keep-mine") == 0
    assert NOTE in spec.read_text() and HAND not in spec.read_text()


def test_keep_flags_need_a_headless_run(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["m5", "--refine", "--keep-mine", "--root", str(spec.parents[4])]) == 2
    assert "--keep-mine and --keep-file apply to a run without the TUI" in capsys.readouterr().err
