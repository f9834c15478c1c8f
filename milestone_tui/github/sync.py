"""Run the sync: milestone, labels, then one issue per spec in order, each number saved the moment it exists.

``run_sync`` is async and free of Textual: the TUI runs it in a worker, the command line with ``asyncio.run``.
Progress goes to ``on_event`` as the event objects below; ``cancelled`` is polled between requests (and during
waits), and a cancel keeps everything already done. A create that fails without a clear answer (5xx, timeout,
dropped connection) is reconciled by listing the milestone's issues and matching the marker before resending.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.planning import issue_labels
from milestone_tui.errors import Cancelled, GitHubError, WriteUncertain
from milestone_tui.github.auth import Target, redact
from milestone_tui.github.client import GitHubClient, RemoteIssue, SyncOptions, to_due_on
from milestone_tui.github.diff import (
    SyncPlan,
    content_hash,
    find_milestone,
    issue_body,
    issue_verb,
    match_issues,
    read_plan,
    remote_hash,
)
from milestone_tui.github.events import (
    IssueSynced,
    LabelsReady,
    MilestoneReady,
    RateLimitWait,
    Reconciling,
    SyncCancelled,
    SyncEvent,
    SyncFailed,
    SyncFinished,
    SyncHost,
    SyncResult,
    SyncStarted,
)


async def plan_sync(host: SyncHost, target: Target, options: SyncOptions | None = None) -> SyncPlan:
    """The dry run: every create / adopt / update / unchanged, from reads only."""
    async with GitHubClient(target, options or SyncOptions()) as client:
        return await read_plan(client, host.session, host.renderer)


async def run_sync(host: SyncHost, target: Target, options: SyncOptions | None = None, *,
                   on_event: Callable[[SyncEvent], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> SyncResult:
    """Create or adopt the milestone, ensure labels, create/adopt/update every issue. Never raises for GitHub
    problems or a cancel: the result (and the last event) says finished, failed or cancelled."""
    emit = on_event or (lambda e: None)
    session = host.session
    result = SyncResult(milestone_title=session.milestone_title, left=[i.number for i in session.issues])
    client = GitHubClient(target, options or SyncOptions(), on_wait=lambda w: emit(RateLimitWait(w.seconds,
                          w.reason)), cancelled=cancelled or (lambda: False))
    try:
        async with client:
            await _run(client, host, result, emit)
        result.status = "finished"
        session.github.last_error = None
        session.github.last_synced = datetime.now(UTC)
        host.save()
        emit(SyncFinished(result))
    except Cancelled:
        result.status, result.message = "cancelled", f"Cancelled: {result.progress_line()}."
        host.save()
        emit(SyncCancelled(result))
    except GitHubError as exc:
        result.status, result.error = "failed", exc
        result.message = redact(f"{exc} ({result.progress_line()}; run the sync again to continue)",
                                target.token)
        session.github.last_error = redact(str(exc), target.token)
        host.save()
        emit(SyncFailed(result.message, result))
    except Exception as exc:  # a local problem (template, disk): still one line, and what is done stays saved
        result.status = "failed"
        result.message = redact(f"Sync stopped: {type(exc).__name__}: {exc} ({result.progress_line()})",
                                target.token)
        session.github.last_error = result.message
        try:
            host.save()
        finally:
            emit(SyncFailed(result.message, result))
    return result


async def _run(client: GitHubClient, host: SyncHost, result: SyncResult,
               emit: Callable[[SyncEvent], None]) -> None:
    session = host.session
    renderer = host.renderer
    plan = await read_plan(client, session, renderer)
    emit(SyncStarted(len(session.issues), plan))
    number, url, created = await _ensure_milestone(client, session, plan, emit)
    result.milestone_number, result.milestone_created = number, created
    session.github.repo, session.github.api_url = client.target.repo, client.target.api_url
    session.github.milestone_number, session.github.milestone_title = number, session.milestone_title
    session.github.milestone_url = url
    host.save()
    emit(MilestoneReady(session.milestone_title, number, created, url))
    result.labels_created = await _ensure_labels(client, plan)
    emit(LabelsReady(result.labels_created))
    matched = dict(plan.remote_issues)
    total = len(session.issues)
    for index, issue in enumerate(session.issues, start=1):
        if client.cancelled():
            raise Cancelled()
        verb, remote = await _sync_issue(client, session, issue, matched.get(issue.number), number, emit,
                                         renderer)
        host.save_numbers(issue)
        event = IssueSynced(issue.number, remote.number, issue.title, verb, index, total)
        result.synced.append(event)
        result.left.remove(issue.number)
        emit(event)
        if verb == "create" and remote.milestone != number:
            raise GitHubError(f"GitHub dropped the milestone from #{remote.number}: the token lacks push "
                              f"access to {client.target.repo} (ask for write access).")


async def _ensure_milestone(client: GitHubClient, session: Session, plan: SyncPlan,
                            emit: Callable[[SyncEvent], None]) -> tuple[int, str | None, bool]:
    """(number, url, created): adopt by title, else create; a duplicate or a lost answer is adopted."""
    if plan.milestone_number is not None:
        return plan.milestone_number, plan.milestone_url, False
    title = session.milestone_title
    due = to_due_on(session.roadmap.due_date if session.roadmap else None)
    description = session.epic.problem or (session.roadmap.description if session.roadmap else "")
    for attempt in range(client.options.retries + 1):
        try:
            number, url = await client.create_milestone(title, description, due)
            return number, url, True
        except GitHubError as exc:
            if exc.code != "already_exists":
                raise
        except WriteUncertain as exc:
            emit(Reconciling("the milestone", exc.cause))
        found = find_milestone(await client.list_milestones(), title)
        if found:
            return found[0], found[1], False
        await client.sleep(client.options.backoff * 2**attempt)
    raise GitHubError(f"Could not create milestone {title!r}: GitHub kept failing; run the sync again.")


async def _ensure_labels(client: GitHubClient, plan: SyncPlan) -> list[str]:
    """Create the missing labels first, with colours (an unknown label on an issue would come out grey)."""
    created: list[str] = []
    for action in plan.actions:
        if action.kind == "label" and action.verb == "create":
            await client.create_label(action.title, plan.label_colours.get(action.title, "ededed"))
            created.append(action.title)
    return created


async def _sync_issue(client: GitHubClient, session: Session, issue: Issue, remote: RemoteIssue | None,
                      milestone: int, emit: Callable[[SyncEvent], None],
                      renderer: artifacts.Renderer) -> tuple[str, RemoteIssue]:
    """Create, adopt or update one issue; record its number and pushed hash on the session."""
    body, labels = issue_body(session, issue, renderer), issue_labels(session, issue)
    desired = content_hash(issue.title, body, labels)
    if remote is None:
        verb, remote = await _create_issue(client, session, issue, body, labels, milestone, emit)
    else:
        verb = issue_verb(session, issue, remote, desired)
        # an adopted issue is normally what we sent; push only if the spec changed since
        if verb == "update" or (verb == "adopt" and desired != remote_hash(remote)):
            remote = await client.update_issue(remote.number, issue.title, body, labels)
    issue.github_issue = remote.number
    session.github.pushed_hashes[issue.number] = desired
    return verb, remote


async def _create_issue(client: GitHubClient, session: Session, issue: Issue, body: str, labels: list[str],
                        milestone: int, emit: Callable[[SyncEvent], None]) -> tuple[str, RemoteIssue]:
    """Create; after an uncertain failure list the milestone and adopt by marker before sending again."""
    for attempt in range(client.options.retries + 1):
        try:
            return "create", await client.create_issue(issue.title, body, milestone, labels)
        except WriteUncertain as exc:
            emit(Reconciling(f"issue {issue.key}", exc.cause))
        hit = match_issues(session, await client.list_milestone_issues(milestone)).get(issue.number)
        if hit is not None:
            return "create", hit  # it was created; only the answer was lost
        await client.sleep(client.options.backoff * 2**attempt)
    raise GitHubError(f"Could not create issue {issue.key} ({issue.title}): GitHub kept failing.")
