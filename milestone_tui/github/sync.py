"""Run the sync: milestone, labels, then one issue per spec in order, each number saved the moment it exists.

``run_sync`` is async and free of Textual: the TUI runs it in a worker, the command line with ``asyncio.run``.
Progress goes to ``on_event`` as the event objects below; ``cancelled`` is polled between requests (and during
waits), and a cancel keeps everything already done. A create that fails without a clear answer (5xx, timeout,
dropped connection) is reconciled by listing the milestone's issues and matching the marker before resending.
Every create or repair is checked in GitHub's answer: a token without push access gets the issue made but
its milestone and labels dropped, so the sync stops with one line and the next run repairs that issue. A
session synced to another repository is refused unless ``options.rebind`` (see ``binding``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.planning import issue_labels
from milestone_tui.errors import Cancelled, GitHubError, WriteUncertain
from milestone_tui.github.auth import Target, redact
from milestone_tui.github.binding import rebind, repo_change
from milestone_tui.github.board import sync_board
from milestone_tui.github.client import LEGACY_API_VERSION, GitHubClient, RemoteIssue, SyncOptions
from milestone_tui.github.diff import (
    NO_PUSH,
    SyncPlan,
    content_hash,
    issue_body,
    issue_verb,
    match_issues,
    remote_hash,
)
from milestone_tui.github.edits import take_theirs
from milestone_tui.github.epic import ensure_epic
from milestone_tui.github.events import (
    EpicReady,
    IssueSynced,
    LabelsReady,
    MilestoneReady,
    RateLimitWait,
    Reconciling,
    RelationsReady,
    SyncCancelled,
    SyncEvent,
    SyncFailed,
    SyncFinished,
    SyncHost,
    SyncResult,
    SyncStarted,
)
from milestone_tui.github.milestone import ensure_milestone
from milestone_tui.github.reading import issue_type, read_plan
from milestone_tui.github.relations import SUB_ISSUE_LIMIT, RelationSync
from milestone_tui.github.status import apply_status, body_hash


async def plan_sync(host: SyncHost, target: Target, options: SyncOptions | None = None) -> SyncPlan:
    """The dry run: every create / adopt / update / unchanged, from reads only; the session is not changed
    (a rebind is planned on a copy)."""
    options = options or SyncOptions()
    session = host.session
    change = repo_change(session, target.repo)
    if change is not None:
        if not options.rebind:
            raise GitHubError(change.line(), code="repo_change")
        session = session.model_copy(deep=True)
        rebind(session, target.repo)
    async with GitHubClient(target, options) as client:
        return await read_plan(client, session, host.renderer, options)


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
        change = repo_change(session, target.repo)
        if change is not None:
            if not client.options.rebind:
                raise GitHubError(change.line(), code="repo_change")
            rebind(session, target.repo)
            host.save()
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
        result.fix_first = exc.status is not None or exc.code is not None
        again = "" if result.fix_first else "; run the sync again to continue"
        result.message = redact(f"{exc} ({result.progress_line()}{again})", target.token)
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
    session, renderer, repo = host.session, host.renderer, client.target.repo
    plan = await read_plan(client, session, renderer)
    apply_status(session, plan.listed, plan.listed_etags)
    emit(SyncStarted(len(session.issues), plan))
    if plan.push is False:  # GitHub said so: stop before the first write, not after a broken issue
        raise GitHubError(f"Stopped before any write: {NO_PUSH} (to {repo}).", code="no_push")
    if plan.conflicts:  # both sides edited a body: nothing is sent until the user says which wins
        more = f" ({len(plan.conflicts) - 1} more issue(s) likewise)" if len(plan.conflicts) > 1 else ""
        raise GitHubError(f"{plan.conflicts[0].line()}{more} Nothing was sent.", code="edited")
    milestone, created = await ensure_milestone(client, session, plan.milestone, emit)
    number = milestone.number
    result.milestone_number, result.milestone_created = number, created
    gh = session.github
    gh.repo, gh.api_url = repo, client.target.api_url
    gh.milestone_number, gh.milestone_id, gh.milestone_url = number, milestone.id, milestone.html_url
    gh.milestone_title = session.milestone_title
    host.save()
    emit(MilestoneReady(session.milestone_title, number, created, milestone.html_url))
    result.labels_created = await _ensure_labels(client, plan)
    emit(LabelsReady(result.labels_created))
    matched = dict(plan.remote_issues)
    total = len(session.issues)
    for index, issue in enumerate(session.issues, start=1):
        if client.cancelled():
            raise Cancelled()
        try:
            verb, remote = await _sync_issue(client, session, issue, matched.get(issue.number), number, emit,
                                             renderer, issue.number in plan.attach,
                                             issue_type(issue, plan.types), issue.number in plan.theirs)
        except GitHubError as exc:
            if exc.code == "no_push":  # the issue exists, only incomplete: keep its number for the repair
                host.save_numbers(issue)
            raise
        host.save_numbers(issue)
        event = IssueSynced(issue.number, remote.number, issue.title, verb, index, total)
        result.synced.append(event)
        result.left.remove(issue.number)
        emit(event)
    epic = await ensure_epic(client, host, plan, number, emit)
    result.epic_number = epic.number
    epic_verb = next((a.verb for a in plan.actions if a.kind == "epic"), "unchanged")
    emit(EpicReady(epic.number, session.milestone_title, epic_verb))

    def wrote() -> None:
        result.relation_writes += 1

    unrecorded = {s.github for s in result.synced if s.verb == "adopt"}
    if epic_verb == "adopt":
        unrecorded.add(epic.number)
    if not plan.legacy_api:  # an older GitHub Enterprise has neither: the plan said so before any write
        relations = RelationSync(client, host, epic.number, wrote, unrecorded)
        await relations.sub_issues()
        await relations.links()
    if plan.board is not None:
        session.github.project = plan.board.project
        await sync_board(client, host, plan.board, wrote)
    emit(RelationsReady(len(session.github.sub_issues), sum(map(len, session.github.links.values())),
                        result.relation_writes))


async def _ensure_labels(client: GitHubClient, plan: SyncPlan) -> list[str]:
    """Create the missing labels first, with colours (an unknown label on an issue would come out grey)."""
    created: list[str] = []
    for action in plan.actions:
        if action.kind == "label" and action.verb == "create":
            await client.create_label(action.title, plan.label_colours.get(action.title, "ededed"))
            created.append(action.title)
    return created


def check_answer(client: GitHubClient, remote: RemoteIssue, milestone: int, labels: list[str]) -> None:
    """GitHub answers 201/200 even when it dropped the milestone and labels (no push access): say so."""
    missing = {n.casefold() for n in labels} - {n.casefold() for n in remote.labels}
    if remote.milestone == milestone and not missing:
        return
    dropped = " and ".join(w for w, gone in (("the milestone", remote.milestone != milestone),
                                             ("labels", bool(missing))) if gone)
    raise GitHubError(f"GitHub dropped {dropped} from #{remote.number}: the token lacks push (write) access "
                      f"to {client.target.repo}; use a token with write access (classic: 'repo' scope; "
                      f"fine-grained: Issues read and write) and sync again, which repairs #{remote.number}.",
                      code="no_push")


async def _sync_issue(client: GitHubClient, session: Session, issue: Issue, remote: RemoteIssue | None,
                      milestone: int, emit: Callable[[SyncEvent], None], renderer: artifacts.Renderer,
                      attach: bool = False, kind: str | None = None,
                      theirs: bool = False) -> tuple[str, RemoteIssue]:
    """Create, adopt, update or repair one issue; record its number, and its pushed hash once GitHub's
    answer shows everything arrived (until then the next sync repairs it)."""
    repo, gh = client.target.repo, session.github
    if theirs and remote is not None:  # GitHub's edit wins: it goes into the spec, nothing is sent
        take_theirs(issue, remote)
        issue.github_issue, issue.github_id = remote.number, remote.id or issue.github_id
        # the spec as it reads now counts as pushed: GitHub keeps its exact text until the spec changes again
        body, labels = issue_body(session, issue, renderer, repo), issue_labels(session, issue)
        gh.pushed_hashes[issue.number] = content_hash(issue.title, body, labels)
        gh.body_hashes = {**gh.body_hashes, remote.number: body_hash(remote.body)}
        return "theirs", remote
    body, labels = issue_body(session, issue, renderer, repo), issue_labels(session, issue)
    desired = content_hash(issue.title, body, labels)
    extra: dict[str, object] = {"type": kind} if kind else {}
    if remote is None:
        # a spec added after the epic exists goes straight under it (within GitHub's sub-issue limit)
        fits = len(session.issues) <= SUB_ISSUE_LIMIT and client.transport is not None and \
            client.transport.api_version != LEGACY_API_VERSION
        epic = session.github.epic_id if fits else None
        parent = {"parent_issue_id": epic} if epic is not None else {}
        gh.pushed_hashes.pop(issue.number, None)  # confirmed again only by GitHub's answer
        verb, remote = await _create_issue(client, session, issue, body, labels, milestone, emit,
                                           {**extra, **parent})
        issue.github_issue = remote.number
        if parent and remote.number not in session.github.sub_issues:
            session.github.sub_issues = [*session.github.sub_issues, remote.number]
    else:
        verb = issue_verb(session, issue, remote, desired)
        retype = bool(kind) and remote.type != kind
        if verb == "unchanged" and (attach or retype):
            verb = "update"
        issue.github_issue = remote.number
        # an adopted issue is normally what we sent; push only if the spec changed since
        if verb == "update" or (verb == "adopt" and (attach or retype or desired != remote_hash(remote))):
            gh.pushed_hashes.pop(issue.number, None)  # confirmed again only by GitHub's answer
            remote = await client.update_issue(remote.number, issue.title, body, labels,
                                               milestone if attach else None, **(extra if retype else {}))
            if attach:
                check_answer(client, remote, milestone, labels)
    issue.github_id = remote.id or issue.github_id
    if verb == "create":
        check_answer(client, remote, milestone, labels)
    session.github.pushed_hashes[issue.number] = desired
    if verb != "unchanged" or remote.number not in gh.body_hashes:
        # what GitHub holds now is the baseline the next sync compares an edit on GitHub with
        gh.body_hashes = {**gh.body_hashes, remote.number: body_hash(remote.body)}
    return verb, remote


async def _create_issue(client: GitHubClient, session: Session, issue: Issue, body: str, labels: list[str],
                        milestone: int, emit: Callable[[SyncEvent], None],
                        extra: dict[str, object]) -> tuple[str, RemoteIssue]:
    """Create; after an uncertain failure list the milestone and adopt by marker before sending again."""
    for attempt in range(client.options.retries + 1):
        try:
            return "create", await client.create_issue(issue.title, body, milestone, labels, **extra)
        except WriteUncertain as exc:
            emit(Reconciling(f"issue {issue.key}", exc.cause))
        listed = await client.list_milestone_issues(milestone)
        hit = match_issues(session, listed, client.target.repo).get(issue.number)
        if hit is not None:
            return "create", hit  # it was created; only the answer was lost
        await client.sleep(client.options.backoff * 2**attempt)
    raise GitHubError(f"Could not create issue {issue.key} ({issue.title}): GitHub kept failing.")
