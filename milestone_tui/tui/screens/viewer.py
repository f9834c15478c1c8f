"""Read-only view of a milestone's artifacts: a list of the files and the selected one rendered."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, MarkdownViewer, OptionList
from textual.widgets.option_list import Option

from milestone_tui.core.layout import is_artifact
from milestone_tui.tui.safe_text import plain_text


class ArtifactViewer(Screen[None]):
    """Browse the markdown files of one milestone folder without opening (or locking) the milestone."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.files = sorted(p for p in folder.glob("*.md") if is_artifact(p.name))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="viewer-body"):
            yield OptionList(*(Option(plain_text(p.name), id=p.name) for p in self.files), id="viewer-files")
            yield MarkdownViewer(show_table_of_contents=False, id="viewer-doc")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.folder.name} (read-only)"
        if self.files:
            self.query_one("#viewer-files", OptionList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#viewer-files")
    async def _show(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            await self.query_one("#viewer-doc", MarkdownViewer).go(self.folder / event.option.id)
