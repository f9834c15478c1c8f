"""Phase 1, the epic interview: the problem, the users, what success looks like, what is out of scope; and the
model's review lines that are about the epic's answers ("fast", "scalable" in the success metrics), once a
model has drafted (``screens.reviewing``)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from milestone_tui.core.drafting import review
from milestone_tui.core.model import EPIC_QUESTIONS, ReviewLine
from milestone_tui.core.phases import Phase
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens.reviewing import Reviewing
from milestone_tui.tui.widgets.answer import AnswerArea


class QuestionForm:
    """Mixin: one label + answer box per question (an ``AnswerArea``: Enter goes to the next question), the
    box's id being the answer key."""

    SECTION: str = "epic"
    QUESTIONS: dict[str, str] = {}

    def reviewed(self, places: list[review.Place]) -> None:
        """After a review line is accepted or undone: reload this form's boxes it changed (the other
        section's answers are on their own screen, which loads them on arrival)."""
        screen: Any = self
        answers = getattr(screen.session, self.SECTION)
        for place in places:
            section, key = place.name.split(".")
            if section == self.SECTION:
                with screen.prevent(TextArea.Changed):
                    screen.query_one(f"#{key}", TextArea).load_text(getattr(answers, key))

    def question_fields(self, answers: object) -> ComposeResult:
        for key, question in self.QUESTIONS.items():
            yield Label(f"? {question}", classes="question")
            area = AnswerArea(str(getattr(answers, key)), id=key, soft_wrap=True, classes="answer")
            area.show_line_numbers = False
            yield area


class EpicScreen(QuestionForm, Reviewing):
    """The four epic questions of the seed, each answer saved as it is typed; the review lines found in them
    (the spec screen lists every line, with those found nowhere)."""

    PHASE = Phase.EPIC
    SECTION = "epic"
    QUESTIONS = EPIC_QUESTIONS
    PREVIEW_SECTIONS = {"problem": "problem", "users": "users", "success": "success-criteria",
                        "out_of_scope": "out-of-scope"}

    def compose_form(self) -> ComposeResult:
        if self.session.roadmap is not None:
            milestone = self.session.roadmap
            intro = f'The roadmap describes {milestone.id} as "{milestone.title}"'
            about = milestone.description.strip().split("\n\n")[0].replace("\n", " ").rstrip(".")
            # The seed's line: 'describes M5 as "Detection Ingest Pipeline" for ingesting detection data ...'
            intro += f", {about[:1].lower()}{about[1:]}." if about else "."
            yield Label(plain_text(intro), classes="intro")
        yield from self.compose_review()
        yield from self.question_fields(self.session.epic)

    def on_mount(self) -> None:
        self.show_review()

    @property
    def _offered(self) -> list[tuple[ReviewLine, list[review.Place]]]:
        # Accepting rewords every answer the line is in (epic and spec, as on the spec screen)
        return [(line, places) for line, places in review.offered(self.session, "spec")
                if any(p.name.startswith("epic.") for p in places)]

    def answer_changed(self, key: str, value: str) -> None:
        if key in self.QUESTIONS and getattr(self.session.epic, key) != value:
            self.flow.set_answer("epic", key, value)
