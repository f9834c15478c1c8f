"""The proposer, the slugs, the per-issue questions and the breakdown editing operations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milestone_tui.core.breakdown.edits import (
    add_issue,
    make_issues,
    merge_issues,
    move_issue,
    remove_issue,
    rename_issue,
    set_depends_on,
    split_issue,
    suggest_split,
)
from milestone_tui.core.breakdown.propose import (
    default_acceptance,
    issue_question,
    propose_from_roadmap,
    propose_from_spec,
)
from milestone_tui.core.breakdown.slugs import slugify
from milestone_tui.core.model import EpicAnswers, Issue, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.support.helpers import SEED_TITLES

SEED_PROPOSAL = [
    "Add ingest HTTP endpoint",
    "Add DetectionEvent schema and validation",
    "Add Kafka producer integration",
    "Add TimescaleDB schema and migrations",
    "Add Kafka consumer and storage service",
    "Add health check and metrics endpoints",
    "Add integration tests",
]
SEED_FILES = [
    "01-ingest-endpoint.md",
    "02-rate-limiting.md",
    "03-schema-validation.md",
    "04-kafka-producer.md",
    "05-timescaledb-schema.md",
    "06-kafka-consumer.md",
    "07-storage-service.md",
    "08-health-metrics.md",
    "09-integration-tests.md",
]


def session_with(
    title: str = "Detection Ingest Pipeline", scope: list[str] | None = None, success: str = "", **spec: str
) -> Session:
    roadmap = RoadmapMilestone(id="M5", title=title, scope=scope or [])
    return Session(
        milestone_id="m5", roadmap=roadmap, epic=EpicAnswers(success=success), spec=SpecAnswers(**spec)
    )


def seed_session() -> Session:
    return session_with(
        scope=["Real-time ingestion", "validation", "storage"],
        success="1000 events/sec throughput, <100ms p99 latency, 99.9% uptime.",
        architecture="HTTP endpoint receives events, validates against schema, queues to Kafka, consumer "
        "writes to TimescaleDB.",
        data_models="DetectionEvent with timestamp, location, sensor_id, detection_type, confidence, and "
        "raw_payload.",
        tradeoffs="Sync vs async validation - going with async for throughput. Schema-first vs "
        "schema-on-read - going with strict schema validation upfront.",
        technology="TimescaleDB for storage (already in stack), Kafka for queuing (new).",
    )


def assert_plausible(titles: list[str]) -> None:
    keys = [t.lower() for t in titles]
    assert len(keys) == len(set(keys)), titles
    assert all(t.startswith("Add ") for t in titles), titles
    assert titles[-1] == "Add integration tests"
    slugs = [i.slug for i in make_issues(titles)]
    assert len(slugs) == len(set(slugs))


# -- proposing ---------------------------------------------------------------------------------------------
def test_seed_spec_proposes_the_seed_breakdown() -> None:
    assert propose_from_spec(seed_session()) == SEED_PROPOSAL


def test_seed_proposal_does_not_depend_on_the_milestone_subject() -> None:
    """The endpoint qualifier comes from the title; the rest of the seed's list does not."""
    titles = propose_from_spec(seed_session().model_copy(update={"roadmap": None}))
    assert titles[0] == "Add HTTP endpoint"
    assert titles[1:] == SEED_PROPOSAL[1:]


def test_web_app_with_postgres_redis_and_react() -> None:
    titles = propose_from_spec(
        session_with(
            title="Team Task Board",
            success="p95 page load under 300ms, 99.9% availability",
            architecture="React dashboard talks to a REST API (FastAPI); the API stores data in Postgres and "
            "caches hot queries in Redis. Users log in with OAuth.",
            data_models="User with email and name; Project with name and owner; Task with title, status.",
            technology="PostgreSQL 16, Redis 7, React 18.",
        )
    )
    assert titles == [
        "Add REST API endpoints",
        "Add OAuth authentication",
        "Add User, Project and Task data models",  # PostgreSQL has no use of its own: the models' storage
        "Add Redis caching layer",
        "Add React dashboard",
        "Add health check and metrics endpoints",
        "Add integration tests",
    ]
    assert_plausible(titles)


