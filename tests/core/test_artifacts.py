"""Artifacts: the seed's files from templates, user text as data, sandboxed overrides, lenient parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from milestone_tui.core import planning as planmod
from milestone_tui.core.artifacts.parse import parse_epic, parse_issue, parse_plan, parse_spec, read_folder
from milestone_tui.core.artifacts.render import Renderer, github_body, marker
from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import EpicAnswers, Issue, Plan, PlanPhase, Session, SpecAnswers
from milestone_tui.core.phases import PHASES, Phase
from milestone_tui.core.roadmap import RoadmapMilestone
from milestone_tui.errors import ArtifactError

SHIPPED = Path(__file__).resolve().parents[2] / "milestone_tui" / "core" / "artifacts" / "templates"
TITLES = [
    ("Add ingest HTTP endpoint", "ingest-endpoint"), ("Add rate limiting middleware", "rate-limiting"),
    ("Add DetectionEvent schema and validation", "schema-validation"),
    ("Add Kafka producer integration", "kafka-producer"),
    ("Add TimescaleDB schema and migrations", "timescaledb-schema"),
    ("Add Kafka consumer service", "kafka-consumer"), ("Add storage service", "storage-service"),
    ("Add health check and metrics endpoints", "health-metrics"),
    ("Add integration tests", "integration-tests"),
]
PHASE_OF = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3, 9: 4}


def seed_session() -> Session:
    """The seed's M5 session after the plan phase."""
    session = Session(
        milestone_id="m5",
        roadmap=RoadmapMilestone(id="M5", title="Detection Ingest Pipeline",
                                 scope=["Real-time ingestion", "validation", "storage"],
                                 dependencies=["M4 (Risk Assessment)"],
                                 description="Ingesting detection data from sensors and feeds."),
        epic=EpicAnswers(
            problem="Real-time detection data from field sensors needs to be ingested and stored.",
            users="Internal risk analysis services and the monitoring dashboard.",
            success="1000 events/sec throughput, <100ms p99 latency, 99.9% uptime.",
            out_of_scope="Complex event processing, alerting, and historical data migration."),
        spec=SpecAnswers(
            architecture="HTTP endpoint receives events, validates against schema, queues to Kafka.",
            data_models="DetectionEvent with timestamp, location, sensor_id, detection_type, confidence.",
            tradeoffs="Sync vs async validation - going with async for throughput.",
            technology="TimescaleDB for storage (already in stack), Kafka for queuing (new)."),
        issues=[Issue(number=n, title=t, slug=s, phase=PHASE_OF[n], labels=["m5", "ingest"])
                for n, (t, s) in enumerate(TITLES, start=1)],
        plan=Plan(phases=[PlanPhase(name="Endpoint, rate limiting and schema"),
                          PlanPhase(name="Kafka producer and TimescaleDB"),
                          PlanPhase(name="Consumer, storage and metrics"),
                          PlanPhase(name="Integration tests")],
                  branch="milestone/m5-detection-ingest", scope_tags=["detection", "ingest"]),
    )
    session.issues[0].acceptance = ["POST /api/v0/detections", "accepts JSON", "returns 202",
                                    "validates content-type"]
    session.issues[1].acceptance = ["1000 req/sec per API key", "10000 req/sec global"]
    session.issues[1].depends_on = [1]
    for phase in PHASES[:5]:
        session.mark_done(phase)
    return session


