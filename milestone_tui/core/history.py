"""Undo and redo for the planner's edits, shared by the screens that edit (the breakdown, the issue details).

A ``History`` keeps steps: the state before and after one edit, and what the edit was in words. Undo hands
back the newest step (the caller puts ``before`` back), redo the one undone last (the caller puts ``after``
back); a new edit drops what could be redone. A burst of typing is one step: a step recorded with the same
``key`` as the newest one, before anything else happened (``seal``, an undo, a redo), replaces its ``after``
instead of adding a step. The states are whatever the caller keeps (a list of issues, one issue's details);
the history never looks inside them, so the command line could drive the same operations headless.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

StateT = TypeVar("StateT")
LIMIT = 200  # steps kept: the oldest go first (a planner undoes the last few edits, not the first hundred)


@dataclass(frozen=True)
class Step(Generic[StateT]):
    """One edit: the state before and after it, ``label`` says what it was (``deleted criterion 2``)."""

    before: StateT
    after: StateT
    label: str
    key: str | None = None  # steps with the same key in a row are one (typing into one field)


class History(Generic[StateT]):
    """The undo and redo stacks of one screen's edits."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._done: list[Step[StateT]] = []
        self._undone: list[Step[StateT]] = []
        self._open = False  # the newest step may still grow (same key, nothing else in between)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def record(self, before: StateT, after: StateT, label: str, key: str | None = None) -> None:
        """One edit was made: it can be undone, and what was undone before it can no longer be redone."""
        self._undone.clear()
        top = self._done[-1] if self._done else None
        if key is not None and self._open and top is not None and top.key == key:
            self._done[-1] = replace(top, after=after)
            return
        self._done.append(Step(before, after, label, key))
        del self._done[:-self.limit]
        self._open = key is not None

    def seal(self) -> None:
        """The burst of typing is over: the next step is a step of its own, whatever its key."""
        self._open = False

    def undo(self) -> Step[StateT] | None:
        """The step to take back (put its ``before`` back), or None when there is nothing to undo."""
        self._open = False
        if not self._done:
            return None
        step = self._done.pop()
        self._undone.append(step)
        return step

    def redo(self) -> Step[StateT] | None:
        """The step to make again (put its ``after`` back), or None when there is nothing to redo."""
        self._open = False
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        return step
