"""Where an open milestone stands: its GitHub status (``core.status``), its artifacts and the next steps.

The command line's closing block, the summary screen and the summary template all read this, so they say the
same thing in the same words (``GitHub: 9 issues created (#301-#309)``).
"""

from __future__ import annotations

from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.planning import propose_branch
from milestone_tui.core.status import GitHubStatus


def github_status(session: Session) -> GitHubStatus:
    numbers = tuple(sorted(i.github_issue for i in session.issues if i.github_issue is not None))
    return GitHubStatus(session.milestone_id, session.is_done(Phase.PLAN), session.github.decision, numbers,
                        len(session.issues))


def artifact_names(session: Session, *, planned: bool = False) -> list[tuple[str, bool]]:
    """The artifacts in the seed's order (epic, spec, issues, plan) with whether each is written yet.
    ``planned``: every artifact the milestone will have; else only those of the done phases."""
    wanted = [(EPIC_FILE, Phase.EPIC), (SPEC_FILE, Phase.SPEC)]
    wanted += [(i.filename, Phase.ISSUES) for i in sorted(session.issues, key=lambda i: i.number)]
    wanted.append((PLAN_FILE, Phase.PLAN))
    return [(name, session.is_done(phase)) for name, phase in wanted if planned or session.is_done(phase)]


def next_steps(session: Session, folder: str) -> list[str]:
    """The seed's next steps: review the plan, create and push the branch, run the milestone."""
    branch = session.plan.branch or propose_branch(session)
    return [
        "1. Review generated specs:",
        f"   cat {folder}/{PLAN_FILE}",
        "",
        "2. Create milestone branch:",
        f"   git checkout -b {branch} main",
        f"   git push origin {branch}",
        "",
        "3. Run milestone:",
        f"   run-milestone {session.milestone_id}",
    ]


def quick_note(folder: str) -> list[str]:
    """The seed's note after quick mode: what the defaults leave to refine, and where the specs are."""
    return ["Note: Generated specs use defaults. Review and refine:", "  - Add detailed acceptance criteria",
            "  - Expand implementation notes", "  - Verify phase organization", "",
            f"Edit specs in: {folder}/"]


def step_commands(steps: list[str]) -> list[str]:
    """The shell commands of the next steps (their indented lines), one per entry."""
    return [line.strip() for line in steps if line.startswith("   ") and line.strip()]
