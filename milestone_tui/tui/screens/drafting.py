"""The breakdown screen's model draft: the request in a thread worker of its own group, rows filling as the
reply streams, a spinner naming the endpoint's host and the model, escape to cancel (the table as it was),
and the finished draft applied as one edit (``u`` undoes it like any other).

The streamed rows are only shown: the session changes once, when the whole reply is valid and normalised
(``core.drafting``); a fault leaves the list as it was with one line saying why.
"""

from __future__ import annotations

import threading
from time import monotonic
from typing import TYPE_CHECKING

from pydantic_core import from_json
from textual.timer import Timer
from textual.widgets import DataTable, Static

from milestone_tui.core import defaults
from milestone_tui.core.drafting import draft
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.model import Issue, Session
from milestone_tui.tui.heap import freeze_heap
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens.phase import PhaseScreen
from milestone_tui.tui.widgets.streamed import Row, StreamedRows

if TYPE_CHECKING:
    from collections.abc import Callable

GROUP = "model-draft"
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
# The spinner steps about 10 times a second. A step of its own is a frame of its own (about 1.3 ms, whatever
# the one line), and a key arriving during it waits: at 10 a second, the streaming typing tail once the rows
# stopped laying out the screen. So a step rides on a frame painted anyway (a key's echo, a row) once
# STEP_EARLY has passed, and the timer (every TICK) steps on its own only after STEP_LATE without one
# (under the 0.1 s of its steps: a tick a little early still steps).
TICK, STEP_EARLY, STEP_LATE = 0.05, 0.075, 0.09




def _row(item: object) -> Row | None:
    if isinstance(item, dict) and isinstance(item.get("title"), str) and item["title"].strip():
        deps = item.get("depends_on")
        return (" ".join(item["title"].split()),
                [d for d in deps if isinstance(d, int)] if isinstance(deps, list) else [])
    return None


