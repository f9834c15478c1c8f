"""Edit one issue's dependencies: ``ModalScreen[list[int] | None]``, prefilled with its current ``1, 3``.

The answer is checked with the core's ``set_depends_on`` before the dialog closes, so an unknown number,
the issue itself or a cycle is shown as one line in the dialog and the user can fix it in place.
"""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from milestone_tui.core.breakdown import edits
from milestone_tui.core.model import Issue


def parse_numbers(text: str) -> list[int]:
    """``"1, 3"``, ``"#1 #3"`` or ``"01,3"`` -> ``[1, 3]``; empty -> ``[]``; anything else is a ValueError."""
    numbers = []
    for token in (t for t in re.split(r"[\s,;]+", text.strip()) if t):
        digits = token.removeprefix("#")
        if not digits.isascii() or not digits.isdigit():
            raise ValueError(f"'{token}' is not an issue number (write them like 1, 3).")
        numbers.append(int(digits))
    return numbers


class DependsOnDialog(ModalScreen[list[int] | None]):
    """The issue's title, the other issues to pick from, one input; enter applies, escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, issues: list[Issue], number: int) -> None:
        super().__init__()
        self.issues = issues
        self.issue = next(i for i in issues if i.number == number)

    def compose(self) -> ComposeResult:
        current = ", ".join(str(n) for n in self.issue.depends_on)
        others = [f"{i.number:>2}  {i.title}" for i in self.issues if i.number != self.issue.number]
        with Vertical(classes="dialog depends-on"):
            yield Label(f"#{self.issue.number} {self.issue.title} depends on:", classes="dialog-title")
            yield Static("\n".join(others) or "(no other issues)", id="depends-choices",
                         classes="dialog-body", markup=False)
            yield Input(current, placeholder="e.g. 1, 3 (empty: none)", id="depends-input")
            yield Static("", id="depends-error", classes="dialog-error", markup=False)
            yield Label("issue numbers, comma separated · enter: apply · escape: cancel",
                        classes="dialog-hint")

    def check(self, text: str) -> list[int]:
        """The numbers in ``text`` if the core accepts them as this issue's dependencies (else ValueError)."""
        numbers = parse_numbers(text)
        edits.set_depends_on(self.issues, self.issue.number, numbers)
        return sorted(set(numbers))

    @on(Input.Changed, "#depends-input")
    def _changed(self) -> None:
        self.query_one("#depends-error", Static).update("")  # the old error no longer describes the text

    @on(Input.Submitted, "#depends-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            numbers = self.check(event.value)
        except ValueError as exc:
            self.query_one("#depends-error", Static).update(f"✗ {exc}")
            return
        self.dismiss(numbers)
