"""The headless run: every phase without a terminal UI, printing the seed's lines.

Used by ``create-milestone ID --answers FILE`` and ``--yes``. The answers are applied phase by phase through
the same ``MilestoneFlow`` the TUI uses, so the session is saved and the artifacts written after each phase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from milestone_tui.cli.answers import Answers, fill_phase
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE, FolderReport
from milestone_tui.core.model import Session
from milestone_tui.core.phases import PLANNING_PHASES, Phase
from milestone_tui.core.planning import dependency_problems
from milestone_tui.core.roadmap import RoadmapMilestone
from milestone_tui.core.summary import github_status, quick_note
from milestone_tui.core.workspace import Workspace, WriteReport

RULE = "═" * 47
PHASE_TITLES = {
    Phase.EPIC: "Phase 1: Epic Definition",
    Phase.SPEC: "Phase 2: Technical Specification",
    Phase.BREAKDOWN: "Phase 3: Issue Breakdown",
    Phase.PLAN: "Phase 4: Implementation Plan",
    Phase.GITHUB: "Phase 5: GitHub Issues",
}
CONTINUE_FROM = {
    Phase.EPIC: "epic definition", Phase.SPEC: "technical specification", Phase.BREAKDOWN: "issue breakdown",
    Phase.ISSUES: "issue specs", Phase.PLAN: "implementation plan", Phase.GITHUB: "GitHub issues",
    Phase.SUMMARY: "summary",
}


def banner(out: TextIO, title: str) -> None:
    print(RULE, title, RULE, sep="\n", file=out)


def print_context(out: TextIO, ws: Workspace, milestone: RoadmapMilestone, milestone_id: str,
                  quick: bool) -> None:
    """The seed's opening: banner, where the roadmap is, what it says about the milestone."""
    banner(out, f"Creating Milestone: {milestone_id}" + (" (Quick Mode)" if quick else ""))
    print(file=out)
    if quick:
        print("📂 Loading roadmap...", f"✓ Found: {milestone.display_title}", "", "📋 Extracted scope:",
              *[f"  - {item}" for item in milestone.scope], sep="\n", file=out)
        return
    print("📂 Loading context...", f"✓ Roadmap: {ws.relative(ws.roadmap_path)}",
          f"✓ Found: {milestone.display_title}", "", "📋 Roadmap Context:", f"  Title: {milestone.title}",
          f"  Scope: {', '.join(milestone.scope) or '—'}",
          f"  Dependencies: {', '.join(milestone.dependencies) or 'None'}", sep="\n", file=out)


def print_found(out: TextIO, report: FolderReport) -> None:
    """The seed's refine block: what an existing folder holds."""
    print("⚠️ Milestone folder exists", "", "Found:", *[f"  {line}" for line in report.lines()], "",
          sep="\n", file=out)


def _lines(out: TextIO, lines: list[str]) -> None:
    for line in lines:
        print(line, file=out)


def _report_lines(flow: MilestoneFlow, report: WriteReport, names: set[str] | None = None) -> list[str]:
    ws = flow.workspace
    lines = [f"✓ Created: {ws.relative(p)}" for p in report.written if names is None or p.name in names]
    lines += [f"⚠ Not overwritten (edited by hand): {ws.relative(p)}" for p in report.conflicts]
    return lines


def print_loaded(out: TextIO, flow: MilestoneFlow) -> None:
    """Refine: what was loaded, the notices (hand edits read back ...), and where it continues."""
    session = flow.session
    print("Loading existing artifacts...", file=out)
    if session.is_done(Phase.EPIC):
        print("✓ Loaded epic (goals, success criteria)", file=out)
    if session.is_done(Phase.SPEC):
        print("✓ Loaded specification (architecture)", file=out)
    if session.is_done(Phase.ISSUES):
        print(f"✓ Loaded {len(session.issues)} issue specs", file=out)
    if session.is_done(Phase.PLAN):
        print("✓ Loaded implementation plan", file=out)
    for notice in flow.notices:
        print(f"⚠ {notice}", file=out)
    print(f"\nContinuing from {CONTINUE_FROM[session.first_missing_phase]}...\n", file=out)