@pytest.fixture
def session() -> Session:
    return seed_session()


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def frontmatter_of(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


# -- rendering the seed ------------------------------------------------------------------------------------
def test_epic_has_title_context_and_sections(session: Session, renderer: Renderer) -> None:
    text = renderer.epic(session)
    assert text.startswith("# M5 - Detection Ingest Pipeline: Epic\n")
    assert "- **Scope:** Real-time ingestion, validation, storage" in text
    assert "- **Dependencies:** M4 (Risk Assessment)" in text
    for heading in ("## Problem", "## Users", "## Success Criteria", "## Out of Scope"):
        assert f"\n{heading}\n" in text
    assert "<100ms p99 latency" in text
    assert text.index("## Problem") < text.index("## Users") < text.index("## Out of Scope")


def test_spec_sections(session: Session, renderer: Renderer) -> None:
    text = renderer.spec(session)
    assert text.startswith("# M5 - Detection Ingest Pipeline: Technical Specification\n")
    for heading in ("## Architecture", "## Data Models", "## Tradeoffs", "## Technology Choices"):
        assert f"\n{heading}\n" in text
    assert "Kafka for queuing (new)." in text


def test_issue_spec_frontmatter_and_body(session: Session, renderer: Renderer) -> None:
    text = renderer.issue(session, session.issues[1])
    meta = frontmatter_of(text)
    assert meta == {"id": "m5-02", "number": 2, "title": "Add rate limiting middleware",
                    "slug": "rate-limiting", "milestone": "M5", "phase": 1, "depends_on": [1],
                    "labels": ["m5", "ingest"], "github_issue": None}
    assert "\n# 02: Add rate limiting middleware\n" in text
    assert "## Acceptance Criteria\n\n- [ ] 1000 req/sec per API key\n- [ ] 10000 req/sec global\n" in text
    assert "## Dependencies\n\n- #01 Add ingest HTTP endpoint\n" in text
    assert "## Notes" not in text and "_Not answered yet._" not in text  # no placeholder in the file
    assert "## Notes\n\n_Not answered yet._\n" in renderer.issue(session, session.issues[1], preview=True)


@pytest.mark.parametrize("title", [
    'Say "hi": to: colons', "---", "line one\nline two\n---\nthree", "ünïcødé 🚀 — ok", "- [ ] not a list",
    "{{ 7*7 }}", "'single' and \\ backslash", "null", "123", "key: [a, b]", "# hash", "...", "\ttab  ",
])
def test_frontmatter_stays_valid_whatever_the_title(session: Session, renderer: Renderer, title: str) -> None:
    issue = session.issues[0].model_copy(update={"title": title, "labels": [title, "x: y"]})
    text = renderer.issue(session, issue)
    meta = frontmatter_of(text)
    assert meta["title"] == title and meta["labels"] == [title, "x: y"]
    back = parse_issue(text)
    assert (back.title, back.labels, back.number) == (title, [title, "x: y"], 1)


def test_user_text_is_data_not_template_source(session: Session, renderer: Renderer) -> None:
    session.epic.problem = "{{ 7*7 }} and {% if true %}x{% endif %}"
    session.issues[0].title = "{{ 7*7 }}"
    session.issues[0].acceptance = ["{{ session.milestone_id }}"]
    session.plan.phases[0].name = "{{ 7*7 }}"
    session.plan.phases[0].goal = "{# comment #}"
    files = renderer.all(session)
    assert "{{ 7*7 }} and {% if true %}x{% endif %}" in files[EPIC_FILE]
    assert "# 01: {{ 7*7 }}" in files["01-ingest-endpoint.md"]
    assert "- [ ] {{ session.milestone_id }}" in files["01-ingest-endpoint.md"]
    assert "### Phase 1: {{ 7*7 }}" in files[PLAN_FILE] and "{# comment #}" in files[PLAN_FILE]
    assert not any("49" in text for text in files.values())
    assert parse_epic(files[EPIC_FILE]).problem == session.epic.problem


def test_heading_inside_an_answer_is_escaped_and_parses_back(session: Session, renderer: Renderer) -> None:
    session.epic.problem = "First line.\n## Users\nstill the problem\n   ### Out of Scope"
    text = renderer.epic(session)
    assert "\n\\## Users\n" in text and "\n   \\### Out of Scope\n" in text
    back = parse_epic(text)
    assert back.problem == session.epic.problem
    assert back.users == session.epic.users


def test_empty_answers_show_a_placeholder_that_parses_to_empty(renderer: Renderer) -> None:
    session = Session(milestone_id="m9")
    text = renderer.epic(session, preview=True)  # the live preview keeps the sections as aids
    assert text.startswith("# M9: Epic\n")
    assert text.count("_Not answered yet._") == 4
    assert parse_epic(text) == EpicAnswers()
    written = renderer.epic(session)  # the file leaves them out, and reads back as empty all the same
    assert "_Not answered yet._" not in written and "## Users" not in written
    assert parse_epic(written) == EpicAnswers()
    session.epic.users = "_Not answered yet._"  # typed literally: kept
    assert parse_epic(renderer.epic(session)).users == "_Not answered yet._"


def test_unclosed_fence_in_an_answer_does_not_swallow_the_rest(session: Session, renderer: Renderer) -> None:
    session.spec.architecture = "```python\nprint('never closed')"
    text = renderer.spec(session)
    back = parse_spec(text)
    assert back.architecture == session.spec.architecture
    assert back.technology == session.spec.technology


# -- the plan ----------------------------------------------------------------------------------------------
def test_plan_phases_branch_tags_check_and_mermaid(session: Session, renderer: Renderer) -> None:
    text = renderer.plan(session)
    assert text.startswith("# M5 - Detection Ingest Pipeline: Implementation Plan\n")
    assert "- **Branch:** `milestone/m5-detection-ingest`" in text
    assert "- **Scope tags:** `detection`, `ingest`" in text
    assert "### Phase 1: Endpoint, rate limiting and schema\n\n- [ ] #01 Add ingest HTTP endpoint " \
           "(01-ingest-endpoint.md)\n- [ ] #02 Add rate limiting middleware (02-rate-limiting.md)\n" in text
    assert "### Phase 4: Integration tests\n\n- [ ] #09 Add integration tests (09-integration-tests.md)\n" \
        in text
    assert "## Dependency Check\n\nNo problems found.\n" in text
    assert f"```mermaid\n{planmod.mermaid(session).strip()}\n```\n" in text
    assert "### Unassigned" not in text


def test_plan_reports_dependency_problems_and_unassigned(session: Session, renderer: Renderer) -> None:
    session.issues[0].depends_on = [8]  # phase 1 depends on phase 3
    session.issues[8].phase = None
    problems = planmod.dependency_problems(session)
    assert problems
    text = renderer.plan(session)
    check = text.split("## Dependency Check\n", 1)[1].split("\n## ", 1)[0]
    assert "No problems found." not in check
    for problem in problems:
        assert f"- {problem}" in check
    assert "### Unassigned\n\n- [ ] #09 Add integration tests (09-integration-tests.md)\n" in text
    plan, assignment = parse_plan(text)
    assert 9 not in assignment and assignment[1] == 1


def test_plan_round_trip(session: Session, renderer: Renderer) -> None:
    session.plan.phases[1].goal = "Get events onto Kafka.\n\n- [ ] #03 looks like an issue line"
    plan, assignment = parse_plan(renderer.plan(session))
    assert plan == session.plan
    assert assignment == PHASE_OF


# -- previews ----------------------------------------------------------------------------------------------
def test_breakdown_table(session: Session, renderer: Renderer) -> None:
    session.issues[2].title = "Pipes | in title"
    text = renderer.breakdown(session)
    assert "| # | Title | File | Phase | Depends on |" in text
    assert "| 02 | Add rate limiting middleware | 02-rate-limiting.md | 1 | #01 |" in text
    assert "| 03 | Pipes \\| in title |" in text
    assert renderer.preview(session, Phase.BREAKDOWN) == text


def test_preview_per_phase(session: Session, renderer: Renderer) -> None:
    assert renderer.preview(session, Phase.EPIC) == renderer.epic(session, preview=True)
    assert renderer.preview(session, Phase.SPEC) == renderer.spec(session, preview=True)
    assert renderer.preview(session, Phase.ISSUES) == renderer.issue(session, session.issues[0], preview=True)
    assert renderer.preview(session, Phase.ISSUES, 2) == renderer.issue(session, session.issues[1],
                                                                        preview=True)
    assert renderer.preview(session, Phase.PLAN) == renderer.plan(session, preview=True)
    session.issues[0].github_issue = 301
    github = renderer.preview(session, Phase.GITHUB)
    assert "M5 - Detection Ingest Pipeline (new)" in github
    assert "| 01 | Add ingest HTTP endpoint | #301 |" in github
    assert "| 02 | Add rate limiting middleware | new |" in github
    # the labels the sync ensures: scope tags, phase-N, then the issues' own (case-insensitive, once each)
    assert "`detection`, `ingest`, `phase-1`, `phase-2`, `phase-3`, `phase-4`, `m5`" in github
    summary = renderer.preview(session, Phase.SUMMARY)
    assert "In `docs/03-build-notes/milestones/m5/`:" in summary
    assert "- ✓ 00-epic.md" in summary and "- ✓ 09-integration-tests.md" in summary
    assert "- **Phases:** 4" in summary and "- **Estimated issues:** 9" in summary
    assert "git checkout -b milestone/m5-detection-ingest main" in summary
    assert "run-milestone m5" in summary
    assert renderer.preview(Session(milestone_id="m1"), Phase.ISSUES).startswith("_No issues yet")


def test_all_renders_only_done_phases(session: Session, renderer: Renderer) -> None:
    names = [EPIC_FILE, SPEC_FILE, *[i.filename for i in session.issues], PLAN_FILE]
    assert list(renderer.all(session)) == names
    session.done = [Phase.EPIC]
    assert list(renderer.all(session)) == [EPIC_FILE]


def test_github_body_uses_real_numbers_and_marker(session: Session, renderer: Renderer) -> None:
    body = github_body(session, session.issues[1], renderer)
    assert not body.startswith("---") and "github_issue:" not in body
    assert "# 02:" not in body  # GitHub shows the title
    assert "- Depends on 01 Add ingest HTTP endpoint (not on GitHub yet)" in body
    assert body.rstrip().endswith(marker(session, session.issues[1]))
    assert marker(session, session.issues[1]) == "<!-- milestone-tui:m5/02 -->"
    session.issues[0].github_issue = 301
    assert "- Depends on #301 Add ingest HTTP endpoint\n" in github_body(session, session.issues[1])


# -- templates: overrides, sandbox, caching ----------------------------------------------------------------
def test_repository_template_overrides_shipped_one(session: Session, tmp_path: Path) -> None:
    (tmp_path / "epic.md.j2").write_text("# Custom {{ milestone.id }}\n\n{{ epic.problem | block }}\n")
    renderer = Renderer(tmp_path)
    assert renderer.epic(session).startswith("# Custom M5\n\nReal-time detection data")
    assert renderer.spec(session) == Renderer().spec(session)  # not overridden: shipped template


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ session.__init__.__globals__ }}",
    "{{ milestone.items.__self__.clear() }}{{ milestone }}",
])
def test_user_templates_run_sandboxed(session: Session, tmp_path: Path, source: str) -> None:
    (tmp_path / "epic.md.j2").write_text(source)
    with pytest.raises(ArtifactError, match="epic.md.j2"):
        Renderer(tmp_path).epic(session)


