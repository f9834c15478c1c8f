"""Asking about two-sided conflicts (core.conflicts) in the TUI: after an open and after Next on a phase.

Each pending conflict shows its diff (dialogs.conflict) until the planner keeps mine, keeps the file or edits
both in ``$EDITOR`` (the app suspended); escape leaves both as they are, to be asked again. Without an
``$EDITOR`` nothing is picked: both are kept and the notice says so. An edit that cannot be taken (conflict
markers left, a file that cannot be read back) is kept in a file whose path the notice gives. ``edit_merge``
is the editor part alone, which the GitHub screen's edit dialog uses too (both sides of an issue edited on
GitHub and in its spec).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from textual.app import App

from milestone_tui.core.conflicts import Conflict
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.errors import MilestoneError
from milestone_tui.tui.dialogs.conflict import ConflictDialog


async def resolve_conflicts(app: App[Any], flow: MilestoneFlow) -> None:
    """Ask about every pending conflict, one dialog each (from a worker: it awaits the dialogs)."""
    for conflict in list(flow.pending):
        shown = flow.workspace.relative(conflict.path)
        choice = await app.push_screen_wait(ConflictDialog(conflict, shown))
        try:
            if choice == "mine":
                flow.keep_mine(conflict)
                app.notify(f"{conflict.name}: written from the session")
            elif choice == "file":
                flow.keep_file(conflict)
                app.notify(f"{conflict.name}: read back into the session")
            elif choice == "editor":
                edit_merge(app, flow, conflict)
            else:
                app.notify(f"{conflict.name}: both kept as they are; you will be asked again",
                           severity="warning", timeout=6)
        except MilestoneError as exc:
            app.notify(f"{exc}; both kept as they are", severity="error", timeout=8)


def edit_merge(app: App[Any], flow: MilestoneFlow, conflict: Conflict,
               others: str = "keep mine or keep the file") -> bool:
    """Open ``conflict.merged()`` in $VISUAL / $EDITOR (the app suspended) and take the result as the file
    and into the session (``keep_edited``); False, with one notice, when no editor is set (``others``: the
    choices left), it failed, or its text cannot be taken (then it is kept in a file the notice names)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify(f"{conflict.name}: no $EDITOR is set, so both are kept as they are; choose {others}, or "
                   "set $EDITOR", severity="warning", timeout=8)
        return False
    fd, name = tempfile.mkstemp(prefix=f"{Path(conflict.name).stem}-merge-", suffix=".md")
    merge = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(conflict.merged())
    with app.suspend():
        status = subprocess.run([*shlex.split(editor), str(merge)], check=False).returncode
    text = merge.read_text(encoding="utf-8", errors="replace")
    if status != 0:
        app.notify(f"{conflict.name}: the editor exited with {status}; both kept, your edit is in {merge}",
                   severity="error", timeout=10)
        return False
    try:
        flow.keep_edited(conflict, text)
    except MilestoneError as exc:
        app.notify(f"{exc}; both kept, your edit is in {merge}", severity="error", timeout=10)
        return False
    merge.unlink(missing_ok=True)
    app.notify(f"{conflict.name}: your edit was written and read back into the session")
    return True
