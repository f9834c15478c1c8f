"""A thin, careful GitHub REST client over githubkit for the sync.

Why not githubkit's defaults: its ``auto_retry`` retries any 5xx including POST (a 502 after GitHub created
the issue becomes a duplicate), it sets no timeout, and its retry logs carry tracebacks. Here githubkit only
retries reads (GET/HEAD) on 5xx and dropped connections; rate limits are waited out by this module (capped,
cancellable, reported through ``on_wait``); content-creating requests are paced; a failed create raises
``WriteUncertain`` so the caller reconciles (lists and matches its marker) before sending again. Errors
become one-line GitHubErrors.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
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

from milestone_tui.errors import Cancelled, GitHubError, RepoError, WriteUncertain
from milestone_tui.github.auth import Target

T = TypeVar("T")
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
    timeout: float = 30.0  # per request
    max_wait: float = 900.0  # longest single rate-limit wait before giving up
    retries: int = 3  # retries for 5xx / dropped connections
    backoff: float = 1.0  # base of the exponential backoff between those retries


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
    """What the sync needs of a GitHub issue."""

    number: int
    title: str
    body: str
    labels: list[str]
    milestone: int | None
    html_url: str = ""


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

    async def __aenter__(self) -> GitHubClient:
        quiet_library_logs()
        self._gh = GitHub(self.target.token, base_url=self.target.api_url, timeout=self.options.timeout,
                          auto_retry=ReadOnlyRetry(self.options.retries, self.options.backoff),
                          http_cache=False, user_agent="milestone-tui")
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
        ``uncertain`` marks a non-idempotent create: a 5xx/timeout/drop raises WriteUncertain instead."""
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

    # -- endpoints -----------------------------------------------------------------------------------------
    @property
    def rest(self) -> Any:
        return self._gh.rest

    async def check_repo(self) -> None:
        o, r = self.target.owner, self.target.name
        await self.call("reading the repository", lambda: self.rest.repos.async_get(o, r))

    async def list_milestones(self) -> list[tuple[int, str, str]]:
        """(number, title, html_url) of every milestone, closed ones too."""
        o, r = self.target.owner, self.target.name

        async def fetch() -> list[tuple[int, str, str]]:
            pages = self.rest.paginate(self.rest.issues.async_list_milestones, owner=o, repo=r, state="all",
                                       per_page=100)
            return [(m.number, m.title, m.html_url) async for m in pages]

        return await self.call("listing milestones", fetch)

    async def create_milestone(self, title: str, description: str,
                               due_on: datetime | None) -> tuple[int, str]:
        """(number, html_url); raises RequestFailed 422 through ``error`` unless ``already_exists``."""
        o, r = self.target.owner, self.target.name
        extra: dict[str, Any] = {"due_on": due_on} if due_on else {}
        resp = await self.call("creating the milestone", lambda: self.rest.issues.async_create_milestone(
            o, r, title=title, description=description, **extra), write=True, uncertain=True)
        return resp.parsed_data.number, resp.parsed_data.html_url

    async def list_labels(self) -> list[str]:
        o, r = self.target.owner, self.target.name

        async def fetch() -> list[str]:
            pages = self.rest.paginate(self.rest.issues.async_list_labels_for_repo, owner=o, repo=r,
                                       per_page=100)
            return [label.name async for label in pages]

        return await self.call("listing labels", fetch)

    async def create_label(self, name: str, color: str, description: str = "") -> None:
        """Create a label; 422 ``already_exists`` (a race, or a case variant) counts as success."""
        o, r = self.target.owner, self.target.name
        try:
            await self.call(f"creating label {name!r}", lambda: self.rest.issues.async_create_label(
                o, r, name=name, color=color, description=description), write=True)
        except GitHubError as exc:
            if exc.code != "already_exists":
                raise

    async def list_milestone_issues(self, milestone: int) -> list[RemoteIssue]:
        """Every issue in the milestone, open and closed, following ``Link: rel=next``."""
        o, r = self.target.owner, self.target.name

        async def fetch() -> list[RemoteIssue]:
            pages = self.rest.paginate(self.rest.issues.async_list_for_repo, owner=o, repo=r,
                                       milestone=str(milestone), state="all", per_page=100)
            return [_remote(i) async for i in pages]

        return await self.call("listing the milestone's issues", fetch)

    async def get_issue(self, number: int) -> RemoteIssue | None:
        """One issue by number; None when GitHub has no such issue (404/410)."""
        o, r = self.target.owner, self.target.name
        try:
            resp = await self.call(f"reading issue #{number}",
                                   lambda: self.rest.issues.async_get(o, r, number))
        except GitHubError as exc:
            if exc.status in {404, 410}:
                return None
            raise
        return _remote(resp.parsed_data)

    async def create_issue(self, title: str, body: str, milestone: int, labels: list[str]) -> RemoteIssue:
        o, r = self.target.owner, self.target.name
        resp = await self.call(f"creating issue {title!r}", lambda: self.rest.issues.async_create(
            o, r, title=title, body=body, milestone=milestone, labels=labels), write=True, uncertain=True)
        return _remote(resp.parsed_data)

    async def update_issue(self, number: int, title: str, body: str, labels: list[str]) -> RemoteIssue:
        o, r = self.target.owner, self.target.name
        resp = await self.call(f"updating issue #{number}", lambda: self.rest.issues.async_update(
            o, r, number, title=title, body=body, labels=labels), write=True)
        return _remote(resp.parsed_data)


def _remote(issue: Any) -> RemoteIssue:
    labels = [lab if isinstance(lab, str) else (lab.name or "") for lab in issue.labels]
    return RemoteIssue(number=issue.number, title=issue.title, body=issue.body or "", labels=labels,
                       milestone=issue.milestone.number if issue.milestone else None, html_url=issue.html_url)


def _message(exc: RequestFailed) -> tuple[str, str | None]:
    """(GitHub's ``message`` plus error codes, the first code such as ``already_exists``); no headers/URLs."""
    try:
        data = exc.response.raw_response.json()
    except Exception:  # a non-JSON error page: the status alone says enough
        return "", None
    if not isinstance(data, dict):
        return "", None
    codes = [str(e.get("code")) for e in data.get("errors") or [] if isinstance(e, dict) and e.get("code")]
    text = str(data.get("message", ""))
    return (f"{text}: {', '.join(codes)}" if codes else text), (codes[0] if codes else None)


def _transport_reason(exc: RequestError[Any], timeout: float) -> str:
    if isinstance(exc, RequestTimeout):
        return f"no answer within {timeout:g} s"
    return f"connection failed: {type(exc.exc).__name__}"


def to_due_on(date: str | None) -> datetime | None:
    """``2025-03-31`` -> a UTC timestamp GitHub accepts; None for no or unparseable dates."""
    if not date:
        return None
    try:
        return datetime.fromisoformat(date.strip()[:10]).replace(tzinfo=UTC)
    except ValueError:
        return None
