"""The relationship endpoints: sub-issues, "blocked by" dependencies, and an organisation's issue types.

Every call takes GitHub's numeric issue ``id`` where GitHub asks for one (``sub_issue_id``, ``issue_id``),
never the issue number. Adding a relation that already exists answers 422; that counts as done, so a
re-run after a kill or a lost answer is safe, and these writes are retried like any idempotent write.
"""

from __future__ import annotations

import re
from typing import Any

from milestone_tui.errors import GitHubError
from milestone_tui.github.client import GitHubClient, RemoteIssue, _remote

_EXISTS = re.compile(r"already|duplicate|exists", re.IGNORECASE)
_OTHER_PARENT = re.compile(r"one parent", re.IGNORECASE)


def already_there(exc: GitHubError) -> bool:
    """A 422 that says the relation exists (GitHub words it several ways)."""
    return exc.status == 422 and (exc.code == "already_exists" or bool(_EXISTS.search(str(exc))))


def other_parent(exc: GitHubError) -> bool:
    """A 422 saying the issue already has another parent: someone placed it; it is left there."""
    return exc.status == 422 and bool(_OTHER_PARENT.search(str(exc)))


async def _relation(client: GitHubClient, what: str, send: Any) -> bool:
    """Run an add; True when it was made now, False when GitHub already had it."""
    try:
        await client.call(what, send, write=True)
    except GitHubError as exc:
        if already_there(exc) and not other_parent(exc):
            return False
        raise
    return True


async def add_sub_issue(client: GitHubClient, parent: int, child_id: int) -> bool:
    o, r = client.repo_args

    async def send() -> None:
        await client.rest.issues.async_add_sub_issue(o, r, parent, sub_issue_id=child_id)

    return await _relation(client, f"adding a sub-issue to #{parent}", send)


async def _list_related(client: GitHubClient, endpoint: Any, number: int, what: str) -> list[RemoteIssue]:
    """Every issue an issue's relation listing names (sub-issues, blockers), all pages."""
    o, r = client.repo_args

    async def fetch() -> list[RemoteIssue]:
        pages = client.rest.paginate(endpoint, owner=o, repo=r, issue_number=number, per_page=100)
        return [_remote(i) async for i in pages]

    return await client.call(what, fetch)


async def list_sub_issues(client: GitHubClient, parent: int) -> list[RemoteIssue]:
    return await _list_related(client, client.rest.issues.async_list_sub_issues, parent,
                               f"listing the sub-issues of #{parent}")


async def reprioritize_sub_issue(client: GitHubClient, parent: int, child_id: int,
                                 after_id: int | None = None, before_id: int | None = None) -> None:
    o, r = client.repo_args
    place: dict[str, int] = {"after_id": after_id} if after_id is not None else {"before_id": before_id or 0}

    async def send() -> None:
        await client.rest.issues.async_reprioritize_sub_issue(o, r, parent, sub_issue_id=child_id, **place)

    await client.call(f"ordering the sub-issues of #{parent}", send, write=True)


async def remove_sub_issue(client: GitHubClient, parent: int, child_id: int) -> None:
    """Remove; GitHub no longer having it counts as done."""
    o, r = client.repo_args

    async def send() -> None:
        await client.rest.issues.async_remove_sub_issue(o, r, parent, sub_issue_id=child_id)

    try:
        await client.call(f"removing a sub-issue from #{parent}", send, write=True)
    except GitHubError as exc:
        if exc.status not in {404, 422}:
            raise


async def add_blocked_by(client: GitHubClient, number: int, blocker_id: int) -> bool:
    o, r = client.repo_args

    async def send() -> None:
        await client.rest.issues.async_add_blocked_by_dependency(o, r, number, issue_id=blocker_id)

    return await _relation(client, f"linking #{number} as blocked", send)


async def list_blocked_by(client: GitHubClient, number: int) -> list[RemoteIssue]:
    return await _list_related(client, client.rest.issues.async_list_dependencies_blocked_by, number,
                               f"listing the blockers of #{number}")


async def remove_blocked_by(client: GitHubClient, number: int, blocker_id: int) -> None:
    o, r = client.repo_args

    async def send() -> None:
        await client.rest.issues.async_remove_dependency_blocked_by(o, r, number, blocker_id)

    try:
        await client.call(f"unlinking a blocker of #{number}", send, write=True)
    except GitHubError as exc:
        if exc.status not in {404, 422}:
            raise


async def issue_types(client: GitHubClient) -> set[str]:
    """The organisation's enabled issue type names; empty for a user's repository or without access."""
    org = client.target.owner

    async def fetch() -> set[str]:
        data = (await client.rest.orgs.async_list_issue_types(org)).parsed_data
        return {t.name for t in data if getattr(t, "is_enabled", True) is not False}

    try:
        return await client.call("reading the organisation's issue types", fetch)
    except GitHubError as exc:
        if exc.status in {403, 404, 410}:
            return set()
        raise
