"""The roadmap's scope items against the spec's issues: each deliverable needs an issue of its own (a
one-to-one matching, not "some sentence mentions it"), and the roadmap's words name work that a vocabulary
kind only guessed at."""

from __future__ import annotations

from tests.core.proposal_support import scoped


def test_one_sentence_that_mentions_two_deliverables_covers_one() -> None:
    proposed = scoped(["Card charging", "Receipt emails", "Dunning"],
                      "A billing worker charges the card and emails the receipt every night. Failed charges "
                      "are retried by a dunning job.")
    assert proposed[0] == "Add nightly card billing worker"
    assert "Add receipt emails" in proposed  # not folded into the worker because its sentence says "emails"


def test_a_title_keeps_its_own_deliverable_when_another_could_only_be_covered_by_its_sentence() -> None:
    proposed = scoped(["Card charging", "Receipt emails"],
                      "A billing worker charges the card and emails the receipt every night.")
    assert "Add card charging" not in proposed  # the worker's title names the card: that one is its own


def test_a_vocabulary_title_takes_the_roadmaps_words_for_the_same_work() -> None:
    proposed = scoped(["Forum threads", "Reply alert emails"], "A thread API lists and creates threads. "
                      "Members get an email when a thread they follow is answered.")
    assert "Add reply alert emails" in proposed
    assert "Add email notifications" not in proposed


def test_the_models_issues_own_words_cover_no_deliverable() -> None:
    proposed = scoped(["Signature validation", "Webhook delivery"],
                      "A dispatcher posts each event to the subscriber URL.",
                      data_models="Subscription with url, secret (validated)")
    assert proposed[0] == "Add Subscription schema and validation"
    assert "Add signature validation" in proposed


def test_the_matching_extends_a_start_and_keeps_its_lefts_paired() -> None:
    from milestone_tui.core.breakdown.matching import max_matching

    edges = {0: [0], 1: [0, 1], 2: [1]}
    assert max_matching(edges) == {0: 0, 1: 1}  # 2 can't be paired: 0 and 1 hold both rights
    assert max_matching({0: [0], 1: [0], 2: [1]}, {1: 0}) == {1: 0, 2: 1}  # 1 keeps its start: 0 can't pair
    extended = max_matching(edges, {1: 0})
    assert 1 in extended and len(extended) == 2  # 1 stays paired (to another right, so 0 can pair too)
