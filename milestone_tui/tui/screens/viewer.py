"""View a milestone's artifacts: the files in phase order and the selected one rendered; ``e`` opens it in
``$EDITOR`` (the app is suspended meanwhile) and shows it again as saved.

Viewing never opens (or locks) the milestone. A file edited here is a hand edit like any other: the next
open of the milestone reads it back.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, MarkdownViewer, OptionList
from textual.widgets.option_list import Option

from milestone_tui.core.layout import EPIC_FILE, ISSUE_FILE_RE, PLAN_FILE, SPEC_FILE, is_artifact
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens import SCREENS_CSS


def phase_order(path: Path) -> tuple[int, int, str]:
    """Sort key: the epic, the specification, the issues by number, the plan (then anything else)."""
    name = path.name
    if name == EPIC_FILE:
        return (0, 0, name)
    if name == SPEC_FILE:
        return (1, 0, name)
    if (m := ISSUE_FILE_RE.match(name)) is not None:
        return (2, int(m.group(1)), name)
    return (3 if name == PLAN_FILE else 4, 0, name)


class ArtifactViewer(Screen[None]):
    """Browse the markdown files of one milestone folder without opening (or locking) the milestone."""

    CSS_PATH = SCREENS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit in $EDITOR"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.files = sorted((p for p in folder.glob("*.md") if is_artifact(p.name)), key=phase_order)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="viewer-body"):
            yield OptionList(*(Option(plain_text(p.name), id=p.name) for p in self.files), id="viewer-files")
            yield MarkdownViewer(show_table_of_contents=False, id="viewer-doc")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.folder.name
        if self.files:
            self.query_one("#viewer-files", OptionList).highlighted = 0

    @property
    def current(self) -> Path | None:
        index = self.query_one("#viewer-files", OptionList).highlighted
        return self.files[index] if index is not None and 0 <= index < len(self.files) else None

    async def action_edit(self) -> None:
        """Open the highlighted file in $EDITOR (or $VISUAL), the app suspended, then show it as saved."""
        path = self.current
        editor = os.environ.get("EDITOR") or os.environ.get("VISUAL")
        if path is None:
            return
        if not editor:
            self.notify("Set $EDITOR to open the files in your editor", severity="warning")
            return
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)  # noqa: S603 - the user's editor
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor", severity="warning")
            return
        except (OSError, ValueError) as exc:  # not found, not executable, unbalanced quotes in $EDITOR
            self.notify(f"Could not run $EDITOR ({editor}): {exc}", severity="error")
            return
        await self.query_one("#viewer-doc", MarkdownViewer).go(path)  # as saved

    @on(OptionList.OptionHighlighted, "#viewer-files")
    async def _show(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            await self.query_one("#viewer-doc", MarkdownViewer).go(self.folder / event.option.id)
