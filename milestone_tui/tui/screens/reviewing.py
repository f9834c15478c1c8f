"""The model's review of the spec on the epic, spec and issue-details screens: accept, ignore, undo.

Accepting a line replaces its vague text with the suggestion in every answer of the screen's scope (the
epic and spec answers, or the issue's criteria) as one edit; ``u`` on the list undoes the last one accepted
(while those answers are unedited since). Ignoring is remembered in the session: the line does not come
back. The list is hidden when there is nothing to review.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static

from milestone_tui.core.drafting import review
from milestone_tui.core.model import ReviewLine
from milestone_tui.tui.safe_text import plain_text
from milestone_tui.tui.screens.phase import PhaseScreen
from milestone_tui.tui.widgets.review import ReviewList


class Reviewing(PhaseScreen):
    """A phase screen with the review list; subclasses give the scope and reload what an accept changed."""

    _review_undo: list[review.Change]
    _review_shown: object = None  # what the list shows: rebuilt only when that changes

    def review_scope(self) -> review.Scope | None:
        """The answers this screen's list reviews (None: none, e.g. no issue on screen)."""
        return "spec"

    def reviewed(self, places: list[review.Place]) -> None:
        """After an accept or an undo: reload the widgets showing those answers."""

    def compose_review(self) -> ComposeResult:
        head, listing = Static("", id="review-head", classes="hint"), ReviewList(id="review")
        head.display = listing.display = False  # until show_review finds something to review
        yield head
        yield listing

    @property
    def _offered(self) -> list[tuple[ReviewLine, list[review.Place]]]:
        scope = self.review_scope()
        return review.offered(self.session, scope) if scope is not None else []

    def show_review(self) -> None:
        """Refresh the list (and its heading) from the session; hidden when empty."""
        offered = self._offered
        shown = [(line.text, line.suggestion, places) for line, places in offered]
        if shown == self._review_shown:
            return  # a keystroke that changed nothing the review is about
        try:
            head, listing = self.query_one("#review-head", Static), self.query_one("#review", ReviewList)
        except NoMatches:
            return  # replaced before its form was mounted (a burst of keys under load): nothing to show
        self._review_shown = shown
        head.display = listing.display = bool(offered)
        if offered and self.session.draft is not None:
            head.update(plain_text(f"Review by {self.session.draft.model} ({len(offered)}): vague or "
                                   "untestable wording; on the list: a accepts the rewording, i ignores, "
                                   "u undoes"))
        listing.show(offered)

    def session_changed(self) -> None:
        self.show_review()  # typing the vague words away takes the line off the list

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "review":
            event.stop()
            self.action_review("accept")

    def action_review(self, verb: Literal["accept", "ignore", "undo"]) -> None:
        undo = self.__dict__.setdefault("_review_undo", [])
        if verb == "undo":
            if not undo:
                self.notify("No accepted review line to undo")
            elif not self.flow.undo_review(undo[-1]):
                self.notify("Not undone: that answer was edited since", severity="warning")
            else:
                self.reviewed([place for place, _, _ in undo.pop().values])
                self.notify("Review line undone")
            self.show_review()
            return
        offered, row = self._offered, self.query_one("#review", ReviewList).highlighted
        if row is None or not 0 <= row < len(offered):
            return
        line, places = offered[row]
        scope = self.review_scope()
        if verb == "ignore":
            self.flow.ignore_review(line)
            self.notify(f'Ignored: "{review.quoted(line)}" (it will not come back)')
        elif not places or scope is None or (change := self.flow.accept_review(line, scope)) is None:
            self.notify("Not found in the answers: reword it by hand, or ignore it (i)", severity="warning")
        else:
            undo.append(change)
            self.reviewed(list(places))
            where = ", ".join(p.label for p in places)
            self.notify(f'Reworded in {where}: "{line.suggestion}" (u undoes)')
        self.flush_save()
        self.show_review()
