"""Phase 2, the specification interview: architecture, data models, tradeoffs, technology; and the model's
review of the epic and spec answers, once a model has drafted (``screens.reviewing``)."""

from __future__ import annotations

from textual.app import ComposeResult

from milestone_tui.core.model import SPEC_QUESTIONS
from milestone_tui.core.phases import Phase
from milestone_tui.tui.screens.epic import QuestionForm
from milestone_tui.tui.screens.reviewing import Reviewing


class SpecScreen(QuestionForm, Reviewing):
    """The four specification questions; the architecture question names the milestone like the seed."""

    PHASE = Phase.SPEC
    SECTION = "spec"
    QUESTIONS = SPEC_QUESTIONS
    PREVIEW_SECTIONS = {"architecture": "architecture", "data_models": "data-models",
                        "tradeoffs": "tradeoffs", "technology": "technology-choices"}

    def compose_form(self) -> ComposeResult:
        yield from self.compose_review()
        yield from self.question_fields(self.session.spec)

    def on_mount(self) -> None:
        self.show_review()

    def answer_changed(self, key: str, value: str) -> None:
        if key in self.QUESTIONS and getattr(self.session.spec, key) != value:
            self.flow.set_answer("spec", key, value)
