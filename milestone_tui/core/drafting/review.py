"""The model's review of the spec: where each line's vague text occurs, and its measurable rewording.

A review line (``ReviewLine``: the vague text, a suggestion) is offered where its text occurs: in the epic
and spec answers (the spec screen, scope ``"spec"``) or in one issue's acceptance criteria (the issue-details
screen, scope: the issue's number). Accepting replaces the text (any case, any spacing) with the suggestion
in every place of that scope at once: one ``Change``, which ``undo`` reverts while nothing has edited those
places since. Ignoring is remembered in the session (``review_closed``) so the line does not come back, not
even from a later draft. The review is read from the last draft whether or not it is still current. Accepting
a line keeps a current draft current (the rewording is the model's own); typing an answer makes it stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from milestone_tui.core import defaults
from milestone_tui.core.drafting import prompt
from milestone_tui.core.model import EPIC_QUESTIONS, SPEC_QUESTIONS, ReviewLine, Session

Scope = Literal["spec"] | int  # the spec screen (epic and spec answers), or one issue by number
_QUOTES = "\"'“”‘’`"
_LABELS = {"epic.problem": "problem", "epic.users": "users", "epic.success": "success metrics",
           "epic.out_of_scope": "out of scope", "spec.architecture": "architecture",
           "spec.data_models": "data models", "spec.tradeoffs": "trade-offs", "spec.technology": "technology"}


@dataclass(frozen=True)
class Place:
    """One answer a line can change: ``epic.success``, ``spec.architecture`` or ``issue.3`` (its criteria)."""

    name: str

    @property
    def label(self) -> str:
        if self.name.startswith("issue."):
            return f"issue #{int(self.name.split('.')[1]):02d} criteria"
        return _LABELS.get(self.name, self.name)


@dataclass(frozen=True)
class Change:
    """An accepted line: each place's value before and after (undone only while each is still ``after``)."""

    line: ReviewLine
    values: tuple[tuple[Place, str, str], ...]


def quoted(line: ReviewLine) -> str:
    """The line's text as shown: without the quotes a model may put around it."""
    return " ".join(line.text.strip(_QUOTES + " ").split())


def key(line: ReviewLine) -> str:
    """What ``review_closed`` remembers a line by: its text, in any case and spacing."""
    return quoted(line).lower()


def _pattern(line: ReviewLine) -> re.Pattern[str] | None:
    words = line.text.strip(_QUOTES + " ").split()
    if not words:
        return None
    # Whole words only: "fast" is not the start of "fastidious" (nor the end of "breakfast").
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(before + r"\s+".join(map(re.escape, words)) + after, re.IGNORECASE)


def reword(value: str, line: ReviewLine) -> str | None:
    """``value`` with the line's text replaced by its suggestion, or None (not there, or no suggestion)."""
    pattern, suggestion = _pattern(line), " ".join(line.suggestion.split())
    if pattern is None or not suggestion or not pattern.search(value):
        return None
    if suggestion.lower() in " ".join(value.lower().split()):
        return None  # already reworded (a suggestion that repeats the vague words)
    return pattern.sub(lambda _: suggestion, value)


def values(session: Session, scope: Scope) -> dict[Place, str]:
    """The answers of a scope as text (an issue's criteria one per line)."""
    if scope == "spec":
        found = {Place(f"epic.{k}"): getattr(session.epic, k) for k in EPIC_QUESTIONS}
        if not session.quick:
            found |= {Place(f"spec.{k}"): getattr(session.spec, k) for k in SPEC_QUESTIONS}
        return found
    issue = next((i for i in session.issues if i.number == scope), None)
    return {Place(f"issue.{scope}"): "\n".join(issue.acceptance)} if issue is not None else {}


def lines(session: Session) -> list[ReviewLine]:
    """The last draft's review lines not ignored, once each."""
    seen: set[str] = set()
    out = []
    for line in session.draft.review if session.draft is not None else []:
        if key(line) and key(line) not in seen and session.review_closed.get(key(line)) != "ignored":
            seen.add(key(line))
            out.append(line)
    return out


def offered(session: Session, scope: Scope) -> list[tuple[ReviewLine, list[Place]]]:
    """The lines to show in a scope, with the places each would change. The spec screen also shows the
    lines found nowhere (reworded by hand, or quoted loosely by the model) with no place, to ignore. The
    criteria drafted for an issue (offered, not yet taken with F4) count as somewhere."""
    shown = lines(session)
    if not shown:  # the common case, on every keystroke of the spec and issue screens: no proposer run
        return []
    scoped = values(session, scope)
    everywhere = [*values(session, "spec").values(), *("\n".join(i.acceptance) for i in session.issues),
                  *("\n".join(d) for d in defaults.drafted_acceptance(session).values())]
    out = []
    for line in shown:
        places = [p for p, v in scoped.items() if reword(v, line) is not None]
        nowhere = session.review_closed.get(key(line)) is None and not any(
            reword(v, line) is not None for v in everywhere)
        if places or (scope == "spec" and nowhere):
            out.append((line, places))
    return out


def accept(session: Session, line: ReviewLine, scope: Scope) -> Change | None:
    """The change accepting ``line`` makes in a scope (not applied), or None where its text is not found."""
    changed = []
    for place, value in values(session, scope).items():
        after = reword(value, line)
        if after is not None:
            changed.append((place, value, after))
    return Change(line, tuple(changed)) if changed else None


def current(session: Session, place: Place) -> str:
    section, name = place.name.split(".")
    if section == "issue":
        return "\n".join(session.issue(int(name)).acceptance)
    return str(getattr(session.epic if section == "epic" else session.spec, name))


def _set(session: Session, place: Place, value: str) -> None:
    section, name = place.name.split(".")
    if section == "issue":
        session.issue(int(name)).acceptance = [a.strip() for a in value.splitlines() if a.strip()]
    else:
        setattr(session.epic if section == "epic" else session.spec, name, value)


def _apply(session: Session, places: list[tuple[Place, str]]) -> None:
    """Set the places; a draft current before stays current: the rewording is the model's own, so its
    breakdown and criteria are still offered (an answer the planner types makes it stale, as before)."""
    current_before = defaults.current_draft(session) is not None
    for place, value in places:
        _set(session, place, value)
    if current_before and session.draft is not None:
        session.draft.prompt_hash = prompt.prompt_hash(session)


class ReviewEdits:
    """Mixed into ``MilestoneFlow``: accepting, undoing and ignoring review lines, each one saved change."""

    session: Session

    def _changed(self) -> None:
        raise NotImplementedError  # the flow's

    def accept_review(self, line: ReviewLine, scope: Scope) -> Change | None:
        """Replace the line's text with its suggestion in every place of the scope (None: not found)."""
        change = accept(self.session, line, scope)
        if change is not None:
            _apply(self.session, [(place, after) for place, _, after in change.values])
            self.session.review_closed[key(line)] = "accepted"
            self._changed()
        return change

    def undo_review(self, change: Change) -> bool:
        """Put the places back as they were; False (nothing changed) when one was edited since."""
        if any(current(self.session, place) != after for place, _, after in change.values):
            return False
        _apply(self.session, [(place, before) for place, before, _ in change.values])
        self.session.review_closed.pop(key(change.line), None)
        self._changed()
        return True

    def ignore_review(self, line: ReviewLine) -> None:
        """Hide the line for good (in this session, whatever later drafts say)."""
        self.session.review_closed[key(line)] = "ignored"
        self._changed()