def test_broken_user_template_is_one_clear_line(session: Session, tmp_path: Path) -> None:
    (tmp_path / "plan.md.j2").write_text("ok\n{% for x in %}\n")
    with pytest.raises(ArtifactError) as err:
        Renderer(tmp_path).plan(session)
    assert "plan.md.j2, line 2" in str(err.value) and "\n" not in str(err.value)
    (tmp_path / "spec.md.j2").write_text("{{ no_such_variable }}")
    with pytest.raises(ArtifactError, match="no_such_variable"):
        Renderer(tmp_path).spec(session)


def test_templates_compiled_once_per_renderer(session: Session) -> None:
    renderer = Renderer()
    calls: list[str] = []
    original = renderer.env.get_template
    renderer.env.get_template = lambda name, *a, **k: calls.append(name) or original(name, *a, **k)  # type: ignore
    for _ in range(3):
        renderer.all(session)
    assert sorted(calls) == ["epic.md.j2", "issue.md.j2", "plan.md.j2", "spec.md.j2"]


def test_shipped_templates_are_in_the_package() -> None:
    names = {p.name for p in SHIPPED.glob("*.j2")}
    assert {"epic.md.j2", "spec.md.j2", "issue.md.j2", "plan.md.j2"} <= names


# -- parsing hand-written files ----------------------------------------------------------------------------
HAND_EPIC = """# Ingest epic

### Problem Statement:
Sensors produce data nobody stores.

```bash
# a comment, not a heading
```

## Primary Users
Risk analysts.

## Definition of Done
- 1000 events/sec

## Non-goals
Alerting.
"""

