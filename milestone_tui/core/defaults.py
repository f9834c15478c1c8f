"""Every default in one place: what an unanswered phase becomes, for quick mode, ``--yes`` and answers files.

``fill(session, phase)`` fills what is still empty in one phase and keeps every answer already given, so the
headless run applies an answers file and then the defaults, quick mode fills every planning phase at once, and
the TUI proposes the breakdown with the same rule (``propose_titles``). Nothing here saves or writes.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from milestone_tui.core import planning
from milestone_tui.core.breakdown import depends, drafts
from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.drafting import prompt
from milestone_tui.core.model import Issue, ModelDraft, PlanPhase, Session
from milestone_tui.core.phases import PLANNING_PHASES, Phase

_STOP_WORDS = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "or", "new"}


def scope_tags_from_title(title: str) -> list[str]:
    """``Detection Ingest Pipeline`` -> ``[detection, ingest, pipeline]``: default scope tags."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", title)]
    return list(dict.fromkeys(w for w in words if w not in _STOP_WORDS))


# The rules' proposals by the answers they read: the breakdown screen asks for the proposal (drafts,
# sources, uncarried metrics) on every edit, and the answers do not change while the breakdown is edited.
_CACHE: OrderedDict[tuple[object, ...], proposal.Proposal] = OrderedDict()
_CACHE_SIZE = 16


def proposal_key(session: Session) -> tuple[object, ...]:
    """Everything the rules read: quick mode, the milestone's id and roadmap item, the epic and the spec.
    The issues, the plan and GitHub's state are not read, so editing them keeps the cached proposal."""
    road = session.roadmap
    roadmap = (road.id, road.title, road.description, tuple(road.scope), tuple(road.dependencies)) \
        if road is not None else None
    return (session.quick, session.milestone_id, roadmap, tuple(session.epic.model_dump().items()),
            tuple(session.spec.model_dump().items()))


def rules_proposal(session: Session) -> proposal.Proposal:
    """The rules' breakdown: quick mode reads the roadmap's scope; otherwise the specification (which
    falls back on the roadmap's scope when its answers are thin). Cached by ``proposal_key`` (a proposal
    is immutable, so sharing it is safe)."""
    key = proposal_key(session)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    if session.quick and session.roadmap is not None:
        made = proposal.propose_quick(session)
    else:
        made = proposal.propose(session)
    _CACHE[key] = made
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return made


def current_draft(session: Session) -> ModelDraft | None:
    """The session's model draft while the answers it was drafted from are unchanged, else None."""
    draft = session.draft
    if draft is None or not draft.issues or draft.prompt_hash != prompt.prompt_hash(session):
        return None
    return draft


def proposal_for(session: Session) -> proposal.Proposal:
    """The proposed breakdown, the one place that chooses: a configured model's draft (recorded in the
    session by ``core.drafting``) while it is current, else the rules."""
    draft = current_draft(session)
    if draft is None:
        return rules_proposal(session)
    issues = tuple(proposal.ProposedIssue(i.title, i.source, tuple(i.depends_on), tuple(i.acceptance),
                                          i.summary) for i in draft.issues)
    titles = [i.title for i in draft.issues]
    return proposal.Proposal(issues, depends.phases_answer(titles, [i.depends_on for i in draft.issues]))


def proposed_by(session: Session) -> str:
    """Who proposed the breakdown: ``rules`` or the model's name."""
    draft = current_draft(session)
    return draft.model if draft is not None else "rules"


def propose_titles(session: Session) -> list[str]:
    return proposal_for(session).titles


def proposed_issues(session: Session) -> list[Issue]:
    """The proposal as issues with proposed ``depends_on`` and ``source``; the acceptance criteria stay
    empty (the drafts are offered, never silently kept: ``drafted_acceptance``)."""
    return [i.model_copy(update={"acceptance": []}) for i in proposal_for(session).to_issues()]


def proposed_sources(session: Session, issues: list[Issue]) -> None:
    """Give issues typed elsewhere (an answers file) the spec sentence of the proposed issue they are: the
    same title, else the one sharing most of their words (a split part, "Add storage service"), if any."""
    proposed = [(set(_words(p.title)), p.source) for p in proposal_for(session).issues if p.source]
    for issue in issues:
        if issue.source:
            continue
        words = set(_words(issue.title))
        best = max(proposed, key=lambda p: len(words & p[0]), default=(set(), ""))
        if words and 2 * len(words & best[0]) > len(words):
            issue.source = best[1]


