"""Workspace tests: atomic writes, safe paths, the session file, locks, backups, hand-edit detection."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from milestone_tui.core.dashboard import read_dashboard
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.session_file import dump_session, parse_session
from milestone_tui.core.workspace import Workspace, atomic_write, text_hash
from milestone_tui.errors import LockedError, SessionFileError, WorkspaceError


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


def test_atomic_write_creates_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "a.md"
    atomic_write(path, "hello ✓\n")
    assert path.read_text(encoding="utf-8") == "hello ✓\n"
    os.chmod(path, 0o640)
    atomic_write(path, "second\n")
    assert path.read_text() == "second\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["a.md"]  # no temp files left behind


@pytest.mark.parametrize("bad", ["../../x", "..", ".", "/etc", "a/b", "a\\b", "", " ", ".x", "m5/../m6"])
def test_milestone_dir_refuses_paths(ws: Workspace, bad: str) -> None:
    with pytest.raises(WorkspaceError):
        ws.milestone_dir(bad)


def test_milestone_dir_normalises_case(ws: Workspace) -> None:
    assert ws.milestone_dir("M5") == ws.root / "docs/03-build-notes/milestones/m5"


def test_session_roundtrip_is_stable_and_literal(ws: Workspace) -> None:
    session = Session(milestone_id="m5")
    session.epic.problem = "Line one\nline two: with colon\n"
    session.issues = [Issue(number=1, title="Add ingest HTTP endpoint", slug="ingest-endpoint")]
    session.mark_done(Phase.EPIC)
    session.github.pushed_hashes = {2: "b", 1: "a"}
    ws.save_session(session)
    text = ws.session_path("m5").read_text(encoding="utf-8")
    assert "problem: |" in text
    assert text.index("schema_version") < text.index("milestone_id") < text.index("epic:")
    loaded = ws.load_session("m5")
    assert loaded == session
    assert dump_session(loaded) == dump_session(session)
    assert parse_session(text) == session


def test_load_missing_session_is_none(ws: Workspace) -> None:
    assert ws.load_session("m9") is None


@pytest.mark.parametrize("content, reason", [
    ("epic: [unclosed\n", "not valid YAML"),
    ("- a list\n", "not a mapping"),
    ("milestone_id: m5\nschema_version: 99\n", "schema version 99"),
    ("milestone_id: m5\nissues: 3\n", "invalid field issues"),
])
def test_corrupt_session_is_kept(ws: Workspace, content: str, reason: str) -> None:
    path = ws.session_path("m5")
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(SessionFileError) as info:
        ws.load_session("m5")
    message = str(info.value)
    assert reason in message and "\n" not in message
    with pytest.raises(SessionFileError):
        ws.save_session(Session(milestone_id="m5"))
    assert path.read_text() == content
    # The overwrite path: back it up first, then it may be replaced.
    backup = ws.backup("m5")
    assert backup is not None and (backup / "session.yaml").read_text() == content
    ws.clear("m5")
    ws.save_session(Session(milestone_id="m5"))
    assert ws.load_session("m5") is not None


def test_lock_refuses_second_holder_and_releases(ws: Workspace) -> None:
    held = ws.lock("m5")
    with pytest.raises(LockedError, match=rf"Milestone m5 is open in another process \(pid {os.getpid()}\)"):
        ws.lock("m5")
    held.release()
    again = ws.lock("m5")
    again.release()
    assert not (ws.milestone_dir("m5") / ".lock").exists()


def test_stale_lock_is_taken_over(ws: Workspace) -> None:
    folder = ws.milestone_dir("m5")
    folder.mkdir(parents=True)
    # A pid far above pid_max: certainly not alive.
    (folder / ".lock").write_text(f"999999999 {socket.gethostname()}\n")
    lock = ws.lock("m5")
    assert (folder / ".lock").read_text().split()[0] == str(os.getpid())
    lock.release()


def test_lock_on_other_host_is_refused(ws: Workspace) -> None:
    folder = ws.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / ".lock").write_text("1 some-other-host\n")
    with pytest.raises(LockedError, match="on some-other-host"):
        ws.lock("m5")


def test_backup_outside_milestone_folder(ws: Workspace) -> None:
    assert ws.backup("m5") is None
    folder = ws.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "00-epic.md").write_text("# epic\n")
    first = ws.backup("m5")
    second = ws.backup("m5")
    assert first and second and first != second
    assert first.parent == ws.milestones_dir / ".backups"
    assert (first / "00-epic.md").read_text() == "# epic\n"
    assert ws.inspect("m5").issue_files == []


def test_write_artifacts_detects_hand_edit(ws: Workspace) -> None:
    session = Session(milestone_id="m5")
    report = ws.write_artifacts(session, {"00-epic.md": "v1\n"})
    path = ws.milestone_dir("m5") / "00-epic.md"
    assert report.written == [path]
    assert session.artifact_hashes["00-epic.md"] == text_hash("v1\n")
    assert ws.write_artifacts(session, {"00-epic.md": "v1\n"}).unchanged == [path]
    assert ws.write_artifacts(session, {"00-epic.md": "v2\n"}).written == [path]
    path.write_text("edited by hand\n")
    assert ws.edited_artifacts(session) == ["00-epic.md"]
    report = ws.write_artifacts(session, {"00-epic.md": "v3\n"})
    assert report.conflicts == [path] and path.read_text() == "edited by hand\n"
    assert ws.write_artifacts(session, {"00-epic.md": "v3\n"}, force=True).written == [path]
    assert path.read_text() == "v3\n"


def test_write_artifacts_foreign_file_is_conflict(ws: Workspace) -> None:
    folder = ws.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "IMPLEMENTATION_PLAN.md").write_text("my own plan\n")
    report = ws.write_artifacts(Session(milestone_id="m5"), {"IMPLEMENTATION_PLAN.md": "ours\n"})
    assert report.conflicts and (folder / "IMPLEMENTATION_PLAN.md").read_text() == "my own plan\n"


def test_write_artifacts_refuses_bad_names(ws: Workspace) -> None:
    with pytest.raises(WorkspaceError):
        ws.write_artifacts(Session(milestone_id="m5"), {"../01-x.md": "x"})


def test_stale_issue_files_removed_only_if_ours(ws: Workspace) -> None:
    session = Session(milestone_id="m5")
    ws.write_artifacts(session, {"01-old.md": "a\n", "02-kept.md": "b\n"})
    folder = ws.milestone_dir("m5")
    (folder / "02-kept.md").write_text("hand edit\n")
    report = ws.write_artifacts(session, {"01-new.md": "a\n"})
    assert report.removed == [folder / "01-old.md"]
    assert not (folder / "01-old.md").exists()
    assert (folder / "02-kept.md").read_text() == "hand edit\n"


def test_inspect_and_report_lines(ws: Workspace) -> None:
    folder = ws.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "00-epic.md").write_text("e")
    (folder / "00-SPECIFICATION.md").write_text("s")
    report = ws.inspect("m5")
    assert report.lines() == ["✓ 00-epic.md", "✓ 00-SPECIFICATION.md", "✗ Issue specs (0 found)",
                              "✗ IMPLEMENTATION_PLAN.md"]
    assert report.first_missing is Phase.BREAKDOWN
    for n in range(1, 10):
        (folder / f"{n:02d}-x{n}.md").write_text("i")
    (folder / "IMPLEMENTATION_PLAN.md").write_text("p")
    report = ws.inspect("m5")
    assert report.lines()[2] == "✓ Issue specs (9 found)"
    assert report.first_missing is Phase.GITHUB


def test_dashboard_without_roadmap_lists_folders(ws: Workspace) -> None:
    session = Session(milestone_id="m7")
    session.mark_done(Phase.EPIC)
    ws.save_session(session)
    (ws.milestones_dir / "Not Ours").mkdir()
    dashboard = read_dashboard(ws)
    rows = dashboard.rows
    assert dashboard.roadmap_error  # the roadmap is missing: an error for the screen, not a crash
    assert [r.milestone_id for r in rows] == ["m7"]
    assert rows[0].progress == (1, 7) and rows[0].github == "—" and not rows[0].in_roadmap


@pytest.mark.parametrize("decision, numbers, expected", [
    ("yes", [None, None], "not synced"),
    ("yes", [301, None], "1 of 2 synced"),
    ("yes", [301, 302], "synced"),
    ("later", [None, None], "sync pending (later)"),
    ("no", [None, None], "not synced"),
])
def test_github_status(decision: str, numbers: list[int | None], expected: str) -> None:
    from milestone_tui.core.summary import github_status

    session = Session(milestone_id="m5")
    session.issues = [Issue(number=i + 1, title=f"t{i}", slug=f"t{i}", github_issue=n) for i, n in
                      enumerate(numbers)]
    assert github_status(session).short == "—"
    session.mark_done(Phase.PLAN)
    session.github.decision = decision  # type: ignore[assignment]
    assert github_status(session).short == expected


def test_lock_of_a_killed_unreaped_process_is_taken_over(ws: Workspace) -> None:
    """kill -9 leaves a zombie until its parent reaps it: its lock must not block the re-run."""
    import signal
    import subprocess
    import sys

    folder = ws.milestone_dir("m5")
    folder.mkdir(parents=True, exist_ok=True)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (folder / ".lock").write_text(f"{child.pid} {socket.gethostname()}\n")
        os.kill(child.pid, signal.SIGKILL)
        deadline = 50
        while deadline and not Path(f"/proc/{child.pid}/stat").read_text().split(") ")[-1].startswith("Z"):
            import time

            time.sleep(0.05)
            deadline -= 1
        lock = ws.lock("m5")  # the zombie is not reaped yet: child.wait() has not run
        assert (folder / ".lock").read_text().split()[0] == str(os.getpid())
        lock.release()
    finally:
        child.wait()


def test_sibling_repo_is_the_newest_other_milestones(tmp_path: Path) -> None:
    from milestone_tui.core.flow import MilestoneFlow
    from tests.support.helpers import copy_demo

    workspace = Workspace(copy_demo(tmp_path / "repo"))
    assert workspace.sibling_repo("m6") is None
    for key, repo in (("m4", "old/repo"), ("m5", "octo-org/detections")):
        with MilestoneFlow.open(workspace, key) as flow:
            flow.set_github(repo=repo)
    (workspace.milestone_dir("m3")).mkdir()
    (workspace.milestone_dir("m3") / "session.yaml").write_text("{not: [valid", encoding="utf-8")
    assert workspace.sibling_repo("m6") == "octo-org/detections"  # the newest; a corrupt one passed over
    assert workspace.sibling_repo("m5") == "old/repo"  # never its own
