"""MilestoneFlow: open modes, locking, saving after every change, refine, hand edits, quick mode."""

from __future__ import annotations

import pytest

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.lookup import key_for
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import (
    FolderExistsError,
    LockedError,
    RoadmapError,
    SessionFileError,
    WorkspaceError,
)


def _epic_and_spec(flow: MilestoneFlow) -> None:
    flow.set_answer("epic", "problem", "Real-time detection data must be ingested.")
    flow.complete(Phase.EPIC)
    flow.set_answer("spec", "architecture", "HTTP endpoint receives events, queues to Kafka, consumer writes "
                    "to TimescaleDB.")
    flow.set_answer("spec", "technology", "TimescaleDB for storage, Kafka for queuing.")
    flow.complete(Phase.SPEC)


def test_milestone_key_normalises() -> None:
    assert key_for(None, "M5") == "m5"
    assert key_for(None, "Milestone 5") == "m5"


def test_unknown_milestone_creates_nothing(workspace: Workspace) -> None:
    with pytest.raises(RoadmapError, match="M42"):
        MilestoneFlow.open(workspace, "m42")
    assert not workspace.milestone_dir("m42").exists()


def test_path_traversal_refused(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceError):
        MilestoneFlow.open(workspace, "../../x")
    assert not (workspace.root.parent / "x").exists()


def test_second_open_is_refused_until_closed(workspace: Workspace) -> None:
    flow = MilestoneFlow.open(workspace, "m5")
    with pytest.raises(LockedError, match="Milestone m5 is open in another process"):
        MilestoneFlow.open(workspace, "m5", mode="refine")
    flow.close()
    MilestoneFlow.open(workspace, "m5", mode="refine").close()


