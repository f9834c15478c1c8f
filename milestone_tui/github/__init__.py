"""GitHub sync: the milestone, its labels and one issue per spec; safe to re-run, interrupt and rate-limit.

Public API (no Textual here; the TUI runs ``run_sync`` in a worker):

- ``resolve_target(repo, api_url, session_repo=..., cwd=...) -> Target`` (or one GitHubError line)
- ``plan_sync(host, target, options) -> SyncPlan`` (dry run: ``plan.actions`` of ``Action``; reads only)
- ``run_sync(host, target, options, on_event=..., cancelled=...) -> SyncResult`` (events: ``SyncStarted``,
  ``MilestoneReady``, ``LabelsReady``, ``IssueSynced``, ``RateLimitWait``, ``Reconciling``, ``SyncFinished``,
  ``SyncFailed``, ``SyncCancelled``)
"""

from __future__ import annotations

from milestone_tui.errors import GitHubError
from milestone_tui.github.auth import Target, resolve_target
from milestone_tui.github.client import SyncOptions
from milestone_tui.github.diff import Action, SyncPlan
from milestone_tui.github.sync import (
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
    plan_sync,
    run_sync,
)

__all__ = [
    "Action", "GitHubError", "IssueSynced", "LabelsReady", "MilestoneReady", "RateLimitWait", "Reconciling",
    "SyncCancelled", "SyncEvent", "SyncFailed", "SyncFinished", "SyncHost", "SyncOptions", "SyncPlan",
    "SyncResult", "SyncStarted", "Target", "plan_sync", "resolve_target", "run_sync",
]