def run_phases(flow: MilestoneFlow, answers: Answers, out: TextIO,
               draft: Callable[[Session], None] | None = None) -> None:
    """Every phase up to the plan that is not done yet, with the seed's output (``draft``: a configured
    model's drafter, run just before the breakdown is filled)."""
    session = flow.session
    for phase in PLANNING_PHASES:
        if session.is_done(phase):
            continue
        if phase in PHASE_TITLES:
            banner(out, PHASE_TITLES[phase])
            print(file=out)
        if phase is Phase.BREAKDOWN and draft is not None:
            draft(session)
        fill_phase(session, phase, answers)
        if phase is Phase.BREAKDOWN:
            print("Breakdown:", *[f"{i.number}. {i.title}" for i in session.issues], sep="\n", file=out)
        elif phase is Phase.ISSUES:
            print("Generating issue specs...\n", file=out)
        else:
            name = {Phase.EPIC: EPIC_FILE, Phase.SPEC: SPEC_FILE, Phase.PLAN: PLAN_FILE}[phase]
            print(f"✓ Generating {name}...", file=out)
        report = flow.complete(phase)
        if phase is Phase.ISSUES:
            for path in report.written:
                print(f"✓ Created: {path.name}", file=out)
            _lines(out, _report_lines(flow, WriteReport(conflicts=report.conflicts)))
            print(f"\n✓ Generated {len(session.issues)} issue specs", file=out)
        elif phase is Phase.PLAN:
            _lines(out, _report_lines(flow, report, {PLAN_FILE}))
            for problem in dependency_problems(session):
                print(f"⚠ {problem}", file=out)
        else:
            _lines(out, _report_lines(flow, report))
        print(file=out)


def run_quick(flow: MilestoneFlow, answers: Answers, out: TextIO,
              draft: Callable[[Session], None] | None = None) -> None:
    """The seed's quick mode: proposed breakdown, then everything generated with defaults."""
    session = flow.session
    for phase in (Phase.EPIC, Phase.SPEC, Phase.BREAKDOWN):
        if not session.is_done(phase):
            if phase is Phase.BREAKDOWN and draft is not None:
                draft(session)
            fill_phase(session, phase, answers)
    print("\nProposed breakdown:", *[f"  {i.number}. {i.title}" for i in session.issues], "",
          "Generating with defaults...", "", sep="\n", file=out)
    fill_phase(session, Phase.ISSUES, answers)
    if answers.plan is not None:
        fill_phase(session, Phase.PLAN, answers)
    report = flow.quick_fill()
    phases = len(session.plan.phases)
    print(f"✓ {EPIC_FILE} (from roadmap description)", f"✓ {SPEC_FILE} (skeleton)",
          f"✓ {len(session.issues)} issue specs (basic structure)",
          f"✓ {PLAN_FILE} ({phases} phase{'s' if phases != 1 else ''})", sep="\n", file=out)
    _lines(out, _report_lines(flow, WriteReport(conflicts=report.conflicts)))
    print(file=out)
    banner(out, f"✓ Milestone {session.display_id} Created (Quick Mode)")
    folder = flow.workspace.relative(flow.workspace.milestone_dir(session.milestone_id))
    print("", *quick_note(folder), sep="\n", file=out)


def print_summary(flow: MilestoneFlow, out: TextIO) -> None:
    session = flow.session
    banner(out, f"✓ Milestone {session.display_id} Created")
    print("", "Artifacts:", *[f"  ✓ {flow.workspace.relative(p)}" for p in flow.artifact_paths()], "",
          github_status(session).line, f"Phases: {len(session.plan.phases)}",
          f"Estimated issues: {len(session.issues)}", "", "Next Steps:", *flow.next_steps(),
          sep="\n", file=out)