HAND_SPEC = """# Spec
## High-level Architecture
HTTP -> Kafka -> DB
## Schemas:
DetectionEvent
### Fields
timestamp, location
## Trade-offs
async
## Tech Stack
Kafka
"""

HAND_ISSUE = """# Add DetectionEvent schema

Some intro.

### Acceptance criteria:
- [x] schema defined
* validates payloads
  across two lines
1. rejects bad input
- plain item

## notes
Use pydantic.

## Dependencies
- #01 endpoint
- #2 rate limiting
"""

HAND_PLAN = """# Plan

Branch: milestone/m5-ingest
Scope tags: detection, ingest

## Phase 1 - Foundation
Build the base.
- #01 endpoint
- [x] #03 schema

## Phase 2: Later
1. #02 rate limiting
"""


def test_hand_written_epic_and_spec_with_heading_aliases() -> None:
    epic = parse_epic(HAND_EPIC)
    assert epic.problem == "Sensors produce data nobody stores.\n\n```bash\n# a comment, not a heading\n```"
    assert epic.users == "Risk analysts."
    assert (epic.success, epic.out_of_scope) == ("- 1000 events/sec", "Alerting.")
    spec = parse_spec(HAND_SPEC)
    assert spec.architecture == "HTTP -> Kafka -> DB"
    assert spec.data_models == "DetectionEvent\n### Fields\ntimestamp, location"
    assert (spec.tradeoffs, spec.technology) == ("async", "Kafka")


