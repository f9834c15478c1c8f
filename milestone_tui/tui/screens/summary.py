"""The summary: the artifacts written, the GitHub numbers with each issue's state, and the seed's next steps
(c copies the commands, o opens the milestone on GitHub)."""

from __future__ import annotations

import webbrowser

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from milestone_tui.core.phases import Phase
from milestone_tui.core.summary import github_status, step_commands
from milestone_tui.github.status import issue_url, status_line, status_rows
from milestone_tui.tui.messages import CloseMilestone
from milestone_tui.tui.screens.phase import PhaseScreen
from milestone_tui.tui.screens.viewer import ArtifactViewer


class SummaryScreen(PhaseScreen):
    """``✓ Milestone M5 Created``: what exists now and what to do next; Done returns to the dashboard."""

    PHASE = Phase.SUMMARY
    NEXT_LABEL = "Done ✓"
    # Short labels: at 80 columns the footer must still show Help after them (the tooltips say it in full).
    BINDINGS = [
        Binding("c", "copy_commands", "Copy", tooltip="Copy the next steps' commands"),
        Binding("v", "view", "Files", tooltip="View the artifacts (e opens one in $EDITOR)"),
        Binding("o", "open_github", "GitHub", tooltip="Open the milestone on GitHub"),
    ]

    def compose_form(self) -> ComposeResult:
        yield Static(self.summary_text(), id="summary-text", markup=False)

    def summary_text(self) -> str:
        session = self.session
        workspace = self.flow.workspace
        title = f"✓ Milestone {session.display_id} Created" + (" (Quick Mode)" if session.quick else "")
        folder = workspace.relative(workspace.milestone_dir(session.milestone_id))
        lines = [title, "", f"Artifacts in {folder}/:"]
        for path in self.flow.artifact_paths():
            lines.append(f"  {'✓' if path.exists() else '✗'} {path.name}")
        lines.append(f"\n{github_status(session).line}")
        if progress := status_line(session):
            lines.append(f"  {progress} (as last read from GitHub)")
        for row in status_rows(session):
            if row.github is None:
                continue
            who = f" · {', '.join(row.assignees)}" if row.assignees else ""
            blocked = f" · blocked by {row.blocked_by}" if row.blocked_by else ""
            lines.append(f"  #{row.github:<5} {row.state:<7} {row.title}{who}{blocked}")
        lines += [f"Phases: {len(session.plan.phases)}", f"Estimated issues: {len(session.issues)}", ""]
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
        url = issue_url(self.session)
        if url is None:
            self.notify("Not on GitHub yet: sync it first", severity="warning")
        elif not webbrowser.open(url):
            self.notify(f"Open {url}", timeout=12)

    def action_view(self) -> None:
        """The written artifacts (escape comes back here; e opens one in $EDITOR)."""
        self.flush_save()
        self.app.push_screen(ArtifactViewer(self.flow.workspace.milestone_dir(self.session.milestone_id)))

    def action_next(self) -> None:
        self.post_message(CloseMilestone())
