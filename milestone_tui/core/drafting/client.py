"""The one module that imports ``openai``: one chat completion, streamed or plain, with every fault as one
``DraftError`` line (never the key, never a traceback).

Deterministic settings (temperature 0, a seed), no retries of the client's own (a 429's ``retry-after`` is
waited out here, capped and cancellable), a read timeout for a reply that stalls, an overall deadline for one
that dribbles, and a cap on the reply's length for one that runs on.

The client reads more of the environment than we configure: ``OPENAI_LOG`` (debug lines on stderr, over the
app's screen, with whatever a later version of the client puts in them), ``OPENAI_ORG_ID`` and
``OPENAI_PROJECT_ID`` (sent as headers to any endpoint, a local or third-party one too),
``OPENAI_CUSTOM_HEADERS``, ``OPENAI_ADMIN_KEY``. It is imported and built with those out of its sight
(``_client_environment``): what it sends and logs is only what ``ModelConfig`` holds.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from milestone_tui.core.drafting.config import ModelConfig, require_client
from milestone_tui.errors import DraftError

RETRY_CAP = 20.0  # seconds: a longer retry-after is not waited for
RETRIES = 2
SEED = 7


_ENVIRONMENT = threading.Lock()


@contextmanager
def _client_environment() -> Iterator[None]:
    """The ``OPENAI_*`` variables hidden from the client while it is imported and built (it reads them only
    then), and its logger kept at warnings: no debug line, whatever ``OPENAI_LOG`` says."""
    with _ENVIRONMENT:
        hidden = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("OPENAI_")}
        try:
            yield
        finally:
            os.environ.update(hidden)
            logging.getLogger("openai").setLevel(logging.WARNING)


def _client(config: ModelConfig) -> Any:
    with _client_environment():
        import openai  # the [model] extra: imported only when a model is asked

        timeout = openai.Timeout(config.timeout, connect=min(10.0, config.timeout))
        return openai.OpenAI(base_url=config.url, api_key=config.api_key or "none", max_retries=0,
                             timeout=timeout, organization=config.organization, project=config.project)


class Cancelled(DraftError):
    """The planner cancelled the request."""


def _retry_after(exc: Any) -> float | None:
    try:
        return max(0.0, float(exc.response.headers.get("retry-after", "")))
    except (AttributeError, ValueError):
        return None


class Request:
    """One draft request against a configured endpoint."""

    def __init__(self, config: ModelConfig, cancel: threading.Event | None = None,
                 max_chars: int = 45_000, stream: bool = True) -> None:
        self.config, self.max_chars, self.stream = config, max_chars, stream
        self.cancel = cancel or threading.Event()

    def _line(self, why: str) -> str:
        text = f"{why} ({self.config.host}, model {self.config.model})"
        for secret in (self.config.api_key, self.config.organization, self.config.project):
            text = text.replace(secret, "***") if secret else text  # never shown, even if echoed
        return text

    def complete(self, messages: list[dict[str, str]], schema: dict[str, object],
                 on_text: Callable[[str], None] | None = None) -> str:
        """The reply's text; ``on_text`` sees the text so far as it streams. Raises ``DraftError``."""
        require_client()
        client = _client(self.config)
        import openai  # imported by _client already: the exception types
        formats: list[dict[str, object]] = [
            {"type": "json_schema", "json_schema": {"name": "breakdown", "schema": schema}},
            {"type": "json_object"},  # endpoints that do not take a schema: JSON mode, validated here
        ]
        attempt = 0
        try:
            while True:
                try:
                    return self._once(client, messages, formats[0], on_text)
                except openai.BadRequestError:
                    if len(formats) == 1:
                        raise
                    formats.pop(0)
                except openai.RateLimitError as exc:
                    wait = _retry_after(exc)
                    attempt += 1
                    if wait is None or wait > RETRY_CAP or attempt > RETRIES:
                        after = f": retry after {wait:g} s" if wait is not None else ""
                        raise DraftError(self._line(f"rate limited (429){after}")) from None
                    if self.cancel.wait(wait):
                        raise Cancelled(self._line("cancelled")) from None
        except DraftError:
            raise
        except openai.AuthenticationError:
            raise DraftError(self._line("the endpoint refused the key (401): check OPENAI_API_KEY")) from None
        except openai.PermissionDeniedError:
            raise DraftError(self._line("the key may not use this model (403)")) from None
        except openai.NotFoundError:
            raise DraftError(self._line("the endpoint does not know this model (404)")) from None
        except openai.BadRequestError:
            raise DraftError(self._line("the endpoint refused the request (400)")) from None
        except openai.APIStatusError as exc:
            raise DraftError(self._line(f"the endpoint failed ({exc.status_code})")) from None
        except openai.APITimeoutError:
            stalled = f"the reply stalled: nothing for {self.config.timeout:g} s"
            raise DraftError(self._line(stalled)) from None
        except openai.APIConnectionError:
            raise DraftError(self._line("cannot reach the endpoint (connection refused or lost)")) from None
        except openai.OpenAIError as exc:  # any other fault of the client: still one line
            raise DraftError(self._line(f"the request failed ({type(exc).__name__})")) from None
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise DraftError(self._line("the reply is not valid JSON")) from None
        finally:
            client.close()

    def _once(self, client: Any, messages: list[dict[str, str]], response_format: dict[str, object],
              on_text: Callable[[str], None] | None) -> str:
        args: dict[str, Any] = {"model": self.config.model, "messages": messages, "temperature": 0,
                                "seed": SEED, "response_format": response_format}
        deadline = time.monotonic() + 10 * self.config.timeout
        if not self.stream:
            return self._plain(client, args, deadline)
        text = ""
        with client.chat.completions.create(stream=True, **args) as chunks:
            for chunk in chunks:
                self._check(len(text), deadline)
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if delta:
                    text += delta
                    if on_text is not None:
                        on_text(text)
        self._check(len(text), deadline)
        return text

    def _plain(self, client: Any, args: dict[str, Any], deadline: float) -> str:
        body = b""
        with client.chat.completions.with_streaming_response.create(**args) as response:
            for piece in response.iter_bytes():
                body += piece
                self._check(len(body), deadline)
        reply = json.loads(body)
        content = reply["choices"][0]["message"]["content"]
        if not isinstance(content, str):
            raise TypeError("no content")
        return content

    def _check(self, size: int, deadline: float) -> None:
        if self.cancel.is_set():
            raise Cancelled(self._line("cancelled"))
        if size > self.max_chars:
            raise DraftError(self._line(f"the reply ran past {self.max_chars} characters, far longer than "
                                        "asked: stopped"))
        if time.monotonic() > deadline:
            took = f"the reply took longer than {10 * self.config.timeout:g} s: stopped"
            raise DraftError(self._line(took))
