"""The epic issue: one per milestone, titled like it, its body from ``00-epic.md``, parent of every spec.

Found like a spec issue: by the number the session recorded, else by its marker
(``<!-- milestone-tui:m5/epic OWNER/NAME -->``) in the milestone's issues, so a lost answer never makes a
second epic. Its pushed hash (``github.epic_hash``) tells an edited epic from an unchanged one.
"""

from __future__ import annotations

from collections.abc import Callable

from milestone_tui.core.model import Session
from milestone_tui.errors import GitHubError, WriteUncertain
from milestone_tui.github.client import GitHubClient, RemoteIssue
from milestone_tui.github.diff import Action, SyncPlan, Verb, content_hash, remote_hash
from milestone_tui.github.events import Reconciling, SyncEvent, SyncHost
from milestone_tui.github.relations import epic_body, epic_marker

EPIC_TYPE = "Feature"


def find_epic(session: Session, listed: list[RemoteIssue], repo: str) -> RemoteIssue | None:
    """The epic among the milestone's issues: the recorded number first, then the marker."""
    recorded = session.github.epic_issue
    hit = next((r for r in listed if recorded is not None and r.number == recorded), None)
    mark = epic_marker(session, repo)
    return hit or next((r for r in listed if mark in r.body), None)


async def read_epic(client: GitHubClient, session: Session, plan: SyncPlan, listed: list[RemoteIssue],
                    body: str) -> Action:
    """The plan's epic line; sets ``plan.epic`` when GitHub has it (a recorded epic moved away is read)."""
    repo = client.target.repo
    plan.epic = find_epic(session, listed, repo)
    if plan.epic is None and session.github.epic_issue is not None:
        moved = await client.get_issue(session.github.epic_issue)
        if moved is not None and epic_marker(session, repo) in moved.body:
            plan.epic = moved
    title = session.milestone_title
    if plan.epic is None:
        return Action("epic", "create", title)
    desired = content_hash(title, body, [])
    verb: Verb
    baseline = session.github.epic_hash or remote_hash(plan.epic)
    if session.github.epic_issue != plan.epic.number:
        verb = "adopt"
    elif desired != baseline or (plan.milestone.reattach and plan.epic.milestone != plan.milestone_number):
        verb = "update"
    else:
        verb = "unchanged"
    return Action("epic", verb, title, github=plan.epic.number)


async def ensure_epic(client: GitHubClient, host: SyncHost, plan: SyncPlan, milestone: int,
                      emit: Callable[[SyncEvent], None]) -> RemoteIssue:
    """Create, adopt or update the epic; its number and id are saved at once."""
    session, repo = host.session, client.target.repo
    title, body = session.milestone_title, epic_body(session, host.renderer, repo)
    desired = content_hash(title, body, [])
    kind = {"type": EPIC_TYPE} if EPIC_TYPE in plan.types else {}
    remote = plan.epic
    if remote is None:
        remote = await _create(client, session, title, body, milestone, emit, kind)
    else:
        baseline = session.github.epic_hash or remote_hash(remote)
        stale = remote.milestone != milestone
        retype = bool(kind) and remote.type != EPIC_TYPE
        if desired != baseline or stale or retype:
            remote = await client.update_issue(remote.number, title, body, [], milestone if stale else None,
                                               **kind)
    if remote.milestone != milestone:
        raise GitHubError(f"GitHub dropped the milestone from the epic #{remote.number}: the token lacks "
                          f"push (write) access to {repo}.", code="no_push")
    gh = session.github
    gh.epic_issue, gh.epic_id, gh.epic_hash = remote.number, remote.id, desired
    host.save()
    return remote


async def _create(client: GitHubClient, session: Session, title: str, body: str, milestone: int,
                  emit: Callable[[SyncEvent], None], kind: dict[str, str]) -> RemoteIssue:
    """Create; after an uncertain failure look for the marker before sending again."""
    for attempt in range(client.options.retries + 1):
        try:
            return await client.create_issue(title, body, milestone, [], **kind)
        except WriteUncertain as exc:
            emit(Reconciling("the epic", exc.cause))
        hit = find_epic(session, await client.list_issues(milestone), client.target.repo)
        if hit is not None:
            return hit
        await client.sleep(client.options.backoff * 2**attempt)
    raise GitHubError("Could not create the epic issue: GitHub kept failing; run the sync again.")
