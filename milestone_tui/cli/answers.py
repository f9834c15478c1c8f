"""The answers file of a headless run (``--answers FILE``, YAML or JSON), and applying it to a session.

Every key is optional where a default exists; unknown keys and wrong types are errors naming the key, raised
before anything is written. Applying is phase by phase (``fill_phase``) so the headless run can save and
write after each phase, exactly like the TUI does.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from milestone_tui.core import planning as plans
from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.model import Phase, PlanPhase, Session
from milestone_tui.errors import AnswersError


class _Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently fall back to a default."""

    model_config = ConfigDict(extra="forbid")


def _lines(value: object) -> object:
    """Accept a list, or one string with one item per line (a YAML block), for list-of-text answers."""
    if isinstance(value, str):
        return [line.strip(" -*\t") for line in value.splitlines() if line.strip(" -*\t")]
    return value


class EpicIn(_Strict):
    problem: str | None = None
    users: str | None = None
    success: str | None = None
    out_of_scope: str | None = None


class SpecIn(_Strict):
    architecture: str | None = None
    data_models: str | None = None
    tradeoffs: str | None = None
    technology: str | None = None


class IssueIn(_Strict):
    title: str = Field(min_length=1)
    acceptance: list[str] = Field(default_factory=list)
    notes: str = ""
    depends_on: list[int] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)

    @field_validator("acceptance", mode="before")
    @classmethod
    def _acceptance(cls, value: object) -> object:
        return _lines(value)


class PhaseIn(_Strict):
    name: str = Field(min_length=1)
    issues: list[int] = Field(default_factory=list)
    goal: str = ""


class PlanIn(_Strict):
    phases: list[PhaseIn] | str | None = None  # a list, or the seed's free-text answer
    branch: str | None = None
    scope_tags: list[str] | None = None

    @field_validator("scope_tags", mode="before")
    @classmethod
    def _tags(cls, value: object) -> object:
        if isinstance(value, str):  # "detection, ingest" as the seed typed it
            return [t.strip() for t in value.replace(";", ",").split(",") if t.strip()]
        return value


class GitHubIn(_Strict):
    create: Literal["yes", "no", "later"] = "no"
    repo: str | None = None
    project: int | None = Field(default=None, ge=1)  # a Projects board to mirror the plan to

    @field_validator("create", mode="before")
    @classmethod
    def _yaml_bool(cls, value: object) -> object:
        # YAML 1.1 reads a bare yes/no as a boolean; the user meant the seed's words.
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value.strip().lower() if isinstance(value, str) else value


class Answers(_Strict):
    """The whole answers file (see docs/user-guide.md)."""

    epic: EpicIn | None = None
    spec: SpecIn | None = None
    breakdown: list[IssueIn] | None = None
    plan: PlanIn | None = None
    github: GitHubIn | None = None


def _known_keys() -> list[str]:
    models: list[type[BaseModel]] = [Answers, EpicIn, SpecIn, IssueIn, PhaseIn, PlanIn, GitHubIn]
    return sorted({name for model in models for name in model.model_fields})


