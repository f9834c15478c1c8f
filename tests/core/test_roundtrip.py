"""Render then parse is lossless (after the documented normalization) for everything the session holds.

The text strategy mixes arbitrary unicode with lines that look like the documents' own structure: headings
("## Users" inside an answer), "---", list items, code fences, the placeholder, template syntax.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milestone_tui.core.artifacts import markdown as mdtext
from milestone_tui.core.artifacts.parse import parse_epic, parse_issue, parse_plan, parse_spec, read_folder
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.model import EpicAnswers, Issue, Plan, PlanPhase, Session, SpecAnswers
from milestone_tui.core.phases import PHASES, Phase
from milestone_tui.core.roadmap import RoadmapMilestone

TRICKY_LINES = [
    "## Users", "### Problem:", "# Title", "  ## Out of Scope", "\\## escaped already", "\\\\# two", "---",
    "...", "- [ ] criterion", "- [x] done", "* star", "1. one", "  - nested", "```", "```python", "~~~",
    "````", "\\```",
    "_Not answered yet._", "\\_Not answered yet._", "**Goal:**", "Goal: x", "- [ ] #01 Fake issue (01-x.md)",
    "_No issues in this phase._", "- **Branch:** evil", "**Scope tags:** a, b", "{{ 7*7 }}", "{% raw %}", "`",
    "key: value", "'quoted' \"double\"", "émoji 🚀", "", "   ", "\t", "#", "#hashtag", "Phase 2: sneaky",
    "### Phase 9: fake phase", "### Unassigned",
]

any_char = st.characters(blacklist_categories=("Cs",))  # surrogates cannot be written as UTF-8
line = st.one_of(st.sampled_from(TRICKY_LINES), st.text(any_char, max_size=20))
text = st.builds(lambda ls, sep: sep.join(ls), st.lists(line, max_size=6), st.sampled_from(["\n", "\r\n"]))
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
small_text = st.one_of(st.sampled_from(TRICKY_LINES), st.text(any_char, max_size=15))


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    phase_count = draw(st.integers(0, 3))
    phases = [PlanPhase(name=draw(small_text), goal=draw(text)) for _ in range(phase_count)]
    count = draw(st.integers(0, 4))
    slugs = draw(st.lists(slug, min_size=count, max_size=count, unique=True))
    issues = [
        Issue(number=n, title=draw(small_text), slug=slugs[n - 1],
              acceptance=draw(st.lists(text, max_size=3)), notes=draw(text),
              depends_on=draw(st.lists(st.integers(1, count + 2), max_size=3)),
              labels=draw(st.lists(small_text, max_size=3)),
              phase=draw(st.one_of(st.none(), st.integers(1, phase_count + 1))),
              github_issue=draw(st.one_of(st.none(), st.integers(1, 99999))),
              source=draw(small_text),
              github_id=draw(st.one_of(st.none(), st.integers(1, 2**40))),
              issue_type=draw(st.one_of(st.none(), st.sampled_from(["Task", "Bug", "Feature", "Spike x"]))))
        for n in range(1, count + 1)
    ]
    session = Session(
        milestone_id="m5",
        roadmap=RoadmapMilestone(id="M5", title=draw(small_text), description=draw(text),
                                 scope=draw(st.lists(small_text, max_size=2))),
        epic=EpicAnswers(problem=draw(text), users=draw(text), success=draw(text), out_of_scope=draw(text)),
        spec=SpecAnswers(architecture=draw(text), data_models=draw(text), tradeoffs=draw(text),
                         technology=draw(text)),
        issues=issues,
        plan=Plan(phases=phases, branch=draw(small_text), scope_tags=draw(st.lists(small_text, max_size=3))),
    )
    for phase in PHASES[:5]:
        session.mark_done(phase)
    return session


def normalized(session: Session) -> dict[str, object]:
    """What must survive a round trip, in the documented normalization."""
    block, one = mdtext.normalize_block, mdtext.one_line
    count = len(session.plan.phases)
    return {
        "epic": {k: block(v) for k, v in session.epic.model_dump().items()},
        "spec": {k: block(v) for k, v in session.spec.model_dump().items()},
        "issues": [
            {"number": i.number, "title": i.title, "slug": i.slug, "notes": block(i.notes),
             "acceptance": [a for a in (mdtext.normalize_item(a) for a in i.acceptance) if a],
             "depends_on": i.depends_on, "labels": i.labels, "github_issue": i.github_issue,
             "github_id": i.github_id, "issue_type": i.issue_type, "source": i.source,
             "phase": i.phase if i.phase and i.phase <= count else None}
            for i in session.issues
        ],
        "plan": {"phases": [{"name": one(p.name) or f"Phase {n}", "goal": block(p.goal)}
                            for n, p in enumerate(session.plan.phases, 1)],
                 "branch": one(session.plan.branch),
                 "scope_tags": [t for t in (one(t) for t in session.plan.scope_tags) if t],
                 "phases_answer": ""},  # the typed answer is the session's, not in the plan file
    }


def parsed(session: Session) -> dict[str, object]:
    return {
        "epic": session.epic.model_dump(),
        "spec": session.spec.model_dump(),
        "issues": [{k: getattr(i, k) for k in ("number", "title", "slug", "notes", "acceptance", "depends_on",
                                               "labels", "github_issue", "github_id", "issue_type",
                                               "phase", "source")} for i in session.issues],
        "plan": session.plan.model_dump(),
    }


RENDERER = Renderer()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_render_then_read_folder_is_lossless(session: Session) -> None:
    files = RENDERER.all(session)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, body in files.items():
            (folder / name).write_bytes(body.encode("utf-8"))
        back = read_folder(folder, "m5")
    assert parsed(back) == normalized(session)
    expected_done = [Phase.EPIC, Phase.SPEC] + ([Phase.BREAKDOWN, Phase.ISSUES] if session.issues else [])
    assert back.done == [*expected_done, Phase.PLAN]


@settings(max_examples=100, deadline=None)
@given(sessions())
def test_each_parser_inverts_its_template(session: Session) -> None:
    want = normalized(session)
    assert parse_epic(RENDERER.epic(session)).model_dump() == want["epic"]
    assert parse_spec(RENDERER.spec(session)).model_dump() == want["spec"]
    for issue, expected in zip(session.issues, want["issues"], strict=True):  # type: ignore[arg-type]
        back = parse_issue(RENDERER.issue(session, issue))
        # alone, an issue file keeps its frontmatter phase even when the plan has no such phase
        assert {k: getattr(back, k) for k in expected} == {**expected, "phase": issue.phase}
    plan, assignment = parse_plan(RENDERER.plan(session))
    assert plan.model_dump() == want["plan"]
    assert assignment == {i["number"]: i["phase"] for i in want["issues"] if i["phase"]}  # type: ignore[index]
