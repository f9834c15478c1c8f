"""A tradeoff that chooses one way of doing a thing over another ("<gerund ...> rather than <other>") names
that way as work of its own, unless an issue already carries the action."""

from __future__ import annotations

from tests.core.proposal_support import titles

ARCHITECTURE = "A catalogue API serves the listings."


def test_the_chosen_way_is_work_named_by_its_action_and_object() -> None:
    assert "Add upload batching" in titles(ARCHITECTURE, tradeoffs="Batching uploads rather than sending "
                                           "each file on its own: fewer requests.")
    assert "Add stream sampling" in titles(ARCHITECTURE, tradeoffs="Sampling from the stream instead of "
                                           "storing every event.")
    assert "Add polling" in titles(ARCHITECTURE, tradeoffs="Polling rather than push, because the devices "
                                   "sleep.")


def test_an_action_already_carried_or_said_only_by_how_is_no_new_issue() -> None:
    proposed = titles("A batcher batches uploads every minute.", tradeoffs="Batching uploads rather than "
                      "sending each file on its own.")
    assert [t for t in proposed if "batch" in t.lower()] == ["Add upload batcher"]
    assert titles(ARCHITECTURE, tradeoffs="Hashing locally against the last manifest rather than asking "
                  "the server.") == ["Add catalogue API"]


def test_a_way_chosen_over_another_way_of_doing_is_work() -> None:
    assert "Add websocket push" in titles(ARCHITECTURE, tradeoffs="Websocket push rather than polling, as "
                                          "the big screen would hammer the database.")
    assert "Add serve-stale" in titles(ARCHITECTURE, tradeoffs="Serve-stale for up to a day when upstream "
                                       "is down, rather than failing.")
    # a product chosen over a way of doing is how, not what: "PubGrub rather than backtracking"
    assert titles(ARCHITECTURE, tradeoffs="PubGrub rather than backtracking: slower to write.") == [
        "Add catalogue API"]


def test_a_chosen_way_another_issue_already_does_is_no_new_issue() -> None:
    assert titles("A fusion worker joins each detection with the weather and recomputes the risk score.",
                  tradeoffs="Recomputing per detection rather than batching every hour.") == [
        "Add detection fusion worker"]


def test_a_chosen_way_said_by_when_keeps_its_time() -> None:
    assert "Add escalation after 5 minutes" in titles(ARCHITECTURE, tradeoffs="Escalating after 5 minutes "
                                                      "rather than waiting for the morning shift.")