def test_hand_written_issue_without_frontmatter() -> None:
    issue = parse_issue(HAND_ISSUE, "03-schema-validation.md")
    assert (issue.number, issue.slug, issue.title) == (3, "schema-validation", "Add DetectionEvent schema")
    assert issue.acceptance == ["schema defined", "validates payloads\nacross two lines", "rejects bad input",
                                "plain item"]
    assert issue.notes == "Use pydantic."
    assert issue.depends_on == [1, 2]
    assert issue.phase is None and issue.github_issue is None


def test_hand_written_plan() -> None:
    plan, assignment = parse_plan(HAND_PLAN)
    assert [p.name for p in plan.phases] == ["Foundation", "Later"]
    assert plan.phases[0].goal == "Build the base."
    assert plan.branch == "milestone/m5-ingest" and plan.scope_tags == ["detection", "ingest"]
    assert assignment == {1: 1, 3: 1, 2: 2}


def test_bad_frontmatter_is_a_clear_error() -> None:
    with pytest.raises(ArtifactError, match="invalid YAML frontmatter"):
        parse_issue("---\ntitle: [unclosed\n---\n# x\n", "01-x.md")
    with pytest.raises(ArtifactError, match="never ends"):
        parse_issue("---\ntitle: x\n# x\n", "01-x.md")
    with pytest.raises(ArtifactError, match="phase"):
        parse_issue("---\ntitle: x\nphase: soon\n---\n", "01-x.md")


