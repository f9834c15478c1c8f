"""The command line's headless commands: a whole milestone from an answers file or ``--yes``, and ``--sync``.

Order matters for "nothing half-written": the answers file is validated, the roadmap read, and the answers
applied to an in-memory session (a dry run of every phase) before the milestone folder is created.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from milestone_tui.cli.answers import Answers, fill_phase, load_answers
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
from milestone_tui.core.defaults import fill_defaults
from milestone_tui.core.flow import MilestoneFlow, OpenMode, milestone_key
from milestone_tui.core.model import Phase, RoadmapMilestone, Session
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import FolderExistsError, WorkspaceError

_WORK = (Phase.EPIC, Phase.SPEC, Phase.BREAKDOWN, Phase.ISSUES, Phase.PLAN)


def preflight(session: Session, answers: Answers) -> None:
    """Apply every answer to a throwaway copy, so a bad answer fails before anything is written."""
    trial = session.model_copy(deep=True)
    for phase in _WORK:
        if not trial.is_done(phase):
            fill_phase(trial, phase, answers)
    if trial.quick:
        fill_defaults(trial)


def _mode(args: argparse.Namespace) -> OpenMode:
    return "refine" if args.refine else "overwrite" if args.overwrite else "new"


def _roadmap_milestone(ws: Workspace, key: str, required: bool) -> RoadmapMilestone | None:
    from milestone_tui.core.roadmap import find_milestone
    from milestone_tui.errors import RoadmapError

    try:
        return find_milestone(ws.roadmap(), key)
    except RoadmapError:
        if required:
            raise
        return None


def sync(flow: MilestoneFlow, args: argparse.Namespace, out: TextIO) -> int:
    """Run (or dry-run) the GitHub sync for an open milestone (the GitHub layer is imported only here)."""
    from milestone_tui.cli.sync import run_sync_command

    repo = args.repo or flow.session.github.repo
    return run_sync_command(flow, repo=repo, api_url=args.github_api_url, dry_run=args.dry_run,
                            root=flow.workspace.root, out=out, rebind=getattr(args, "rebind", False),
                            adopt_titles=getattr(args, "adopt_titles", False),
                            edits="theirs" if getattr(args, "theirs", False) else
                            "ours" if getattr(args, "ours", False) else None,
                            project=getattr(args, "project", None),
                            api_version=getattr(args, "github_api_version", None))


def run_headless(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """``ID --answers FILE`` / ``ID --yes`` (with ``--quick``, ``--refine``, ``--overwrite``, ``--sync``)."""
    answers = load_answers(args.answers) if args.answers is not None else Answers()
    mode = _mode(args)
    key = milestone_key(args.milestone)
    ws.milestone_dir(key)  # refuses ../x before anything else
    report = ws.inspect(key)
    has_work = report.has_artifacts or report.session
    milestone = _roadmap_milestone(ws, key, required=not (mode == "refine" and has_work))
    if mode == "new" and has_work:
        print_found(out, report)
        raise FolderExistsError(f"milestone folder exists: {ws.relative(ws.milestone_dir(key))}/ "
                                "(use --refine or --overwrite)", report)
    if not (mode == "refine" and has_work):
        preflight(Session(milestone_id=key, quick=args.quick, roadmap=milestone), answers)
    if milestone is not None and not (mode == "refine" and has_work):
        print_context(out, ws, milestone, key, args.quick)
    flow = MilestoneFlow.open(ws, key, quick=args.quick, mode=mode)
    try:
        return _run_open(flow, answers, args, mode if has_work else "new", out)
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
    if args.quick:
        run_quick(flow, answers, out)
    else:
        run_phases(flow, answers, out)
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
    return status


def run_sync_only(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """``ID --sync [--dry-run]`` on a milestone that has been planned."""
    key = milestone_key(args.milestone)
    report = ws.inspect(key)
    if not (report.has_artifacts or report.session):
        raise WorkspaceError(f"milestone {key} has no folder yet ({ws.relative(ws.milestone_dir(key))}); "
                             f"create it first, e.g. create-milestone {key} --answers FILE")
    if args.dry_run:  # read-only: no lock, no save (works on a folder it may not write)
        from milestone_tui.cli.sync import open_read_only

        flow = open_read_only(ws, key)
    else:
        flow = MilestoneFlow.open(ws, key, mode="refine")
    try:
        if not flow.session.is_done(Phase.PLAN):
            missing = flow.session.first_missing_phase.label.lower()
            raise WorkspaceError(f"milestone {key} is not planned yet (next: {missing}); finish it before "
                                 "--sync")
        for notice in flow.notices:
            print(f"⚠ {notice}", file=out)
        status = sync(flow, args, out)
        if status == 0 and not args.dry_run:
            flow.session.github.decision = "yes"
            flow.complete(Phase.GITHUB)
        return status
    finally:
        flow.close()
