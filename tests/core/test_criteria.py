"""The issue details' edits (criteria as items, labels) and the undo/redo history the screens share."""

from __future__ import annotations

import pytest
import yaml

from milestone_tui.core.breakdown import criteria
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.history import History
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace

ITEMS = ["Accepts events", "Rejects bad JSON", "Returns 202"]


def test_criteria_ops_are_pure_and_keep_one_line_each() -> None:
    items = list(ITEMS)
    assert criteria.add_criterion(items, "  Logs   each\nrequest ") == [*ITEMS, "Logs each request"]
    assert criteria.add_criterion(items, "First", at=0)[0] == "First"
    assert criteria.add_criterion(items, "Second", at=1) == ["Accepts events", "Second", *ITEMS[1:]]
    assert criteria.edit_criterion(items, 1, "Rejects invalid JSON")[1] == "Rejects invalid JSON"
    assert criteria.remove_criterion(items, 0) == ITEMS[1:]
    assert criteria.move_criterion(items, 2, -1) == ["Accepts events", "Returns 202", "Rejects bad JSON"]
    assert criteria.move_criterion(items, 0, -1) == ITEMS  # clamped at the top
    assert criteria.move_criterion(items, 2, 5) == ITEMS  # and at the bottom
    assert items == ITEMS  # never changed in place


@pytest.mark.parametrize(("call", "message"), [
    (lambda: criteria.add_criterion(ITEMS, "   "), "cannot be empty"),
    (lambda: criteria.add_criterion(ITEMS, "accepts EVENTS"), "Criterion 1 says that already"),
    (lambda: criteria.edit_criterion(ITEMS, 0, "Returns 202"), "Criterion 3 says that already"),
    (lambda: criteria.edit_criterion(ITEMS, 3, "x"), "no criterion 4"),
    (lambda: criteria.remove_criterion([], 0), "no criterion 1"),
    (lambda: criteria.parse_labels("ok, " + "x" * 51), "at most 50 characters"),
])
def test_bad_edits_are_one_line_errors(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


def test_an_edit_to_the_same_text_with_itself_is_fine() -> None:
    assert criteria.edit_criterion(ITEMS, 0, "accepts events") == ["accepts events", *ITEMS[1:]]


def test_labels_parse_clean_and_dedupe() -> None:
    assert criteria.parse_labels(" backend,api ,, Backend,  needs   review ") == ["backend", "api",
                                                                               "needs review"]
    assert criteria.parse_labels("") == []
    assert criteria.criteria_from_text("a\n\n  b  c \n") == ["a", "b  c"]


def test_history_undo_redo_and_a_new_edit_drops_the_redo() -> None:
    history: History[int] = History()
    assert history.undo() is None and history.redo() is None
    history.record(0, 1, "one")
    history.record(1, 2, "two")
    step = history.undo()
    assert step is not None and (step.before, step.after, step.label) == (1, 2, "two")
    assert history.can_redo
    redone = history.redo()
    assert redone is step and not history.can_redo
    history.undo()
    history.record(1, 5, "five")  # a new edit after an undo: "two" cannot come back
    assert not history.can_redo
    assert [s.label for s in (history.undo(), history.undo())] == ["five", "one"]
    assert not history.can_undo


def test_history_coalesces_typing_until_sealed() -> None:
    history: History[str] = History()
    history.record("", "a", "typed", key="notes")
    history.record("a", "ab", "typed", key="notes")
    history.record("ab", "abc", "typed", key="notes")
    history.seal()
    history.record("abc", "abcd", "typed", key="notes")  # a new burst
    history.record("abcd", "x", "other", key="labels")
    assert [(s.before, s.after) for s in (history.undo(), history.undo(), history.undo())] == [  # type: ignore[union-attr]
        ("abcd", "x"), ("abc", "abcd"), ("", "abc")]


def test_history_keeps_the_newest_steps() -> None:
    history: History[int] = History(limit=3)
    for n in range(5):
        history.record(n, n + 1, str(n))
    labels = []
    while (step := history.undo()) is not None:
        labels.append(step.label)
    assert labels == ["4", "3", "2"]


def test_labels_reach_the_issue_file_and_the_session(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.quick_fill()
        flow.set_issue_details(1, labels=["backend", " Backend", "api "])
        flow.set_issue_details(1, acceptance=["Accepts events"])  # labels left as they are
        flow.complete(Phase.ISSUES)
        issue = flow.session.issue(1)
    assert issue.labels == ["backend", "api"] and issue.acceptance == ["Accepts events"]
    saved = workspace.load_session("m5")
    assert saved is not None and saved.issue(1).labels == ["backend", "api"]
    text = (workspace.milestone_dir("m5") / issue.filename).read_text()
    assert yaml.safe_load(text.split("---")[1])["labels"] == ["backend", "api"]
