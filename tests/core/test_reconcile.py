"""Hand edits read back on refine: a plan that unassigns an issue, an issue file written without a number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    copy_demo(tmp_path)
    with MilestoneFlow.open(Workspace(tmp_path), "m6", quick=True) as flow:
        flow.quick_fill()
    return Workspace(tmp_path)


def test_plan_edit_that_unassigns_an_issue_clears_its_phase(ws: Workspace) -> None:
    plan = ws.milestone_dir("m6") / "IMPLEMENTATION_PLAN.md"
    text = plan.read_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("- [ ] #01 "))
    text = text.replace(line + "\n", "")
    text = text.replace("## Dependency Check", f"### Unassigned\n\n{line}\n\n## Dependency Check", 1)
    plan.write_text(text)
    with MilestoneFlow.open(ws, "m6", mode="refine") as flow:
        assert flow.session.issue(1).phase is None
        assert flow.session.issue(2).phase is not None
        assert any("IMPLEMENTATION_PLAN.md was edited by hand" in n for n in flow.notices)


def test_hand_written_issue_without_number_takes_it_from_the_file_name(ws: Workspace) -> None:
    folder = ws.milestone_dir("m6")
    path = next(folder.glob("02-*.md"))
    path.write_text("# Weather feed client\n\n## Acceptance Criteria\n\n- [ ] polls every minute\n")
    with MilestoneFlow.open(ws, "m6", mode="refine") as flow:
        issue = flow.session.issue(2)
        assert issue.title == "Weather feed client"
        assert issue.acceptance == ["polls every minute"]
        assert not any(re.search(r"could not be read back", n) for n in flow.notices)
