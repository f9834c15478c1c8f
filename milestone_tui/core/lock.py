"""A per-milestone lock file, so two processes never write one milestone folder at the same time.

The lock is a file ``.lock`` inside the milestone folder, created with ``O_CREAT | O_EXCL`` (atomic on every
local filesystem) and holding ``<pid> <host>``. A lock left behind by a process that no longer runs on this
host is stale and taken over; a lock held by a live process (or on another host, which we cannot check)
is a refusal.
"""

from __future__ import annotations

import contextlib
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
    pid = int(parts[0]) if parts and parts[0].isdigit() else None
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


def acquire(folder: Path) -> MilestoneLock:
    """Take the lock in ``folder`` (which must exist); LockHeld when a live process holds it."""
    path = folder / LOCK_FILE
    me = f"{os.getpid()} {socket.gethostname()}\n".encode()
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid, host = _read_owner(path)
            same_host = host == socket.gethostname()
            if pid is not None and same_host and not _pid_alive(pid):
                # Stale: move it aside atomically (only one taker wins the rename), then retry the create.
                aside = path.with_name(f"{LOCK_FILE}.stale-{os.getpid()}")
                try:
                    os.replace(path, aside)
                    aside.unlink()
                except OSError:
                    pass
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
