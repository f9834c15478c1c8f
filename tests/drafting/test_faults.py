"""Drafting against the fake OpenAI-compatible server over real HTTP: a good reply streamed and plain, and
every fault ending in the rules' proposal with one line why (never a traceback, a hang, or the key)."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from milestone_tui.core import defaults
from milestone_tui.core.drafting import draft
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.model import Session
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.drafting.conftest import KEY
from tests.support.fake_openai import Answer, FakeOpenAI, reply_json

pytest.importorskip("openai")

GOOD = reply_json([{"title": "Add ingest endpoint", "summary": "HTTP in"},
                   {"title": "Add event store", "depends_on": [1], "acceptance": ["Stores 1000 events/s"]},
                   {"title": "Add integration tests", "depends_on": [1, 2]}],
                  [{"name": "Intake", "issues": [1]}, {"name": "Storage", "issues": [2, 3]}],
                  [{"text": "fast ingestion", "suggestion": "p99 under 100 ms at 1000 events/s"}])


def _session() -> Session:
    session = Session(milestone_id="m5", roadmap=RoadmapMilestone(
        id="M5", title="Detection Ingest Pipeline", scope=["Real-time ingestion", "validation", "storage"]))
    session.epic.success = "Fast ingestion; 1000 events/sec"
    session.spec.architecture = ("HTTP endpoint receives events, queues to Kafka, consumer writes to "
                                 "TimescaleDB.")
    return session


def _rules_fallback(outcome: draft.Outcome, words: str) -> None:
    assert outcome.draft is None
    assert words in outcome.notice, outcome.notice
    assert "\n" not in outcome.notice and KEY not in outcome.notice and "Traceback" not in outcome.notice
    assert outcome.notice.endswith("the rules propose the breakdown.")


@pytest.mark.parametrize("stream", [True, False])
def test_a_good_reply_becomes_the_proposal(fake: FakeOpenAI, config: ModelConfig, stream: bool) -> None:
    fake.answers = [Answer(GOOD)]
    session = _session()
    seen: list[str] = []
    outcome = draft.draft(session, config, on_text=seen.append, stream=stream)
    assert outcome.draft is not None, outcome.notice
    draft.apply(session, outcome)
    assert defaults.propose_titles(session) == ["Add ingest endpoint", "Add event store",
                                                "Add integration tests"]
    assert defaults.proposed_by(session) == "tiny-test"
    assert session.draft is not None and session.draft.host == config.host
    assert session.draft.prompt_hash.startswith("sha256:")
    assert [r.text for r in session.draft.review] == ["fast ingestion"]
    assert KEY not in session.model_dump_json()
    sent = fake.requests[0]
    assert (sent["temperature"], sent["seed"], sent["model"]) == (0, 7, "tiny-test")
    assert sent["response_format"]["type"] == "json_schema"
    assert sent.get("stream", False) is stream
    assert fake.headers[0]["authorization"] == f"Bearer {KEY}"  # the key goes only where it belongs
    if stream:
        assert len(seen) > 3 and seen[-1] == GOOD  # the text arrived piece by piece


def test_json_mode_when_the_endpoint_takes_no_schema(fake: FakeOpenAI, config: ModelConfig) -> None:
    fake.answers = [Answer(GOOD, no_schema=True)]
    outcome = draft.draft(_session(), config)
    assert outcome.draft is not None, outcome.notice
    assert [r["response_format"]["type"] for r in fake.requests] == ["json_schema", "json_object"]


def test_an_invalid_reply_gets_one_repair_request(fake: FakeOpenAI, config: ModelConfig) -> None:
    fake.answers = [Answer('{"issues": [{"summary": "no title"}]}'), Answer(GOOD)]
    outcome = draft.draft(_session(), config)
    assert outcome.draft is not None, outcome.notice
    repair = fake.requests[1]["messages"][-1]["content"]
    assert "invalid" in repair and "title" in repair


@pytest.mark.parametrize("answer, words", [
    (Answer(status=401), "refused the key (401)"),
    (Answer(status=403), "(403)"),
    (Answer(status=404), "does not know this model (404)"),
    (Answer(status=500), "the endpoint failed (500)"),
    (Answer(status=503), "the endpoint failed (503)"),
    (Answer(status=429, headers={"retry-after": "3600"}), "rate limited (429): retry after 3600 s"),
    (Answer("{not json at all"), "does not fit the format"),
    (Answer('{"issues": [{"title": "Add a", "depends_on": "x"}]}'), "does not fit the format"),
    (Answer(GOOD[:40], raw=b"{broken"), "not valid JSON"),
    (Answer(GOOD * 0 + reply_json([{"title": f"Add thing number {n}", "summary": "x" * 150}
                                   for n in range(300)])), "far longer than asked"),
])
def test_each_fault_ends_in_the_rules(fake: FakeOpenAI, config: ModelConfig, answer: Answer,
                                      words: str) -> None:
    fake.answers = [answer]
    session = _session()
    outcome = draft.draft(session, config)
    _rules_fallback(outcome, words)
    draft.apply(session, outcome)
    assert defaults.proposed_by(session) == "rules"
    assert defaults.propose_titles(session) == defaults.rules_proposal(session).titles


def test_a_stalled_stream_times_out(fake: FakeOpenAI, config: ModelConfig) -> None:
    fake.answers = [Answer(GOOD, stall_after=3)]
    started = time.monotonic()
    _rules_fallback(draft.draft(_session(), config), "stalled")
    assert time.monotonic() - started < 10


def test_connection_refused(config: ModelConfig) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = ModelConfig("tiny", f"http://127.0.0.1:{port}/v1", api_key=KEY, timeout=1)
    _rules_fallback(draft.draft(_session(), refused), "cannot reach the endpoint")


def test_429_with_a_short_retry_after_is_waited_out(fake: FakeOpenAI, config: ModelConfig) -> None:
    fake.answers = [Answer(status=429, headers={"retry-after": "0.2"}), Answer(GOOD)]
    outcome = draft.draft(_session(), config)
    assert outcome.draft is not None, outcome.notice
    assert len(fake.requests) == 2


def test_waiting_out_a_429_can_be_cancelled(fake: FakeOpenAI, config: ModelConfig) -> None:
    fake.answers = [Answer(status=429, headers={"retry-after": "15"})]
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    outcome = draft.draft(_session(), config, cancel=cancel)
    assert outcome.cancelled and outcome.draft is None and time.monotonic() - started < 5


def test_a_failed_draft_leaves_no_half_applied_draft(fake: FakeOpenAI, config: ModelConfig) -> None:
    fake.answers = [Answer(GOOD)]
    session = _session()
    draft.apply(session, draft.draft(session, config))
    assert session.draft is not None
    fake.answers = [Answer(status=500)]
    draft.apply(session, draft.draft(session, config))
    assert session.draft is None and defaults.proposed_by(session) == "rules"
