"""Where things are in a repository, cheaply: the paths, the artifact names, what a milestone folder holds.

Standard library only (and the roadmap's cheap line reader, which needs no session model nor markdown-it), so
the dashboard reads its rows before the session model, pydantic, markdown-it and the templates are loaded.
``Workspace`` (core.workspace) builds on this with sessions, locks, writes and the full roadmap parser.

Layout under a repository root::

    docs/01-roadmap/roadmap.md                      the roadmap (or --roadmap PATH)
    docs/03-build-notes/milestones/<id>/            one folder per milestone: artifacts + session.yaml + .lock
    docs/03-build-notes/milestones/.backups/        copies made before --overwrite (outside every milestone)
    .milestone-tui/templates/                       optional template overrides
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from milestone_tui.core import files
from milestone_tui.core.phases import Phase
from milestone_tui.core.roadmap import Roadmap, read_roadmap_text
from milestone_tui.core.roadmap_lines import parse_lines
from milestone_tui.errors import WorkspaceError

EPIC_FILE = "00-epic.md"
SPEC_FILE = "00-SPECIFICATION.md"
PLAN_FILE = "IMPLEMENTATION_PLAN.md"
ISSUE_FILE_RE = re.compile(r"^(\d{1,4})-([A-Za-z0-9][A-Za-z0-9._-]*)\.md$")
ROADMAP_PATH = Path("docs/01-roadmap/roadmap.md")
MILESTONES_PATH = Path("docs/03-build-notes/milestones")
TEMPLATES_PATH = Path(".milestone-tui/templates")
SESSION_FILE = "session.yaml"
# Relative to the milestones folder (not inside a milestone), so a fresh run never sees old copies.
BACKUP_DIR = ".backups"

_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def issue_number(filename: str) -> int | None:
    """``03-schema-validation.md`` -> 3; None for anything that is not an issue spec file."""
    match = ISSUE_FILE_RE.match(filename)  # the parser's pattern: what it reads back is what counts here
    if not match or int(match.group(1)) < 1:
        return None
    return int(match.group(1))


def is_artifact(filename: str) -> bool:
    return filename in (EPIC_FILE, SPEC_FILE, PLAN_FILE) or issue_number(filename) is not None


@dataclass
class FolderReport:
    """What an existing milestone folder holds (the seed's ✓/✗ list)."""

    milestone_id: str
    exists: bool = False
    epic: bool = False
    spec: bool = False
    issue_files: list[str] = field(default_factory=list)
    plan: bool = False
    session: bool = False
    links: list[str] = field(default_factory=list)  # symbolic links in the folder: reported, never read

    def lines(self) -> list[str]:
        """``✓ 00-epic.md`` / ``✗ Issue specs (0 found)`` ..., then a ``⚠`` line per link skipped."""
        def mark(ok: bool) -> str:
            return "✓" if ok else "✗"

        return [
            f"{mark(self.epic)} {EPIC_FILE}",
            f"{mark(self.spec)} {SPEC_FILE}",
            f"{mark(bool(self.issue_files))} Issue specs ({len(self.issue_files)} found)",
            f"{mark(self.plan)} {PLAN_FILE}",
            *(f"⚠ {files.link_notice(name)}" for name in self.links),
        ]

    @property
    def artifact_count(self) -> int:
        return int(self.epic) + int(self.spec) + len(self.issue_files) + int(self.plan)

    @property
    def has_artifacts(self) -> bool:
        return self.artifact_count > 0

    @property
    def has_work(self) -> bool:
        """Artifacts or a session file: opening it as ``new`` would lose work, so the user chooses."""
        return self.has_artifacts or self.session

    @property
    def first_missing(self) -> Phase:
        if not self.epic:
            return Phase.EPIC
        if not self.spec:
            return Phase.SPEC
        if not self.issue_files:
            return Phase.BREAKDOWN
        if not self.plan:
            return Phase.PLAN
        return Phase.GITHUB


class Layout:
    """A repository root's paths: the roadmap, the milestones folder, the template overrides."""

    def __init__(self, root: Path, roadmap_path: Path | None = None) -> None:
        self.root = root
        self.roadmap_path = roadmap_path or root / ROADMAP_PATH
        self.milestones_dir = root / MILESTONES_PATH
        self.templates_dir = root / TEMPLATES_PATH

    def roadmap(self) -> Roadmap:
        """The roadmap as the dashboard reads it: by the line reader, which gives the full parser's milestones
        without loading markdown-it, or by the full parser for a shape the line reader leaves to it (the one
        place the full parser is loaded on demand). ``Workspace.roadmap`` always uses the full parser."""
        shown = self.relative(self.roadmap_path)
        text = read_roadmap_text(self.roadmap_path, shown)
        quick = parse_lines(text, shown)
        if quick is not None:
            return quick
        full: Roadmap = import_module("milestone_tui.core.roadmap_markdown").parse_roadmap(text, shown)
        return full

    def relative(self, path: Path) -> str:
        """``docs/03-build-notes/milestones/m5/00-epic.md``: paths as the seed prints them."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def milestone_dir(self, milestone_id: str) -> Path:
        """The folder for an id; WorkspaceError for anything that would leave the milestones folder."""
        key = (milestone_id or "").strip().lower()
        if not _SAFE_ID.match(key) or ".." in key:
            shown = repr(milestone_id) if len(milestone_id or "") <= 40 else \
                f"{milestone_id[:30]!r}… ({len(milestone_id)} characters)"
            raise WorkspaceError(f"invalid milestone id {shown}: use letters, digits, '-', '_' "
                                 "or '.' (no paths, at most 64 characters)")
        folder = self.milestones_dir / key
        base = self.milestones_dir.resolve()
        if folder.resolve().parent != base:  # e.g. a symlinked id; belt and braces after the regex
            raise WorkspaceError(f"invalid milestone id {milestone_id!r}: outside {self.relative(base)}")
        return folder

    def inspect(self, milestone_id: str) -> FolderReport:
        folder = self.milestone_dir(milestone_id)
        report = FolderReport(milestone_id=milestone_id.lower(), exists=folder.is_dir())
        if not report.exists:
            return report
        names = files.regular_files(folder)
        report.links = files.links(folder)
        report.epic = EPIC_FILE in names
        report.spec = SPEC_FILE in names
        report.plan = PLAN_FILE in names
        report.session = SESSION_FILE in names
        report.issue_files = [n for n in names if issue_number(n) is not None]
        return report

    def session_path(self, milestone_id: str) -> Path:
        return self.milestone_dir(milestone_id) / SESSION_FILE
