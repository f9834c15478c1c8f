"""The headless sync: ``create-milestone ID --sync [--dry-run] [--repo] [--github-api-url]``.

Prints the seed's lines (``✓ #301: Add ingest HTTP endpoint`` ... ``✓ Created milestone: ...``) as it goes;
any problem is one line on stderr and exit code 1.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TextIO

from milestone_tui.errors import GitHubError
from milestone_tui.github.auth import Target, redact, resolve_target
from milestone_tui.github.client import SyncOptions
from milestone_tui.github.events import (
    IssueSynced,
    RateLimitWait,
    Reconciling,
    SyncEvent,
    SyncHost,
    SyncResult,
)
from milestone_tui.github.sync import plan_sync, run_sync

VERB_NOTE = {"create": "", "adopt": " (already on GitHub)", "update": " (updated)",
             "unchanged": " (unchanged)"}


def run_sync_command(flow: SyncHost, *, repo: str | None, api_url: str | None, dry_run: bool,
                     root: Path | None = None, pace: float | None = None, out: TextIO = sys.stdout,
                     err: TextIO = sys.stderr, options: SyncOptions | None = None) -> int:
    """Run (or dry-run) the sync for an open milestone; 0 on success, 1 with one line on ``err`` otherwise."""
    token: str | None = None
    try:
        # the git remotes are read in the workspace root
        target = resolve_target(repo, api_url, session_repo=flow.session.github.repo, cwd=root or Path.cwd())
        token = target.token
        opts = options or SyncOptions()
        if pace is not None:
            opts.pace = pace
        if dry_run:
            return _dry_run(flow, target, opts, out)
        return _sync(flow, target, opts, out, err)
    except GitHubError as exc:
        print(f"create-milestone: error: {redact(str(exc), token)}", file=err)
        return 1


def _dry_run(flow: SyncHost, target: Target, options: SyncOptions, out: TextIO) -> int:
    plan = asyncio.run(plan_sync(flow, target, options))
    print(f"Dry run: nothing is written to {target.repo}.", file=out)
    print("", file=out)
    for action in plan.actions:
        print(f"  {action.line()}", file=out)
    print("", file=out)
    print(f"Plan: {plan.summary()}; {plan.writes} write(s).", file=out)
    return 0


def _sync(flow: SyncHost, target: Target, options: SyncOptions, out: TextIO, err: TextIO) -> int:
    print("Creating GitHub issues...", file=out)
    print("", file=out, flush=True)

    def show(event: SyncEvent) -> None:
        if isinstance(event, IssueSynced):
            print(f"✓ #{event.github}: {event.title}{VERB_NOTE.get(event.verb, '')}", file=out, flush=True)
        elif isinstance(event, RateLimitWait):
            print(f"… GitHub {event.reason}: waiting {event.seconds:.0f} s", file=out, flush=True)
        elif isinstance(event, Reconciling):
            print(f"… checking whether {event.what} was created ({event.reason})", file=out, flush=True)

    result = SyncResult()
    try:
        result = asyncio.run(run_sync(flow, target, options, on_event=show))
    except KeyboardInterrupt:
        # numbers are saved after every issue, so an interrupt loses nothing; the next run continues
        print("Interrupted: what is on GitHub is saved; run the sync again to continue.", file=err)
        return 130
    print("", file=out)
    if any(s.verb in {"create", "adopt"} for s in result.synced):
        print("✓ Updated issue specs with github_issue numbers", file=out)
    if result.milestone_number is not None:
        verb = "Created milestone" if result.milestone_created else "Using existing milestone"
        print(f"✓ {verb}: {result.milestone_title}", file=out)
    if result.status != "finished":
        print(f"create-milestone: error: {result.message}", file=err)
        return 1
    return 0
