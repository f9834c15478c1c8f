"""The session model: one pydantic ``Session`` per milestone holds everything.

The screens edit it, the artifacts are rendered from it and parsed back into it, the GitHub sync writes
its numbers into it. It never imports Textual.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from milestone_tui.core.phases import PHASES, Phase, bar_progress, partial_phases
from milestone_tui.core.roadmap import RoadmapMilestone

SCHEMA_VERSION = 1
MAX_ISSUE_NUMBER = 9999  # an issue file name (``NN-slug.md``) holds at most four digits
# Longer digit runs in user text are never numbers we use (and int() refuses more than 4300 digits).
MAX_DIGITS = 9
# ``scheme://user:password@`` in any URL: a password there is as secret as the token
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@")


class _Model(BaseModel):
    """Base: forbid unknown keys so a typo in an answers file is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class EpicAnswers(_Model):
    """Phase 1: the epic interview."""

    problem: str = ""
    users: str = ""
    success: str = ""
    out_of_scope: str = ""


class SpecAnswers(_Model):
    """Phase 2: the specification interview."""

    architecture: str = ""
    data_models: str = ""
    tradeoffs: str = ""
    technology: str = ""


EPIC_QUESTIONS: dict[str, str] = {
    "problem": "What is the primary problem this milestone solves?",
    "users": "Who are the primary users of this capability?",
    "success": "What does success look like? (specific metrics if possible)",
    "out_of_scope": "What is explicitly OUT of scope for this milestone?",
}
SPEC_QUESTIONS: dict[str, str] = {
    "architecture": "What is the high-level architecture?",
    "data_models": "What data models or schemas are needed?",
    "tradeoffs": "What are the key technical tradeoffs you've considered?",
    "technology": "Any specific technology choices already decided?",
}
PLAN_QUESTIONS: dict[str, str] = {
    "phases": "How should issues be grouped into phases?",
    "branch": "What is the milestone branch name?",
    "scope_tags": "Any scope tags for sensitive code detection?",
}


class Issue(_Model):
    """One issue of the breakdown; rendered to ``NN-slug.md``."""

    number: int = Field(ge=1, le=MAX_ISSUE_NUMBER)
    title: str
    slug: str
    acceptance: list[str] = Field(default_factory=list)
    notes: str = ""
    depends_on: list[int] = Field(default_factory=list)  # issue numbers within this milestone
    labels: list[str] = Field(default_factory=list)
    phase: int | None = None  # 1-based index into Plan.phases
    github_issue: int | None = None
    source: str = ""  # the specification sentence the proposer took it from
    github_id: int | None = None  # GitHub's numeric id: the sub-issue and dependency calls take it
    issue_type: str | None = None  # GitHub issue type (org repositories); None: ``Task``

    @property
    def filename(self) -> str:
        return f"{self.number:02d}-{self.slug}.md"

    @property
    def key(self) -> str:
        """Two-digit number, used in the GitHub marker (``m5/01``)."""
        return f"{self.number:02d}"


class PlanPhase(_Model):
    """One implementation phase; issues point at it through ``Issue.phase``."""

    name: str
    goal: str = ""


class Plan(_Model):
    """Phase 4: the implementation plan."""

    phases: list[PlanPhase] = Field(default_factory=list)
    branch: str = ""
    scope_tags: list[str] = Field(default_factory=list)
    # The phases answer as the planner typed it (shown again while it still parses to ``phases``).
    phases_answer: str = ""


SyncDecision = Literal["undecided", "yes", "no", "later"]


class IssueStatus(_Model):
    """One issue as GitHub last showed it (``--status``, and the start of every sync)."""

    state: str = "open"
    assignees: list[str] = Field(default_factory=list)
    blocked_by: int = 0  # open issues blocking it (``issue_dependencies_summary``)
    # the rest of the issue as read, so a listing GitHub answers "304 Not Modified" is rebuilt from here
    # (the body by its hash only: see ``github.listing``); empty in sessions from before conditional reads
    title: str = ""
    labels: list[str] = Field(default_factory=list)
    milestone: int | None = None
    id: int = 0
    type: str | None = None
    url: str = ""
    body_hash: str = ""


class GitHubState(_Model):
    """What the sync knows. Issue numbers live on each ``Issue.github_issue``; never the token."""

    decision: SyncDecision = "undecided"
    repo: str | None = None  # OWNER/NAME
    api_url: str | None = None
    milestone_number: int | None = None
    milestone_id: int | None = None  # GitHub's numeric id: a number reused by another milestone is not ours
    milestone_title: str | None = None  # as last pushed: a rename on GitHub is told from a roadmap one
    milestone_url: str | None = None
    # issue number (within the milestone) -> hash of the title/body/labels last pushed, to detect updates
    pushed_hashes: dict[int, str] = Field(default_factory=dict)
    # GitHub number -> hash of the body last pushed: an edit made on GitHub is told from ours
    body_hashes: dict[int, str] = Field(default_factory=dict)
    last_synced: datetime | None = None
    last_error: str | None = None
    # the epic: one issue per milestone, parent of every spec issue
    epic_issue: int | None = None
    epic_id: int | None = None
    epic_hash: str | None = None
    sub_issues: list[int] = Field(default_factory=list)  # GitHub numbers linked under the epic, in that order
    # spec number -> GitHub numbers it is "blocked by" through links the sync made (others are left alone)
    links: dict[int, list[int]] = Field(default_factory=dict)
    status: dict[int, IssueStatus] = Field(default_factory=dict)  # GitHub number -> state read back
    # the ETag of each page of the listing ``status`` was read from: sent as If-None-Match next time
    status_etags: list[str] = Field(default_factory=list)
    # the Projects board (``--project N``): its field name, GitHub number -> item id / phase last set
    project: int | None = None
    project_field: str | None = None
    project_items: dict[int, int] = Field(default_factory=dict)
    project_phases: dict[int, str] = Field(default_factory=dict)
    status_read: datetime | None = None

    @field_validator("api_url", "milestone_url", "last_error")
    @classmethod
    def _no_userinfo(cls, value: str | None) -> str | None:
        """Never store a URL's userinfo (a token typed into ``--github-api-url``), even from an old file."""
        return _USERINFO.sub(lambda m: m.group("scheme"), value) if value else value


