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

from milestone_tui.core import defaults, planning, safe_yaml
from milestone_tui.core.breakdown import edits
from milestone_tui.core.model import Issue, PlanPhase, Session
from milestone_tui.core.phases import Phase
from milestone_tui.errors import AnswersError, YAMLLimitError


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


_SECTIONS: dict[str, type[BaseModel]] = {
    "epic": EpicIn, "spec": SpecIn, "breakdown": IssueIn, "plan": PlanIn, "phases": PhaseIn,
    "github": GitHubIn,
}


def _fields(loc: tuple[Any, ...]) -> list[str]:
    """The keys valid where ``loc`` points (the section a key sits in), for a typo's suggestion."""
    names = [part for part in loc if isinstance(part, str) and part in _SECTIONS]
    model = _SECTIONS[names[-1]] if names else Answers
    return list(model.model_fields)


def _path(loc: tuple[Any, ...]) -> str:
    """``plan.phases[1].name`` (1-based like the breakdown); pydantic's own steps (``list[PhaseIn]``, the
    ``str`` of a union) are left out."""
    models: list[type[BaseModel]] = [Answers, *_SECTIONS.values()]
    known = {name for model in models for name in model.model_fields}
    parts = [f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc if isinstance(p, int) or p in known]
    return "".join(parts).lstrip(".")


def _message(err: Any) -> str:
    """Pydantic's message without the model's class name: a user never wrote ``EpicIn``."""
    msg = str(err["msg"]).lower()
    if err["type"] in ("model_type", "dict_type", "model_attributes_type"):
        return "should be a mapping of keys (e.g. `problem: ...`)"
    return msg.removeprefix("input ")


def _describe(errors: list[Any]) -> str:
    """One line for the most useful error: an unknown key (a typo) first, then the first type error (with
    what else a union accepts: ``plan.phases`` is a list of phases or one text)."""
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    if err["type"] == "extra_forbidden":
        key, parent = str(err["loc"][-1]), _path(err["loc"][:-1])
        valid = _fields(err["loc"][:-1])
        close = difflib.get_close_matches(key, valid, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known here: {', '.join(valid)})"
        return f"unknown key {key!r}" + (f" in {parent}" if parent else "") + hint
    where = _path(err["loc"])
    alike = [_message(e) for e in errors if _path(e["loc"]) == where]
    alternatives = " or ".join(dict.fromkeys(m.removeprefix("should be ") for m in alike))
    text = f"should be {alternatives}" if all(m.startswith("should be") for m in alike) else _message(err)
    return f"{where or 'top level'}: {text}"


def load_answers(path: Path) -> Answers:
    """Read and validate an answers file; AnswersError (one line, naming the file and the key) otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise AnswersError(f"cannot read answers file {path}: {reason}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else safe_yaml.load(text)
    except (YAMLLimitError, RecursionError) as exc:  # a YAML bomb, 100k-deep nesting: refused, one line
        reason = str(exc) if isinstance(exc, YAMLLimitError) else "nested too deep"
        raise AnswersError(f"answers file {path} refused: {reason}") from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
        raise AnswersError(f"answers file {path} is not valid {kind}{where}") from None
    except ValueError as exc:  # JSON that parses but holds a number of 5000 digits
        raise AnswersError(f"answers file {path} refused: {str(exc).splitlines()[0][:80]}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise AnswersError(f"answers file {path}: expected a mapping of sections (epic, spec, breakdown, "
                           "plan, github)")
    try:
        return Answers.model_validate(data)
    except RecursionError:
        raise AnswersError(f"answers file {path} refused: nested too deep") from None
    except ValidationError as exc:
        raise AnswersError(f"answers file {path}: {_describe(exc.errors())}") from None


def fill_phase(session: Session, phase: Phase, answers: Answers) -> None:
    """Apply the answers for one phase to the session, then that phase's defaults for what is not answered
    (``core.defaults``: the same rule quick mode and the TUI use).

    Raises AnswersError for answers that do not fit the breakdown (unknown issue numbers, a bad branch name).
    """
    if phase is Phase.EPIC and answers.epic is not None:
        for key, value in answers.epic.model_dump(exclude_none=True).items():
            setattr(session.epic, key, value)
    elif phase is Phase.SPEC and answers.spec is not None:
        for key, value in answers.spec.model_dump(exclude_none=True).items():
            setattr(session.spec, key, value)
    elif phase is Phase.BREAKDOWN and answers.breakdown is not None:
        session.issues = _breakdown(answers.breakdown)
        defaults.proposed_sources(session, session.issues)
    elif phase is Phase.PLAN:
        _plan(session, answers.plan or PlanIn())
    elif phase is Phase.GITHUB and answers.github is not None:
        session.github.decision = answers.github.create
        if answers.github.repo:
            session.github.repo = answers.github.repo
        if answers.github.project:
            session.github.project = answers.github.project
    defaults.fill(session, phase)
    if phase is Phase.PLAN and (problem := planning.branch_error(session.plan.branch)):
        raise AnswersError(f"plan.branch {session.plan.branch!r}: {problem}")


def _breakdown(items: list[IssueIn]) -> list[Issue]:
    if not items:
        raise AnswersError("breakdown: the list is empty (leave it out to accept the proposal)")
    issues = edits.make_issues([item.title.strip() for item in items])
    count = len(issues)
    for issue, item in zip(issues, items, strict=True):
        bad = [n for n in item.depends_on if n < 1 or n > count or n == issue.number]
        if bad:
            raise AnswersError(f"breakdown[{issue.number - 1}].depends_on: no issue {bad[0]} to depend "
                               f"on (issues are 1..{count}, not itself)")
        issue.acceptance = [a for a in item.acceptance if a]
        issue.notes = item.notes
        issue.depends_on = list(item.depends_on)
        issue.labels = list(item.labels)
    return issues


def _plan(session: Session, answer: PlanIn) -> None:
    """The plan's answers; what is left out is filled by ``defaults.fill`` afterwards."""
    numbers = {i.number for i in session.issues}
    if isinstance(answer.phases, str):
        planning.apply_phases(session, *planning.parse_phase_answer(answer.phases, session.issues))
    elif answer.phases:
        assignment: dict[int, int] = {}
        for index, item in enumerate(answer.phases, start=1):
            for number in item.issues:
                if number not in numbers:
                    raise AnswersError(f"plan.phases[{index - 1}].issues: no issue {number} in the breakdown "
                                       f"(1..{len(numbers)})")
                assignment[number] = index
        phases = [PlanPhase(name=p.name, goal=p.goal) for p in answer.phases]
        planning.apply_phases(session, phases, assignment)
    if answer.branch is not None:
        session.plan.branch = answer.branch.strip()
    if answer.scope_tags is not None:
        session.plan.scope_tags = [t.strip() for t in answer.scope_tags if t.strip()]
