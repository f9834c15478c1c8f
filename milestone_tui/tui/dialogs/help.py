"""The help screen: the keys of the screen it was opened on first, then every screen's keys.

Which rows are "this screen's" comes from ``topics_for``: a phase screen's phase, or the dashboard and the
artifact viewer by name. The first line says how to close it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from milestone_tui.tui.dialogs.base import Dialog

INTRO = """\
# create-milestone

**escape** (or `f1`, `?`, `q`) closes this help. Turn one roadmap item into a planned milestone, phase by
phase. Every answer is saved as you type; quit at any moment and resume from the dashboard.
"""

HEADER = "| Where | Keys |\n|---|---|"
ROWS = [
    ("Everywhere", "`f1` / `?` help · `ctrl+p` command palette · `ctrl+t` light/dark · `ctrl+q` quit"),
    ("Dashboard", "type to filter · `↑/↓` (or `j/k` with no filter) select · `enter` open/resume · "
                  "`ctrl+n` start · `ctrl+g` quick mode"),
    ("Dashboard (more)", "`ctrl+o` overwrite · `f3` view artifacts · `escape` clear the filter · "
                         "`ctrl+p` sync and the rest"),
    ("Phases", "`alt+n` next · `alt+b` back (or `ctrl+→`/`ctrl+←`) · `escape` dashboard · `tab` next field"),
    ("Epic, spec", "`enter` next question (the last: Next) · `ctrl+j` (or `shift+enter`) newline in an "
                   "answer"),
    ("Dialogs", "`←/→` move between the buttons · `enter` the highlighted one · `escape` cancel"),
    ("Breakdown", "`a` add · `d` delete · `enter`/`e`/`F2` rename in place (`enter` saves, "
                  "`escape` cancels)"),
    ("Breakdown (more)", "`p` depends on (`1, 3`) · `s` split · `m` merge with next · `shift+↑/↓` move"),
    ("Breakdown (undo)", "`u`/`ctrl+z` undo the last edit (titles, order, dependencies) · `U`/`ctrl+y` redo"),
    ("Issue details", "`alt+n`/`alt+b` (or `ctrl+↓/↑`) next/previous issue · `F4` take the drafted "
                      "criteria · `tab` notes, labels (`backend, api`) · `F5` the issue on GitHub, once "
                      "synced · `ctrl+j` newline"),
    ("Issue details (criteria)", "`a` add · `e`/`enter` edit · `d` delete · `shift+↑/↓` move · `t` type them "
                                 "as text, one per line (`escape` back to the list)"),
    ("Issue details (undo)", "`u`/`ctrl+z` undo · `U`/`ctrl+y` redo any change of this screen, outside a "
                             "text box (in one, `ctrl+z`/`ctrl+y` are the box's own)"),
    ("Model review", "on the review list (spec, issue details): `a`/`enter` accept the rewording · "
                     "`i` ignore · `u` undo the last accepted"),
    ("Plan", "type the phases in your words (\"Phase 1: endpoint + schema. Phase 2: …\") · `tab` branch, "
             "tags"),
    ("GitHub", "`↑/↓` `enter` yes / no / later · Show plan (nothing sent) · Sync · Cancel keeps what is "
               "done"),
    ("Summary", "`c` copy the next-step commands · `v` view the artifacts · `o` the milestone on GitHub · "
                "`i`/`enter` the highlighted issue on GitHub"),
    ("Artifact viewer", "`↑/↓` pick a file · `e` open it in $EDITOR · `escape` back"),
]
# A phase screen's rows (by its phase's value), besides "Phases".
PHASE_TOPICS = {"epic": "Epic, spec", "spec": "Epic, spec", "breakdown": "Breakdown",
                "issues": "Issue details", "plan": "Plan", "github": "GitHub", "summary": "Summary"}
SCREEN_TOPICS = {"DashboardScreen": ("Dashboard",), "ArtifactViewer": ("Artifact viewer",)}


def topics_for(screen: object) -> tuple[str, ...]:
    """The help rows of the screen help was opened on (their "Where", a prefix: "Breakdown" takes
    "Breakdown (more)" too)."""
    phase = getattr(screen, "PHASE", None)
    if phase is not None and getattr(phase, "value", None) in PHASE_TOPICS:
        return (PHASE_TOPICS[phase.value], "Phases")
    return SCREEN_TOPICS.get(type(screen).__name__, ())


def help_text(topics: tuple[str, ...] = ()) -> str:
    """The help's markdown: this screen's keys (when there are topics), then all of them."""
    def table(rows: list[tuple[str, str]]) -> str:
        return "\n".join([HEADER, *(f"| {where} | {keys} |" for where, keys in rows)])

    here = [row for row in ROWS if any(row[0].startswith(topic) for topic in topics)]
    parts = [INTRO]
    if here:
        parts += [f"## Keys here ({topics[0]})", table(here)]
    parts += ["## Every screen" if here else "## Keys", table(ROWS)]
    return "\n\n".join(parts) + "\n"


HELP = help_text()


class HelpDialog(Dialog[None]):
    """This screen's keys, then all; any of escape, f1, ? or q closes it."""

    BINDINGS = [Binding("f1,question_mark,q", "dismiss(None)", "Close")]

    def __init__(self, topics: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.topics = topics

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Markdown(help_text(self.topics))