def test_cli_tool_gets_commands_parser_report_and_no_endpoints() -> None:
    titles = propose_from_spec(
        session_with(
            title="Ledger Report CLI",
            success="1M rows/s throughput",
            architecture="A command-line tool reads CSV bank exports, aggregates by account, and writes a "
            "Markdown report.",
            data_models="Transaction with date, amount, account; Account with name and balance.",
        )
    )
    assert titles[0] == "Add CLI commands"
    assert "Add CSV parser" in titles and "Add Markdown report generation" in titles
    assert "Add Transaction and Account data models" in titles
    assert not any("endpoint" in t.lower() or "export" in t.lower() for t in titles), titles
    assert titles[-2:] == ["Add performance benchmarks", "Add integration tests"]  # nothing serves: measure
    assert_plausible(titles)


def test_rabbitmq_worker_with_mysql_and_email() -> None:
    titles = propose_from_spec(
        session_with(
            title="Order Events",
            success="99.5% uptime",
            architecture="The order service publishes OrderPlaced events to RabbitMQ; a worker "
            "consumes them, stores them in MySQL and sends confirmation emails via SendGrid.",
            data_models="OrderPlaced",
            technology="RabbitMQ, MySQL 8",
        )
    )
    assert titles == [
        "Add OrderPlaced data model",  # a bare MySQL is where the model lives
        "Add RabbitMQ producer integration",
        "Add RabbitMQ consumer and storage service",
        "Add email notifications",
        "Add health check endpoint",
        "Add integration tests",
    ]


def test_bigger_spec_gives_more_issues_and_tradeoffs_do_not_add_components() -> None:
    small = propose_from_spec(session_with(architecture="HTTP API writes to Postgres."))
    big = propose_from_spec(
        session_with(
            architecture="HTTP API writes to Postgres; a worker reads from SQS, files go to S3, search via "
            "Elasticsearch, results cached in Redis, React dashboard, OpenWeather API for forecasts.",
            tradeoffs="MongoDB vs Postgres - going with Postgres.",
        )
    )
    assert len(big) > len(small) + 4
    assert not any("MongoDB" in t for t in big)
    assert {
        "Add SQS producer integration",
        "Add S3 file storage",
        "Add Elasticsearch search index",
        "Add OpenWeather API client",
        "Add React dashboard",
    } <= set(big)
    assert_plausible(big)


def test_empty_spec_falls_back_to_the_roadmap_scope() -> None:
    session = session_with(title="Fusion Engine", scope=["Risk calculation engine", "Caching layer"])
    assert propose_from_spec(session) == [
        "Add fusion data models",
        "Add risk calculation engine",
        "Add caching layer",
        "Add fusion API endpoints",
        "Add integration tests",
    ]
    bare = Session(milestone_id="m9")
    assert_plausible(propose_from_spec(bare))


def test_quick_mode_fusion_engine_golden() -> None:
    m6 = RoadmapMilestone(
        id="M6",
        title="Fusion Engine",
        scope=["Combine detection and weather data", "Risk calculation engine", "Caching layer"],
    )
    assert propose_from_roadmap(m6) == [
        "Add fusion data models",
        "Add weather data integration",
        "Add detection data integration",
        "Add risk calculation engine",
        "Add caching layer",
        "Add fusion API endpoints",
    ]


def test_quick_mode_rules_generalise() -> None:
    m = RoadmapMilestone(
        id="M7",
        title="Billing Service",
        scope=[
            "Implement payment API endpoints",
            "Merge invoices, payments & refunds data",
            "Invoice PDF rendering",
            "invoice pdf rendering",
        ],
    )
    titles = propose_from_roadmap(m)
    # scope already names the API, so no second API issue; duplicate scope lines collapse
    assert titles == [
        "Add billing data models",
        "Add payment API endpoints",
        "Add refunds data integration",
        "Add payments data integration",
        "Add invoices data integration",
        "Add invoice PDF rendering",
    ]
    assert propose_from_roadmap(RoadmapMilestone(id="M1", title="")) == ["Add core functionality"]


