"""The emulator's faults: what a test switches on (``Fault``: a rate limit, a 502, a slow or dropped answer
...) and where it stops answering (``Hold``: a write applied and never answered, for a kill -9 at a known
point), the writes of each kind by path (``MUTATIONS``), and conditional reads (``etag``, ``not_modified``:
GitHub's ETag on every read, and 304 Not Modified for an ``If-None-Match`` that still holds)."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from typing import Any

# the writes of each kind, by path (``mutations`` counts them, ``hold_at`` stops at one)
MUTATIONS = {"issue": r"/issues(/\d+)?$", "sub_issue": r"/sub_issues?(/priority)?$",
             "project": r"/projectsV2/\d+/(items|fields)(/\d+)?$",
             "blocked_by": r"/dependencies/blocked_by(/\d+)?$", "milestone": r"/milestones(/\d+)?$",
             "label": r"/labels$"}
LISTING = r"/issues$"  # a repository's (or a milestone's) issue listing, as the status read uses it
FAULTS = {"rate_limit", "primary_rate_limit", "forbidden", "502_before", "502_after", "slow", "drop",
          "slowloris", "retry_after_date", "bad_json"}


@dataclass
class Fault:
    """Fire ``kind`` on the ``nth`` matching request from now, then disarm; ``seconds``: wait or delay."""

    kind: str
    method: str = "POST"
    path_suffix: str = "/issues"
    nth: int = 1
    seconds: float = 1.0
    seen: int = 0


@dataclass
class Hold:
    """The ``nth`` write of ``kind`` from now is applied and then never answered: ``reached`` is set and the
    answer waits for ``release`` (a test kills the client in between: kill -9 mid-write, at a known point)."""

    kind: str
    nth: int
    seen: int = 0
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


def etag(data: Any) -> str:
    """A weak ETag of an answer's JSON, like GitHub's: a page that changed in any way gets a new one."""
    raw = data if isinstance(data, bytes) else json.dumps(data, sort_keys=True).encode()
    return f'W/"{hashlib.sha256(raw).hexdigest()[:32]}"'


def not_modified(header: str | None, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag`` (a list, ``*``, weak or strong: compared weakly, as GitHub)."""
    if not header:
        return False
    given = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in given or tag.removeprefix("W/") in given
