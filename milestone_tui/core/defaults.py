"""Every default in one place: what an unanswered phase becomes, for quick mode, ``--yes`` and answers files.

``fill(session, phase)`` fills what is still empty in one phase and keeps every answer already given, so the
headless run applies an answers file and then the defaults, quick mode fills every planning phase at once, and
the TUI proposes the breakdown with the same rule (``propose_titles``). Nothing here saves or writes.
"""

from __future__ import annotations

import re

from milestone_tui.core import planning
from milestone_tui.core.breakdown import edits
from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.model import Session
from milestone_tui.core.phases import PLANNING_PHASES, Phase

_STOP_WORDS = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "or", "new"}


def scope_tags_from_title(title: str) -> list[str]:
    """``Detection Ingest Pipeline`` -> ``[detection, ingest, pipeline]``: default scope tags."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", title)]
    return list(dict.fromkeys(w for w in words if w not in _STOP_WORDS))


def propose_titles(session: Session) -> list[str]:
    """The proposed breakdown: quick mode reads the roadmap's scope; otherwise the specification (which
    falls back on the roadmap's scope when it names nothing the proposer recognises)."""
    if session.quick and session.roadmap is not None:
        return proposal.propose_from_roadmap(session.roadmap)
    return proposal.propose_from_spec(session)


def default_epic(session: Session) -> None:
    """An unanswered epic from the roadmap: its description as the problem, its scope as success."""
    epic, milestone = session.epic, session.roadmap
    if milestone is None or any((epic.problem, epic.users, epic.success, epic.out_of_scope)):
        return
    epic.problem = milestone.description or f"Deliver {milestone.title}."
    if milestone.scope:
        epic.success = "\n".join(f"- {item}" for item in milestone.scope)


def default_plan(session: Session) -> None:
    """Phases (quick mode's two), the branch and the scope tags, each only where still empty."""
    if not session.plan.phases:
        planning.apply_phases(session, *planning.default_phases(session.issues))
    if not session.plan.branch:
        session.plan.branch = planning.propose_branch(session)
    if not session.plan.scope_tags:
        session.plan.scope_tags = scope_tags_from_title(session.title or session.milestone_id)


def fill(session: Session, phase: Phase) -> None:
    """Fill the unanswered parts of one phase with its defaults."""
    if phase is Phase.EPIC:
        default_epic(session)
    elif phase is Phase.BREAKDOWN and not session.issues:
        session.issues = edits.make_issues(propose_titles(session))
    elif phase is Phase.ISSUES:
        for issue in session.issues:
            if not issue.acceptance:
                issue.acceptance = proposal.default_acceptance(issue, session)
    elif phase is Phase.PLAN:
        default_plan(session)


def fill_all(session: Session) -> None:
    """Quick mode: every planning phase's defaults, in phase order (answers given are kept)."""
    for phase in PLANNING_PHASES:
        fill(session, phase)