class DraftedIssue(_Model):
    """One issue of a model draft, normalised (the rules filled what the model left out)."""

    title: str
    summary: str = ""
    source: str = ""
    depends_on: list[int] = Field(default_factory=list)
    acceptance: list[str] = Field(default_factory=list)


class DraftedPhase(_Model):
    name: str
    issues: list[int] = Field(default_factory=list)


class ReviewLine(_Model):
    """One line of the model's review of the spec: a vague criterion and a measurable rewording."""

    text: str
    suggestion: str = ""


class ModelDraft(_Model):
    """What a configured model drafted, and from what: the model, the endpoint's host (never the key) and
    the sha256 of the prompt, so a planner can see what drafted what. Used while the prompt is unchanged."""

    model: str
    host: str
    prompt_hash: str
    drafted_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    issues: list[DraftedIssue] = Field(default_factory=list)
    phases: list[DraftedPhase] = Field(default_factory=list)
    review: list[ReviewLine] = Field(default_factory=list)


class Session(_Model):
    """Everything about one milestone: the single source the screens edit and artifacts render from."""

    schema_version: int = SCHEMA_VERSION
    milestone_id: str  # folder id, lower-case: "m5"
    quick: bool = False
    roadmap: RoadmapMilestone | None = None
    epic: EpicAnswers = Field(default_factory=EpicAnswers)
    spec: SpecAnswers = Field(default_factory=SpecAnswers)
    issues: list[Issue] = Field(default_factory=list)
    plan: Plan = Field(default_factory=Plan)
    github: GitHubState = Field(default_factory=GitHubState)
    done: list[Phase] = Field(default_factory=list)  # completed phases, in PHASES order
    current: Phase = Phase.EPIC  # where the user was last
    current_issue: int | None = None  # the issue open on the issue-details screen (resume lands on it)
    # artifact filename -> sha256 of the text as last written, to detect hand edits
    artifact_hashes: dict[str, str] = Field(default_factory=dict)
    draft: ModelDraft | None = None  # the last model draft (None: the rules propose)
    # a review line's text (lower-case) -> what the planner did with it: ignored ones never come back
    review_closed: dict[str, Literal["accepted", "ignored"]] = Field(default_factory=dict)
    # artifact filename -> sha256 of what the session rendered when a hand edit of it was read back: while
    # the session still renders that, it has not changed since (the file is left as the user wrote it)
    adopted_hashes: dict[str, str] = Field(default_factory=dict)
    updated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    # -- derived ---------------------------------------------------------------------------------------
    @property
    def display_id(self) -> str:
        return self.roadmap.id if self.roadmap else self.milestone_id.upper()

    @property
    def title(self) -> str:
        return self.roadmap.title if self.roadmap else ""

    @property
    def milestone_title(self) -> str:
        """GitHub milestone title, e.g. ``M5 - Detection Ingest Pipeline``."""
        return self.roadmap.display_title if self.roadmap else self.display_id

    def issue(self, number: int) -> Issue:
        for issue in self.issues:
            if issue.number == number:
                return issue
        raise KeyError(number)

    def phase_issues(self, phase: int) -> list[Issue]:
        """Issues assigned to 1-based plan phase ``phase``."""
        return [i for i in self.issues if i.phase == phase]

    def is_done(self, phase: Phase) -> bool:
        return phase in self.done

    def mark_done(self, phase: Phase) -> None:
        if phase not in self.done:
            self.done = sorted([*self.done, phase], key=PHASES.index)

    def mark_undone(self, phase: Phase) -> None:
        self.done = [p for p in self.done if p != phase]

    def is_partial(self, phase: Phase) -> bool:
        """Done, but with questions left: an epic or a specification with an unanswered question, issue
        details with an issue that has no acceptance criteria. Shown as ◐, never as ✓."""
        return phase in self.partial_phases

    @property
    def partial_phases(self) -> tuple[Phase, ...]:
        return partial_phases(self.done, self.epic.model_dump(), self.spec.model_dump(),
                              (bool(issue.acceptance) for issue in self.issues))

    @property
    def first_missing_phase(self) -> Phase:
        for phase in PHASES:
            if phase not in self.done:
                return phase
        return Phase.SUMMARY

    @property
    def progress(self) -> tuple[int, int]:
        """(phases done, phases total) over the phases the bar shows: the dashboard's ``3/7``."""
        return bar_progress(self.done)

    def touch(self) -> None:
        self.updated_at = datetime.now(UTC)