# -- slugs -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Add ingest HTTP endpoint", "ingest-endpoint"),
        ("Add rate limiting middleware", "rate-limiting"),
        ("Add DetectionEvent schema and validation", "schema-validation"),
        ("Add Kafka producer integration", "kafka-producer"),
        ("Add TimescaleDB schema and migrations", "timescaledb-schema"),
        ("Add Kafka consumer service", "kafka-consumer"),
        ("Add storage service", "storage-service"),
        ("Add health check and metrics endpoints", "health-metrics"),
        ("Add integration tests", "integration-tests"),
        ("Create user login page", "user-login-page"),
        ("Implement the caching layer", "caching-layer"),
        ("Add on-call person router", "on-call-person-router"),  # not "call-person-router": on-call is a word
        ("Add end-to-end tests", "end-to-end-tests"),
        ("Add real-time fusion engine", "real-time-fusion"),
    ],
)
def test_slug_rules(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "title",
    [
        "",
        "Add",
        "Add HTTP",
        "☃☃",
        "../../etc/passwd",
        "a/b/../c",
        "Ünïcödé façade",
        'Add "quoted" <tag> & more: yes',
        "x" * 300,
    ],
)
def test_slugs_are_safe_ascii_and_never_empty(title: str) -> None:
    slug = slugify(title)
    assert slug and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert "/" not in slug and ".." not in slug and len(slug) <= 48


def test_slug_transliterates_and_is_unique() -> None:
    assert slugify("Ajouter l'événement façade") == "ajouter-l-evenement"
    assert slugify("Add storage service", taken=["storage-service"]) == "storage-service-2"
    assert (
        slugify("Add storage service", taken=["storage-service", "storage-service-2"]) == "storage-service-3"
    )
    issues = make_issues(["Add storage service", "Add storage service", "Add the storage service"])
    assert [i.slug for i in issues] == ["storage-service", "storage-service-2", "storage-service-3"]


# -- questions and defaults --------------------------------------------------------------------------------
def test_issue_questions() -> None:
    questions = {i.title: issue_question(i) for i in make_issues(SEED_TITLES)}
    assert questions["Add ingest HTTP endpoint"] == "What are the key acceptance criteria?"
    assert questions["Add rate limiting middleware"] == "What are the rate limits?"
    assert questions["Add DetectionEvent schema and validation"] == "What fields and validation rules?"
    assert questions["Add integration tests"] == "What scenarios must the tests cover?"
    assert questions["Add TimescaleDB schema and migrations"] != questions["Add ingest HTTP endpoint"]
    assert len(set(questions.values())) >= 6


def test_default_acceptance_is_topic_aware() -> None:
    session = seed_session()
    issues = make_issues(SEED_TITLES)
    endpoint = default_acceptance(issues[0], session)
    assert endpoint[0] == "Ingest HTTP endpoint is implemented as described in 00-SPECIFICATION.md"
    assert "Invalid input is rejected with a clear error" in default_acceptance(issues[2], session)
    assert any("1000 events/sec" in c for c in default_acceptance(issues[7], session))
    assert default_acceptance(issues[8], session)[-1] == "The tests run in CI"


# -- editing -----------------------------------------------------------------------------------------------
def test_seed_edit_add_then_split_gives_the_seed_files() -> None:
    proposed = make_issues(propose_from_spec(seed_session()))
    added = add_issue(proposed, "Add rate limiting middleware", after=1)
    consumer = next(i for i in added if i.title == "Add Kafka consumer and storage service")
    assert suggest_split(consumer.title) == ("Add Kafka consumer service", "Add storage service")
    final = split_issue(added, consumer.number, *suggest_split(consumer.title))
    assert [i.title for i in final] == SEED_TITLES
    assert [i.filename for i in final] == SEED_FILES
    assert [i.number for i in final] == list(range(1, 10))
    assert [i.title for i in proposed] == SEED_PROPOSAL  # inputs untouched


def deps_issues() -> list[Issue]:
    issues = make_issues(["Add A service", "Add B service", "Add C service", "Add D service"])
    # 2 -> 1, 3 -> 2, 4 -> 1 and 3
    return [
        i.model_copy(update={"depends_on": d}) for i, d in zip(issues, [[], [1], [2], [1, 3]], strict=True)
    ]