def test_every_change_is_saved(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        flow.set_answer("epic", "users", "Risk analysts")
        on_disk = workspace.load_session("m5")
        assert on_disk is not None and on_disk.epic.users == "Risk analysts"
        flow.goto(Phase.SPEC)
        assert workspace.load_session("m5").current is Phase.SPEC  # type: ignore[union-attr]
        with pytest.raises(KeyError):
            flow.set_answer("epic", "nonsense", "x")


def test_new_on_existing_folder_asks_for_refine(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        _epic_and_spec(flow)
    with pytest.raises(FolderExistsError) as info:
        MilestoneFlow.open(workspace, "m5")
    assert "use --refine or --overwrite" in str(info.value)
    assert info.value.report.lines()[:2] == ["✓ 00-epic.md", "✓ 00-SPECIFICATION.md"]


def test_resume_where_the_user_stopped(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        _epic_and_spec(flow)
        issues = flow.propose()
        assert issues and issues[0].number == 1
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert flow.session.current is Phase.BREAKDOWN
        assert [i.title for i in flow.session.issues] == [i.title for i in issues]


def test_refine_folder_without_session_continues_at_breakdown(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        _epic_and_spec(flow)
    workspace.session_path("m5").unlink()
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert flow.session.first_missing_phase is Phase.BREAKDOWN
        assert flow.session.current is Phase.BREAKDOWN
        assert "Kafka" in flow.session.spec.architecture
        assert flow.session.roadmap is not None and flow.session.roadmap.id == "M5"
        # Continuing writes the new phases without touching (or conflicting with) the files it read.
        flow.propose()
        flow.complete(Phase.BREAKDOWN)
        report = flow.complete(Phase.ISSUES)
        assert report.written and not report.conflicts


def test_refine_works_without_roadmap(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        _epic_and_spec(flow)
    workspace.roadmap_path.unlink()
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert any("Roadmap" in n for n in flow.notices)
    with pytest.raises(RoadmapError):
        MilestoneFlow.open(workspace, "m6")


def test_hand_edit_read_back_and_never_silently_overwritten(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        _epic_and_spec(flow)
    epic = workspace.milestone_dir("m5") / "00-epic.md"
    edited = epic.read_text().replace("Real-time detection data must be ingested.",
                                      "Edited by hand: detections arrive late.")
    epic.write_text(edited)
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert any("00-epic.md was edited by hand" in n for n in flow.notices)
        assert "Edited by hand" in flow.session.epic.problem
        assert not flow.write().conflicts  # the session says what the file says: left alone
        assert epic.read_text() == edited
        flow.set_answer("epic", "users", "Analysts")
        report = flow.complete(Phase.EPIC)
        assert report.conflicts == [epic] and flow.conflicts == [epic]
        assert epic.read_text() == edited
        flow.write(force=True)
        assert "Analysts" in epic.read_text()


def test_deleted_artifacts_are_regenerated_on_refine(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m6", quick=True) as flow:
        flow.quick_fill()
    folder = workspace.milestone_dir("m6")
    for path in folder.glob("0[1-9]-*.md"):
        path.unlink()
    (folder / "IMPLEMENTATION_PLAN.md").unlink()
    with MilestoneFlow.open(workspace, "m6", mode="refine") as flow:
        assert flow.session.first_missing_phase is Phase.ISSUES
        flow.complete(Phase.ISSUES)
        flow.complete(Phase.PLAN)
    assert len(list(folder.glob("0[1-9]-*.md"))) == 6
    assert (folder / "IMPLEMENTATION_PLAN.md").is_file()


def test_quick_fill_m6(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m6", quick=True) as flow:
        report = flow.quick_fill()
        session = flow.session
        assert len(session.issues) == 6 and all(i.acceptance for i in session.issues)
        assert len(session.plan.phases) == 2 and all(i.phase in (1, 2) for i in session.issues)
        assert session.plan.branch.startswith("milestone/m6")
        assert session.plan.scope_tags == ["fusion", "engine"]
        assert session.github.decision == "undecided"
        assert session.is_done(Phase.PLAN) and not session.is_done(Phase.GITHUB)
        assert session.epic.problem  # from the roadmap description
        assert len(report.written) == 9
        assert [p.name for p in flow.artifact_paths()][0] == "00-epic.md"
        assert "git checkout -b milestone/m6" in "\n".join(flow.next_steps())


def test_overwrite_backs_up_and_starts_afresh(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5") as flow:
        _epic_and_spec(flow)
    with MilestoneFlow.open(workspace, "m5", mode="overwrite") as flow:
        assert flow.backup_path is not None
        assert (flow.backup_path / "00-epic.md").is_file()
        assert flow.session.done == [] and not flow.session.epic.problem
        assert not (workspace.milestone_dir("m5") / "00-epic.md").exists()


def test_corrupt_session_refused_on_refine_and_kept(workspace: Workspace) -> None:
    folder = workspace.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "session.yaml").write_text("epic: [broken\n")
    with pytest.raises(SessionFileError):
        MilestoneFlow.open(workspace, "m5", mode="refine")
    assert (folder / "session.yaml").read_text() == "epic: [broken\n"
    assert not (folder / ".lock").exists()
    # The way out: backed up, then replaced.
    with MilestoneFlow.open(workspace, "m5", mode="overwrite") as flow:
        assert flow.backup_path is not None
        assert (flow.backup_path / "session.yaml").read_text() == "epic: [broken\n"


def test_save_numbers_writes_that_issue_only(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sync's hook after each created issue: one spec rewritten, the session saved, no full re-render."""
    with MilestoneFlow.open(workspace, "m6", quick=True) as flow:
        flow.quick_fill()
        monkeypatch.setattr(flow.renderer, "all", lambda session: pytest.fail("full re-render"))
        issue = flow.session.issue(2)
        issue.github_issue = 302
        flow.save_numbers(issue)
        folder = workspace.milestone_dir("m6")
        assert "github_issue: 302" in (folder / issue.filename).read_text()
        assert "github_issue: null" in (folder / flow.session.issue(1).filename).read_text()
        assert "github_issue: 302" in (folder / "session.yaml").read_text()
