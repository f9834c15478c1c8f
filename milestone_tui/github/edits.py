"""Edits made on GitHub are never clobbered: a three-way check before an issue body is updated.

The session keeps the hash of each body as last pushed (``github.body_hashes``, by GitHub number). When the
spec changed since (ours) and GitHub's body no longer has that hash (theirs), both sides edited it: the sync
stops before any write, naming the issue, unless told what to do: ``theirs`` (GitHub's text goes into the
spec: title, acceptance criteria, notes; nothing is sent) or ``ours`` (the spec overwrites GitHub). The
command line takes ``--theirs`` / ``--ours``; the TUI asks per issue (``EditConflict``) and passes its
answers in ``SyncOptions.edit_choices``; its third way, both in ``$EDITOR``, starts from ``spec_conflict``
(the spec file with GitHub's text against the spec file as it is) and becomes ``ours`` once the merge is in
the spec. A body edited on GitHub while the spec stayed the same is simply left alone, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from milestone_tui.core.artifacts.parse import parse_issue
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.conflicts import Conflict
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.reconcile import render_one
from milestone_tui.errors import ArtifactError
from milestone_tui.github.client import RemoteIssue, SyncOptions
from milestone_tui.github.status import body_hash

Choice = Literal["ours", "theirs"]
_MARKER = re.compile(r"\n*<!-- milestone-tui:[^>]*-->\s*$")


@dataclass(frozen=True)
class EditConflict:
    """Issue ``#github`` (spec ``key``) was edited on GitHub and in its spec since the last sync."""

    spec: int
    key: str
    github: int
    title: str
    ours: str  # the body the sync would send
    theirs: str  # GitHub's body now
    github_title: str = ""  # GitHub's title now (empty: the spec's)

    def line(self) -> str:
        return (f"Issue #{self.github} ({self.key}: {self.title}) was edited on GitHub since the last sync, "
                "and its spec changed too: pass --theirs to take GitHub's text into the spec, or --ours to "
                "overwrite it.")



def edited_on_github(recorded: str | None, remote: RemoteIssue) -> bool:
    """GitHub's body differs from the one last pushed (unknown for sessions from before the check)."""
    return recorded is not None and body_hash(remote.body) != recorded


def choice_for(options: SyncOptions, github: int) -> Choice | None:
    """The answer for one issue: the TUI's per-issue choice, else the command line's for all."""
    choice = options.edit_choices.get(github) or options.edits
    return "theirs" if choice == "theirs" else "ours" if choice == "ours" else None


def take_theirs(issue: Issue, remote: RemoteIssue) -> None:
    """GitHub's title, acceptance criteria and notes into the spec; numbers, links, labels and phase stay
    (GitHub's "Depends on #301" names GitHub numbers, not spec numbers)."""
    text = _MARKER.sub("\n", remote.body)
    try:
        theirs = parse_issue(f"# {remote.title}\n\n{text}", issue.filename)
    except ArtifactError:
        theirs = None
    issue.title = remote.title.strip() or issue.title
    if theirs is not None:
        issue.acceptance, issue.notes = theirs.acceptance, theirs.notes


def spec_conflict(session: Session, renderer: Renderer, conflict: EditConflict, folder: Path) -> Conflict:
    """Both sides as spec files, for one merge in an editor: the spec as it would be written with GitHub's
    title, criteria and notes (``take_theirs``), against the spec as the session renders it now; the marker
    lines say ``GitHub #302`` and ``this spec``. Resolved like a hand edit (``keep_edited``)."""
    issue = next(i for i in session.issues if i.number == conflict.spec)
    theirs = session.model_copy(deep=True)
    remote = RemoteIssue(conflict.github, conflict.github_title or conflict.title, conflict.theirs, [], None)
    take_theirs(next(i for i in theirs.issues if i.number == conflict.spec), remote)
    name = issue.filename
    return Conflict(name, folder / name, render_one(theirs, renderer, name) or "",
                    render_one(session, renderer, name) or "", f"GitHub #{conflict.github}", "this spec")
