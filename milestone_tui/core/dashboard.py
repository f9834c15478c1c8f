"""The dashboard's data: every roadmap milestone joined with its folder on disk, plus other folders.

Pure data for the TUI's dashboard (and tests): progress, artifacts present, GitHub state, last edited.
A roadmap that cannot be read is not a crash: the folders on disk are still listed and the error is kept on
``Workspace.roadmap_error`` for the screen to show.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from milestone_tui.core.model import WORK_PHASES, RoadmapMilestone, Session
from milestone_tui.core.summary import github_status

if TYPE_CHECKING:
    from milestone_tui.core.workspace import DashboardRow, FolderReport, Workspace

def _folder_progress(report: FolderReport) -> tuple[int, int]:
    """Progress of a folder without a session file, from the artifacts it holds."""
    done = [report.epic, report.spec, bool(report.issue_files), bool(report.issue_files), report.plan]
    return sum(done), len(WORK_PHASES)


def _newest_mtime(ws: Workspace, milestone_id: str) -> datetime | None:
    folder = ws.milestone_dir(milestone_id)
    times = [p.stat().st_mtime for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    return datetime.fromtimestamp(max(times), UTC) if times else None


def _row(ws: Workspace, key: str, milestone: RoadmapMilestone | None) -> DashboardRow:
    from milestone_tui.core.workspace import DashboardRow
    from milestone_tui.errors import WorkspaceError

    report = ws.inspect(key)
    session: Session | None = None
    error: str | None = None
    if report.session:
        try:
            session = ws.load_session(key)
        except WorkspaceError as exc:
            error = str(exc)
    if session is not None:
        progress = session.progress
        last = session.updated_at
    else:
        progress = _folder_progress(report)
        last = _newest_mtime(ws, key)
    source = milestone or (session.roadmap if session else None)
    return DashboardRow(
        milestone_id=key,
        display_id=source.id if source else key.upper(),
        title=source.title if source else "",
        dependencies=list(source.dependencies) if source else [],
        progress=progress,
        artifacts=report.artifact_count,
        github=github_status(session).short if session is not None else "—",
        last_edited=last,
        report=report,
        in_roadmap=milestone is not None,
        error=error,
    )


def dashboard_rows(ws: Workspace) -> list[DashboardRow]:
    """Roadmap milestones in roadmap order, then folders on disk that the roadmap does not name."""
    from milestone_tui.errors import RoadmapError, WorkspaceError

    ws.roadmap_error = None
    milestones: list[RoadmapMilestone] = []
    try:
        milestones = ws.roadmap().milestones
    except RoadmapError as exc:
        ws.roadmap_error = str(exc)
    rows = [_row(ws, m.key, m) for m in milestones]
    seen = {m.key for m in milestones}
    if ws.milestones_dir.is_dir():
        for folder in sorted(ws.milestones_dir.iterdir()):
            if folder.is_dir() and not folder.name.startswith(".") and folder.name not in seen:
                try:
                    rows.append(_row(ws, folder.name, None))
                except WorkspaceError:  # a folder name we would never create ("My Notes"): not ours
                    continue
    return rows
