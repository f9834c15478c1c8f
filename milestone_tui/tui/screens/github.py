"""Phase 5, GitHub: yes | no | later, the plan of what will be created, then the sync in a worker.

The GitHub layer (githubkit and friends) is imported only here, inside the workers, so the app starts fast.
The sync runs in a worker of its own group ("sync"), so it never cancels (or is cancelled by) the preview.
Progress events arrive through ``run_sync``'s callback and are posted as messages; cancel keeps what is done.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Label, Log, ProgressBar, RadioButton, RadioSet

from milestone_tui.core.model import Phase
from milestone_tui.tui.screens.phase import PhaseScreen
from milestone_tui.tui.widgets.phase_bar import PhaseBar

CHOICES = ("yes", "no", "later")


class GitHubScreen(PhaseScreen):
    """Decide, look at the plan (a dry run, reads only), sync with a progress bar and one line per issue."""

    PHASE = Phase.GITHUB
    # ``github.client.SyncOptions`` for the runs from this screen; None: GitHub's guidance (1 s between
    # creating requests). Tests against the local emulator set pace 0.
    SYNC_OPTIONS: ClassVar[Any] = None

    class SyncEvent(Message):
        """One event of the running sync (``milestone_tui.github.sync`` event objects)."""

        def __init__(self, event: Any) -> None:
            super().__init__()
            self.event = event

    def compose_form(self) -> ComposeResult:
        decision = self.session.github.decision
        yield Label("? Create GitHub issues for each spec?", classes="question")
        with RadioSet(id="decision"):
            for choice in CHOICES:
                yield RadioButton(choice, value=decision == choice, id=f"decision-{choice}")
        yield Input(self.session.github.repo or "", id="repo",
                    placeholder="OWNER/NAME (blank: GH_REPO or the git remote)")
        with Horizontal(id="sync-buttons"):
            yield Button("Show plan", id="plan-sync")
            yield Button("Sync", id="sync", variant="success")
            yield Button("Cancel sync", id="cancel-sync", variant="error", disabled=True)
        yield ProgressBar(id="sync-progress", show_eta=False)
        yield Log(id="sync-log", auto_scroll=True)

    def on_mount(self) -> None:
        self.cancel_requested = False
        self.show_buttons()

    def show_buttons(self, running: bool = False) -> None:
        wanted = self.session.github.decision == "yes"
        self.query_one("#plan-sync", Button).disabled = running or not wanted
        self.query_one("#sync", Button).disabled = running or not wanted
        self.query_one("#cancel-sync", Button).disabled = not running

    @on(RadioSet.Changed, "#decision")
    def _decided(self, event: RadioSet.Changed) -> None:
        choice = str(event.pressed.label)
        if choice in CHOICES and self.session.github.decision != choice:
            self.flow.set_github(decision=choice)  # type: ignore[arg-type]
        self.show_buttons()
        self.refresh_preview()

    def answer_changed(self, key: str, value: str) -> None:
        if key == "repo":
            self.flow.set_github(repo=value)

    # -- the GitHub layer, lazily --------------------------------------------------------------------------
    async def target(self) -> Any:
        """Resolve repo, API URL and token (may run ``gh auth token``: off the event loop)."""
        from milestone_tui.github.auth import resolve_target

        repo = self.query_one("#repo", Input).value.strip() or None
        return await asyncio.to_thread(resolve_target, repo, self.session.github.api_url,
                                       session_repo=self.session.github.repo, cwd=self.flow.workspace.root)

    @on(Button.Pressed, "#plan-sync")
    def show_plan(self) -> None:
        self.run_worker(self._plan(), group="sync", exclusive=True, name="sync-plan")

    async def _plan(self) -> None:
        from milestone_tui.errors import GitHubError
        from milestone_tui.github.sync import plan_sync

        log = self.query_one("#sync-log", Log)
        log.write_line("Reading GitHub (nothing is sent)…")
        try:
            plan = await plan_sync(self.flow, await self.target(), self.SYNC_OPTIONS)
        except GitHubError as exc:
            log.write_line(f"✗ {exc}")
            return
        log.write_lines([f"  {action.line()}" for action in plan.actions])
        log.write_line(plan.summary())

    @on(Button.Pressed, "#sync")
    def start_sync(self) -> None:
        self.cancel_requested = False
        self.show_buttons(running=True)
        self.run_worker(self._sync(), group="sync", exclusive=True, name="sync")

    @on(Button.Pressed, "#cancel-sync")
    def cancel_sync(self) -> None:
        self.cancel_requested = True  # polled by the sync between requests: what is done stays done
        self.query_one("#sync-log", Log).write_line("Cancelling after the current request…")

    async def _sync(self) -> None:
        from milestone_tui.errors import GitHubError
        from milestone_tui.github.sync import run_sync

        log = self.query_one("#sync-log", Log)
        log.write_line("Creating GitHub issues…")
        try:
            target = await self.target()
            await run_sync(self.flow, target, self.SYNC_OPTIONS,
                           on_event=lambda e: self.post_message(self.SyncEvent(e)),
                           cancelled=lambda: self.cancel_requested)
        except GitHubError as exc:
            log.write_line(f"✗ {exc}")
            self.show_buttons()

    @on(SyncEvent)
    def _sync_event(self, message: SyncEvent) -> None:
        event, name = message.event, type(message.event).__name__
        log = self.query_one("#sync-log", Log)
        bar = self.query_one("#sync-progress", ProgressBar)
        if name == "SyncStarted":
            bar.add_class("-running")  # hidden until then: an indeterminate bar animates forever
            bar.update(total=max(1, event.total), progress=0)
        elif name == "MilestoneReady":
            log.write_line(f"✓ {'Created' if event.created else 'Found'} milestone: {event.title}")
        elif name == "IssueSynced":
            bar.update(total=event.total, progress=event.index)
            log.write_line(f"✓ #{event.github}: {event.title} ({event.verb})")
        elif name == "RateLimitWait":
            log.write_line(f"… waiting {event.seconds:.0f}s: {event.reason}")
        elif name in ("SyncFinished", "SyncFailed", "SyncCancelled"):
            result = event.result
            log.write_line(result.message or f"✓ {result.progress_line()}")
            self.show_buttons()
            self.refresh_preview()
            self.query_one(PhaseBar).refresh_phases()
