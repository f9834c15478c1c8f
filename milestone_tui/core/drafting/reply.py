"""The reply format (documented in docs/model.md) and turning a reply into the rules' ``Proposal``.

Only ``issues[].title`` is required; what the model leaves out is filled by the rules: the spec sentence and
the criteria of the rules' issue of the same title (else the basic criteria), dependency layers as phases.
Normalising never half-applies a reply: it builds a whole new proposal or raises. Duplicate titles are
merged into the first, ``depends_on`` keeps only issues that exist and drops any link that would close a
cycle, the issues are put in an order where each comes after what it depends on (the model's order where it
is one), and numbering and slugs go through ``breakdown.edits``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from milestone_tui.core.breakdown import depends, edits
from milestone_tui.core.breakdown.propose import Proposal, ProposedIssue

MAX_ISSUES = 30  # what the prompt asks for at most; a reply with more is invalid (and repaired once)
MAX_TEXT = 400


class _Reply(BaseModel):
    """Tolerant of extra keys (a model adds its own), strict about the types of the ones we read."""

    model_config = ConfigDict(extra="ignore")


class ReplyIssue(_Reply):
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(default="", max_length=MAX_TEXT)
    depends_on: list[int] | None = Field(default=None, max_length=MAX_ISSUES)
    acceptance: list[str] | None = Field(default=None, max_length=12)
    source: str = Field(default="", max_length=MAX_TEXT)


class ReplyPhase(_Reply):
    name: str = Field(min_length=1, max_length=120)
    issues: list[int] = Field(default_factory=list, max_length=MAX_ISSUES)


class ReplyReview(_Reply):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    suggestion: str = Field(default="", max_length=MAX_TEXT)


class Reply(_Reply):
    """The whole reply: ``{"issues": [...], "phases": [...], "review": [...]}``."""

    issues: list[ReplyIssue] = Field(min_length=1, max_length=MAX_ISSUES)
    phases: list[ReplyPhase] = Field(default_factory=list, max_length=MAX_ISSUES)
    review: list[ReplyReview] = Field(default_factory=list, max_length=20)


def json_schema() -> dict[str, object]:
    """The schema sent as ``response_format`` (``json_schema``) to endpoints that take one."""
    return Reply.model_json_schema()


def _clean(text: str) -> str:
    return " ".join(text.split())


def _acyclic(deps: list[list[int]]) -> list[list[int]]:
    """Add each link in order unless it would close a cycle (``edits.set_depends_on`` refuses those)."""
    issues = edits.make_issues([f"issue {n}" for n in range(1, len(deps) + 1)])
    for n, wanted in enumerate(deps, 1):
        for dep in wanted:
            current = issues[n - 1].depends_on
            try:
                issues = edits.set_depends_on(issues, n, [*current, dep])
            except ValueError:
                continue  # itself, unknown, or a cycle: that one link is dropped
    return [list(i.depends_on) for i in issues]


def _earlier_first(deps: list[list[int]]) -> list[int]:
    """A stable order (1-based old numbers) in which every issue comes after what it depends on, as the
    rules' proposals are: the model's order wherever it already is one."""
    order: list[int] = []
    placed: set[int] = set()
    while len(order) < len(deps):
        ready = next(n for n in range(1, len(deps) + 1) if n not in placed and set(deps[n - 1]) <= placed)
        order.append(ready)
        placed.add(ready)
    return order


def to_proposal(reply: Reply, rules: Proposal) -> tuple[Proposal, list[tuple[str, list[int]]]]:
    """The reply as a ``Proposal`` (the rules filling what it leaves out) and its phases as
    ``(name, issue numbers)`` over the normalised numbering (empty: the dependency layers)."""
    by_title = {p.title.lower(): p for p in rules.issues}
    keep: list[ReplyIssue] = []
    where: dict[int, int] = {}  # 1-based reply number -> 1-based kept number (duplicates -> the first)
    seen: dict[str, int] = {}
    for n, item in enumerate(reply.issues, 1):
        title = _clean(item.title)
        if not title:
            raise ValueError(f"issues[{n - 1}].title is blank")
        key = title.lower()
        if key in seen:
            where[n] = seen[key]
            continue
        keep.append(item.model_copy(update={"title": title}))
        seen[key] = where[n] = len(keep)
    raw = []
    for kept, item in enumerate(keep, 1):
        rule = by_title.get(item.title.lower())
        wanted = item.depends_on if item.depends_on is not None else list(rule.depends_on) if rule else []
        raw.append(sorted({where[d] for d in wanted if d in where and where[d] != kept}))
    acyclic = _acyclic(raw)
    order = _earlier_first(acyclic)
    moved = {old: new for new, old in enumerate(order, 1)}
    where = {n: moved[k] for n, k in where.items()}
    keep = [keep[old - 1] for old in order]
    deps = [sorted(moved[d] for d in acyclic[old - 1]) for old in order]
    issues = []
    for item, dep in zip(keep, deps, strict=True):
        rule = by_title.get(item.title.lower())
        acceptance = [_clean(a) for a in item.acceptance or [] if _clean(a)]
        if not acceptance and rule is not None:
            acceptance = list(rule.acceptance)
        issues.append(ProposedIssue(item.title, _clean(item.source) or (rule.source if rule else ""),
                                    tuple(dep), tuple(dict.fromkeys(acceptance)), _clean(item.summary)))
    titles = [i.title for i in issues]
    edits.make_issues(titles)  # numbering and slugs: raises on what cannot be an issue
    phases = _phases(reply.phases, where, len(issues))
    return Proposal(tuple(issues), depends.phases_answer(titles, deps)), phases


def _phases(phases: list[ReplyPhase], where: dict[int, int], count: int) -> list[tuple[str, list[int]]]:
    """Each issue in the first phase naming it; unknown numbers dropped, empty phases dropped. Phases that
    leave an issue out are not used (the dependency layers are), so no issue is left without a phase."""
    out: list[tuple[str, list[int]]] = []
    placed: set[int] = set()
    for phase in phases:
        numbers = [where[n] for n in phase.issues if n in where and where[n] not in placed]
        numbers = list(dict.fromkeys(numbers))
        placed |= set(numbers)
        if numbers:
            out.append((_clean(phase.name) or f"Phase {len(out) + 1}", numbers))
    return out if len(placed) == count else []
