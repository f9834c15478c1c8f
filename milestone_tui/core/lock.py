"""A per-milestone lock file, so two processes never write one milestone folder at the same time.

The lock is a file ``.lock`` inside the milestone folder, created with ``O_CREAT | O_EXCL`` (atomic on every
local filesystem) and holding ``<pid> <host>``. A lock left behind by a process that no longer runs on this
host is stale and taken over; a lock held by a live process (or on another host, which we cannot check)
is a refusal.

Taking over a stale lock is a read-check-replace, so it is serialised: the taker holds ``flock`` on the
milestone folder itself while it checks the lock again and replaces it. Without that, two takers that both
saw the dead pid could each remove the other's fresh lock and both go on as holders. The folder lock is
released by the kernel when a process dies, so it can never be stale itself, and it leaves no file behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from pathlib import Path

from milestone_tui.errors import LockHeld

LOCK_FILE = ".lock"


def _pid_alive(pid: int) -> bool:
    """True when a process with this pid exists (signal 0 checks without sending anything)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A process killed but not yet reaped by its parent still answers signal 0; it holds nothing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS): trust signal 0
    # The state follows the parenthesised command name, which may itself contain spaces or parentheses.
    return stat[stat.rfind(")") + 1:].split()[:1] == ["Z"]


def _read_owner(path: Path) -> tuple[int | None, str | None]:
    try:
        parts = path.read_text(encoding="utf-8").split()
    except OSError:
        return None, None
    pid = int(parts[0]) if parts and parts[0].isdigit() and len(parts[0]) <= 12 else None
    host = parts[1] if len(parts) > 1 else None
    return pid, host


class MilestoneLock:
    """A held lock; ``release()`` removes the file only if it is still ours."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        pid, host = _read_owner(self.path)
        # Only remove our own lock: a stale-lock takeover by someone else must not be undone by us.
        if pid == os.getpid() and host == socket.gethostname():
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def __enter__(self) -> MilestoneLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _stale(pid: int | None, host: str | None) -> bool:
    """A lock of a process on this host that no longer runs."""
    return pid is not None and host == socket.gethostname() and not _pid_alive(pid)


def _remove_if_still_stale(folder: Path, path: Path) -> None:
    """Remove a stale lock, holding the folder's flock so that a lock another taker just created is never
    the one removed: under the flock the lock is read again, and removed only if it is still stale."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a few microseconds per taker; released when fd closes
        if _stale(*_read_owner(path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    finally:
        os.close(fd)


def acquire(folder: Path) -> MilestoneLock:
    """Take the lock in ``folder`` (which must exist); LockHeld when a live process holds it."""
    path = folder / LOCK_FILE
    me = f"{os.getpid()} {socket.gethostname()}\n".encode()
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid, host = _read_owner(path)
            if _stale(pid, host):
                _remove_if_still_stale(folder, path)
                continue
            raise LockHeld(pid, host) from None
        try:
            os.write(fd, me)
            os.fsync(fd)
        finally:
            os.close(fd)
        return MilestoneLock(path)
    pid, host = _read_owner(path)
    raise LockHeld(pid, host)
