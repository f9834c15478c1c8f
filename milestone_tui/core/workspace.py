"""The workspace on disk: where files go, atomic writes, the session file, locks, backups, hand edits.

Layout under a repository root::

    docs/01-roadmap/roadmap.md                      the roadmap (or --roadmap PATH)
    docs/03-build-notes/milestones/<id>/            one folder per milestone: artifacts + session.yaml + .lock
    docs/03-build-notes/milestones/.backups/        copies made before --overwrite (outside every milestone)
    .milestone-tui/templates/                       optional template overrides
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from milestone_tui.core import lock as _lock
from milestone_tui.core.artifacts.parse import EPIC_FILE, ISSUE_FILE_RE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import Phase, Roadmap, Session
from milestone_tui.core.session_file import dump_session, parse_session
from milestone_tui.errors import LockedError, SessionFileError, SessionFormatError, WorkspaceError

ROADMAP_PATH = Path("docs/01-roadmap/roadmap.md")
MILESTONES_PATH = Path("docs/03-build-notes/milestones")
TEMPLATES_PATH = Path(".milestone-tui/templates")
SESSION_FILE = "session.yaml"
# Relative to the milestones folder (not inside a milestone), so a fresh run never sees old copies.
BACKUP_DIR = ".backups"

_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder + fsync + rename, so a crash never leaves half a file.

    An existing file keeps its permission bits; a new one gets the usual umask-filtered 0666.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)  # umask applies, unlike mkstemp's 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable; not every platform lets us open a directory
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def text_hash(text: str) -> str:
    """The content hash recorded in ``Session.artifact_hashes``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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

    def lines(self) -> list[str]:
        """``✓ 00-epic.md`` / ``✗ Issue specs (0 found)`` ..."""
        def mark(ok: bool) -> str:
            return "✓" if ok else "✗"

        return [
            f"{mark(self.epic)} {EPIC_FILE}",
            f"{mark(self.spec)} {SPEC_FILE}",
            f"{mark(bool(self.issue_files))} Issue specs ({len(self.issue_files)} found)",
            f"{mark(self.plan)} {PLAN_FILE}",
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


@dataclass
class WriteReport:
    """Result of writing artifacts: written, left unchanged, or not written because edited by hand."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # stale issue files of ours whose names changed


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
    in_roadmap: bool = True
    error: str | None = None  # e.g. a corrupt session file, shown on the row instead of crashing


class Workspace:
    """A repository root with a roadmap and a milestones folder."""

    def __init__(self, root: Path, roadmap_path: Path | None = None) -> None:
        self.root = root
        self.roadmap_path = roadmap_path or root / ROADMAP_PATH
        self.milestones_dir = root / MILESTONES_PATH
        self.templates_dir = root / TEMPLATES_PATH
        self.roadmap_error: str | None = None  # set by dashboard() when the roadmap cannot be read
        # Session files that failed to load in this process: never overwritten (see save_session).
        self._unreadable: set[Path] = set()

    def roadmap(self) -> Roadmap:
        from milestone_tui.core.roadmap import load_roadmap

        return load_roadmap(self.roadmap_path, self.relative(self.roadmap_path))

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
            raise WorkspaceError(f"invalid milestone id {milestone_id!r}: use letters, digits, '-', '_' "
                                 "or '.' (no paths)")
        folder = self.milestones_dir / key
        base = self.milestones_dir.resolve()
        if folder.resolve().parent != base:  # e.g. a symlinked id; belt and braces after the regex
            raise WorkspaceError(f"invalid milestone id {milestone_id!r}: outside {self.relative(base)}")
        return folder

    def lock(self, milestone_id: str) -> _lock.MilestoneLock:
        """Create the folder if needed and take its lock; LockedError when another live process holds it."""
        folder = self.milestone_dir(milestone_id)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            return _lock.acquire(folder)
        except _lock.LockHeld as held:
            name = milestone_id.lower()
            if held.pid is None:
                raise WorkspaceError(f"Milestone {name} is locked ({self.relative(folder / _lock.LOCK_FILE)} "
                                     "exists; delete it if no other create-milestone is running)") from None
            where = "" if held.host == socket.gethostname() else f" on {held.host}"
            message = f"Milestone {name} is open in another process (pid {held.pid}{where})"
            raise LockedError(message) from None

    def inspect(self, milestone_id: str) -> FolderReport:
        folder = self.milestone_dir(milestone_id)
        report = FolderReport(milestone_id=milestone_id.lower(), exists=folder.is_dir())
        if not report.exists:
            return report
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
        report.epic = EPIC_FILE in names
        report.spec = SPEC_FILE in names
        report.plan = PLAN_FILE in names
        report.session = SESSION_FILE in names
        report.issue_files = [n for n in names if issue_number(n) is not None]
        return report

    def session_path(self, milestone_id: str) -> Path:
        return self.milestone_dir(milestone_id) / SESSION_FILE

    def load_session(self, milestone_id: str) -> Session | None:
        """None when there is no session file; SessionFileError when it is corrupt or of unknown version."""
        path = self.session_path(milestone_id)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self._unreadable.add(path)
            raise SessionFileError(f"{self.relative(path)}: cannot read session file ({exc})") from None
        try:
            session = parse_session(text)
        except SessionFormatError as exc:
            self._unreadable.add(path)
            keep = "the file was kept unchanged; fix it, or use --overwrite (which backs it up first)"
            raise SessionFileError(f"{self.relative(path)}: corrupt session file ({exc}); {keep}") from None
        self._unreadable.discard(path)
        return session

    def save_session(self, session: Session) -> None:
        """Atomic save. A session file that failed to load in this process is never replaced: the safe choice
        is to refuse (the user's file may hold work); ``--overwrite`` backs it up and then forgets it."""
        path = self.session_path(session.milestone_id)
        if path in self._unreadable:
            raise SessionFileError(f"{self.relative(path)}: not overwriting a session file that failed to "
                                   "load")
        session.touch()
        atomic_write(path, dump_session(session))

    def forget_unreadable(self, milestone_id: str) -> None:
        """After a backup, an unreadable session file may be replaced (the overwrite path)."""
        self._unreadable.discard(self.session_path(milestone_id))

    def backup(self, milestone_id: str) -> Path | None:
        """Copy the folder to ``<milestones>/.backups/<id>-<timestamp>/`` None if empty."""
        folder = self.milestone_dir(milestone_id)
        if not folder.is_dir() or not any(p.name != _lock.LOCK_FILE for p in folder.iterdir()):
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        base = self.milestones_dir / BACKUP_DIR
        target = base / f"{folder.name}-{stamp}"
        n = 1
        while target.exists():  # two backups in one second must not collide
            n += 1
            target = base / f"{folder.name}-{stamp}-{n}"
        base.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns(_lock.LOCK_FILE, ".*.tmp"))
        return target

    def clear(self, milestone_id: str) -> None:
        """Remove the folder's artifacts and session file (after a backup), keeping the lock."""
        folder = self.milestone_dir(milestone_id)
        if not folder.is_dir():
            return
        for path in folder.iterdir():
            if path.is_file() and (is_artifact(path.name) or path.name == SESSION_FILE):
                path.unlink()
        self.forget_unreadable(milestone_id)

    def write_artifacts(self, session: Session, files: dict[str, str], force: bool = False) -> WriteReport:
        """Write files atomically; a file whose hash differs from session.artifact_hashes was edited by hand
        and is reported as a conflict instead of overwritten (unless ``force``).

        A file that exists without a recorded hash and differs from what we would write was not written by us
        and is a conflict too. When ``files`` contains issue specs, issue files we wrote earlier that are no
        longer issues of the session (renamed or removed) are deleted, but only if unmodified since written.
        """
        folder = self.milestone_dir(session.milestone_id)
        folder.mkdir(parents=True, exist_ok=True)
        report = WriteReport()
        for name, text in files.items():
            if not is_artifact(name) or Path(name).name != name:
                raise WorkspaceError(f"refusing to write {name!r}: not an artifact name")
            path = folder / name
            new_hash = text_hash(text)
            if path.is_file():
                current = file_hash(path)
                if current == new_hash:
                    session.artifact_hashes[name] = new_hash
                    report.unchanged.append(path)
                    continue
                if current != session.artifact_hashes.get(name) and not force:
                    report.conflicts.append(path)
                    continue
            atomic_write(path, text)
            session.artifact_hashes[name] = new_hash
            report.written.append(path)
        if any(issue_number(n) is not None for n in files):
            # Stale means "no longer an issue of the session", not "not in this batch": the GitHub sync
            # writes one spec at a time.
            current = {issue.filename for issue in session.issues} | set(files)
            ours = [n for n in session.artifact_hashes if issue_number(n) is not None and n not in current]
            for name in ours:
                path = folder / name
                if not path.is_file():
                    del session.artifact_hashes[name]
                elif file_hash(path) == session.artifact_hashes[name]:
                    path.unlink()
                    del session.artifact_hashes[name]
                    report.removed.append(path)
        return report

    def edited_artifacts(self, session: Session) -> list[str]:
        """Artifact files whose content no longer matches the hash recorded when we wrote them."""
        folder = self.milestone_dir(session.milestone_id)
        return [name for name, digest in sorted(session.artifact_hashes.items())
                if (folder / name).is_file() and file_hash(folder / name) != digest]

    def dashboard(self) -> list[DashboardRow]:
        from milestone_tui.core.dashboard import dashboard_rows

        return dashboard_rows(self)
