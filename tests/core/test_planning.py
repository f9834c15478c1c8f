"""The implementation plan: branch names, phases from free text, the dependency check, the mermaid diagram."""

from __future__ import annotations

import re

import pytest

from milestone_tui.core.breakdown.edits import make_issues
from milestone_tui.core.model import Issue, PlanPhase, RoadmapMilestone, Session
from milestone_tui.core.planning import (
    apply_phases,
    branch_error,
    default_phases,
    dependency_problems,
    mermaid,
    mermaid_text,
    parse_phase_answer,
    parse_phase_answer_report,
    propose_branch,
)
from tests.support.helpers import SEED_TITLES

SEED_ANSWER = (
    "Phase 1: endpoint + rate limiting + schema. Phase 2: Kafka producer + TimescaleDB. "
    "Phase 3: Consumer + storage + metrics. Phase 4: Integration tests."
)


def seed_session() -> Session:
    roadmap = RoadmapMilestone(id="M5", title="Detection Ingest Pipeline")
    return Session(milestone_id="m5", roadmap=roadmap, issues=make_issues(SEED_TITLES))


def groups(assignment: dict[int, int]) -> list[set[int]]:
    out: dict[int, set[int]] = {}
    for number, phase in assignment.items():
        out.setdefault(phase, set()).add(number)
    return [out[p] for p in sorted(out)]


# -- branch ------------------------------------------------------------------------------------------------
def test_propose_branch_seed() -> None:
    session = seed_session()
    assert propose_branch(session) == "milestone/m5-detection-ingest"
    assert branch_error(propose_branch(session)) is None


def test_propose_branch_skips_stopwords_and_survives_odd_titles() -> None:
    session = Session(
        milestone_id="m12", roadmap=RoadmapMilestone(id="M12", title="The Fusion of Weather ☃ Data")
    )
    assert propose_branch(session) == "milestone/m12-fusion-weather"
    assert propose_branch(Session(milestone_id="m3")) == "milestone/m3"


@pytest.mark.parametrize(
    "name",
    [
        "",
        "has space",
        "a~b",
        "a^b",
        "a:b",
        "a?b",
        "a*b",
        "a[b",
        "a\\b",
        "a..b",
        "a@{b",
        "@",
        "-lead",
        "/lead",
        "trail/",
        "a//b",
        "end.",
        "a/.hidden",
        "x.lock",
        "a.lock/b",
        "tab\there",
        "del\x7f",
    ],
)
def test_branch_error_rejects(name: str) -> None:
    error = branch_error(name)
    assert error and "\n" not in error


@pytest.mark.parametrize(
    "name", ["milestone/m5-detection-ingest", "feature/x.y", "a@b", "v1.2/fix_3", "ü-branch"]
)
def test_branch_error_accepts(name: str) -> None:
    assert branch_error(name) is None


# -- phases ------------------------------------------------------------------------------------------------
def test_seed_phase_answer() -> None:
    issues = seed_session().issues
    phases, assignment = parse_phase_answer(SEED_ANSWER, issues)
    assert [p.name for p in phases] == ["Phase 1", "Phase 2", "Phase 3", "Phase 4"]
    assert phases[0].goal == "endpoint + rate limiting + schema"
    assert groups(assignment) == [{1, 2, 3}, {4, 5}, {6, 7, 8}, {9}]


def test_phase_answer_by_numbers_lines_and_names() -> None:
    issues = seed_session().issues
    text = "Foundations: #1, #2, 3\n- Messaging: 4-5 and Kafka consumer\nFinish: storage, metrics, tests"
    phases, assignment, unmatched = parse_phase_answer_report(text, issues)
    assert [p.name for p in phases] == ["Foundations", "Messaging", "Finish"]
    assert groups(assignment) == [{1, 2, 3}, {4, 5, 6}, {7, 8, 9}]
    assert unmatched == []


def test_phase_answer_lines_without_names_and_unmatched_items() -> None:
    issues = seed_session().issues
    phases, assignment, unmatched = parse_phase_answer_report(
        "endpoint, rate limiting\n\nwidgets, tests", issues
    )
    assert [p.name for p in phases] == ["Phase 1", "Phase 2"]
    assert assignment == {1: 1, 2: 1, 9: 2}
    assert unmatched == ["widgets"]


