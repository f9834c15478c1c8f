"""What a kill mid-write leaves behind, and how the next open tells it from a hand edit.

Artifacts are written one by one (each atomically) and the session, which records their hashes, is saved
after them. A kill in between used to leave files that match no recorded hash: the next open called them
"edited by hand". So before writing artifacts the workspace notes the hashes it is about to write in
``.pending-hashes`` (itself written atomically); saving the session removes the note. A file whose hash is in
the note was written by us, not by hand. Temporary files of a write that was killed before its rename
(``.NAME.PID.HEX.tmp``) are removed when the milestone is next locked.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

from milestone_tui.core import files

PENDING_FILE = ".pending-hashes"
# atomic_write's temporary names: ".00-epic.md.4242.0badcafe.tmp"
TMP_RE = re.compile(r"^\..+\.\d+\.[0-9a-f]{8}\.tmp$")
_LINE_RE = re.compile(r"^([0-9a-f]{64}) (.+)$")


def record(folder: Path, hashes: dict[str, str], write: Callable[[Path, str], None]) -> None:
    """Note ``name -> hash`` for files about to be written (added to what is noted already)."""
    if not hashes:
        return
    noted = {**pending(folder), **hashes}
    write(folder / PENDING_FILE, "".join(f"{digest} {name}\n" for name, digest in sorted(noted.items())))


def pending(folder: Path) -> dict[str, str]:
    """The noted hashes (empty when there is no note, or it cannot be read)."""
    try:
        text = files.read_bytes(folder / PENDING_FILE, limit=1024 * 1024).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {m.group(2): m.group(1) for line in text.splitlines() if (m := _LINE_RE.match(line))}


def settled(folder: Path) -> None:
    """The session now records every hash: the note is not needed any more."""
    with contextlib.suppress(FileNotFoundError):
        (folder / PENDING_FILE).unlink()


def remove_leftovers(folder: Path) -> list[str]:
    """Remove temporary files of killed writes (only ours: the name pattern, regular files); their names."""
    removed = []
    for name in files.regular_files(folder):
        if TMP_RE.match(name):
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
            removed.append(name)
    return removed