class RowStream:
    """The issues whose objects are complete in a reply as it streams, each parsed once.

    A scanner keeps its place in the text (strings, escapes, nesting, the top-level key it is under), so
    each chunk costs its own length: parsing the whole partial reply on every chunk made a 30-issue reply
    quadratic, with the worker holding the GIL the typing also needs. Only an object that closes inside
    ``"issues"`` becomes a row (one ``from_json`` of that object); a code fence around the JSON is skipped.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.rows: list[Row] = []
        self._seen = ""  # the text scanned so far (a repair request starts a new reply: the scan restarts)
        self._stack: list[str] = []
        self._in_string = self._escaped = False
        self._string_start = self._object_start = 0
        self._key = ""

    def feed(self, text: str) -> list[Row]:
        """All rows so far of the reply ``text`` (the whole text so far, as the client passes it)."""
        if not text.startswith(self._seen):
            self._reset()  # a new reply
        stack = self._stack
        for pos in range(len(self._seen), len(text)):
            char = text[pos]
            if self._in_string:
                if self._escaped:
                    self._escaped = False
                elif char == "\\":
                    self._escaped = True
                elif char == '"':
                    self._in_string = False
                    if len(stack) == 1:  # a key (or a string value) of the top-level object
                        self._key = text[self._string_start + 1:pos]
            elif char == '"':
                self._in_string, self._string_start = True, pos
            elif char in "{[":
                stack.append(char)
                if len(stack) == 3 and char == "{" and stack[1] == "[" and self._key == "issues":
                    self._object_start = pos
            elif char in "}]" and stack:
                stack.pop()
                if len(stack) == 2 and char == "}" and self._key == "issues":
                    self._parse(text[self._object_start:pos + 1])
        self._seen = text
        return self.rows

    def _parse(self, body: str) -> None:
        try:
            row = _row(from_json(body))
        except ValueError:
            return
        if row is not None:
            self.rows.append(row)


def streamed_rows(text: str) -> list[Row]:
    """The issues whose objects are complete in a partial reply: (title, depends_on) each."""
    return list(RowStream().feed(text))


class ModelDrafting(PhaseScreen):
    """The breakdown screen's model drafting; ``BreakdownScreen`` supplies ``edit`` and ``fill``."""

    drafting: threading.Event | None = None
    _spin: Timer | None = None
    _frame = 0
    _shown = 0
    _stepped = 0.0  # monotonic time of the spinner's last step
    if TYPE_CHECKING:
        def edit(self, operation: Callable[[list[Issue]], list[Issue]], cursor: int | None = None,
                 label: str = "edit") -> None:
            ...

        def fill(self, cursor: int | None = None) -> None: ...

    @property
    def model_config(self) -> ModelConfig | None:
        config = getattr(self.app, "model_config", None)
        return config if isinstance(config, ModelConfig) else None

    def show_proposer(self) -> None:
        """Who proposed the list: shown once a model is configured or has drafted."""
        who = defaults.proposed_by(self.session)
        line = self.query_one("#proposed-by", Static)
        line.display = self.model_config is not None or who != "rules"
        line.update(plain_text(f"Proposed by: {who}"))

    def start_draft(self) -> None:
        config = self.model_config
        if config is None:
            self.notify("No model configured: see docs/model.md (--model NAME)", severity="warning")
            return
        if self.drafting is not None:
            return
        cancel = self.drafting = threading.Event()
        self.refresh_bindings()  # the edit keys are off while the model's list streams
        self._shown, self._frame = -1, 0
        self._spin = self.set_interval(TICK, lambda: self._spinner(config, STEP_LATE))
        self._spinner(config)
        session = self.session.model_copy(deep=True)  # the worker never touches the live session
        self.run_worker(lambda: self._request(session, config, cancel), thread=True, group=GROUP,
                        exclusive=True, exit_on_error=False, name="model-draft")

    def request_paint(self) -> None:
        """A frame is coming (a key's echo, a row): the spinner's step, if nearly due, shares it."""
        config = self.model_config
        if self.drafting is not None and config is not None:
            self._spinner(config, STEP_EARLY)
        super().request_paint()

    def _spinner(self, config: ModelConfig, after: float = 0.0) -> None:
        now = monotonic()
        if now - self._stepped < after:
            return
        self._stepped = now
        self._frame += 1
        line = self.query_one("#drafting", Static)
        line.display = True
        # One line of fixed height: after the first frame, no layout pass for a spinner step.
        line.update(plain_text(f"{SPINNER[self._frame % len(SPINNER)]} Drafting with {config.model} at "
                               f"{config.host}… (escape cancels)"), layout=self._frame == 1)

    def _request(self, session: Session, config: ModelConfig, cancel: threading.Event) -> None:
        stream = RowStream()
        frozen = False

        def on_text(text: str) -> None:
            nonlocal frozen
            if not frozen:
                # By the first text the model's client is imported and built: some 55,000 tracked objects
                # that live as long as the app, added after the milestone's screens were frozen (tui.heap).
                # Left to the collector, each full pass scanned them (25 ms, twice a 30-issue stream, on
                # whatever key or row it landed); frozen with the rest, 4-8 ms. (From this thread: the
                # freeze runs under the GIL like any collection.)
                frozen = True
                freeze_heap()
            rows = stream.feed(text)
            if len(rows) != self._shown and not cancel.is_set():
                start = self._shown if 0 <= self._shown < len(rows) else 0  # fewer: a new reply, from row 1
                self._shown = len(rows)
                self.app.call_from_thread(self._stream_rows, rows[start:], start, cancel)

        outcome = draft.draft(session, config, on_text=on_text, cancel=cancel)
        if not cancel.is_set():
            self.app.call_from_thread(self._finished, outcome, cancel)

    def _stream_rows(self, rows: list[Row], start: int, cancel: threading.Event) -> None:
        """Add the rows new since the last call (only those: the table is not rebuilt per row)."""
        if cancel is not self.drafting or cancel.is_set():
            return
        streamed = self.query_one("#streamed", StreamedRows)
        if start == 0:  # the first streamed row replaces the list shown before, in the table's place
            streamed.begin()
            self._show_streamed(True)
        streamed.add(rows, start)  # appended lines: no row above is redrawn (see widgets.streamed)
        self.request_paint()  # the row's frame now, not at the update timer's next slot (see tui.paint)

    def _stop(self) -> None:
        self.drafting = None
        if self._spin is not None:
            self._spin.stop()
        self.query_one("#drafting", Static).display = False
        self._show_streamed(False)  # the table back in its place (filled from the session by the caller)
        self.refresh_bindings()  # the edit keys are back

    def _show_streamed(self, streaming: bool) -> None:
        """The streamed lines in the table's place, or the table back; the focus goes with whichever shows."""
        streamed = self.query_one("#streamed", StreamedRows)
        if streamed.display == streaming:
            return
        table = self.query_one("#breakdown", DataTable)
        shown, hidden = (streamed.lines, table) if streaming else (table, streamed.lines)
        had_focus = self.focused is hidden
        streamed.display, table.display = streaming, not streaming
        if had_focus:
            shown.focus()

    def _finished(self, outcome: draft.Outcome, cancel: threading.Event) -> None:
        if cancel is not self.drafting:
            return
        self._stop()
        made = outcome.draft
        if made is None:
            self.fill()
            self.notify(outcome.notice, severity="warning", timeout=8)
            return

        def drafted(_: list[Issue]) -> list[Issue]:
            self.session.draft = made
            return defaults.proposed_issues(self.session)

        self.edit(drafted, cursor=1, label="model draft")
        self.show_proposer()
        reviewed = f"; its review of the spec ({len(made.review)}) is on the spec and issue screens" \
            if made.review else ""
        self.notify(outcome.notice + " · u undo" + reviewed, markup=False)

    def cancel_draft(self) -> bool:
        """Escape while drafting: stop it and show the list as it was; False when nothing was drafting."""
        if self.drafting is None:
            return False
        self.drafting.set()
        self.workers.cancel_group(self, GROUP)
        self._stop()
        self.fill()
        self.notify("Model draft cancelled: the list is as it was")
        return True
