"""The command line's headless commands: a whole milestone from an answers file or ``--yes``, and ``--sync``.

Order matters for "nothing half-written": the answers file is validated, the roadmap read, and the answers
applied to an in-memory session (a dry run of every phase) before the milestone folder is created.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from milestone_tui.cli.answers import Answers, fill_phase, load_answers
from milestone_tui.cli.drafting import drafter, review_block
from milestone_tui.cli.output import (
    PHASE_TITLES,
    banner,
    print_context,
    print_found,
    print_loaded,
    print_summary,
    run_phases,
    run_quick,
)
from milestone_tui.core import defaults
from milestone_tui.core.flow import MilestoneFlow, OpenMode, plan_open
from milestone_tui.core.model import Session
from milestone_tui.core.phases import PLANNING_PHASES, Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import ConflictError, WorkspaceError


def preflight(session: Session, answers: Answers) -> None:
    """Apply every answer to a throwaway copy, so a bad answer fails before anything is written."""
    trial = session.model_copy(deep=True)
    for phase in PLANNING_PHASES:
        if not trial.is_done(phase):
            fill_phase(trial, phase, answers)
    if trial.quick:
        defaults.fill_all(trial)


def _mode(args: argparse.Namespace) -> OpenMode:
    return "refine" if args.refine else "overwrite" if args.overwrite else "new"


def sync(flow: MilestoneFlow, args: argparse.Namespace, out: TextIO) -> int:
    """Run (or dry-run) the GitHub sync for an open milestone (the GitHub layer is imported only here)."""
    from milestone_tui.cli.sync import run_sync_command

    repo = args.repo or flow.session.github.repo
    return run_sync_command(flow, repo=repo, api_url=args.github_api_url, dry_run=args.dry_run,
                            root=flow.workspace.root, out=out, rebind=args.rebind,
                            adopt_titles=args.adopt_titles,
                            edits="theirs" if args.theirs else "ours" if args.ours else None,
                            project=args.project, api_version=args.github_api_version,
                            workspace_repo=flow.workspace.sibling_repo(flow.session.milestone_id))


def settle(flow: MilestoneFlow, args: argparse.Namespace) -> None:
    """Both sides changed: resolve as ``--keep-mine`` / ``--keep-file`` say, or refuse (exit 2) naming the
    file and the way out, with nothing overwritten and nothing read back."""
    for conflict in list(flow.pending):
        if getattr(args, "keep_mine", False):
            flow.keep_mine(conflict)
        elif getattr(args, "keep_file", False):
            flow.keep_file(conflict)
    if flow.pending:
        first = flow.pending[0]
        more = f" ({len(flow.pending) - 1} more file(s) likewise)" if len(flow.pending) > 1 else ""
        raise ConflictError(first.line(flow.workspace.relative(first.path)) + more)


# The headless side, as cli.main loads it.
__all__ = ["Workspace", "run_headless", "run_sync_only"]


def run_headless(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """``ID --answers FILE`` / ``ID --yes`` (with ``--quick``, ``--refine``, ``--overwrite``, ``--sync``)."""
    answers = load_answers(args.answers) if args.answers is not None else Answers()
    plan = plan_open(ws, args.milestone, _mode(args))
    if (error := plan.exists_error) is not None:
        print_found(out, plan.report)
        raise error
    if plan.mode != "refine":
        preflight(Session(milestone_id=plan.key, quick=args.quick, roadmap=plan.milestone), answers)
        if plan.milestone is not None:
            print_context(out, ws, plan.milestone, plan.key, args.quick)
    flow = MilestoneFlow.open(ws, plan, quick=args.quick)
    try:
        settle(flow, args)
        return _run_open(flow, answers, args, plan.mode, out)
    finally:
        flow.close()


def _run_open(flow: MilestoneFlow, answers: Answers, args: argparse.Namespace, mode: OpenMode,
              out: TextIO) -> int:
    ws, session = flow.workspace, flow.session
    folder = ws.relative(ws.milestone_dir(session.milestone_id))
    if mode == "refine":
        print_found(out, flow.found) if flow.found else None
        print_loaded(out, flow)
        preflight(session, answers)  # the refined session: still nothing new written if an answer is bad
    else:
        if flow.backup_path is not None:
            print(f"\n✓ Backup: {ws.relative(flow.backup_path)}/", file=out)
        if not args.quick:
            print(f"\n✓ Created: {folder}/\n", file=out)
    draft = drafter(getattr(args, "model_config", None), answers, out)
    if args.quick:
        run_quick(flow, answers, out, draft)
    else:
        run_phases(flow, answers, out, draft)
    settle(flow, args)
    status = 0
    wants_sync = args.sync or (answers.github is not None and answers.github.create == "yes")
    if (answers.github is not None or wants_sync) and not session.is_done(Phase.GITHUB):
        banner(out, PHASE_TITLES[Phase.GITHUB])
        print(file=out)
    if answers.github is not None and not session.is_done(Phase.GITHUB):
        fill_phase(session, Phase.GITHUB, answers)
        flow.save()
        if session.github.decision == "later" and not wants_sync:
            print(f"GitHub sync recorded as pending: run `create-milestone {session.milestone_id} --sync` "
                  "when ready.\n", file=out)
        elif session.github.decision == "no" and not wants_sync:
            print("GitHub issues not created (answered no).\n", file=out)
    if wants_sync:
        status = sync(flow, args, out)  # prints the seed's "Creating GitHub issues..." block itself
        if status == 0 and not args.dry_run:
            session.github.decision = "yes"
            flow.complete(Phase.GITHUB)
        print(file=out)
    elif answers.github is not None and not session.is_done(Phase.GITHUB):
        flow.complete(Phase.GITHUB)
    if not args.quick:
        print_summary(flow, out)
    if draft is not None and (block := review_block(session)):
        print("\n".join(block) + "\n", file=out)
    return status


def run_sync_only(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """``ID --sync [--dry-run]`` on a milestone that has been planned."""
    plan = plan_open(ws, args.milestone, "refine")
    if not plan.has_work:
        raise WorkspaceError(f"milestone {plan.key} has no folder yet ({plan.shown}); "
                             f"create it first, e.g. create-milestone {plan.key} --answers FILE")
    # A dry run reads only: no lock, no save (it works on a folder it may not write).
    flow = MilestoneFlow.peek(ws, plan) if args.dry_run else MilestoneFlow.open(ws, plan)
    try:
        settle(flow, args)
        if not flow.session.is_done(Phase.PLAN):
            missing = flow.session.first_missing_phase.label.lower()
            raise WorkspaceError(f"milestone {plan.key} is not planned yet (next: {missing}); "
                                 "finish it before --sync")
        for notice in flow.notices:
            print(f"⚠ {notice}", file=out)
        status = sync(flow, args, out)
        if status == 0 and not args.dry_run:
            flow.session.github.decision = "yes"
            flow.complete(Phase.GITHUB)
        return status
    finally:
        flow.close()
