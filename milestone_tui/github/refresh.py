"""The dashboard's GitHub column read back: what each session knows at once, then GitHub's answer.

The dashboard calls ``known`` (session files only, no request) and then ``refresh`` per synced milestone,
in a worker after its first frame; the summary calls ``read_back`` for its list of issues. Both are quiet
by design: no token, no network, a repository that moved, GitHub saying no: they answer None and the
screen keeps what the session knows. They read into a copy and never save: looking is not an edit of a
milestone (its last-edited time, and a session open in another process, stay as they are); ``--status``
and every sync keep their read in the session.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from milestone_tui.core.layout import Layout
from milestone_tui.core.model import Session
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import MilestoneError
from milestone_tui.github.status import status_line

if TYPE_CHECKING:  # githubkit loads in ``refresh``, in the dashboard's worker
    from milestone_tui.github.client import SyncOptions


@dataclass(frozen=True)
class ColumnStatus:
    """One milestone's progress on GitHub: ``3/9 closed · 2 blocked``, when it was read, and whether just now
    (``fresh``) or as the session last kept it."""

    line: str
    read_at: datetime | None
    fresh: bool


def known(layout: Layout, keys: list[str]) -> list[tuple[Session, ColumnStatus]]:
    """Each milestone's session and what it knows of GitHub (its last read); unreadable sessions are left out
    (the dashboard's row already says why)."""
    workspace = Workspace(layout.root, layout.roadmap_path)
    out = []
    for key in keys:
        try:
            session = workspace.load_session(key)
        except MilestoneError:
            continue
        if session is not None:
            out.append((session, ColumnStatus(status_line(session), session.github.status_read, False)))
    return out


async def refresh(layout: Layout, session: Session,
                  options: SyncOptions | None = None) -> ColumnStatus | None:
    """Read the milestone's issues from GitHub (one paginated listing); None, quietly, when it cannot."""
    copy = await read_back(layout, session, options)
    return None if copy is None else ColumnStatus(status_line(copy), copy.github.status_read, True)


async def read_back(layout: Layout, session: Session, options: SyncOptions | None = None) -> Session | None:
    """A copy of ``session`` with its issues' states as GitHub has them now (the summary's list shows them);
    None, quietly, when they cannot be read. ``session`` itself is not changed."""
    from milestone_tui.github.auth import resolve_target
    from milestone_tui.github.binding import repo_change
    from milestone_tui.github.client import SyncOptions
    from milestone_tui.github.reading import read_status

    if session.github.milestone_number is None:
        return None
    try:
        # may run ``gh auth token``: off the event loop
        target = await asyncio.to_thread(resolve_target, None, session.github.api_url,
                                         session_repo=session.github.repo, cwd=layout.root)
        if repo_change(session, target.repo) is not None:
            return None
        copy = session.model_copy(deep=True)
        # a look, not a sync: one retry and a short deadline, so an unreachable host gives up soon
        look = options or SyncOptions(timeout=10, deadline=20, retries=1, backoff=0.5)
        await read_status(target, copy, look)
    except MilestoneError:
        return None
    return copy
