"""Opening a milestone from the TUI, as one straight-line coroutine that awaits its dialogs.

The questions on the way are the seed's: refine | overwrite | abort when the folder holds work, a
confirmation naming what an overwrite backs up, and quick mode's proposed breakdown (yes | customize | no).
``open_flow`` uses only Textual's own API of the app (``push_screen_wait``, ``notify``) and returns what it
opened, so the app decides what to show; nothing here calls back into the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App

from milestone_tui.core.flow import MilestoneFlow, OpenMode, OpenPlan, plan_open
from milestone_tui.core.layout import Layout
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import FolderExistsError, MilestoneError
from milestone_tui.tui.conflicts import resolve_conflicts
from milestone_tui.tui.dialogs.choice import ChoiceDialog
from milestone_tui.tui.dialogs.confirm import ConfirmDialog
from milestone_tui.tui.dialogs.refine import RefineDialog
from milestone_tui.tui.messages import OpenRequest


@dataclass(frozen=True)
class Opened:
    """An open (locked) milestone and the phase to show first."""

    flow: MilestoneFlow
    phase: Phase


@dataclass(frozen=True)
class OpenFailed:
    """Why the milestone could not be opened: one line for the dashboard."""

    message: str


async def open_flow(app: App[Any], layout: Layout,
                    request: OpenRequest) -> Opened | OpenFailed | None:
    """Ask what must be asked, then open. None: the planner aborted (nothing was opened)."""
    workspace = layout if isinstance(layout, Workspace) else Workspace(layout.root, layout.roadmap_path)
    mode: OpenMode | None = "overwrite" if request.confirm_overwrite else request.mode
    try:
        while True:
            # A folder with work (or one that appeared meanwhile) asks first; refine tolerates a missing
            # roadmap, so asking never fails for that reason.
            plan = plan_open(workspace, request.milestone_id, mode or "refine")
            if mode is None and plan.has_work:
                choice = await app.push_screen_wait(RefineDialog(plan.report))
                if choice not in ("refine", "overwrite"):
                    return None
                mode = "refine" if choice == "refine" else "overwrite"
                continue
            if mode == "overwrite" and plan.has_work and not await app.push_screen_wait(_confirm(plan)):
                return None
            try:
                flow = MilestoneFlow.open(workspace, plan, quick=request.quick)
            except FolderExistsError:
                mode = None
                continue
            break
    except (MilestoneError, OSError) as exc:  # locked, corrupt session, unknown id, unreadable roadmap ...
        return OpenFailed(str(exc) or type(exc).__name__)
    for notice in flow.notices:  # hand edits read back, missing artifacts: said once, on opening
        app.notify(notice, timeout=6)
    if flow.pending:  # edited by hand and changed in the session: ask before anything shows either side
        await resolve_conflicts(app, flow)
    if request.quick:
        return await _quick(app, flow)
    if request.phase is not None:
        return Opened(flow, request.phase)
    return Opened(flow, flow.session.current if request.resume else flow.session.first_missing_phase)


def _confirm(plan: OpenPlan) -> ConfirmDialog:
    """Overwrite only after a confirmation that names what will be backed up."""
    found = [line for line in plan.report.lines() if line.startswith("✓")]
    details = "\n".join([f"These files in {plan.shown}/ will be backed up to .backups/ first:", *found]) \
        if plan.report.has_artifacts else f"{plan.shown}/ holds no artifacts yet."
    return ConfirmDialog(f"Overwrite {plan.key}?", details, yes="Overwrite")


async def _quick(app: App[Any], flow: MilestoneFlow) -> Opened | None:
    """The seed's quick mode: show the proposed breakdown, then generate everything with defaults."""
    issues = flow.propose()
    lines = ["Proposed breakdown:", *(f"  {issue.number}. {issue.title}" for issue in issues)]
    title = f"Creating Milestone: {flow.session.milestone_id} (Quick Mode)"
    choice = await app.push_screen_wait(ChoiceDialog(title, lines, ["yes", "customize", "no"]))
    if choice == "yes":
        flow.quick_fill()  # the summary says what to refine (a toast covered its Done button, then went)
        return Opened(flow, Phase.SUMMARY)
    if choice == "customize":
        return Opened(flow, Phase.BREAKDOWN)
    flow.close()
    return None
