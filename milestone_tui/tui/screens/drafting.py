"""The breakdown screen's model draft: the request in a thread worker of its own group, rows filling as the
reply streams, a spinner naming the endpoint's host and the model, escape to cancel (the table as it was),
and the finished draft applied as one edit (``u`` undoes it like any other).

The streamed rows are only shown: the session changes once, when the whole reply is valid and normalised
(``core.drafting``); a fault leaves the list as it was with one line saying why.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from pydantic_core import from_json
from textual.timer import Timer
from textual.widgets import DataTable, Static

from milestone_tui.core import defaults
from milestone_tui.core.drafting import draft
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.model import Issue, ModelDraft, Session
from milestone_tui.tui.safe_text import escape_markup, plain_text
from milestone_tui.tui.screens.phase import PhaseScreen

if TYPE_CHECKING:
    from collections.abc import Callable

GROUP = "model-draft"
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def streamed_rows(text: str) -> list[tuple[str, list[int]]]:
    """The issues whose objects are complete in a partial reply: (title, depends_on) each."""
    body = text.strip().removeprefix("```json").removeprefix("```")
    try:
        data = from_json(body, allow_partial=True)
    except ValueError:
        return []
    issues = data.get("issues") if isinstance(data, dict) else None
    if not isinstance(issues, list):
        return []
    if len(data) == 1:  # still inside the issues list: the last object may be cut
        issues = issues[:-1]
    rows = []
    for item in issues:
        if isinstance(item, dict) and isinstance(item.get("title"), str) and item["title"].strip():
            deps = item.get("depends_on")
            rows.append((" ".join(item["title"].split()),
                         [d for d in deps if isinstance(d, int)] if isinstance(deps, list) else []))
    return rows


class ModelDrafting(PhaseScreen):
    """The breakdown screen's model drafting; ``BreakdownScreen`` supplies ``edit`` and ``fill``."""

    drafting: threading.Event | None = None
    _spin: Timer | None = None
    _frame = 0
    _shown = 0
    undo_drafts: list[ModelDraft | None]

    if TYPE_CHECKING:
        def edit(self, operation: Callable[[list[Issue]], list[Issue]], cursor: int | None = None) -> None:
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
        self._shown, self._frame = -1, 0
        self._spin = self.set_interval(0.1, lambda: self._spinner(config))
        self._spinner(config)
        session = self.session.model_copy(deep=True)  # the worker never touches the live session
        self.run_worker(lambda: self._request(session, config, cancel), thread=True, group=GROUP,
                        exclusive=True, exit_on_error=False, name="model-draft")

    def _spinner(self, config: ModelConfig) -> None:
        self._frame += 1
        line = self.query_one("#drafting", Static)
        line.display = True
        line.update(plain_text(f"{SPINNER[self._frame % len(SPINNER)]} Drafting with {config.model} at "
                               f"{config.host}… (escape cancels)"))

    def _request(self, session: Session, config: ModelConfig, cancel: threading.Event) -> None:
        def on_text(text: str) -> None:
            rows = streamed_rows(text)
            if len(rows) != self._shown and not cancel.is_set():
                self._shown = len(rows)
                self.app.call_from_thread(self._stream_rows, rows, cancel)

        outcome = draft.draft(session, config, on_text=on_text, cancel=cancel)
        if not cancel.is_set():
            self.app.call_from_thread(self._finished, outcome, cancel)

    def _stream_rows(self, rows: list[tuple[str, list[int]]], cancel: threading.Event) -> None:
        if cancel is not self.drafting or cancel.is_set():
            return
        table = self.query_one("#breakdown", DataTable)
        table.clear()
        for n, (title, deps) in enumerate(rows, 1):
            cells = (str(n), title, ", ".join(f"#{d}" for d in deps) or "—", "…", "…")
            table.add_row(*map(escape_markup, cells), key=f"draft-{n}")

    def _stop(self) -> None:
        self.drafting = None
        if self._spin is not None:
            self._spin.stop()
        self.query_one("#drafting", Static).display = False

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

        self.edit(drafted, cursor=1)
        self.show_proposer()
        reviewed = f"; its review of the spec ({len(made.review)}) is on the spec and issue screens" \
            if made.review else ""
        self.notify(outcome.notice + " (u to undo)" + reviewed)

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
