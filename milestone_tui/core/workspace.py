"""The workspace on disk: atomic writes, the session file, locks, backups, hand edits.

``Workspace`` is a ``Layout`` (core.layout: where things are, what a folder holds) that also reads and writes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from milestone_tui.core import files as _files
from milestone_tui.core import journal
from milestone_tui.core import lock as _lock
from milestone_tui.core.layout import (
    BACKUP_DIR,
    SESSION_FILE,
    Layout,
    is_artifact,
    issue_number,
)
from milestone_tui.core.model import Session
from milestone_tui.core.roadmap import Roadmap
from milestone_tui.core.roadmap_markdown import load_roadmap
from milestone_tui.core.session_file import dump_session, parse_session
from milestone_tui.errors import (
    LockedError,
    LockHeld,
    MilestoneError,
    SessionFileError,
    SessionFormatError,
    WorkspaceError,
)


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


def _copy_regular(source: Path, target: Path) -> None:
    """Copy the regular files of ``source`` (and of its real subfolders) to ``target``: links are not
    followed (a linked /usr is not copied), the lock and temporary files are left out."""
    target.mkdir()
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.name in (_lock.LOCK_FILE, journal.PENDING_FILE) or journal.TMP_RE.match(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                _copy_regular(Path(entry.path), target / entry.name)
            elif entry.is_file(follow_symlinks=False):
                shutil.copy2(entry.path, target / entry.name, follow_symlinks=False)


def text_hash(text: str) -> str:
    """The content hash recorded in ``Session.artifact_hashes``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class WriteReport:
    """Result of writing artifacts: written, left unchanged, or not written because edited by hand."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # stale issue files of ours whose names changed


class Workspace(Layout):
    """A repository root with a roadmap and a milestones folder: sessions, locks, artifact writes, backups."""

    def __init__(self, root: Path, roadmap_path: Path | None = None) -> None:
        super().__init__(root, roadmap_path)
        # Session files that failed to load in this process: never overwritten (see save_session).
        self._unreadable: set[Path] = set()

    def roadmap(self) -> Roadmap:
        """The roadmap read by the full parser (markdown-it): what a milestone opens with."""
        return load_roadmap(self.roadmap_path, self.relative(self.roadmap_path))

    def lock(self, milestone_id: str) -> _lock.MilestoneLock:
        """Create the folder if needed and take its lock; LockedError when another live process holds it."""
        folder = self.milestone_dir(milestone_id)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            held_lock = _lock.acquire(folder)
        except LockHeld as held:
            name = milestone_id.lower()
            if held.pid is None:
                raise WorkspaceError(f"Milestone {name} is locked ({self.relative(folder / _lock.LOCK_FILE)} "
                                     "exists; delete it if no other create-milestone is running)") from None
            where = "" if held.host == socket.gethostname() else f" on {held.host}"
            message = f"Milestone {name} is open in another process (pid {held.pid}{where})"
            raise LockedError(message) from None
        journal.remove_leftovers(folder)  # no one else writes here now: a .tmp is a killed write's
        return held_lock

    def load_session(self, milestone_id: str) -> Session | None:
        """None when there is no session file; SessionFileError when it is corrupt or of unknown version."""
        path = self.session_path(milestone_id)
        try:
            text = _files.read_bytes(path).decode("utf-8")  # a link is refused, not followed
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self._unreadable.add(path)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
            if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
                reason = "it is a symbolic link"
            raise SessionFileError(f"{self.relative(path)}: cannot read session file ({reason})") from None
        try:
            session = parse_session(text)
        except SessionFormatError as exc:
            self._unreadable.add(path)
            keep = "the file was kept unchanged; fix it, or use --overwrite (which backs it up first)"
            raise SessionFileError(f"{self.relative(path)}: corrupt session file ({exc}); {keep}") from None
        self._unreadable.discard(path)
        return session

    def sibling_repo(self, milestone_id: str) -> str | None:
        """The GitHub repository the most recently saved other milestone of this workspace syncs to: the
        last resort for one that names none (after GH_REPO and the git remote). Unreadable sessions are
        passed over."""
        found: tuple[datetime, str] | None = None
        own = self.milestone_dir(milestone_id).name
        folders = sorted(self.milestones_dir.iterdir()) if self.milestones_dir.is_dir() else []
        for folder in folders:
            if folder.name == own or folder.name.startswith(".") or not folder.is_dir():
                continue
            try:
                session = self.load_session(folder.name)
            except MilestoneError:
                continue
            repo = session.github.repo if session is not None else None
            if session is not None and repo and (found is None or session.updated_at > found[0]):
                found = (session.updated_at, repo)
        return found[1] if found else None

    def save_session(self, session: Session) -> None:
        """Atomic save. A session file that failed to load in this process is never replaced: the safe choice
        is to refuse (the user's file may hold work); ``--overwrite`` backs it up and then forgets it."""
        path = self.session_path(session.milestone_id)
        if path in self._unreadable:
            raise SessionFileError(f"{self.relative(path)}: not overwriting a session file that failed to "
                                   "load")
        session.touch()
        atomic_write(path, dump_session(session))
        journal.settled(path.parent)

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
        _copy_regular(folder, target)
        return target

    def clear(self, milestone_id: str) -> None:
        """Remove the folder's artifacts and session file (after a backup), keeping the lock."""
        folder = self.milestone_dir(milestone_id)
        if not folder.is_dir():
            return
        for name in _files.regular_files(folder):  # a link is left alone (it was never ours)
            if is_artifact(name) or name in (SESSION_FILE, journal.PENDING_FILE):
                (folder / name).unlink()
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
        to_write: list[tuple[str, str, str]] = []
        for name, text in files.items():
            if not is_artifact(name) or Path(name).name != name:
                raise WorkspaceError(f"refusing to write {name!r}: not an artifact name")
            path = folder / name
            new_hash = text_hash(text)
            if os.path.lexists(path) and not _files.is_regular(path):
                report.conflicts.append(path)  # a link (or a FIFO): never written through, never replaced
                continue
            if path.is_file():
                current = file_hash(path)
                if current == new_hash:
                    session.artifact_hashes[name] = new_hash
                    report.unchanged.append(path)
                    continue
                if current != session.artifact_hashes.get(name) and not force:
                    report.conflicts.append(path)
                    continue
            to_write.append((name, text, new_hash))
        # Noted before writing: a kill before the session is saved must not read as hand edits next time.
        journal.record(folder, {name: digest for name, _, digest in to_write}, atomic_write)
        for name, text, new_hash in to_write:
            atomic_write(folder / name, text)
            session.artifact_hashes[name] = new_hash
            report.written.append(folder / name)
        if any(issue_number(n) is not None for n in files):
            # Stale means "no longer an issue of the session", not "not in this batch": the GitHub sync
            # writes one spec at a time.
            kept = {issue.filename for issue in session.issues} | set(files)
            ours = [n for n in session.artifact_hashes if issue_number(n) is not None and n not in kept]
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
                if _files.is_regular(folder / name) and file_hash(folder / name) != digest]