def test_operations_never_mutate_their_input() -> None:
    issues = deps_issues()
    before = [i.model_dump() for i in issues]
    for new in (
        add_issue(issues, "Add E", 2),
        remove_issue(issues, 2),
        rename_issue(issues, 1, "Add Z"),
        move_issue(issues, 1, 2),
        split_issue(issues, 2, "Add B1", "Add B2"),
        merge_issues(issues, 1, 2),
        set_depends_on(issues, 4, [2]),
    ):
        assert all(n is not o for n in new for o in issues)
    assert [i.model_dump() for i in issues] == before


def test_add_renumbers_and_remaps() -> None:
    new = add_issue(deps_issues(), "Add E service", after=1)
    assert [i.title for i in new][:3] == ["Add A service", "Add E service", "Add B service"]
    assert {i.title: i.depends_on for i in new} == {
        "Add A service": [],
        "Add E service": [],
        "Add B service": [1],
        "Add C service": [3],
        "Add D service": [1, 4],
    }
    assert add_issue(deps_issues(), "Add first", after=0)[0].title == "Add first"
    assert add_issue(deps_issues(), "Add last")[-1].title == "Add last"


def test_remove_drops_the_dependency() -> None:
    new = remove_issue(deps_issues(), 2)
    assert {i.title: i.depends_on for i in new} == {
        "Add A service": [],
        "Add C service": [],
        "Add D service": [1, 2],
    }
    assert [i.number for i in new] == [1, 2, 3]


def test_rename_reslugs_unless_published() -> None:
    issues = deps_issues()
    assert rename_issue(issues, 2, "Add queue worker")[1].slug == "queue-worker"
    published = [issues[0], issues[1].model_copy(update={"github_issue": 302}), *issues[2:]]
    renamed = rename_issue(published, 2, "Add queue worker")[1]
    assert (renamed.title, renamed.slug, renamed.github_issue) == ("Add queue worker", "b-service", 302)


def test_move_is_clamped_and_remaps() -> None:
    new = move_issue(deps_issues(), 1, 10)
    assert [i.title[4] for i in new] == ["B", "C", "D", "A"]
    assert {i.title[4]: i.depends_on for i in new} == {"A": [], "B": [4], "C": [1], "D": [2, 4]}
    assert [i.title[4] for i in move_issue(deps_issues(), 3, -1)] == ["A", "C", "B", "D"]
    assert [i.title[4] for i in move_issue(deps_issues(), 1, -5)] == ["A", "B", "C", "D"]


def test_split_carries_dependencies_and_fields() -> None:
    issues = deps_issues()
    issues[1] = issues[1].model_copy(
        update={"phase": 2, "labels": ["backend"], "acceptance": ["works"], "github_issue": 302}
    )
    new = split_issue(issues, 2, "Add B1 service", "Add B2 service")
    by = {i.title: i for i in new}
    first, second = by["Add B1 service"], by["Add B2 service"]
    assert (first.number, second.number) == (2, 3)
    assert first.depends_on == [1] and second.depends_on == [2]
    assert by["Add C service"].depends_on == [3]  # dependents follow the second part
    assert first.github_issue == 302 and second.github_issue is None
    assert first.slug == "b-service"  # published: keeps its file name
    assert second.phase == 2 and second.labels == ["backend"] and second.acceptance == []


def test_merge_unites() -> None:
    issues = deps_issues()
    issues[2] = issues[2].model_copy(update={"acceptance": ["c ok"], "notes": "C notes", "phase": 1})
    issues[1] = issues[1].model_copy(update={"acceptance": ["b ok"], "notes": "B notes", "phase": 2})
    new = merge_issues(issues, 2, 3)
    assert [i.title for i in new] == ["Add A service", "Add B service and C service", "Add D service"]
    merged = new[1]
    assert merged.acceptance == ["b ok", "c ok"] and merged.notes == "B notes\n\nC notes"
    assert merged.depends_on == [1] and merged.phase == 1
    assert new[2].depends_on == [1, 2]
    with pytest.raises(ValueError, match="itself"):
        merge_issues(issues, 2, 2)


def test_unknown_numbers_and_empty_titles_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="no issue #9"):
        remove_issue(deps_issues(), 9)
    with pytest.raises(ValueError, match="empty"):
        rename_issue(deps_issues(), 1, "   ")


