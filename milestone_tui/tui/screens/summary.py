"""The summary: the artifacts written, the GitHub numbers, the seed's next steps, and each synced issue with
its state as last read (c copies the commands, o opens the milestone on GitHub, i or enter the highlighted
issue)."""

from __future__ import annotations

import asyncio
import importlib
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from milestone_tui.core.model import Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.summary import github_status, quick_note, step_commands
from milestone_tui.github.status import StatusRow, issue_url, status_line, status_rows
from milestone_tui.tui.browser import open_page
from milestone_tui.tui.messages import CloseMilestone
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens.phase import PhaseScreen
from milestone_tui.tui.screens.viewer import ArtifactViewer


class SummaryScreen(PhaseScreen):
    """``✓ Milestone M5 Created``: what exists now and what to do next; Done returns to the dashboard."""

    PHASE = Phase.SUMMARY
    NEXT_LABEL = "Done ✓"
    # Short labels: at 80 columns the footer must still show Help after them (the tooltips say it in full).
    BINDINGS = [
        # The footer says what the button says: alt+n ends here, it does not go to a next phase.
        Binding("alt+n,ctrl+right", "next", "Done", key_display="alt+n", priority=True),
        Binding("c", "copy_commands", "Copy", tooltip="Copy the next steps' commands"),
        Binding("v", "view", "Files", tooltip="View the artifacts (e opens one in $EDITOR)"),
        # ↗ opens a page on GitHub
        Binding("o", "open_github", "GitHub ↗", tooltip="Open the milestone on GitHub"),
        Binding("i", "open_issue", "Issue ↗", tooltip="Open the highlighted issue on GitHub"),
    ]

    GITHUB_OPTIONS: ClassVar[Any] = None  # the read's SyncOptions (None: the dashboard's look; tests: fast)

    def compose_form(self) -> ComposeResult:
        yield Static(self.head_text(), id="summary-text", markup=False)
        rows = [row for row in status_rows(self.session) if row.github is not None]
        if rows:  # where the seed lists the issues created: here each one can be opened
            yield Label("i or enter opens the highlighted issue on GitHub:", classes="intro")
            yield OptionList(*self.issue_options(self.session), id="summary-issues")
        yield Static(self.steps_text(), id="summary-steps", markup=False)

    def on_mount(self) -> None:
        self.read_states()

    def on_screen_resume(self) -> None:
        self.read_states()

    def read_states(self) -> None:
        """The issues' states as GitHub has them now, in a worker: the sync that created them read GitHub
        before creating them, so the list said "unknown" for each while the dashboard showed them open."""
        if self.session.github.milestone_number is not None:
            self.run_worker(self._read_states(), name="summary-states", group="summary-states",
                            exclusive=True, exit_on_error=False)

    async def _read_states(self) -> None:
        refresh = await asyncio.to_thread(importlib.import_module, "milestone_tui.github.refresh")
        read = await refresh.read_back(self.flow.workspace, self.session, self.GITHUB_OPTIONS)
        if read is None:
            return  # no token, no network: the list keeps what the session knows
        self.query_one("#summary-text", Static).update(self.head_text(read))
        for listing in self.query("#summary-issues").results(OptionList):
            highlighted = listing.highlighted
            listing.clear_options()
            listing.add_options(self.issue_options(read))
            listing.highlighted = highlighted

    def issue_options(self, session: Session) -> list[Option]:
        """One line per synced issue, with its state as ``session`` knows it."""
        rows = [row for row in status_rows(session) if row.github is not None]
        return [Option(plain_text(self.issue_line(row)), id=str(row.github)) for row in rows]

    @staticmethod
    def issue_line(row: StatusRow) -> str:
        """``#301   closed  Add ingest HTTP endpoint · ana · blocked by 1``."""
        who = f" · {', '.join(row.assignees)}" if row.assignees else ""
        blocked = f" · blocked by {row.blocked_by}" if row.blocked_by else ""
        return f"#{row.github:<5} {row.state:<7} {row.title}{who}{blocked}"

    def summary_text(self) -> str:
        """The whole summary as text (the issues' lines aside)."""
        return f"{self.head_text()}\n{self.steps_text()}"

    def head_text(self, read: Session | None = None) -> str:
        """The title, the artifacts, the GitHub line and the progress as last read (or as in ``read``)."""
        session = self.session
        workspace = self.flow.workspace
        title = f"✓ Milestone {session.display_id} Created" + (" (Quick Mode)" if session.quick else "")
        folder = workspace.relative(workspace.milestone_dir(session.milestone_id))
        lines = [title, ""]
        if session.quick:
            lines += [*quick_note(folder), ""]
        lines.append(f"Artifacts in {folder}/:")
        for path in self.flow.artifact_paths():
            lines.append(f"  {'✓' if path.exists() else '✗'} {path.name}")
        lines.append(f"\n{github_status(session).line}")
        if progress := status_line(read or session):
            when = "read from GitHub just now" if read else "as last read from GitHub"
            lines.append(f"  {progress} ({when})")
        return "\n".join(lines)

    def steps_text(self) -> str:
        """The phases and issues counted, and the seed's next steps."""
        session = self.session
        lines = [f"Phases: {len(session.plan.phases)}", f"Estimated issues: {len(session.issues)}", ""]
        lines += ["Next Steps:", *self.flow.next_steps()]
        return "\n".join(lines)

    def commands(self) -> list[str]:
        """The shell commands of the next steps (the indented lines)."""
        return step_commands(self.flow.next_steps())

    def action_copy_commands(self) -> None:
        commands = "\n".join(self.commands())
        self.app.copy_to_clipboard(commands)
        self.notify(f"Copied {len(self.commands())} commands to the clipboard")

    def action_open_github(self) -> None:
        """The milestone's page in the browser; where no browser can open, its URL is shown to copy."""
        open_page(self, issue_url(self.session), "Not on GitHub yet: sync it first")

    def action_open_issue(self) -> None:
        """The highlighted issue's page (the first one when the list was never moved)."""
        lists = list(self.query("#summary-issues").results(OptionList))
        if not lists or lists[0].option_count == 0:
            self.notify("No issue on GitHub yet: sync it first", severity="warning")
            return
        listing = lists[0]
        option = listing.get_option_at_index(listing.highlighted or 0)
        open_page(self, issue_url(self.session, int(option.id or 0)), "Not on GitHub yet: sync it first")

    @on(OptionList.OptionSelected, "#summary-issues")
    def _issue_chosen(self) -> None:
        self.action_open_issue()  # enter on the list

    def action_view(self) -> None:
        """The written artifacts (escape comes back here; e opens one in $EDITOR)."""
        self.flush_save()
        self.app.push_screen(ArtifactViewer(self.flow.workspace.milestone_dir(self.session.milestone_id)))

    def action_next(self) -> None:
        self.post_message(CloseMilestone())
