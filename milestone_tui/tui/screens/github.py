"""Phase 5, GitHub: yes | no | later, the plan of what will be created, then the sync in a worker.

The GitHub client (githubkit) is imported inside the workers, so opening this screen stays fast; the events
(``github.events``) are plain dataclasses. The sync runs in a worker of its own group ("sync"), so it never
cancels (or is cancelled by) the preview. Each event arrives through ``run_sync``'s callback as a typed
``SyncMessage`` (a log line), the progress as a ``SyncProgress`` bound to the bar; cancel keeps what is done.
An issue edited on GitHub and in its spec since the last sync stops the run before any write; the screen
then asks per issue (``EditConflictDialog``: GitHub's, ours, both merged in $EDITOR, or the diff first) and
runs again with the answers in ``SyncOptions.edit_choices`` (a merge is in the spec by then: ``ours``).
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from milestone_tui.core.phases import Phase
from milestone_tui.errors import GitHubError, RepoError
from milestone_tui.github.auth import git_remotes, repo_from_remotes, resolve_target
from milestone_tui.github.binding import repo_change
from milestone_tui.github.events import (
    IssueSynced,
    MilestoneReady,
    RateLimitWait,
    SyncEnded,
    SyncEvent,
    SyncStarted,
)
from milestone_tui.tui.dialogs.confirm import ConfirmDialog
from milestone_tui.tui.dialogs.edit_conflict import EditConflictDialog
from milestone_tui.tui.messages import SyncMessage, SyncProgress
from milestone_tui.tui.screens.phase import PhaseScreen
from milestone_tui.tui.widgets.wrap_log import WrapLog

CHOICES = ("yes", "no", "later")
REPO_FIELD = "Repository"  # the field's name, as the errors say it


def _edited(error: Exception | None) -> bool:
    """The run stopped because issues were edited on both sides (``github.edits``)."""
    return getattr(error, "code", None) == "edited"


class DecisionButton(RadioButton):
    """A radio button that reads as chosen or not without colour: ● when chosen, ○ when not (Textual's
    draws ● for both and tells them apart by colour alone)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's class attribute
        return "●" if self.value else "○"