def test_set_depends_on_replaces_sorts_and_keeps_the_rest() -> None:
    issues = deps_issues()
    new = set_depends_on(issues, 4, [3, 2, 3])
    assert [i.depends_on for i in new] == [[], [1], [2], [2, 3]]
    assert [(i.title, i.slug, i.number) for i in new] == [(i.title, i.slug, i.number) for i in issues]
    assert set_depends_on(issues, 2, [])[1].depends_on == []
    assert set_depends_on(issues, 3, [1])[2].depends_on == [1]  # the old list is replaced, not extended


@pytest.mark.parametrize(("number", "deps", "message"), [
    (2, [2], "#2 cannot depend on itself"),
    (2, [9], "no issue #9"),
    (1, [2], r"#2 already depends on #1: that would be a cycle \(#1 → #2 → #1\)"),
    (1, [3], r"cycle \(#1 → #3 → #2 → #1\)"),
    (7, [1], "no issue #7"),
])
def test_set_depends_on_refuses_self_unknown_and_cycles(number: int, deps: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        set_depends_on(deps_issues(), number, deps)


def test_suggest_split_variants() -> None:
    assert suggest_split("Add TimescaleDB schema and migrations") == (
        "Add TimescaleDB schema",
        "Add TimescaleDB migrations",
    )
    assert suggest_split("Add endpoint + rate limiting") == ("Add endpoint", "Add rate limiting")
    assert suggest_split("Add storage service") == (
        "Add storage service (part 1)",
        "Add storage service (part 2)",
    )


# -- invariants under any sequence of edits -------------------------------------------------------------
_TITLE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
)
_OP = st.tuples(
    st.sampled_from(["add", "remove", "rename", "move", "split", "merge"]),
    st.integers(0, 20),
    st.integers(0, 20),
    _TITLE,
    _TITLE,
)


def _apply(issues: list[Issue], op: tuple[str, int, int, str, str]) -> list[Issue]:
    kind, a, b, t1, t2 = op
    n = len(issues)
    if not t1.strip() or not t2.strip():
        return issues
    if kind == "add":
        return add_issue(issues, t1, after=(a % (n + 1)) if n else None)
    if n == 0:
        return issues
    x, y = a % n + 1, b % n + 1
    if kind == "remove":
        return remove_issue(issues, x)
    if kind == "rename":
        return rename_issue(issues, x, t1)
    if kind == "move":
        return move_issue(issues, x, b - 10)
    if kind == "split":
        return split_issue(issues, x, t1, t2)
    return merge_issues(issues, x, y) if x != y else issues


@settings(max_examples=150, deadline=None)
@given(st.lists(_OP, max_size=12))
def test_edit_sequences_keep_numbers_slugs_and_dependencies_consistent(ops: list) -> None:
    issues = deps_issues()
    for op in ops:
        issues = _apply(issues, op)
        numbers = [i.number for i in issues]
        assert numbers == list(range(1, len(issues) + 1))
        slugs = [i.slug for i in issues]
        assert len(set(slugs)) == len(slugs)
        assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) for s in slugs)
        for issue in issues:
            assert issue.number not in issue.depends_on
            assert set(issue.depends_on) <= set(numbers)
            assert issue.depends_on == sorted(set(issue.depends_on))


# -- issue 9: the proposer reads the spec --------------------------------------------------------------------
def test_components_are_titled_by_their_use() -> None:
    titles = propose_from_spec(session_with(
        title="Lake",
        architecture="A compactor job merges small files every night into Parquet. "
        "An admin API cancels orders.",
    ))
    assert "Add nightly file compactor job" in titles
    assert "Add order cancellation admin API" in titles
    assert_plausible(titles)


def test_a_technology_is_named_by_its_use_and_every_model_is_kept() -> None:
    titles = propose_from_spec(session_with(
        title="Shop",
        architecture="A scheduler sends reminders every morning. Redis is used only for distributed locks.",
        data_models="Order with id, total; refund with amount; ShipmentEvent with carrier.",
        technology="Redis 7 for locks.",
    ))
    assert "Add Order, refund and ShipmentEvent data models" in titles
    assert "Add Redis distributed locks" in titles
    assert not any("caching" in t for t in titles), titles
    assert any("scheduler" in t for t in titles), titles


