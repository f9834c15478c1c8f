"""The dashboard's rows: every roadmap milestone joined with its folder on disk, plus other folders.

A reader that is cheap to import (no session model, no pydantic, no templates, no markdown-it, no PyYAML:
the layout, the roadmap's line reader and the session's), so the dashboard's first frame already has its
rows. A session file is read for the few facts a row shows (phases done, GitHub numbers, last saved): from
its lines (``core.session_lines``) when it is in the style the app writes, else with PyYAML, loaded then;
opening the milestone validates it in full. A roadmap that cannot be read is not a crash: the folders on
disk are still listed and the error comes back beside the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from milestone_tui.core.layout import SESSION_FILE, FolderReport, Layout
from milestone_tui.core.phases import PHASES, Phase, bar_progress, partial_phases
from milestone_tui.core.roadmap import RoadmapMilestone
from milestone_tui.core.session_lines import read_facts
from milestone_tui.core.status import GitHubStatus
from milestone_tui.errors import MilestoneError, RoadmapError, WorkspaceError


@dataclass
class DashboardRow:
    """One roadmap milestone joined with its folder on disk."""

    milestone_id: str  # folder id "m5"
    display_id: str  # "M5"
    title: str
    dependencies: list[str]
    progress: tuple[int, int]  # phases done, total: over the phases the phase bar shows
    artifacts: int  # artifact files present
    github: str  # "not synced" / "4 of 9 synced" / "synced" / "sync pending (later)" / "—"
    last_edited: datetime | None
    report: FolderReport
    in_roadmap: bool = True
    error: str | None = None  # e.g. a corrupt session file, shown on the row instead of crashing
    # Where the planner stopped (the session's phase, and the issue open there if the session says), and the
    # GitHub line with its numbers: the dashboard's detail pane.
    stopped_at: Phase | None = None
    stopped_issue: int | None = None
    github_line: str = ""
    partial: tuple[Phase, ...] = ()  # done with questions left: ◐ here as on the phase bar
    synced: bool = False  # some issue is on GitHub: the column is refreshed from the session (and GitHub)
    github_progress: str = ""  # the progress read back, with when (the screen's worker fills it)


@dataclass
class Dashboard:
    """The rows, and why the roadmap could not be read (None when it could)."""

    rows: list[DashboardRow] = field(default_factory=list)
    roadmap_error: str | None = None


@dataclass(frozen=True)
class _SessionFacts:
    """What a row needs of a session file."""

    done: frozenset[str]
    updated_at: datetime | None
    roadmap: RoadmapMilestone | None
    github: GitHubStatus
    current: Phase | None = None
    current_issue: int | None = None
    partial: tuple[Phase, ...] = ()


def _when(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _yaml(text: str) -> Any:
    """The whole file through PyYAML, imported here: the one file of the first frame that needs it pays
    for it (most are read by ``read_facts``)."""
    yaml = import_module("yaml")
    safe_yaml = import_module("milestone_tui.core.safe_yaml")  # the bounded loader: a YAML bomb is refused
    try:
        return safe_yaml.load(text)
    except yaml.YAMLError:
        raise ValueError("not valid YAML") from None
    except MilestoneError as exc:  # YAMLLimitError: too big, too deep, expands too far
        raise ValueError(str(exc)) from None


def _facts(path: Path, key: str, shown: str) -> _SessionFacts:
    """The row's facts from a session file; WorkspaceError (one line) when it is not a session."""
    try:
        text = path.read_text(encoding="utf-8")
        data = read_facts(text)
        if data is None:  # not in the style the app writes: PyYAML reads it
            data = _yaml(text)
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        done = frozenset(str(p) for p in data.get("done") or [])
        issues = [i for i in data.get("issues") or [] if isinstance(i, dict)]
        github = data.get("github")
        if not isinstance(github, dict):  # a hand edit (``github: 5``): no GitHub facts, not a crash
            github = {}
        raw = data.get("roadmap")
        roadmap = RoadmapMilestone(**raw) if isinstance(raw, dict) else None
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as exc:
        reason = str(exc) or type(exc).__name__
        raise WorkspaceError(f"{shown}: corrupt session file ({reason})") from None
    numbers = tuple(sorted(int(i["github_issue"]) for i in issues if isinstance(i.get("github_issue"), int)))
    status = GitHubStatus(key, Phase.PLAN.value in done, str(github.get("decision") or "undecided"), numbers,
                          len(issues))
    current = next((p for p in Phase if p.value == data.get("current")), None)
    issue = data.get("current_issue")
    epic, spec = data.get("epic"), data.get("spec")
    partial = partial_phases((p for p in PHASES if p.value in done), epic if isinstance(epic, dict) else {},
                             spec if isinstance(spec, dict) else {},
                             (bool(i.get("acceptance")) for i in issues))
    return _SessionFacts(done, _when(data.get("updated_at")), roadmap, status, current,
                         issue if isinstance(issue, int) and not isinstance(issue, bool) else None, partial)


def _folder_progress(report: FolderReport) -> tuple[int, int]:
    """Progress of a folder without a session file, from the artifacts it holds."""
    done = [report.epic, report.spec, bool(report.issue_files), bool(report.issue_files), report.plan]
    return sum(done), len(PHASES)


def _newest_mtime(folder: Path) -> datetime | None:
    times = [p.stat().st_mtime for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    return datetime.fromtimestamp(max(times), UTC) if times else None


def _row(layout: Layout, key: str, milestone: RoadmapMilestone | None) -> DashboardRow:
    report = layout.inspect(key)
    facts: _SessionFacts | None = None
    error: str | None = None
    if report.session:
        path = layout.milestone_dir(key) / SESSION_FILE
        try:
            facts = _facts(path, key, layout.relative(path))
        except WorkspaceError as exc:
            error = str(exc)
    if facts is not None:
        progress = bar_progress(p for p in PHASES if p.value in facts.done)
        last = facts.updated_at
    else:
        progress = _folder_progress(report)
        last = _newest_mtime(layout.milestone_dir(key))
    source = milestone or (facts.roadmap if facts else None)
    return DashboardRow(
        milestone_id=key,
        display_id=source.id if source else key.upper(),
        title=source.title if source else "",
        dependencies=list(source.dependencies) if source else [],
        progress=progress,
        artifacts=report.artifact_count,
        github=facts.github.short if facts is not None else "—",
        last_edited=last,
        report=report,
        in_roadmap=milestone is not None,
        error=error,
        stopped_at=facts.current if facts is not None else None,
        stopped_issue=facts.current_issue if facts is not None else None,
        github_line=facts.github.line if facts is not None else "",
        partial=facts.partial if facts is not None else (),
        synced=bool(facts.github.numbers) if facts is not None else False,
    )


def read_dashboard(layout: Layout) -> Dashboard:
    """Roadmap milestones in roadmap order, then folders on disk that the roadmap does not name."""
    dashboard = Dashboard()
    milestones: list[RoadmapMilestone] = []
    try:
        milestones = layout.roadmap().milestones
    except RoadmapError as exc:
        dashboard.roadmap_error = str(exc)
    dashboard.rows = [_row(layout, m.key, m) for m in milestones]
    seen = {m.key for m in milestones}
    if layout.milestones_dir.is_dir():
        for folder in sorted(layout.milestones_dir.iterdir()):
            if folder.is_dir() and not folder.name.startswith(".") and folder.name not in seen:
                try:
                    dashboard.rows.append(_row(layout, folder.name, None))
                except WorkspaceError:  # a folder name we would never create ("My Notes"): not ours
                    continue
    return dashboard