class GitHubScreen(PhaseScreen):
    """Decide, look at the plan (a dry run, reads only), sync with a progress bar and one line per issue."""

    PHASE = Phase.GITHUB
    # ``github.client.SyncOptions`` for the runs from this screen; None: GitHub's guidance (1 s between
    # creating requests). Tests against the local emulator set pace 0.
    SYNC_OPTIONS: ClassVar[Any] = None
    sync_done: reactive[int] = reactive(0)
    sync_total: reactive[int | None] = reactive[int | None](None)  # None: no sync has started (bar hidden)
    sibling: str | None = None  # the repository another milestone of this workspace syncs to

    def compose_form(self) -> ComposeResult:
        decision = self.session.github.decision
        yield Label("? Create GitHub issues for each spec?", classes="question")
        with RadioSet(id="decision"):
            for choice in CHOICES:
                yield DecisionButton(choice, value=decision == choice, id=f"decision-{choice}")
        yield Label(f"{REPO_FIELD} (OWNER/NAME)", classes="question")
        # Read once: the repository another milestone here syncs to, the last resort when blank
        self.sibling = self.flow.workspace.sibling_repo(self.session.milestone_id)
        # What blank means here, short (the placeholder is cut at the field's width): GH_REPO, else the git
        # remote, else the repository another milestone of this workspace syncs to.
        remote = None if self.sibling is None else repo_from_remotes(git_remotes(self.flow.workspace.root))
        fallback = os.environ.get("GH_REPO") or remote or self.sibling
        hint = f"blank: {fallback}" if fallback else "blank: GH_REPO or the git remote"
        yield Input(self.session.github.repo or "", id="repo", placeholder=f"OWNER/NAME ({hint})")
        with Horizontal(id="sync-buttons"):
            yield Button("Show plan", id="plan-sync")
            yield Button("Sync", id="sync", variant="success")
            yield Button("Cancel sync", id="cancel-sync", variant="error", disabled=True)
        yield Static("", id="sync-why", markup=False)
        yield ProgressBar(id="sync-progress", show_eta=False).data_bind(
            progress=GitHubScreen.sync_done, total=GitHubScreen.sync_total)
        yield WrapLog(id="sync-log", auto_scroll=True)

    def on_mount(self) -> None:
        self.cancel_requested = False
        self.show_buttons()
        # RadioSet highlights its first button whatever is chosen: the cursor starts on the saved decision,
        # so enter on arrival keeps it (and the highlight is not mistaken for the choice).
        radio = self.query_one("#decision", RadioSet)
        # RadioSet has no public cursor setter: its own next-button action moves the cursor, and the
        # ``-selected`` class (the one its stylesheet highlights) says where it is.
        buttons = list(radio.query(RadioButton))
        if 0 <= radio.pressed_index < len(buttons):
            for _ in buttons:
                if buttons[radio.pressed_index].has_class("-selected"):
                    break
                radio.action_next_button()

    def show_buttons(self, running: bool = False) -> None:
        decision = self.session.github.decision
        wanted = decision == "yes"
        self.query_one("#plan-sync", Button).disabled = running or not wanted
        self.query_one("#sync", Button).disabled = running or not wanted
        self.query_one("#cancel-sync", Button).disabled = not running
        # A disabled button says nothing by itself: say why Show plan and Sync cannot run.
        why = "" if wanted or running else (
            f'Show plan and Sync need "yes" above (now "{decision}": nothing is sent).'
            if decision in CHOICES else 'Show plan and Sync need "yes" above.')
        hint = self.query_one("#sync-why", Static)
        hint.update(why)
        hint.display = bool(why)

    def github_error(self, exc: Exception) -> str:
        """One line for the log: a repository problem names the field on this screen, not ``--repo``."""
        return exc.in_field(REPO_FIELD) if isinstance(exc, RepoError) else str(exc)

    @on(RadioSet.Changed, "#decision")
    def _decided(self, event: RadioSet.Changed) -> None:
        choice = str(event.pressed.label)
        if choice in CHOICES and self.session.github.decision != choice:
            self.flow.set_github(decision=choice)  # type: ignore[arg-type]
        self.show_buttons()

    def answer_changed(self, key: str, value: str) -> None:
        # A synced milestone stays bound to its repository until the planner agrees to move it (asked on
        # Sync): the field's new value is only used as the sync's target until then.
        if key == "repo" and repo_change(self.session, value.strip()) is None:
            self.flow.set_github(repo=value)

    # -- the GitHub layer, lazily --------------------------------------------------------------------------
    async def target(self) -> Any:
        """Resolve repo, API URL and token (may run ``gh auth token``: off the event loop)."""
        repo = self.query_one("#repo", Input).value.strip() or None
        return await asyncio.to_thread(resolve_target, repo, self.session.github.api_url,
                                       session_repo=self.session.github.repo, cwd=self.flow.workspace.root,
                                       workspace_repo=self.sibling)

    @on(Button.Pressed, "#plan-sync")
    def show_plan(self) -> None:
        self.run_worker(self._plan(), group="sync", exclusive=True, name="sync-plan")

    async def _plan(self) -> None:
        from milestone_tui.github.sync import plan_sync  # githubkit: loaded with the first sync

        log = self.query_one("#sync-log", WrapLog)
        log.scroll_visible(animate=False)  # on a short terminal the log is below the fold: bring it in
        log.write_line("Reading GitHub (nothing is sent)…")
        try:
            plan = await plan_sync(self.flow, await self.target(), self.SYNC_OPTIONS)
        except GitHubError as exc:
            log.write_line(f"✗ {self.github_error(exc)}")
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
        self.query_one("#sync-log", WrapLog).write_line("Cancelling after the current request…")

    async def _sync(self) -> None:
        from milestone_tui.github.client import SyncOptions  # githubkit: loaded with the first sync
        from milestone_tui.github.sync import run_sync

        log = self.query_one("#sync-log", WrapLog)
        log.scroll_visible(animate=False)
        log.write_line("Creating GitHub issues…")
        try:
            target = await self.target()
            options = self.SYNC_OPTIONS or SyncOptions()
            if (change := repo_change(self.session, target.repo)) is not None:
                # The session's numbers belong to another repository: never adopt or overwrite there silently.
                held = f"milestone #{change.milestone} and " if change.milestone else ""
                details = (f"This milestone is synced to {change.old} ({held}{change.issues} issue(s)). "
                           f"Syncing it to {change.new} starts afresh there: the numbers for {change.old} "
                           f"are forgotten, and nothing on {change.old} is changed.")
                question = ConfirmDialog(f"Sync to {change.new} instead of {change.old}?", details,
                                         yes="Rebind and sync", no="Keep " + change.old)
                if not await self.app.push_screen_wait(question):
                    log.write_line(f"Not synced: the milestone stays with {change.old} (set the repository "
                                   "field back, or rebind).")
                    self.show_buttons()
                    return
                options = replace(options, rebind=True)
            plans: list[Any] = []  # the plan each run read (SyncStarted): its conflicts are asked about

            def on_event(event: SyncEvent) -> None:
                if isinstance(event, SyncStarted):
                    plans.append(event.plan)
                self._post_event(event)

            result = await run_sync(self.flow, target, options, on_event=on_event,
                                    cancelled=lambda: self.cancel_requested)
            while _edited(result.error) and plans and plans[-1].conflicts:
                choices = await self.ask_edits(plans[-1].conflicts)
                if choices is None:
                    log.write_line("Not synced: nothing was sent. Sync again to choose for the edited "
                                   "issues.")
                    self.show_buttons()
                    return
                options = replace(options, edit_choices={**options.edit_choices, **choices})
                plans.clear()
                log.write_line("Syncing again with your choices…")
                result = await run_sync(self.flow, target, options, on_event=on_event,
                                        cancelled=lambda: self.cancel_requested)
        except GitHubError as exc:
            log.write_line(f"✗ {self.github_error(exc)}")
            self.show_buttons()

    async def ask_edits(self, conflicts: list[Any]) -> dict[int, str] | None:
        """GitHub's or ours for each issue edited on both sides; None when the planner decides later."""
        choices: dict[int, str] = {}
        for n, conflict in enumerate(conflicts, start=1):
            position = f" ({n} of {len(conflicts)})" if len(conflicts) > 1 else ""
            choice = await self.app.push_screen_wait(EditConflictDialog(conflict, position))
            merged = False
            while choice == "editor":  # no editor, or an edit not taken: said in a notice, then asked again
                if merged := self.merge_in_editor(conflict):
                    choice = "ours"  # the merge is in the spec now: it is what the sync sends
                else:
                    choice = await self.app.push_screen_wait(EditConflictDialog(conflict, position))
            if choice not in ("theirs", "ours"):
                return None
            choices[conflict.github] = choice
            kept = "your merge, now in the spec, goes to GitHub" if merged else \
                "GitHub's text goes into the spec" if choice == "theirs" else "the spec overwrites GitHub's"
            self.query_one("#sync-log", WrapLog).write_line(f"  #{conflict.github}: {kept}")
        return choices

    def merge_in_editor(self, conflict: Any) -> bool:
        """Both versions of the spec in $EDITOR as marked blocks (``GitHub #302`` / ``this spec``), the
        merge written to the spec and read into the session, as for a hand edit (``tui.conflicts``)."""
        from milestone_tui.github.edits import spec_conflict
        from milestone_tui.tui.conflicts import edit_merge

        folder = self.flow.workspace.milestone_dir(self.session.milestone_id)
        merge = spec_conflict(self.session, self.flow.renderer, conflict, folder)
        return edit_merge(self.app, self.flow, merge, others="keep GitHub's or keep ours")

    def _post_event(self, event: SyncEvent) -> None:
        """From the sync (on the event loop): a log line for every event, and the bar's progress."""
        self.post_message(SyncMessage(event))
        if isinstance(event, SyncStarted):
            self.post_message(SyncProgress(0, max(1, event.total)))
        elif isinstance(event, IssueSynced):
            self.post_message(SyncProgress(event.index, event.total))

    @on(SyncProgress)
    def _sync_progress(self, message: SyncProgress) -> None:
        self.query_one("#sync-progress", ProgressBar).add_class("-running")  # hidden until a sync starts
        self.sync_total, self.sync_done = message.total, message.done

    @on(SyncMessage)
    def _sync_event(self, message: SyncMessage) -> None:
        event = message.event
        log = self.query_one("#sync-log", WrapLog)
        if isinstance(event, MilestoneReady):
            log.write_line(f"✓ {'Created' if event.created else 'Found'} milestone: {event.title}")
        elif isinstance(event, IssueSynced):
            log.write_line(f"✓ #{event.github}: {event.title} ({event.verb})")
        elif isinstance(event, RateLimitWait):
            log.write_line(f"… waiting {event.seconds:.0f}s: {event.reason}")
        elif isinstance(event, SyncEnded):
            result = event.result
            if _edited(result.error):  # asked about next: the command line's --theirs/--ours is not for here
                log.write_line("… edited on GitHub and here since the last sync: nothing was sent; "
                               "choose for each issue")
                return
            if result.error is not None and self.github_error(result.error) != str(result.error):
                log.write_line(f"✗ {self.github_error(result.error)} ({result.progress_line()})")
            else:
                log.write_line(result.message or f"✓ {result.progress_line()}")
            self.show_buttons()
