"""``create-milestone ID --status``: each issue's state, assignees and open blockers read back from GitHub
into the session, and printed, one listing of the milestone's issues. Loaded by ``cli.main`` only for
``--status``: it imports the GitHub client (githubkit) at the top.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import TextIO

from milestone_tui.cli.run import settle
from milestone_tui.core.flow import MilestoneFlow, plan_open
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import GitHubError
from milestone_tui.github.auth import resolve_target
from milestone_tui.github.binding import repo_change
from milestone_tui.github.reading import read_status
from milestone_tui.github.status import status_line, status_rows


def run_status_only(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """``ID --status``: read each issue's state, assignees and blockers from GitHub into the session, and
    print them (one listing of the milestone's issues)."""
    plan = plan_open(ws, args.milestone, "refine")
    if not plan.report.session:
        raise GitHubError(f"Milestone {plan.key} has no session yet: plan it and run --sync first.")
    flow = MilestoneFlow.open(ws, plan)
    try:
        settle(flow, args)
        session = flow.session
        target = resolve_target(args.repo, args.github_api_url, session_repo=session.github.repo, cwd=ws.root,
                                workspace_repo=ws.sibling_repo(session.milestone_id))
        change = repo_change(session, target.repo)
        if change is not None:
            raise GitHubError(change.line())
        asyncio.run(read_status(target, session))
        flow.save()
        line = status_line(session)
        print(f"{session.milestone_title} (#{session.github.milestone_number} in {target.repo}): {line}",
              file=out)
        for row in status_rows(session):
            who = f" · {', '.join(row.assignees)}" if row.assignees else ""
            blocked = f" · blocked by {row.blocked_by}" if row.blocked_by else ""
            number = f"#{row.github}" if row.github else "-"
            print(f"  {number:<6} {row.state:<7} {row.title}{who}{blocked}", file=out)
        return 0
    finally:
        flow.close()
