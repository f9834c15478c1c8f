"""The headless sync: ``create-milestone ID --sync [--dry-run] [--repo] [--github-api-url] [--rebind]
[--adopt-titles]``.

Prints the seed's lines (``✓ #301: Add ingest HTTP endpoint`` ... ``✓ Created milestone: ...``) as it goes;
any problem is one line on stderr: exit 2 when something must be fixed first (the input, the token, its
permissions, a repository change, an answer that is not GitHub's), 1 when running again may be enough
(network, 5xx, a rate limit past the cap). A dry run opens the milestone read-only
(``MilestoneFlow.peek``): no lock, no session save, nothing written.
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
    EpicReady,
    IssueSynced,
    RateLimitWait,
    Reconciling,
    RelationsReady,
    SyncEvent,
    SyncHost,
    SyncResult,
    SyncStarted,
)
from milestone_tui.github.sync import plan_sync, run_sync

VERB_NOTE = {"create": "", "adopt": " (already on GitHub)", "update": " (updated)",
             "unchanged": " (unchanged)", "theirs": " (GitHub's edit taken into the spec)"}


def run_sync_command(flow: SyncHost, *, repo: str | None, api_url: str | None, dry_run: bool,
                     root: Path | None = None, pace: float | None = None, out: TextIO = sys.stdout,
                     err: TextIO = sys.stderr, options: SyncOptions | None = None, rebind: bool = False,
                     adopt_titles: bool = False, edits: str | None = None, project: int | None = None,
                     api_version: str | None = None, workspace_repo: str | None = None) -> int:
    """Run (or dry-run) the sync for an open milestone; 0 on success, else one line on ``err`` and 2 (fix
    something first) or 1 (run again)."""
    token: str | None = None
    try:
        # the git remotes are read in the workspace root
        target = resolve_target(repo, api_url, session_repo=flow.session.github.repo, cwd=root or Path.cwd(),
                                workspace_repo=workspace_repo)
    except GitHubError as exc:
        print(f"create-milestone: error: {redact(str(exc), None)}", file=err)
        return 2
    token = target.token
    opts = options or SyncOptions()
    if pace is not None:
        opts.pace = pace
    opts.rebind, opts.adopt_titles = opts.rebind or rebind, opts.adopt_titles or adopt_titles
    opts.edits, opts.project = opts.edits or edits, opts.project or project
    opts.api_version = opts.api_version or api_version
    try:
        if dry_run:
            return _dry_run(flow, target, opts, out)
        return _sync(flow, target, opts, out, err)
    except GitHubError as exc:
        print(f"create-milestone: error: {redact(str(exc), token)}", file=err)
        return 2 if exc.status is not None or exc.code is not None else 1


def _dry_run(flow: SyncHost, target: Target, options: SyncOptions, out: TextIO) -> int:
    plan = asyncio.run(plan_sync(flow, target, options))
    print(f"Dry run: nothing is written to {target.repo}.", file=out)
    print("", file=out)
    for note in plan.notes:
        print(f"⚠ {note}", file=out)
    if plan.notes:
        print("", file=out)
    for action in plan.actions:
        print(f"  {action.line()}", file=out)
    for relation in plan.relations:
        print(f"  {relation.line()}", file=out)
    for line in plan.board_lines:
        print(f"  {line}", file=out)
    print("", file=out)
    print(f"Plan: {plan.summary()}; {plan.writes} write(s).", file=out)
    return 0


def _sync(flow: SyncHost, target: Target, options: SyncOptions, out: TextIO, err: TextIO) -> int:
    print("Creating GitHub issues...", file=out)
    print("", file=out, flush=True)

    def show(event: SyncEvent) -> None:
        if isinstance(event, SyncStarted):
            for note in event.plan.notes:
                print(f"⚠ {note}", file=out, flush=True)
        elif isinstance(event, IssueSynced):
            print(f"✓ #{event.github}: {event.title}{VERB_NOTE.get(event.verb, '')}", file=out, flush=True)
        elif isinstance(event, EpicReady):
            note = VERB_NOTE.get(event.verb, "").strip(" ()")
            kind = f"epic, {note}" if note else "epic"
            print(f"✓ #{event.github}: {event.title} ({kind})", file=out, flush=True)
        elif isinstance(event, RelationsReady):
            print(f"✓ {event.sub_issues} sub-issues, {event.links} blocked-by links"
                  f"{'' if event.writes else ' (unchanged)'}", file=out, flush=True)
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
        return 2 if result.fix_first else 1
    return 0