def test_read_folder_marks_phases_from_files(session: Session, renderer: Renderer, tmp_path: Path) -> None:
    (tmp_path / EPIC_FILE).write_text(renderer.epic(session))
    (tmp_path / SPEC_FILE).write_text(renderer.spec(session))
    back = read_folder(tmp_path, "m5")
    assert back.done == [Phase.EPIC, Phase.SPEC] and back.issues == [] and back.roadmap is None
    assert back.current is Phase.BREAKDOWN
    (tmp_path / "01-ingest-endpoint.md").write_text(renderer.issue(session, session.issues[0]))
    (tmp_path / "02-rate.md").write_text(HAND_ISSUE)
    (tmp_path / "notes.md").write_text("# not an issue\n")
    back = read_folder(tmp_path, "m5")
    assert back.done == [Phase.EPIC, Phase.SPEC, Phase.BREAKDOWN, Phase.ISSUES]
    assert [(i.number, i.slug) for i in back.issues] == [(1, "ingest-endpoint"), (2, "rate")]
    assert back.epic == session.epic and back.spec == session.spec


def test_read_folder_plan_wins_for_phases(session: Session, renderer: Renderer, tmp_path: Path) -> None:
    for name, text in renderer.all(session).items():
        (tmp_path / name).write_text(text)
    (tmp_path / PLAN_FILE).write_text(HAND_PLAN)
    back = read_folder(tmp_path, "m5")
    assert back.issue(2).phase == 2 and back.issue(3).phase == 1  # from the plan, not the frontmatter
    assert back.issue(9).phase == 4  # not listed in the plan: frontmatter kept
    assert Phase.PLAN in back.done


def test_read_folder_refuses_two_files_for_one_number(tmp_path: Path) -> None:
    (tmp_path / "01-a.md").write_text("# A\n")
    (tmp_path / "01-b.md").write_text("# B\n")
    with pytest.raises(ArtifactError, match="two files for issue 01"):
        read_folder(tmp_path, "m5")


def test_written_files_and_bodies_leave_unanswered_sections_out(renderer: Renderer) -> None:
    session = Session(milestone_id="m5")
    session.issues = [Issue(number=1, title="Add endpoint", slug="endpoint", phase=1)]
    session.plan.phases = [PlanPhase(name="Phase 1", goal="endpoint + schema")]
    issue = session.issues[0]
    aids = ("_Not answered yet._", "_No acceptance criteria yet._", "**Phase 1:** Phase 1", "_Not set._",
            "_No phases yet._")
    written = (renderer.issue(session, issue), github_body(session, issue, renderer), renderer.plan(session),
               renderer.epic(session), renderer.spec(session))
    for text in written:
        assert not any(aid in text for aid in aids), text
        assert "**Goal:**\n" not in text  # a one-line goal follows its label
    assert "**Milestone:** M5 · **Phase 1**\n" in renderer.issue(session, issue)
    plan = renderer.plan(session)
    assert "**Goal:** endpoint + schema\n" in plan and "Scope tags" not in plan and "Branch" not in plan
    back, assignment = parse_plan(plan)
    assert back.phases == session.plan.phases and assignment == {1: 1} and back.branch == ""
    parsed = parse_issue(renderer.issue(session, issue), issue.filename)
    assert parsed.notes == "" and parsed.acceptance == []
    # the live preview keeps every section as an aid
    preview = renderer.preview(session, Phase.ISSUES)
    assert "_Not answered yet._" in preview and "_No acceptance criteria yet._" in preview
    assert "_Not set._" in renderer.preview(session, Phase.PLAN)


def test_summary_next_steps_are_separate_commands(session: Session, renderer: Renderer) -> None:
    from markdown_it import MarkdownIt

    session.plan.branch = "milestone/m5-detection-ingest"
    text = renderer.summary(session)
    paragraphs = [t.content for t in MarkdownIt().parse(text) if t.type == "inline"]
    commands = [p for p in paragraphs if p.startswith("`") and p.endswith("`")]
    assert commands == ["`cat docs/03-build-notes/milestones/m5/IMPLEMENTATION_PLAN.md`",
                        "`git checkout -b milestone/m5-detection-ingest main`",
                        "`git push origin milestone/m5-detection-ingest`", "`run-milestone m5`"]
