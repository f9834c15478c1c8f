"""Two-sided conflicts: a file edited by hand while the session changed too is never resolved silently.

The open and the write after a phase leave both sides as they are and list a ``Conflict``; each of the three
ways out does what it says, and a hand edit with no session change still reads back silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_tui.core.conflicts import MARK_FILE, Conflict, has_markers, set_numbers
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import ArtifactError
from tests.support.helpers import planned_quick, with_hand_note

NOTE = "Typed in the TUI: keep the replay window at 24h."
HAND = "Edited by hand: the schema lives in proto/."


def planned(workspace: Workspace) -> Path:
    """M5 in quick mode (every artifact written); returns its first issue spec."""
    return planned_quick(workspace)


def hand_edit(path: Path) -> str:
    text = with_hand_note(path.read_text(), HAND)
    assert HAND in text
    path.write_text(text)
    return text


def type_note(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        flow.set_issue_details(1, flow.session.issue(1).acceptance, notes=NOTE)


def reopen(workspace: Workspace) -> MilestoneFlow:
    return MilestoneFlow.open(workspace, "m5", mode="refine")


def test_note_typed_and_file_edited_is_a_conflict_at_open(workspace: Workspace) -> None:
    spec = planned(workspace)
    type_note(workspace)
    edited = hand_edit(spec)
    with reopen(workspace) as flow:
        assert [c.name for c in flow.pending] == [spec.name]
        conflict = flow.pending[0]
        assert conflict.file_text == edited and NOTE in conflict.mine
        assert f"+{NOTE}" in conflict.diff and f"-{HAND}" in conflict.diff
        assert flow.session.issue(1).notes == NOTE  # the session was not read over
    assert spec.read_text() == edited  # nor the file written
    with reopen(workspace) as flow:  # undecided: asked again, both kept
        assert [c.name for c in flow.pending] == [spec.name]


def test_keep_mine_writes_the_session(workspace: Workspace) -> None:
    spec = planned(workspace)
    type_note(workspace)
    hand_edit(spec)
    with reopen(workspace) as flow:
        flow.keep_mine(flow.pending[0])
        assert not flow.pending
    assert NOTE in spec.read_text() and HAND not in spec.read_text()
    with reopen(workspace) as flow:
        assert not flow.pending and flow.session.issue(1).notes == NOTE


def test_keep_file_reads_the_file_back(workspace: Workspace) -> None:
    spec = planned(workspace)
    type_note(workspace)
    edited = hand_edit(spec)
    with reopen(workspace) as flow:
        flow.keep_file(flow.pending[0])
        assert HAND in flow.session.issue(1).notes and NOTE not in flow.session.issue(1).notes
        assert not flow.write().conflicts  # adopted: the file is left as the user wrote it
    assert spec.read_text() == edited
    with reopen(workspace) as flow:  # and it stays resolved
        assert not flow.pending and HAND in flow.session.issue(1).notes


def test_edited_merge_keeps_both_and_refuses_markers(workspace: Workspace) -> None:
    spec = planned(workspace)
    type_note(workspace)
    hand_edit(spec)
    with reopen(workspace) as flow:
        conflict = flow.pending[0]
        merged = conflict.merged()
        assert NOTE in merged and HAND in merged and has_markers(merged)
        with pytest.raises(ArtifactError, match="conflict markers"):
            flow.keep_edited(conflict, merged)
        assert flow.pending == [conflict]
        marks = ("<<<<", "====", ">>>>")
        both = "\n".join(line for line in merged.splitlines() if not line.startswith(marks))
        flow.keep_edited(conflict, both + "\n")
        assert NOTE in flow.session.issue(1).notes and HAND in flow.session.issue(1).notes
        assert not flow.pending
    assert NOTE in spec.read_text() and HAND in spec.read_text()


def test_hand_edit_alone_reads_back_silently(workspace: Workspace) -> None:
    spec = planned(workspace)
    hand_edit(spec)
    with reopen(workspace) as flow:
        assert not flow.pending and HAND in flow.session.issue(1).notes
    with reopen(workspace) as flow:  # the adoption is remembered: no conflict on the next open either
        assert not flow.pending and HAND in flow.session.issue(1).notes


def test_adopted_file_then_a_session_change_is_a_conflict_at_the_write_and_the_open(
        workspace: Workspace) -> None:
    """The issue's trap: Next said "edited by hand; not overwritten", then the next open read the file back
    over the typed note."""
    spec = planned(workspace)
    edited = hand_edit(spec)
    with reopen(workspace) as flow:
        assert not flow.pending  # adopted silently
        flow.set_issue_details(1, flow.session.issue(1).acceptance, notes=f"{HAND}\n\n{NOTE}")
        report = flow.complete(Phase.ISSUES)
        assert report.conflicts == [spec]
        assert [c.name for c in flow.pending] == [spec.name] and NOTE in flow.pending[0].mine
    assert spec.read_text() == edited
    with reopen(workspace) as flow:
        assert [c.name for c in flow.pending] == [spec.name]
        assert NOTE in flow.session.issue(1).notes


def test_set_numbers_touches_only_the_frontmatter() -> None:
    text = "---\nid: m5-01\ngithub_issue: null\n---\n\n# Body\n\nhand: written\n"
    assert set_numbers(text, 301, 9001) == "---\nid: m5-01\ngithub_issue: 301\ngithub_id: 9001\n---\n\n" \
                                           "# Body\n\nhand: written\n"
    assert set_numbers("# Hand\n", 7, None) == "---\ngithub_issue: 7\n---\n\n# Hand\n"


def test_conflict_line_names_the_file_and_the_way_out(tmp_path: Path) -> None:
    conflict = Conflict("01-a.md", tmp_path / "01-a.md", "a\n", "b\n")
    line = conflict.line("milestones/m5/01-a.md")
    assert "milestones/m5/01-a.md" in line and "--keep-mine" in line and "--keep-file" in line
    assert conflict.merged() == f"{MARK_FILE}\na\n=======\nb\n>>>>>>> milestone-tui\n"


def test_hand_edit_while_open_with_no_session_change_is_not_asked(workspace: Workspace) -> None:
    spec = planned(workspace)
    with reopen(workspace) as flow:
        edited = hand_edit(spec)
        report = flow.complete(Phase.ISSUES)
        assert report.conflicts == [spec] and not flow.pending  # not overwritten, nothing to ask
    assert spec.read_text() == edited
    with reopen(workspace) as flow:  # read back silently at the next open
        assert not flow.pending and HAND in flow.session.issue(1).notes


def test_a_file_adopted_before_adoptions_were_kept_is_not_asked(workspace: Workspace) -> None:
    spec = planned(workspace)
    spec.write_text(hand_edit(spec).replace("## Notes\n", "## Notes   \n\n\n") + "\n\n")  # and its form
    with reopen(workspace) as flow:
        assert not flow.pending
        flow.session.adopted_hashes.clear()  # as a session saved by an older version holds it
    with reopen(workspace) as flow:
        assert not flow.pending and HAND in flow.session.issue(1).notes


def test_labelled_sides_name_themselves_and_any_label_counts_as_a_marker(tmp_path: Path) -> None:
    conflict = Conflict("02-a.md", tmp_path / "02-a.md", "a\n", "b\n", "GitHub #302", "this spec")
    merged = conflict.merged()
    assert merged == "<<<<<<< GitHub #302\na\n=======\nb\n>>>>>>> this spec\n"
    assert has_markers(merged)
    for left in ("<<<<<<< GitHub #302", ">>>>>>> this spec", "<<<<<<<", "=======", ">>>>>>> anything"):
        assert has_markers(f"x\n{left}\ny\n"), left
    assert not has_markers("x\n<<<<<<<< eight\n== six\n")
