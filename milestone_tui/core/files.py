"""Which entries of a milestone folder are read at all: regular files only, never what a link points at.

A milestone folder is the user's, and a repository can be hostile: ``10-x.md -> /outside/secret.md`` would
otherwise be read in as issue 10 (and synced to GitHub), and a linked folder would be copied whole by a
backup. So the workspace, the parser and the reconciler list the folder with ``lstat`` semantics: regular
files are read, symbolic links are reported (``links``) and skipped, FIFOs and devices are ignored.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_READ_BYTES = 8 * 1024 * 1024  # no artifact or session file is this big; a bigger one is refused


def is_regular(path: Path) -> bool:
    """A regular file itself, not a link to one (nor a FIFO or a device)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def regular_files(folder: Path) -> list[str]:
    """Names of the regular files directly in ``folder``, sorted (empty when there is no folder)."""
    return [e.name for e in _scan(folder) if e.is_file(follow_symlinks=False)]


def links(folder: Path) -> list[str]:
    """Names of the symbolic links directly in ``folder``, sorted: reported, never followed."""
    return [e.name for e in _scan(folder) if e.is_symlink()]


def link_notice(name: str) -> str:
    return f"{name} is a symbolic link: skipped (only regular files in the milestone folder are read)"


def read_bytes(path: Path, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file, refusing links (``O_NOFOLLOW``), FIFOs, devices and files over
    ``limit``; OSError (with a readable ``strerror``) otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(0, f"larger than {limit // (1024 * 1024)} MB", str(path))
        return handle.read(limit + 1)
