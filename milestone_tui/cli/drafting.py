"""The command line's side of model drafting: ``--model-show-prompt``, and the headless run's drafter.

The drafter runs just before the breakdown is filled (the epic and spec answers are in by then), records the
draft in the session (``core.defaults.proposal_for`` then proposes it) and prints one line: drafted by whom,
or why the rules propose instead. An answers file that gives the breakdown wins: the model is not asked.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import yaml

from milestone_tui.cli.answers import Answers, fill_phase, load_answers
from milestone_tui.core.drafting import draft, prompt, review
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.flow import MilestoneFlow, plan_open
from milestone_tui.core.model import Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace

Drafter = Callable[[Session], None]


def show_prompt(root: Path, args: argparse.Namespace) -> str:
    """The prompt for the milestone as it stands (its session, else the roadmap), with an answers file's
    epic and spec applied; sends nothing and writes nothing."""
    ws = Workspace(root, args.roadmap.resolve() if args.roadmap else None)
    plan = plan_open(ws, args.milestone, "refine")
    if plan.report.session:
        flow = MilestoneFlow.peek(ws, plan)
        try:
            session = flow.session.model_copy(deep=True)
        finally:
            flow.close()
    else:
        session = Session(milestone_id=plan.key, quick=args.quick, roadmap=plan.milestone)
    answers = load_answers(args.answers) if args.answers is not None else Answers()
    for phase in (Phase.EPIC, Phase.SPEC):
        if not session.is_done(phase):
            fill_phase(session, phase, answers)
    return prompt.show(session)


def drafter(config: ModelConfig | None, answers: Answers, out: TextIO) -> Drafter | None:
    """The headless run's drafter, or None (no model configured, or the answers give the breakdown)."""
    if config is None:
        return None
    if answers.breakdown is not None:
        print(f"The answers file gives the breakdown: {config.model} is not asked.", file=out)
        return None

    def run(session: Session) -> None:
        if session.issues:
            return
        print(f"Drafting the breakdown with {config.model} at {config.host}...", file=out)
        outcome = draft.draft(session, config)
        draft.apply(session, outcome)
        print(("✓ " if outcome.draft is not None else "⚠ ") + outcome.notice, file=out)
        if outcome.draft is not None and outcome.draft.review:
            print(f"  The model reviewed the spec: {len(outcome.draft.review)} line(s), listed at the end.",
                  file=out)
        print(file=out)

    return run


def review_block(session: Session) -> list[str]:
    """The model's open review lines as one block: each line, where its text is, how to apply it (in the
    app, or as answers for a new run); empty when there is nothing to review."""
    made = session.draft
    lines = review.lines(session)
    if made is None or not lines:
        return []
    out = ["", f"Review of the spec by {made.model} ({len(lines)}): vague or untestable wording, each with a "
           "measurable rewording"]
    issues = {i.number: i for i in session.issues}
    reworded: dict[str, dict[str, str]] = {}
    for n, line in enumerate(lines, 1):
        scopes: list[review.Scope] = ["spec", *issues]
        places = [p for scope in scopes for p, v in review.values(session, scope).items()
                  if review.reword(v, line) is not None]
        where = ", ".join(p.label for p in places) or "not found in the answers"
        out.append(f'  {n}. "{review.quoted(line)}" ({where})')
        out.append(f'     → "{line.suggestion}"' if line.suggestion else "     (no rewording offered)")
        for place in places:
            section, key = place.name.split(".")
            if section in ("epic", "spec"):
                value = reworded.setdefault(section, {}).get(key, review.current(session, place))
                reworded[section][key] = review.reword(value, line) or value
    out.append(f"  To apply: create-milestone {session.milestone_id} opens it; the spec and issue-details "
               "screens list these lines (a accepts, i ignores).")
    if reworded:
        out.append("  Or plan again with the reworded answers: put these in your answers file and run with "
                   "--answers FILE --overwrite:")
        text = yaml.safe_dump(reworded, allow_unicode=True, sort_keys=False, width=10_000)
        out += [f"    {row}" for row in text.splitlines()]
    return out
