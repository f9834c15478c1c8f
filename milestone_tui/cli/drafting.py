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

from milestone_tui.cli.answers import Answers, fill_phase, load_answers
from milestone_tui.core.drafting import draft, prompt
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
        for line in outcome.draft.review if outcome.draft is not None else []:
            suggestion = f" → {line.suggestion}" if line.suggestion else ""
            print(f"  Review: {line.text}{suggestion}", file=out)
        print(file=out)

    return run
