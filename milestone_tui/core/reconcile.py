"""Reconciling a session with its folder when a milestone is refined: hand edits and deleted artifacts.

An artifact whose content no longer matches the hash recorded when it was written was edited by hand: the edit
is parsed back into the session and the file is *adopted* (left as the user wrote it until the session changes
what it would say; then writing it is a conflict the user resolves). An artifact of a done phase that was
deleted marks that phase as not done, so refine regenerates it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.artifacts.render import EPIC_FILE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import Phase, Session
from milestone_tui.core.workspace import file_hash, issue_number

if TYPE_CHECKING:
    from milestone_tui.core.flow import MilestoneFlow


def render_one(flow: MilestoneFlow, name: str) -> str | None:
    """What the session renders for one artifact file (None: the session has no such issue)."""
    session, renderer = flow.session, flow.renderer
    if name == EPIC_FILE:
        return renderer.epic(session)
    if name == SPEC_FILE:
        return renderer.spec(session)
    if name == PLAN_FILE:
        return renderer.plan(session)
    for issue in session.issues:
        if issue.filename == name:
            return renderer.issue(session, issue)
    return None


def read_back(session: Session, name: str, text: str) -> None:
    """Parse one artifact's text into the session (the hand edit wins)."""
    if name == EPIC_FILE:
        session.epic = artifacts.parse_epic(text)
    elif name == SPEC_FILE:
        session.spec = artifacts.parse_spec(text)
    elif name == PLAN_FILE:
        plan, assignment = artifacts.parse_plan(text)
        session.plan = plan
        # The plan lists every issue, under a phase or "Unassigned": one it no longer places has no phase.
        for issue in session.issues:
            issue.phase = assignment.get(issue.number)
    else:
        # The file name gives the number when a hand-written file has none.
        parsed = artifacts.parse_issue(text, name)
        if parsed.github_issue is None:
            old = next((i for i in session.issues if i.number == parsed.number), None)
            if old is not None and old.github_issue is not None:
                parsed.github_issue = old.github_issue  # a hand edit that dropped the number keeps the link
        old = next((i for i in session.issues if i.number == parsed.number), None)
        if parsed.github_id is None and old is not None and old.github_id is not None:
            parsed.github_id = old.github_id  # so does one that dropped the id the sub-issue calls need
        others = [i for i in session.issues if i.number != parsed.number]
        session.issues = sorted([*others, parsed], key=lambda i: i.number)


def _artifact_names(flow: MilestoneFlow) -> list[str]:
    folder = flow.workspace.milestone_dir(flow.session.milestone_id)
    names = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return [n for n in names if n in (EPIC_FILE, SPEC_FILE, PLAN_FILE) or issue_number(n) is not None]


def reconcile(flow: MilestoneFlow, adopt_all: bool = False) -> list[str]:
    """Bring the session in line with the folder; returns notices (one line each) for the user.

    ``adopt_all``: the session was just parsed from this folder, so every file is adopted without re-reading.
    """
    session = flow.session
    folder = flow.workspace.milestone_dir(session.milestone_id)
    notices: list[str] = []
    for name in _artifact_names(flow):
        path = folder / name
        current = file_hash(path)
        recorded = session.artifact_hashes.get(name)
        if current == recorded:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if not adopt_all:
            if render_one(flow, name) == text:
                session.artifact_hashes[name] = current
                continue
            why = "was edited by hand" if recorded else "was not written by milestone-tui"
            try:
                read_back(session, name, text)
                notices.append(f"{name} {why}: read back into the session (it will not be overwritten "
                               "without asking)")
            except Exception as exc:  # noqa: BLE001 - a hand-written file must never crash the tool
                notices.append(f"{name} {why} and could not be read back ({exc}); it is left as it is")
        rendered = render_one(flow, name)
        if rendered is not None:
            flow._adopted[name] = rendered
    present = set(_artifact_names(flow))
    missing = {
        Phase.EPIC: EPIC_FILE not in present,
        Phase.SPEC: SPEC_FILE not in present,
        Phase.ISSUES: bool(session.issues) and any(i.filename not in present for i in session.issues),
        Phase.PLAN: PLAN_FILE not in present,
    }
    for phase, gone in missing.items():
        if gone and session.is_done(phase):
            session.mark_undone(phase)
            notices.append(f"{phase.label} artifacts are missing: that phase will be generated again")
    if not session.issues and session.is_done(Phase.BREAKDOWN):
        session.mark_undone(Phase.BREAKDOWN)
    return notices
