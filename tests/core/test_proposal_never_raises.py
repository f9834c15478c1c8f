"""The proposer reads whatever a planner types: odd spec answers give a proposal, never an exception.

A crash here is a traceback in the TUI's breakdown screen and in every headless run, so the answers are
generated: sentences of spec-like words, bullets, colons, parentheses and clauses that start with a
preposition ("Postgres, for now." once crashed it with an IndexError).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone

WORDS = ("a", "an", "the", "it", "they", "we", "will", "must", "should", "is", "are", "be", "for", "over",
         "rather", "than", "with", "into", "from", "by", "of", "and", "or", "not", "before", "after", "when",
         "each", "every", "none", "service", "worker", "job", "endpoint", "API", "command", "scheduler",
         "matcher", "store", "queue", "index", "cache", "report", "Postgres", "Redis", "Kafka", "S3",
         "SQLite", "gRPC", "REST", "OrderLine", "order_line", "Invoice", "sends", "reads", "writes",
         "stores", "merges", "retries", "expired", "signed", "nightly", "every", "night", "10", "ms", "p95",
         "99.9%", "x", "-", "--", "'s", "e.g.", "i.e.", "etc", "(", ")", ":", ";", ",", ".", "/", "*", "`",
         "{", "}", "[", "]", "\u00e9t\u00e9", "\u6771\u4eac")
SEPARATORS = (" ", " ", " ", ", ", ". ", "; ", ": ", "\n", "\n- ", "\n* ", "\n1. ", " (", ") ")

text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(word + sep for word, sep in pairs))


@settings(max_examples=200, deadline=None)
@given(architecture=text, data_models=text, tradeoffs=text, technology=text, success=text,
       out_of_scope=text, scope=st.lists(text, max_size=4))
def test_any_spec_answers_give_a_proposal(architecture: str, data_models: str, tradeoffs: str,
                                          technology: str, success: str, out_of_scope: str,
                                          scope: list[str]) -> None:
    session = Session(milestone_id="m1",
                      roadmap=RoadmapMilestone(id="M1", title="Widget Platform", scope=scope),
                      epic=EpicAnswers(success=success, out_of_scope=out_of_scope),
                      spec=SpecAnswers(architecture=architecture, data_models=data_models,
                                       tradeoffs=tradeoffs, technology=technology))
    titles = propose_from_spec(session)
    assert titles and all(t.strip() for t in titles)
    assert len(titles) == len(set(titles))
