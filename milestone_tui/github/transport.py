"""The HTTP transport under githubkit: a total deadline per request, and rate-limit headers made readable.

Why here and not in githubkit's options: httpx's timeout bounds each read, so an answer trickling one byte
every half second never times out. This transport reads the whole answer (headers and body) inside one
``asyncio.timeout``; past it the request fails as an ``httpx.ReadTimeout``, which the client already treats
as "no answer" (reads retried, creates reconciled). GitHub may send ``Retry-After`` as an HTTP date, and
githubkit only reads seconds (``int()`` -> ValueError): dates become seconds here, and a header that is
neither becomes GitHub's documented default of one minute. It also pins the REST API version when asked
(GitHub Enterprise Server before 3.21 knows only ``2022-11-28``) and notes the Enterprise version the
server names in its answers.
"""

from __future__ import annotations

import asyncio
import math
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

DEFAULT_WAIT = 60  # seconds: GitHub's guidance when a rate-limited answer says nothing usable


class DeadlineTransport(httpx.AsyncBaseTransport):
    """Wraps httpx's transport: every request finishes (body included) within ``deadline`` seconds."""

    def __init__(self, deadline: float, inner: httpx.AsyncBaseTransport | None = None,
                 api_version: str | None = None) -> None:
        self.deadline = deadline
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.api_version = api_version  # sent instead of githubkit's own when set
        self.enterprise_version: str | None = None  # ``X-GitHub-Enterprise-Version`` of the last answer

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.api_version:
            request.headers["X-GitHub-Api-Version"] = self.api_version
        try:
            async with asyncio.timeout(self.deadline):
                response = await self.inner.handle_async_request(request)
                try:
                    raw = b"".join([chunk async for chunk in response.aiter_raw()])
                finally:
                    await response.aclose()
        except TimeoutError:
            message = f"no complete answer within {self.deadline:g} s"
            raise httpx.ReadTimeout(message, request=request) from None
        headers = normalise_rate_headers(response.headers)
        self.enterprise_version = headers.get("x-github-enterprise-version") or self.enterprise_version
        return httpx.Response(response.status_code, headers=headers, stream=httpx.ByteStream(raw),
                              request=request, extensions=response.extensions)

    async def aclose(self) -> None:
        await self.inner.aclose()


def retry_after_seconds(value: str, now: datetime | None = None) -> int:
    """``Retry-After`` as whole seconds: a number, or an HTTP date; anything else is one minute."""
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return DEFAULT_WAIT
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, math.ceil((when - (now or datetime.now(UTC))).total_seconds()))


def normalise_rate_headers(headers: httpx.Headers) -> httpx.Headers:
    """The same headers with ``Retry-After`` in seconds and an unreadable ``x-ratelimit-reset`` replaced."""
    out = httpx.Headers(headers)
    if "retry-after" in out and not out["retry-after"].strip().isdigit():
        out["retry-after"] = str(retry_after_seconds(out["retry-after"]))
    if "x-ratelimit-reset" in out and not out["x-ratelimit-reset"].strip().isdigit():
        out["x-ratelimit-reset"] = str(int(time.time()) + DEFAULT_WAIT)
    return out