def test_default_phases_quick_mode() -> None:
    issues = make_issues(
        [
            "Add fusion data models",
            "Add weather data integration",
            "Add detection data integration",
            "Add risk calculation engine",
            "Add caching layer",
            "Add fusion API endpoints",
        ]
    )
    phases, assignment = default_phases(issues)
    assert [(p.name, p.goal) for p in phases] == [("Phase 1", "Foundations"), ("Phase 2", "Features")]
    assert groups(assignment) == [{1, 2, 3}, {4, 5, 6}]
    tests_first = make_issues(["Add integration tests", "Add A", "Add B", "Add C"])
    _, assignment = default_phases(tests_first)
    assert assignment[1] == 2 and assignment[2] == 1
    assert default_phases([]) == ([], {})


def test_apply_phases_sets_plan_and_issue_phases() -> None:
    session = seed_session()
    phases, assignment = parse_phase_answer(SEED_ANSWER, session.issues)
    apply_phases(session, phases, {**assignment, 9: 7})  # an out-of-range phase is not kept
    assert len(session.plan.phases) == 4
    assert [len(session.phase_issues(p)) for p in (1, 2, 3, 4)] == [3, 2, 3, 0]
    assert session.issue(9).phase is None


# -- dependency check --------------------------------------------------------------------------------------
def with_deps(session: Session, deps: dict[int, list[int]], phases: dict[int, int] | None = None) -> Session:
    session.issues = [
        i.model_copy(update={"depends_on": deps.get(i.number, []), "phase": (phases or {}).get(i.number)})
        for i in session.issues
    ]
    if phases:
        session.plan.phases = [PlanPhase(name=f"Phase {n}") for n in range(1, max(phases.values()) + 1)]
    return session


def test_no_problems_for_a_sane_plan() -> None:
    session = with_deps(
        seed_session(),
        {2: [1], 6: [4], 7: [5, 6], 9: [7, 8]},
        {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3, 9: 4},
    )
    assert dependency_problems(session) == []


def test_cycle_is_named_with_its_path() -> None:
    problems = dependency_problems(with_deps(seed_session(), {2: [4], 4: [6], 6: [2]}))
    assert problems == ["Dependency cycle: #2 -> #4 -> #6 -> #2 (each depends on the next)."]


def test_unknown_self_and_phase_order_problems() -> None:
    session = with_deps(seed_session(), {1: [12], 3: [3], 2: [5]}, {1: 1, 2: 1, 5: 2})
    problems = dependency_problems(session)
    assert "#1 Add ingest HTTP endpoint depends on #12, which does not exist." in problems
    assert "#3 Add DetectionEvent schema and validation depends on itself." in problems
    assert any(
        p.startswith("#2 Add rate limiting middleware (phase 1) depends on #5") and "later phase" in p
        for p in problems
    )
    assert len(problems) == 3


# -- mermaid -----------------------------------------------------------------------------------------------
def test_mermaid_seed() -> None:
    session = seed_session()
    apply_phases(session, *parse_phase_answer(SEED_ANSWER, session.issues))
    session = with_deps(session, {7: [5, 6]}, {i.number: i.phase for i in session.issues if i.phase})
    text = mermaid(session)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert '    i1["#01 Add ingest HTTP endpoint"]' in lines
    assert sum(1 for ln in lines if ln.strip().startswith("subgraph ")) == 4
    assert lines.count("  end") == 4
    assert "  i5 --> i7" in lines and "  i6 --> i7" in lines
    # each issue node appears exactly once
    assert all(sum(1 for ln in lines if ln.strip().startswith(f'i{n}["')) == 1 for n in range(1, 10))


def test_mermaid_escapes_any_title() -> None:
    hostile = 'Add "quoted" <b>bold</b> & `code` ```fence``` #1; end\nnext'
    session = Session(milestone_id="m1", issues=[Issue(number=1, title=hostile, slug="x")])
    text = mermaid(session)
    node = next(ln for ln in text.splitlines() if ln.strip().startswith("i1["))
    label = re.fullmatch(r'\s*i1\["(.*)"\]', node).group(1)
    assert '"' not in label and "<" not in label and "`" not in label and "\n" not in label
    assert label.startswith("#01 Add #quot;quoted#quot;")
    assert mermaid_text("a#b") == "a#35;b"
