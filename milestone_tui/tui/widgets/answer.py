"""The answer box of the epic and spec questions: Enter goes to the next question, shift+enter or ctrl+j
is a newline.

The answers are short (a sentence or two, the seed's are one line each), so Enter means "done with this
one", as in a form. A TextArea (not an Input) keeps long answers wrapped in view and still takes a newline
when one is wanted; terminals without the kitty keyboard protocol send shift+enter as plain Enter, hence
ctrl+j, which every terminal sends as a line feed.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea


class AnswerArea(TextArea):
    """A soft-wrapped TextArea whose Enter moves on: to the next answer, after the last one to Next."""

    BINDINGS = [
        Binding("enter", "next_question", "Next question"),
        Binding("ctrl+j,shift+enter", "newline", "Newline", key_display="^j"),
    ]

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls this before TextArea's own _on_key (which would insert the newline for Enter);
        # preventing the default stops that one.
        focused = self.screen.focused
        if focused is not self and focused is not None:
            # Typed ahead of an Enter: the app hands each key to the widget focused when it reads it, so
            # the keys after Enter were queued here before the focus moved. They belong where the focus is
            # now: handed back to the app, in order, they go there (and a second Enter presses Next).
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_next_question()
        elif event.key in ("ctrl+j", "shift+enter"):
            event.stop()
            event.prevent_default()
            self.action_newline()

    def action_next_question(self) -> None:
        """Focus the next answer of the screen, or its Next button after the last one."""
        # set_focus, not focus(): the keys queued behind Enter check where the focus is now.
        answers = list(self.screen.query(AnswerArea))
        index = answers.index(self) if self in answers else len(answers)
        if index + 1 < len(answers):
            self.screen.set_focus(answers[index + 1])
        else:
            for button in self.screen.query("#next"):
                self.screen.set_focus(button)

    def action_newline(self) -> None:
        if not self.read_only:
            start, end = self.selection
            self.replace("\n", start, end, maintain_selection_offset=False)