def test_out_of_scope_and_success_metrics_steer_cross_cutting_issues() -> None:
    titles = propose_from_spec(session_with(
        title="Search",
        success="p95 search latency under 150 ms in a load test",
        architecture="A search endpoint takes a query and returns products. A React dashboard shows results.",
    ))
    assert "Add search load test" in titles and "Add metrics endpoint" not in titles
    session = session_with(title="Search", architecture="A search endpoint takes a query. A React dashboard "
                           "shows results.")
    session.epic.out_of_scope = "A React dashboard, image search."
    assert not any("dashboard" in t for t in propose_from_spec(session))


def test_thin_spec_falls_back_on_the_scope_items() -> None:
    titles = propose_from_spec(session_with(
        title="Flaky Test Quarantine", scope=["Flakiness score per test", "Weekly report to owners",
                                               "Automatic quarantine list"],
        architecture="A service that reads CI results.",
    ))
    scope = {"Add flakiness score per test", "Add weekly report to owners", "Add automatic quarantine list"}
    assert scope <= set(titles), titles
    assert titles[-1] == TESTS


TESTS = "Add integration tests"


def test_propose_gives_sources_dependencies_drafts_and_phases() -> None:
    from milestone_tui.core import planning
    from milestone_tui.core.breakdown.propose import propose

    proposal = propose(seed_session())
    assert proposal.titles == SEED_PROPOSAL
    for number, issue in enumerate(proposal.issues, 1):
        assert all(d < number for d in issue.depends_on)  # only earlier issues: never a cycle
        assert issue.source and issue.acceptance
    by_title = {i.title: i for i in proposal.issues}
    assert by_title["Add Kafka consumer and storage service"].depends_on == (3, 4)  # producer, store
    models = by_title["Add DetectionEvent schema and validation"].acceptance
    fields = "timestamp, location, sensor_id, detection_type, confidence and raw_payload"
    assert models[0] == f"DetectionEvent has {fields}"
    assert any("async" in c for c in models)  # the tradeoff decision that constrains it
    assert "99.9% uptime" in by_title["Add health check and metrics endpoints"].acceptance
    assert proposal.issues[-1].depends_on == tuple(range(1, 7))
    issues = proposal.to_issues()
    assert [i.filename for i in issues][:2] == ["01-ingest-endpoint.md", "02-schema-validation.md"]
    _, assignment = planning.parse_phase_answer(proposal.phases_answer, issues)
    assert proposal.phases_answer.startswith("Phase 1: ingest HTTP endpoint + DetectionEvent schema")
    assert assignment == {1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 4, 7: 5}
    assert propose(seed_session()) == proposal  # deterministic


def test_endpoint_method_and_status_are_drafted() -> None:
    from milestone_tui.core.breakdown.propose import propose

    proposal = propose(session_with(title="Billing", architecture="A refund API takes POST /refunds and "
                                    "returns 202. It issues refunds through Stripe."))
    criteria = [c for i in proposal.issues for c in i.acceptance]
    assert "POST /refunds" in criteria and "Returns 202" in criteria


def test_grammar_finds_components_a_role_noun_list_would_miss() -> None:
    """Subjects of actions, unnamed doers, agentless passives and agent nouns over a technology (round 2)."""
    titles = propose_from_spec(session_with(
        title="Sync",
        architecture="The outbox replays queued changes. Something has to run every check of a suite. "
        "Failed runs are retried with exponential backoff. A presence tracker keeps who is online in Redis. "
        "Stock levels are overwritten every hour from the warehouse system's CSV export. The order exists.",
        technology="Redis 7",
    ))
    assert titles == [
        "Add warehouse system CSV import",
        "Add change replaying outbox",
        "Add check runner",
        "Add failed run retrying with exponential backoff",
        "Add presence tracker",
        "Add integration tests",
    ]
    # a bare database next to data models is their storage; "authorised" is not authentication
    plain = propose_from_spec(session_with(title="Pay", architecture="Payment is then authorised with the "
                                           "provider.", data_models="Order with id", technology="PostgreSQL"))
    assert not any("PostgreSQL" in t or "authentication" in t for t in plain), plain
