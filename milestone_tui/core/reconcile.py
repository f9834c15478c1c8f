"""Reconciling a session with its folder when a milestone is refined: hand edits and deleted artifacts.

An artifact whose content no longer matches the hash recorded when it was written was edited by hand: the edit
is parsed back into the session and the file is *adopted* (left as the user wrote it until the session changes
what it would say; then writing it is a conflict the user resolves). When the session too changed since the
file was written (or adopted), reading the file back would lose the session's side: that is a ``Conflict``,
left for the user to resolve, and neither side is touched. An artifact of a done phase that was
deleted marks that phase as not done, so refine regenerates it.

``reconcile`` changes only the session it is given and returns what it adopted; the flow keeps that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from milestone_tui.core import files, journal
from milestone_tui.core.artifacts import parse as artifacts
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.conflicts import Conflict
from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE, issue_number
from milestone_tui.core.model import Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import file_hash, text_hash


@dataclass
class Reconciled:
    """What reconciling found: one notice line each for the user, and the adopted files (name -> what the
    session rendered for it when it was read back: while the session still renders that, the user's file is
    left as it is)."""

    notices: list[str] = field(default_factory=list)
    adopted: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)  # edited by hand and changed in the session


def render_one(session: Session, renderer: Renderer, name: str) -> str | None:
    """What the session renders for one artifact file (None: the session has no such issue)."""
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


def session_changed(session: Session, name: str, mine: str) -> bool:
    """Whether the session renders ``name`` otherwise than when it was last written or adopted (a file
    we never wrote has no such point: a hand-written file is read back as it is)."""
    base = session.adopted_hashes.get(name, session.artifact_hashes.get(name))
    return base is not None and text_hash(mine) != base


def _says_the_same(session: Session, renderer: Renderer, name: str, text: str, mine: str) -> bool:
    """Whether reading the file back would leave the session rendering what it does now (the file only
    differs in form, or it was adopted before adoptions were kept): then there is nothing to lose."""
    trial = session.model_copy(deep=True)
    try:
        read_back(trial, name, text)
    except Exception:  # noqa: BLE001 - unreadable: not the same; the caller asks
        return False
    return render_one(trial, renderer, name) == mine


_PHASE_OF = {EPIC_FILE: Phase.EPIC, SPEC_FILE: Phase.SPEC, PLAN_FILE: Phase.PLAN}


def _written_before_a_kill(session: Session, name: str, text: str) -> None:
    """Our own file, written just before a kill lost the session save: what it says is the session's
    latest state (answers typed since the last save, a completed phase), so it is read back, and its phase
    is done."""
    try:
        read_back(session, name, text)
    except Exception:  # noqa: BLE001 - we wrote it, so this cannot fail in practice; never crash on it
        return
    if name in _PHASE_OF:
        session.mark_done(_PHASE_OF[name])


def _artifact_names(folder: Path) -> list[str]:
    """The artifact files in the folder: regular files only (a link is reported and skipped)."""
    names = files.regular_files(folder)
    return [n for n in names if n in (EPIC_FILE, SPEC_FILE, PLAN_FILE) or issue_number(n) is not None]


def reconcile(session: Session, folder: Path, renderer: Renderer, adopt_all: bool = False) -> Reconciled:
    """Bring the session in line with its folder (hand edits read back, deleted artifacts' phases undone).

    ``adopt_all``: the session was just parsed from this folder, so every file is adopted without re-reading.
    """
    found = Reconciled()
    notices = found.notices
    notices += [files.link_notice(name) for name in files.links(folder)]
    written = journal.pending(folder)  # hashes we were writing when the last run was killed
    for name in _artifact_names(folder):
        path = folder / name
        current = file_hash(path)
        recorded = session.artifact_hashes.get(name)
        if current == recorded:
            continue
        if written.get(name) == current and not adopt_all:
            _written_before_a_kill(session, name, files.read_bytes(path).decode("utf-8", errors="replace"))
            session.artifact_hashes[name] = current
            continue
        try:
            text = files.read_bytes(path).decode("utf-8", errors="replace")
        except OSError as exc:
            notices.append(f"{name} cannot be read ({exc.strerror or exc}); it is left as it is")
            continue
        if not adopt_all:
            mine = render_one(session, renderer, name)
            if mine == text:
                session.artifact_hashes[name] = current
                continue
            if mine is not None and session_changed(session, name, mine) and not _says_the_same(
                    session, renderer, name, text, mine):
                found.conflicts.append(Conflict(name, path, text, mine))
                continue
            why = "was edited by hand" if recorded else "was not written by milestone-tui"
            try:
                read_back(session, name, text)
                notices.append(f"{name} {why}: read back into the session (it will not be overwritten "
                               "without asking)")
            except Exception as exc:  # noqa: BLE001 - a hand-written file must never crash the tool
                notices.append(f"{name} {why} and could not be read back ({exc}); it is left as it is")
        rendered = render_one(session, renderer, name)
        if rendered is not None:
            found.adopted[name] = rendered
    present = set(_artifact_names(folder))
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
    return found