def _words(title: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _STOP_WORDS | {"add"}]


def drafted_acceptance(session: Session) -> dict[str, list[str]]:
    """The drafted acceptance criteria by issue title: the proposal's, and for the breakdown as edited, an
    issue retitled or split keeps the draft of the proposed issue whose spec sentence it has, and an issue
    the planner added gets one from the spec sentence that names it (none when no sentence does)."""
    proposed = proposal_for(session).issues
    out = {i.title: list(i.acceptance) for i in proposed}
    by_source = {i.source: list(i.acceptance) for i in reversed(proposed) if i.source and i.acceptance}
    spec = session.spec
    answers = [spec.architecture, spec.tradeoffs, spec.technology, spec.data_models]
    for issue in session.issues:
        if issue.title in out or planning.is_tests(issue):
            continue
        if issue.source in by_source:
            out[issue.title] = list(by_source[issue.source])
            continue
        sentence = drafts.spec_sentence(issue.title, answers)
        if sentence:
            out[issue.title] = drafts.draft_typed(issue.title, sentence, session.epic.success, spec.tradeoffs)
    return out


def uncarried_metrics(session: Session) -> list[str]:
    """The success metrics (clauses with a number) that no issue of the breakdown, as edited, carries: not
    in a non-test issue's criteria, nor drafted for a proposed issue that is still in the breakdown."""
    titles = {i.title for i in session.issues if not planning.is_tests(i)}
    drafted: dict[str, set[str]] = {}
    for proposed in proposal_for(session).issues:
        for criterion in proposed.acceptance:
            drafted.setdefault(criterion, set()).add(proposed.title)
    own = {c for i in session.issues if not planning.is_tests(i) for c in i.acceptance}
    return [clause for clause in drafts.metric_clauses(session.epic.success)
            if clause not in own and not drafted.get(clause, set()) & titles]


def default_epic(session: Session) -> None:
    """An unanswered epic from the roadmap: its description as the problem, its scope as success."""
    epic, milestone = session.epic, session.roadmap
    if milestone is None or any((epic.problem, epic.users, epic.success, epic.out_of_scope)):
        return
    epic.problem = milestone.description or f"Deliver {milestone.title}."
    if milestone.scope:
        epic.success = "\n".join(f"- {item}" for item in milestone.scope)


def phases_answer(session: Session) -> str:
    """The proposed phases for the session's issues as they are now (their dependency layers), in the
    seed's free-text form: what the plan screen's phases box starts with."""
    return depends.phases_answer([i.title for i in session.issues], _earlier_deps(session.issues))


def _earlier_deps(issues: list[Issue]) -> list[list[int]]:
    """Dependencies by position; one on a later issue (an edited order) is left out of the layering."""
    index = {issue.number: n for n, issue in enumerate(issues, 1)}
    return [[index[d] for d in issue.depends_on if d in index and index[d] < n]
            for n, issue in enumerate(issues, 1)]


def default_plan(session: Session) -> None:
    """Phases (the dependency layers), the branch and the scope tags, each only where still empty."""
    draft = current_draft(session)
    if not session.plan.phases and draft is not None and draft.phases and \
            [i.title for i in session.issues] == [i.title for i in draft.issues]:
        assignment = {n: p for p, phase in enumerate(draft.phases, 1) for n in phase.issues}
        planning.apply_phases(session, [PlanPhase(name=p.name) for p in draft.phases], assignment)
    if not session.plan.phases and session.issues:
        planning.apply_phases(session, *planning.parse_phase_answer(phases_answer(session), session.issues))
    if not session.plan.branch:
        session.plan.branch = planning.propose_branch(session)
    if not session.plan.scope_tags:
        session.plan.scope_tags = scope_tags_from_title(session.title or session.milestone_id)


def fill(session: Session, phase: Phase) -> None:
    """Fill the unanswered parts of one phase with its defaults."""
    if phase is Phase.EPIC:
        default_epic(session)
    elif phase is Phase.BREAKDOWN and not session.issues:
        session.issues = proposed_issues(session)
    elif phase is Phase.ISSUES:
        drafts = drafted_acceptance(session)
        for issue in session.issues:
            if not issue.acceptance:
                issue.acceptance = drafts.get(issue.title) or proposal.default_acceptance(issue, session)
    elif phase is Phase.PLAN:
        default_plan(session)


def fill_all(session: Session) -> None:
    """Quick mode: every planning phase's defaults, in phase order (answers given are kept)."""
    for phase in PLANNING_PHASES:
        fill(session, phase)
