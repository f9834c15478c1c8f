"""Conditional reads of the milestone's issue listing: each page is sent with the ETag it had last time.

GitHub answers an unchanged page ``304 Not Modified`` without a body, and a 304 does not count against the
rate limit. githubkit 0.16.1 takes extra request headers on every endpoint method (``headers=``), and it
treats a 304 as a success (not ``is_error``): a ``Response`` with an empty body, whose ``parsed_data`` would
fail. So the pages are asked one by one (``page=N``, each with its own ETag; githubkit's paginator sends
the first call's headers with every page) and a 304 is told by its status before anything is parsed.

The ETags live in the session next to the status they came with (``github.status_etags``, one per page).
When every page is unchanged, ``--status`` and the dashboard keep the last read. The sync needs whole
issues: ``remembered`` rebuilds them from that read, each body being the one the sync would send now,
which is GitHub's exactly when its hash is the one last read. Where that does not hold (a spec changed, a
body edited on GitHub, an issue that is not ours in the milestone) nothing is sent conditionally: the sync
needs GitHub's text. When some page changed, the unchanged ones are read again in full (the session keeps
each issue's state, not which page it was on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from milestone_tui.core.model import Session
from milestone_tui.github.client import GitHubClient, RemoteIssue, _remote
from milestone_tui.github.status import body_hash

PER_PAGE = 100


@dataclass
class Listing:
    """The milestone's issues (None: every page answered 304, unchanged) and each page's ETag."""

    issues: list[RemoteIssue] | None
    etags: list[str]
    not_modified: int = 0  # pages answered 304


async def read_listing(client: GitHubClient, milestone: int, etags: Sequence[str] = ()) -> Listing:
    """Every issue (not pull request) in the milestone, page by page; ``etags`` from the last read make
    each page conditional (``If-None-Match``)."""
    o, r = client.repo_args

    async def one(page: int, tag: str | None) -> tuple[list[RemoteIssue] | None, str, bool]:
        headers = {"If-None-Match": tag} if tag else None
        answer = await client.rest.issues.async_list_for_repo(o, r, milestone=str(milestone), state="all",
                                                              per_page=PER_PAGE, page=page, headers=headers)
        etag = answer.headers.get("etag", "")
        if answer.status_code == 304:  # no body; as many pages as last time, or a page would have changed
            return None, etag or tag or "", page < len(etags)
        return [_remote(i) for i in answer.parsed_data], etag, 'rel="next"' in answer.headers.get("link", "")

    async def fetch() -> Listing:
        pages: list[list[RemoteIssue] | None] = []
        tags: list[str] = []
        more = True
        while more:
            page = len(pages) + 1
            got, etag, more = await one(page, etags[page - 1] if page <= len(etags) else None)
            pages.append(got)
            tags.append(etag)
        unchanged = sum(p is None for p in pages)
        if unchanged == len(pages):
            return Listing(None, tags, unchanged)
        full: list[RemoteIssue] = []
        for index, got in enumerate(pages):
            if got is None:  # unchanged, but its issues are not kept page by page: read it again
                got, tags[index], _ = await one(index + 1, None)
            full += got or []
        return Listing([i for i in full if not i.pull_request], tags, unchanged)

    return await client.call("listing the milestone's issues", fetch)


def remembered(session: Session, bodies: dict[int, str]) -> list[RemoteIssue] | None:
    """The milestone's issues as last read (``github.status``), for a listing GitHub says is unchanged;
    ``bodies``: GitHub number -> the body the sync would send. None when a body cannot be known that way."""
    out = []
    for number, seen in session.github.status.items():
        body = bodies.get(number)
        if not seen.body_hash or body is None or body_hash(body) != seen.body_hash:
            return None
        out.append(RemoteIssue(number, seen.title, body, list(seen.labels), seen.milestone, seen.url, seen.id,
                               seen.state, list(seen.assignees), False, seen.type, seen.blocked_by))
    return out or None
