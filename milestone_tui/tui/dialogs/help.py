"""The help screen: what each screen is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from milestone_tui.tui.dialogs.base import Dialog

HELP = """\
# create-milestone

Turn one roadmap item into a planned milestone, phase by phase. Every answer is saved as you type;
quit at any moment and resume from the dashboard.

| Where | Keys |
|---|---|
| Everywhere | `f1` / `?` help · `ctrl+p` command palette · `ctrl+t` light/dark · `ctrl+q` quit |
| Dashboard | type to filter · `↑/↓` select · `enter` open/resume · `ctrl+n` start · `ctrl+g` quick mode |
| Dashboard (more) | `ctrl+o` overwrite · `f3` view artifacts · `escape` clear the filter |
| Phases | `alt+n` next · `alt+b` back (or `ctrl+→`/`ctrl+←`) · `escape` dashboard · `tab` next field |
| Epic, spec | `enter` next question (the last: Next) · `ctrl+j` (or `shift+enter`) newline in an answer |
| Breakdown | `a` add · `d` delete · `enter`/`e`/`F2` rename in place (`enter` saves, `escape` cancels) |
| Breakdown (more) | `p` depends on (`1, 3`) · `s` split · `m` merge with next · `shift+↑/↓` move |
| Breakdown (undo) | `u`/`ctrl+z` undo the last edit (titles, order, dependencies) |
| Issue details | `ctrl+↑/↓` previous/next issue |
| Plan | type the phases in your words ("Phase 1: endpoint + schema. Phase 2: …") · `tab` branch, tags |
| GitHub | `↑/↓` `enter` yes / no / later · Show plan (nothing sent) · Sync · Cancel keeps what is done |
| Summary | `c` copy the next-step commands · `v` view the artifacts |
| Artifact viewer | `↑/↓` pick a file · `escape` back |
"""


class HelpDialog(Dialog[None]):
    """Keys and phases at a glance; any of escape, f1, ? or q closes it."""

    BINDINGS = [Binding("f1,question_mark,q", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Markdown(HELP)
