"""Artifacts: render the session to markdown with jinja2 templates, and parse markdown back into a session.

Templates ship in ``milestone_tui/templates`` and can be overridden per repository in
``<root>/.milestone-tui/templates/`` (same file names). User text is data, never template source; user templates
render in a sandboxed environment.

STUB: signatures are the contract; the implementation replaces the bodies.
"""

from __future__ import annotations

from pathlib import Path

from milestone_tui.model import EpicAnswers, Issue, Phase, Plan, Session, SpecAnswers

EPIC_FILE = "00-epic.md"
SPEC_FILE = "00-SPECIFICATION.md"
PLAN_FILE = "IMPLEMENTATION_PLAN.md"


class Renderer:
    """Renders artifacts; ``templates_dir`` holds user overrides (optional)."""

    def __init__(self, templates_dir: Path | None = None) -> None:
        self.templates_dir = templates_dir

    def epic(self, session: Session) -> str:
        raise NotImplementedError

    def spec(self, session: Session) -> str:
        raise NotImplementedError

    def issue(self, session: Session, issue: Issue) -> str:
        raise NotImplementedError

    def plan(self, session: Session) -> str:
        raise NotImplementedError

    def breakdown(self, session: Session) -> str:
        """The breakdown preview (not a file): numbered list/table of the proposed issues."""
        raise NotImplementedError

    def preview(self, session: Session, phase: Phase, issue_number: int | None = None) -> str:
        """What the live preview shows for a phase (epic, spec, breakdown, one issue, plan, github, summary)."""
        raise NotImplementedError

    def all(self, session: Session) -> dict[str, str]:
        """filename -> text for every artifact whose phase is done (epic, spec, issues, plan)."""
        raise NotImplementedError


def marker(session: Session, issue: Issue) -> str:
    """The hidden marker in a GitHub issue body: ``<!-- milestone-tui:m5/01 -->``."""
    return f"<!-- milestone-tui:{session.milestone_id}/{issue.key} -->"


def github_body(session: Session, issue: Issue, renderer: Renderer | None = None) -> str:
    """The GitHub issue body: the issue spec without frontmatter, dependencies as real #numbers, the marker."""
    raise NotImplementedError


def parse_epic(text: str) -> EpicAnswers:
    raise NotImplementedError


def parse_spec(text: str) -> SpecAnswers:
    raise NotImplementedError


def parse_issue(text: str) -> Issue:
    raise NotImplementedError


def parse_plan(text: str) -> tuple[Plan, dict[int, int]]:
    """(plan, issue number -> 1-based phase)."""
    raise NotImplementedError


def read_folder(folder: Path, milestone_id: str) -> Session:
    """A session from the markdown files in a folder (hand-written or CLI-written); phases with a file are
    marked done."""
    raise NotImplementedError
