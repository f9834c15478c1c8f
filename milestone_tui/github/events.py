"""What the sync tells its host as it runs, and what it needs of that host.

Plain dataclasses with no githubkit (nor Textual) import, so the TUI turns them into typed messages and the
command line prints them, without loading the GitHub client before a sync starts. ``SyncHost`` is the whole
interface the sync uses: ``MilestoneFlow`` implements it, tests use a small fake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from milestone_tui.core.artifacts.render import Renderer
    from milestone_tui.core.model import Issue, Session
    from milestone_tui.github.diff import SyncPlan


@runtime_checkable
class SyncHost(Protocol):
    """What the sync needs of a ``MilestoneFlow``: the session, the renderer (the repository's template
    overrides for the issue bodies), and two ways to save: the session, or one issue's new number (its spec
    gets ``github_issue``, then the session is written)."""

    session: Session
    renderer: Renderer

    def save(self) -> None: ...

    def save_numbers(self, issue: Issue) -> None: ...


@dataclass(frozen=True)
class SyncStarted:
    """The plan is read: ``total`` issues to go through."""

    total: int
    plan: SyncPlan


@dataclass(frozen=True)
class MilestoneReady:
    """The GitHub milestone exists (``created`` now, or found)."""

    title: str
    number: int
    created: bool
    url: str | None = None


@dataclass(frozen=True)
class LabelsReady:
    """The labels the issues use exist; ``created`` lists the new ones."""

    created: list[str]


@dataclass(frozen=True)
class IssueSynced:
    """One spec is on GitHub as ``#github`` (``verb``: create / adopt / update / unchanged)."""

    issue: int  # spec number
    github: int  # GitHub number
    title: str
    verb: str
    index: int  # 1-based position, for a progress bar
    total: int


@dataclass(frozen=True)
class EpicReady:
    """The epic issue ``#github`` exists (``verb``: create / adopt / update / unchanged)."""

    github: int
    title: str
    verb: str


@dataclass(frozen=True)
class RelationsReady:
    """Sub-issues and blocked-by links are in place; ``writes`` were needed this run."""

    sub_issues: int
    links: int
    writes: int


@dataclass(frozen=True)
class RateLimitWait:
    """GitHub asked to wait (rate limit, secondary limit)."""

    seconds: float
    reason: str


@dataclass(frozen=True)
class Reconciling:
    """A create got no clear answer: the sync reads GitHub back before it tries again."""

    what: str
    reason: str


@dataclass
class SyncResult:
    """What one run did; ``left`` are spec numbers not yet on GitHub."""

    status: str = "running"  # finished / failed / cancelled
    message: str = ""
    milestone_title: str = ""
    milestone_number: int | None = None
    milestone_created: bool = False
    labels_created: list[str] = field(default_factory=list)
    synced: list[IssueSynced] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    epic_number: int | None = None
    relation_writes: int = 0  # sub-issue and link writes this run
    # failed for a reason to fix before running again (a refusal, a permission, an unreadable answer), not a
    # passing one (network, 5xx, a rate limit past the cap): the command line exits 2 rather than 1
    fix_first: bool = False
    error: Exception | None = None  # the GitHubError a failed run stopped on (a screen may word it its way)

    def progress_line(self) -> str:
        done = len(self.synced)
        left = ", ".join(f"{n:02d}" for n in self.left)
        return f"{done} of {done + len(self.left)} issues done" + (f"; left: {left}" if left else "")


@dataclass(frozen=True)
class SyncFinished:
    """The run is over: every issue is on GitHub."""

    result: SyncResult


@dataclass(frozen=True)
class SyncFailed:
    """The run stopped on an error (``message``, one line); what is done stays done."""

    message: str
    result: SyncResult


@dataclass(frozen=True)
class SyncCancelled:
    """The user cancelled; what is done stays done."""

    result: SyncResult


SyncEvent = (SyncStarted | MilestoneReady | LabelsReady | IssueSynced | EpicReady | RelationsReady
             | RateLimitWait | Reconciling | SyncFinished | SyncFailed | SyncCancelled)
SyncEnded = (SyncFinished, SyncFailed, SyncCancelled)
