"""Progress read back from GitHub: each issue's state, assignees and open blockers, kept in the session.

``reading.read_status`` costs one paginated listing of the milestone's issues (never one request per issue);
every sync does the same listing anyway; both call ``apply_status`` on it. ``status_line`` is the dashboard's
``3/9 closed · 2 blocked · 1 unassigned``; ``status_rows`` the summary screen's per-issue states. Both read
the session only, so a screen calls them without any request. ``read_status`` sends the last read's ETags,
so an unchanged listing is a free 304 (``listing``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from milestone_tui.core.model import IssueStatus, Session

if TYPE_CHECKING:  # githubkit is never loaded here: the screens import this module freely
    from milestone_tui.github.client import RemoteIssue


def body_hash(body: str) -> str:
    """The hash an issue body is remembered by (as last pushed, as last read), ends stripped."""
    return hashlib.sha256(body.strip().encode()).hexdigest()[:16]


@dataclass(frozen=True)
class StatusRow:
    """One spec issue as last read: ``state`` is ``open``, ``closed`` or ``not on GitHub``."""

    key: str
    title: str
    github: int | None
    state: str
    assignees: tuple[str, ...]
    blocked_by: int
    url: str | None


def apply_status(session: Session, listed: list[RemoteIssue], etags: list[str] | None = None) -> None:
    """Keep every listed issue (those of this milestone) in ``session.github.status``, with the listing's
    ETags (``etags``; none: the next read is not conditional)."""
    if not listed:
        return
    session.github.status = {
        r.number: IssueStatus(state=r.state, assignees=r.assignees, blocked_by=r.blocked_by, title=r.title,
                              labels=r.labels, milestone=r.milestone, id=r.id, type=r.type, url=r.html_url,
                              body_hash=body_hash(r.body)) for r in listed}
    session.github.status_etags = list(etags or [])
    session.github.status_read = datetime.now(UTC)


def issue_url(session: Session, number: int | None = None) -> str | None:
    """The web page of issue #number, or of the milestone when ``number`` is None (the TUI's browser key);
    built from the milestone's own URL, so a GitHub Enterprise host is right too. None before a sync."""
    milestone = session.github.milestone_url
    if not milestone:
        return None
    if number is None:
        return milestone
    base = milestone.rsplit("/milestone/", 1)[0]
    return f"{base}/issues/{number}"


def status_rows(session: Session) -> list[StatusRow]:
    """Each spec issue with its last-read state, in breakdown order."""
    status = session.github.status
    rows = []
    for issue in session.issues:
        number = issue.github_issue
        got = status.get(number) if number is not None else None
        url = issue_url(session, number) if number else None
        rows.append(StatusRow(issue.key, issue.title, number,
                              got.state if got else ("unknown" if number else "not on GitHub"),
                              tuple(got.assignees) if got else (), got.blocked_by if got else 0, url))
    return rows


def status_line(session: Session) -> str:
    """``3/9 closed · 2 blocked · 1 unassigned`` for the spec issues; empty before the first read."""
    if session.github.status_read is None:
        return ""
    rows = [r for r in status_rows(session) if r.github is not None]
    closed = sum(r.state == "closed" for r in rows)
    open_rows = [r for r in rows if r.state == "open"]
    parts = [f"{closed}/{len(session.issues)} closed"]
    blocked = sum(r.blocked_by > 0 for r in open_rows)
    unassigned = sum(not r.assignees for r in open_rows)
    if blocked:
        parts.append(f"{blocked} blocked")
    if unassigned:
        parts.append(f"{unassigned} unassigned")
    return " · ".join(parts)