def _describe(errors: list[Any]) -> str:
    """One line for the most useful error: an unknown key (a typo) first, then the first type error."""
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
    if err["type"] == "extra_forbidden":
        key = str(err["loc"][-1])
        parent = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"][:-1]).lstrip(".")
        close = difflib.get_close_matches(key, _known_keys(), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {key!r}" + (f" in {parent}" if parent else "") + hint
    return f"{loc or 'top level'}: {err['msg'].lower()}"


def load_answers(path: Path) -> Answers:
    """Read and validate an answers file; AnswersError (one line, naming the file and the key) otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise AnswersError(f"cannot read answers file {path}: {reason}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
        raise AnswersError(f"answers file {path} is not valid {kind}{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise AnswersError(f"answers file {path}: expected a mapping of sections (epic, spec, breakdown, "
                           "plan, github)")
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise AnswersError(f"answers file {path}: {_describe(exc.errors())}") from None


def fill_phase(session: Session, phase: Phase, answers: Answers) -> None:
    """Apply the answers for one phase to the session, defaults for what is not answered (the ``--yes`` rule).

    Raises AnswersError for answers that do not fit the breakdown (unknown issue numbers, a bad branch name).
    """
    from milestone_tui.core.defaults import default_epic, scope_tags_from_title

    if phase is Phase.EPIC:
        for key, value in (answers.epic.model_dump(exclude_none=True) if answers.epic else {}).items():
            setattr(session.epic, key, value)
        default_epic(session)
    elif phase is Phase.SPEC:
        for key, value in (answers.spec.model_dump(exclude_none=True) if answers.spec else {}).items():
            setattr(session.spec, key, value)
    elif phase is Phase.BREAKDOWN:
        _breakdown(session, answers)
    elif phase is Phase.ISSUES:
        for issue in session.issues:
            if not issue.acceptance:
                issue.acceptance = proposal.default_acceptance(issue, session)
    elif phase is Phase.PLAN:
        _plan(session, answers.plan or PlanIn())
        if not session.plan.scope_tags:
            session.plan.scope_tags = scope_tags_from_title(session.title or session.milestone_id)
    elif phase is Phase.GITHUB and answers.github is not None:
        session.github.decision = answers.github.create
        if answers.github.repo:
            session.github.repo = answers.github.repo
        if answers.github.project:
            session.github.project = answers.github.project


def _breakdown(session: Session, answers: Answers) -> None:
    if answers.breakdown is not None:
        if not answers.breakdown:
            raise AnswersError("breakdown: the list is empty (leave it out to accept the proposal)")
        issues = proposal.make_issues([item.title.strip() for item in answers.breakdown])
        count = len(issues)
        for issue, item in zip(issues, answers.breakdown, strict=True):
            bad = [n for n in item.depends_on if n < 1 or n > count or n == issue.number]
            if bad:
                raise AnswersError(f"breakdown[{issue.number - 1}].depends_on: no issue {bad[0]} to depend "
                                   f"on (issues are 1..{count}, not itself)")
            issue.acceptance = [a for a in item.acceptance if a]
            issue.notes = item.notes
            issue.depends_on = list(item.depends_on)
            issue.labels = list(item.labels)
        session.issues = issues
    elif not session.issues:
        titles: list[str] = []
        if not session.quick:
            titles = proposal.propose_from_spec(session)
        if not titles and session.roadmap is not None:
            titles = proposal.propose_from_roadmap(session.roadmap)
        if not titles:
            raise AnswersError("breakdown: nothing to propose from (no spec and no roadmap scope); "
                               "give a breakdown in the answers file")
        session.issues = proposal.make_issues(titles)
    session.breakdown_confirmed = True


def _plan(session: Session, answer: PlanIn) -> None:
    numbers = {i.number for i in session.issues}
    if isinstance(answer.phases, str):
        phases, assignment = plans.parse_phase_answer(answer.phases, session.issues)
        plans.apply_phases(session, phases, assignment)
    elif answer.phases:
        assignment: dict[int, int] = {}
        for index, item in enumerate(answer.phases, start=1):
            for number in item.issues:
                if number not in numbers:
                    raise AnswersError(f"plan.phases[{index - 1}].issues: no issue {number} in the breakdown "
                                       f"(1..{len(numbers)})")
                assignment[number] = index
        phases = [PlanPhase(name=p.name, goal=p.goal) for p in answer.phases]
        plans.apply_phases(session, phases, assignment)
    elif not session.plan.phases:
        plans.apply_phases(session, *plans.default_phases(session.issues))
    if answer.branch is not None:
        session.plan.branch = answer.branch.strip()
    if not session.plan.branch:
        session.plan.branch = plans.propose_branch(session)
    problem = plans.branch_error(session.plan.branch)
    if problem:
        raise AnswersError(f"plan.branch {session.plan.branch!r}: {problem}")
    if answer.scope_tags is not None:
        session.plan.scope_tags = [t.strip() for t in answer.scope_tags if t.strip()]
