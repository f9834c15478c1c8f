"""A thin, careful GitHub REST client over githubkit for the sync.

Why not githubkit's defaults: its ``auto_retry`` retries any 5xx including POST (a 502 after GitHub created
the issue becomes a duplicate), it sets no timeout, and its retry logs carry tracebacks. Here githubkit only
retries reads (GET/HEAD) on 5xx and dropped connections; rate limits are waited out by this module (capped,
cancellable, reported through ``on_wait``); content-creating requests are paced; a failed create raises
``WriteUncertain`` so the caller reconciles (lists and matches its marker) before sending again. Every
request has a total deadline (``transport``), answers are parsed inside ``call`` so a malformed one is a
one-line GitHubError too, and every error becomes one line. Endpoints live in ``endpoints``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

from githubkit import GitHub
from githubkit.exception import (
    GitHubException,
    RateLimitExceeded,
    RequestError,
    RequestFailed,
    RequestTimeout,
)
from githubkit.retry import RetryOption
from pydantic import ValidationError

from milestone_tui.errors import Cancelled, GitHubError, RepoError, WriteUncertain
from milestone_tui.github.auth import Target
from milestone_tui.github.transport import DeadlineTransport

T = TypeVar("T")
LEGACY_API_VERSION = "2022-11-28"  # what GitHub Enterprise Server before 3.21 speaks
READ_METHODS = frozenset({"GET", "HEAD"})


def quiet_library_logs() -> None:
    """Keep githubkit/httpx retry chatter (with tracebacks) off the terminal and the TUI."""
    for name in ("githubkit", "httpx", "httpcore", "hishel"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL)
        logger.propagate = False


@dataclass
class SyncOptions:
    """Knobs: GitHub's guidance by default, tiny values in tests."""

    pace: float = 1.0  # seconds between content-creating requests
    timeout: float = 30.0  # per read of a request
    deadline: float = 90.0  # per request, whole answer included (a trickling answer never times a read out)
    max_wait: float = 900.0  # longest single rate-limit wait before giving up
    retries: int = 3  # retries for 5xx / dropped connections
    backoff: float = 1.0  # base of the exponential backoff between those retries
    rebind: bool = False  # a session synced to another repository may move to this one (its numbers dropped)
    adopt_titles: bool = False  # a same-titled issue not made by the sync is adopted instead of duplicated
    edits: str | None = None  # "ours" / "theirs": a body edited on GitHub and in its spec (see ``edits``)
    edit_choices: dict[int, str] = field(default_factory=dict)  # the same, per GitHub number (the TUI's)
    project: int | None = None  # a Projects board to mirror the plan to (else the session's, if any)
    api_version: str | None = None  # REST API version to send (default: githubkit's; detected on old GHES)


@dataclass
class ReadOnlyRetry:
    """githubkit retry decision: 5xx and connection failures retried for GET/HEAD only, never writes."""

    max_retry: int = 3
    backoff: float = 1.0

    def __call__(self, exc: GitHubException, retry_count: int) -> RetryOption:
        if retry_count >= self.max_retry or isinstance(exc, RateLimitExceeded):
            return RetryOption(False)
        if isinstance(exc, RequestFailed):
            transient, method = exc.response.status_code >= 500, exc.request.method
        elif isinstance(exc, RequestError):
            transient, method = True, _request_method(exc)
        else:
            return RetryOption(False)
        if transient and method in READ_METHODS:
            return RetryOption(True, timedelta(seconds=self.backoff * 2**retry_count))
        return RetryOption(False)


def _request_method(exc: RequestError[Any]) -> str:
    try:
        return str(exc.exc.request.method)
    except (AttributeError, RuntimeError):  # httpx raises RuntimeError when the request was never set
        return "?"


@dataclass
class RemoteIssue:
    """What the sync needs of a GitHub issue; ``id`` is the numeric id sub-issue and dependency calls take."""

    number: int
    title: str
    body: str
    labels: list[str]
    milestone: int | None
    html_url: str = ""
    id: int = 0
    state: str = "open"
    assignees: list[str] = field(default_factory=list)
    pull_request: bool = False
    type: str | None = None  # the issue type's name (organisation repositories)
    blocked_by: int = 0  # open issues blocking it (``issue_dependencies_summary.blocked_by``)


