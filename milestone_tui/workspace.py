"""The workspace on disk: where files go, atomic writes, the session file, locks, backups, hand-edit detection.

STUB: signatures are the contract; the implementation replaces the bodies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from milestone_tui.model import Phase, Roadmap, Session

ROADMAP_PATH = Path("docs/01-roadmap/roadmap.md")
MILESTONES_PATH = Path("docs/03-build-notes/milestones")
TEMPLATES_PATH = Path(".milestone-tui/templates")
SESSION_FILE = "session.yaml"
BACKUP_DIR = ".backups"


class WorkspaceError(Exception):
    """A workspace problem; ``str()`` is one clear line for the user."""


class LockedError(WorkspaceError):
    """Another process has this milestone open."""


class SessionFileError(WorkspaceError):
    """The session file is corrupt or of an unknown schema version; it is kept, never replaced."""


def atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder + fsync + rename, so a crash never leaves half a file."""
    raise NotImplementedError


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

    def lines(self) -> list[str]:
        """``✓ 00-epic.md`` / ``✗ Issue specs (0 found)`` ..."""
        raise NotImplementedError

    @property
    def first_missing(self) -> Phase:
        raise NotImplementedError


@dataclass
class WriteReport:
    """Result of writing artifacts: what was written, left unchanged, or not written because edited by hand."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)


@dataclass
class DashboardRow:
    """One roadmap milestone joined with its folder on disk."""

    milestone_id: str  # folder id "m5"
    display_id: str  # "M5"
    title: str
    dependencies: list[str]
    progress: tuple[int, int]  # phases done, total
    artifacts: int  # artifact files present
    github: str  # "not synced" / "4 of 9 synced" / "synced" / "sync pending (later)" / "—"
    last_edited: datetime | None
    report: FolderReport


class Workspace:
    """A repository root with a roadmap and a milestones folder."""

    def __init__(self, root: Path, roadmap_path: Path | None = None) -> None:
        self.root = root
        self.roadmap_path = roadmap_path or root / ROADMAP_PATH
        self.milestones_dir = root / MILESTONES_PATH
        self.templates_dir = root / TEMPLATES_PATH

    def roadmap(self) -> Roadmap:
        raise NotImplementedError

    def milestone_dir(self, milestone_id: str) -> Path:
        """The folder for an id; WorkspaceError for anything that would leave the milestones folder."""
        raise NotImplementedError

    def inspect(self, milestone_id: str) -> FolderReport:
        raise NotImplementedError

    def load_session(self, milestone_id: str) -> Session | None:
        """None when there is no session file; SessionFileError when it is corrupt or of unknown version."""
        raise NotImplementedError

    def save_session(self, session: Session) -> None:
        raise NotImplementedError

    def backup(self, milestone_id: str) -> Path | None:
        """Copy the folder to ``<folder>/.backups/<timestamp>/`` (used before overwrite); None if empty."""
        raise NotImplementedError

    def write_artifacts(self, session: Session, files: dict[str, str], force: bool = False) -> WriteReport:
        """Write files atomically; a file whose hash differs from session.artifact_hashes was edited by hand
        and is reported as a conflict instead of overwritten (unless ``force``)."""
        raise NotImplementedError

    def dashboard(self) -> list[DashboardRow]:
        raise NotImplementedError
