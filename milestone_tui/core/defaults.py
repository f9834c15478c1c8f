"""Quick mode's defaults: everything the seed's quick mode generates from the roadmap alone.

Epic from the roadmap description and scope, a skeleton specification (left for the user to fill), issues
proposed from the scope with basic acceptance criteria, a two-phase plan, a proposed branch and scope tags
from the title. Only what is still empty is filled, so answers already given are kept.
"""

from __future__ import annotations

import re

from milestone_tui.core import planning as plans
from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.model import Session

_STOP_WORDS = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "or", "new"}


def scope_tags_from_title(title: str) -> list[str]:
    """``Detection Ingest Pipeline`` -> ``[detection, ingest, pipeline]``: default scope tags."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", title)]
    return list(dict.fromkeys(w for w in words if w not in _STOP_WORDS))


def default_epic(session: Session) -> None:
    """An unanswered epic from the roadmap: its description as the problem, its scope as success."""
    epic, milestone = session.epic, session.roadmap
    if milestone is None or any((epic.problem, epic.users, epic.success, epic.out_of_scope)):
        return
    epic.problem = milestone.description or f"Deliver {milestone.title}."
    if milestone.scope:
        epic.success = "\n".join(f"- {item}" for item in milestone.scope)


def fill_defaults(session: Session) -> None:
    """Fill the unanswered parts of ``session`` with roadmap defaults (does not save or write)."""
    milestone = session.roadmap
    default_epic(session)
    if not session.issues:
        titles = proposal.propose_from_roadmap(milestone) if milestone is not None else []
        session.issues = proposal.make_issues(titles or proposal.propose_from_spec(session))
    for issue in session.issues:
        if not issue.acceptance:
            issue.acceptance = proposal.default_acceptance(issue, session)
    session.breakdown_confirmed = True
    if not session.plan.phases:
        phases, assignment = plans.default_phases(session.issues)
        plans.apply_phases(session, phases, assignment)
    if not session.plan.branch:
        session.plan.branch = plans.propose_branch(session)
    if not session.plan.scope_tags:
        session.plan.scope_tags = scope_tags_from_title(session.title or session.milestone_id)