@dataclass(frozen=True)
class RepoInfo:
    """What the repository's answer says about the token: ``push`` None when GitHub did not say."""

    push: bool | None
    owner_type: str = "User"  # "Organization": issue types may exist
    enterprise: str | None = None  # the GitHub Enterprise Server version, when the server names one
    legacy_api: bool = False  # REST 2022-11-28 (GHES before 3.21): no sub-issues, dependencies, types


@dataclass
class Waiting:
    """Passed to ``on_wait`` before sleeping for a rate limit."""

    seconds: float
    reason: str


@dataclass
class GitHubClient:
    """One connection pool to one repository; use as ``async with GitHubClient(...) as gh``."""

    target: Target
    options: SyncOptions = field(default_factory=SyncOptions)
    on_wait: Callable[[Waiting], None] = lambda w: None
    cancelled: Callable[[], bool] = lambda: False
    _gh: Any = None
    _last_write: float = 0.0
    transport: DeadlineTransport | None = None

    async def __aenter__(self) -> GitHubClient:
        quiet_library_logs()
        self.transport = DeadlineTransport(self.options.deadline, api_version=self.options.api_version)
        self._gh = GitHub(self.target.token, base_url=self.target.api_url, timeout=self.options.timeout,
                          auto_retry=ReadOnlyRetry(self.options.retries, self.options.backoff),
                          http_cache=False, user_agent="milestone-tui",
                          async_transport=self.transport)
        await self._gh.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._gh.__aexit__(None, None, None)

    # -- plumbing ------------------------------------------------------------------------------------------
    async def sleep(self, seconds: float) -> None:
        """Sleep in small steps so a cancel is honoured during long waits."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self.cancelled():
                raise Cancelled()
            await asyncio.sleep(min(left, 0.1))

    async def _pace(self) -> None:
        wait = self._last_write + self.options.pace - time.monotonic()
        if wait > 0:
            await self.sleep(wait)
        self._last_write = time.monotonic()

    async def call(self, what: str, fn: Callable[[], Awaitable[T]], *, write: bool = False,
                   uncertain: bool = False) -> T:
        """Run one request: pace writes, wait out rate limits, retry idempotent writes, translate errors.
        ``uncertain`` marks a non-idempotent create: a 5xx/timeout/drop raises WriteUncertain instead.
        ``fn`` parses what it needs (``parsed_data``) itself, so an answer that is not GitHub's JSON is caught
        here: one line (or, after a create, WriteUncertain: the create may have happened)."""
        attempt = 0
        while True:
            if self.cancelled():
                raise Cancelled()
            if write:
                await self._pace()
            try:
                return await fn()
            except RateLimitExceeded as exc:
                await self._wait_rate_limit(exc)
            except RequestFailed as exc:
                status = exc.response.status_code
                if status < 500:
                    raise self.error(exc, what) from None
                if uncertain:
                    raise WriteUncertain(what, f"GitHub answered {status}") from None
                if not write or attempt >= self.options.retries:
                    raise self.error(exc, what) from None
            except RequestError as exc:
                if uncertain:
                    raise WriteUncertain(what, _transport_reason(exc, self.options.timeout)) from None
                if not write or attempt >= self.options.retries:
                    raise self.error(exc, what) from None
            except (ValidationError, ValueError, TypeError, AttributeError) as exc:
                # a JSON decode error is a ValueError; pydantic's dump (with a URL) must not reach the user
                if uncertain:
                    raise WriteUncertain(what, "GitHub's answer could not be read") from None
                kind = "not JSON" if isinstance(exc, ValueError) and not isinstance(exc, ValidationError) \
                    else "not the shape GitHub sends"
                raise GitHubError(f"GitHub's answer while {what} could not be read ({kind}); check "
                                  f"--github-api-url ({self.target.api_url}) points at the GitHub API.",
                                  code="bad_answer") from None
            attempt += 1
            await self.sleep(self.options.backoff * 2 ** (attempt - 1))

    async def _wait_rate_limit(self, exc: RateLimitExceeded) -> None:
        seconds = max(exc.retry_after.total_seconds(), 0.0)
        kind = "secondary" if "Secondary" in type(exc).__name__ else "primary"
        if seconds > self.options.max_wait:
            raise GitHubError(f"GitHub's {kind} rate limit asks to wait {seconds:.0f} s (more than the "
                              f"{self.options.max_wait:.0f} s cap); run the sync again later to continue.")
        self.on_wait(Waiting(seconds, f"{kind} rate limit"))
        await self.sleep(seconds)

    def error(self, exc: GitHubException, what: str) -> GitHubError:
        """One line that says what to do; never the token (httpx messages may carry headers)."""
        repo, api = self.target.repo, self.target.api_url
        if isinstance(exc, RequestFailed):
            status = exc.response.status_code
            detail, code = _message(exc)
            if status == 401:
                return GitHubError(f"GitHub rejected the token (401 {detail or 'Bad credentials'}): set a "
                                   "valid GH_TOKEN / GITHUB_TOKEN or run `gh auth login`.", status)
            if status == 403:
                return GitHubError(f"GitHub refused {what} in {repo} (403 {detail or 'Forbidden'}): the "
                                   "token needs write access to issues (classic: 'repo' scope).", status)
            if status == 404:
                return RepoError(f"Repository {repo} not found at {api} (404)",
                                 "check --repo, or give the token access to it.",
                                 "check the {field} field, or give the token access to it.", status)
            if status == 410:
                return GitHubError(f"Issues are disabled in {repo} (410): enable them in the repository "
                                   "settings.", status)
            if status >= 500:
                return GitHubError(f"GitHub answered {status} while {what}; run the sync again to continue.")
            return GitHubError(f"GitHub refused {what} ({status} {detail}).", status, code)
        if isinstance(exc, RequestError):
            reason = _transport_reason(exc, self.options.timeout)
            return GitHubError(f"Could not reach GitHub at {api} while {what} ({reason}); check the network "
                               "and retry.")
        return GitHubError(f"GitHub request failed while {what}.")

    # -- the API ------------------------------------------------------------------------------------------
    @property
    def rest(self) -> Any:
        return self._gh.rest

    @property
    def repo_args(self) -> tuple[str, str]:
        return self.target.owner, self.target.name

    async def check_repo(self) -> RepoInfo:
        """Read the repository: it exists, the token sees it, whether it may push (set milestones), and
        the REST version to speak: GitHub Enterprise Server before 3.21 gets ``2022-11-28``, detected from
        its version header or its refusal of a newer version (unless one was given)."""
        o, r = self.repo_args

        async def fetch() -> RepoInfo:
            data = (await self.rest.repos.async_get(o, r)).parsed_data
            perms = data.permissions if data.permissions else None
            push = (bool(perms.push) or bool(getattr(perms, "admin", False))) if perms is not None else None
            return RepoInfo(push=push, owner_type=str(getattr(data.owner, "type", "User") or "User"))

        assert self.transport is not None
        try:
            info = await self.call("reading the repository", fetch)
        except GitHubError as exc:
            if exc.status != 400 or "version" not in str(exc).lower() or self.options.api_version:
                raise
            self.transport.api_version = LEGACY_API_VERSION  # an older server: speak its version
            info = await self.call("reading the repository", fetch)
        enterprise = self.transport.enterprise_version
        if enterprise and not self.options.api_version and _older(enterprise, (3, 21)):
            self.transport.api_version = LEGACY_API_VERSION
        legacy = self.transport.api_version == LEGACY_API_VERSION
        return RepoInfo(info.push, info.owner_type, enterprise, legacy)

    async def list_labels(self) -> list[str]:
        o, r = self.repo_args

        async def fetch() -> list[str]:
            pages = self.rest.paginate(self.rest.issues.async_list_labels_for_repo, owner=o, repo=r,
                                       per_page=100)
            return [label.name async for label in pages]

        return await self.call("listing labels", fetch)

    async def create_label(self, name: str, color: str, description: str = "") -> None:
        """Create a label; 422 ``already_exists`` (a race, or a case variant) counts as success."""
        o, r = self.repo_args

        async def send() -> None:
            await self.rest.issues.async_create_label(o, r, name=name, color=color, description=description)

        try:
            await self.call(f"creating label {name!r}", send, write=True)
        except GitHubError as exc:
            if exc.code != "already_exists":
                raise

    async def list_issues(self, milestone: int | None = None, state: str = "all") -> list[RemoteIssue]:
        """Every issue (not pull request) in the milestone, or in the repository, following ``rel=next``."""
        o, r = self.repo_args
        extra = {"milestone": str(milestone)} if milestone is not None else {}

        async def fetch() -> list[RemoteIssue]:
            pages = self.rest.paginate(self.rest.issues.async_list_for_repo, owner=o, repo=r, state=state,
                                       per_page=100, **extra)
            issues = [_remote(i) async for i in pages]
            return [i for i in issues if not i.pull_request]  # the issues listing includes pull requests

        what = f"listing the {'milestone' if milestone is not None else 'repository'}'s issues"
        return await self.call(what, fetch)

    async def list_milestone_issues(self, milestone: int) -> list[RemoteIssue]:
        return await self.list_issues(milestone)

    async def get_issue(self, number: int) -> RemoteIssue | None:
        """One issue by number; None when GitHub has no such issue (404/410)."""
        o, r = self.repo_args

        async def fetch() -> RemoteIssue:
            return _remote((await self.rest.issues.async_get(o, r, number)).parsed_data)

        try:
            return await self.call(f"reading issue #{number}", fetch)
        except GitHubError as exc:
            if exc.status in {404, 410}:
                return None
            raise

    async def create_issue(self, title: str, body: str, milestone: int, labels: list[str],
                           **extra: Any) -> RemoteIssue:
        o, r = self.repo_args

        async def send() -> RemoteIssue:
            return _remote((await self.rest.issues.async_create(o, r, title=title, body=body,
                                                                  milestone=milestone, labels=labels,
                                                                  **extra)).parsed_data)

        return await self.call(f"creating issue {title!r}", send, write=True, uncertain=True)

    async def update_issue(self, number: int, title: str, body: str, labels: list[str],
                           milestone: int | None = None, **extra: Any) -> RemoteIssue:
        """PATCH title, body, labels (and the milestone when given: a repair or a re-attach; ``type``)."""
        o, r = self.repo_args
        if milestone is not None:
            extra["milestone"] = milestone

        async def send() -> RemoteIssue:
            return _remote((await self.rest.issues.async_update(o, r, number, title=title, body=body,
                                                                  labels=labels, **extra)).parsed_data)

        return await self.call(f"updating issue #{number}", send, write=True)


def _remote(issue: Any) -> RemoteIssue:
    labels = [lab if isinstance(lab, str) else (lab.name or "") for lab in issue.labels]
    assignees = [a.login for a in (issue.assignees or []) if getattr(a, "login", None)]
    kind = getattr(issue, "type", None)
    deps = getattr(issue, "issue_dependencies_summary", None)
    return RemoteIssue(number=issue.number, title=issue.title, body=issue.body or "", labels=labels,
                       milestone=issue.milestone.number if issue.milestone else None, html_url=issue.html_url,
                       id=int(issue.id), state=str(issue.state), assignees=assignees,
                       pull_request=bool(issue.pull_request), type=kind.name if kind else None,
                       blocked_by=int(deps.blocked_by) if deps else 0)


def _older(version: str, than: tuple[int, int]) -> bool:
    """``3.20.1`` older than (3, 21); an unreadable version is not."""
    parts = [int(p) for p in version.split(".")[:2] if p.isdigit()]
    return len(parts) == 2 and (parts[0], parts[1]) < than


def _message(exc: RequestFailed) -> tuple[str, str | None]:
    """(GitHub's ``message`` plus error codes, the first code such as ``already_exists``); no headers/URLs."""
    try:
        data = exc.response.raw_response.json()
    except Exception:  # a non-JSON error page: the status alone says enough
        return "", None
    if not isinstance(data, dict):
        return "", None
    errors = [e for e in data.get("errors") or [] if isinstance(e, dict)]
    codes = [str(e["code"]) for e in errors if e.get("code")]
    # a "custom" error says what is wrong in its own message (e.g. "this sub-issue already exists")
    words = [str(e.get("message") or e.get("code")) for e in errors if e.get("message") or e.get("code")]
    text = str(data.get("message", ""))
    return (f"{text}: {', '.join(words)}" if words else text), (codes[0] if codes else None)


def _transport_reason(exc: RequestError[Any], timeout: float) -> str:
    if isinstance(exc, RequestTimeout):
        detail = str(exc.exc)  # the transport's deadline names itself; httpx's read timeout does not
        return detail if detail.startswith("no complete answer") else f"no answer within {timeout:g} s"
    return f"connection failed: {type(exc.exc).__name__}"
