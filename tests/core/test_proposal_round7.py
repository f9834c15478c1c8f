"""The proposer's round-7 rules (issue 9): a generic issue is dropped next to the specific issue that already
is it, and titles stay noun phrases a planner keeps. Each rule is checked on sentences of its own from at
least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from tests.core.proposal_support import titles


# -- a bare caching layer next to an issue that already is the cache ----------------------------------------
def test_the_bare_caching_layer_goes_when_another_issue_already_is_the_cache() -> None:
    found = titles("A quote service prices each trip from cached fares.",
                   data_models="FareCacheEntry with route, fare and expiry.")
    assert found == ["Add FareCacheEntry data model", "Add trip pricing quote service"], found
    found = titles("A tile server renders map tiles from cached styles.",
                   data_models="Tile with zoom, x, y; Cache entry with key and expiry.")
    assert "Add caching layer" not in found, found
    # a component that caches is the cache too
    found = titles("A quote service prices each trip from cached fares, and a fare store caches the fares of "
                   "each route.")
    assert found == ["Add trip pricing quote service", "Add fare caching store"], found


def test_the_bare_caching_layer_stays_when_nothing_else_is_the_cache() -> None:
    found = titles("A quote service prices each trip from cached fares.")
    assert "Add caching layer" in found, found
    found = titles("A tile server renders map tiles from cached styles.",
                   data_models="Tile with zoom, x, y; Style with name and rules.")
    assert "Add caching layer" in found, found


# -- an -ing word before a determiner opens a reduced relative, not a compound ------------------------------
def test_a_participle_before_a_determiner_ends_the_object() -> None:
    found = titles("We will archive the invoices matching the retention rules every night.")
    assert found == ["Add nightly invoice archiving"], found
    found = titles("We will bill the tenants renting a parking space each month.")
    assert found == ["Add monthly tenant billing"], found


def test_a_gerund_before_a_noun_stays_in_the_compound() -> None:
    found = titles("We will archive the billing records every night.")
    assert found == ["Add nightly billing record archiving"], found


# -- an everyday verb whose action noun is not its -ing form ------------------------------------------------
def test_a_verb_with_its_own_action_noun_is_named_by_it() -> None:
    found = titles("A ferry booking service sells crossings.", users="Passengers and crew.",
                   tradeoffs="Some passengers book late, so the purser needs a way to choose a cabin on a "
                             "passenger's behalf.")
    assert "Add cabin choice" in found, found
    found = titles("A clinic portal shows results.", users="Nurses and patients.",
                   tradeoffs="Some patients have no phone, so the nurse needs a way to enter a reading on a "
                             "patient's behalf.")
    assert "Add nurse reading entry" in found, found


def test_a_verb_without_one_keeps_its_gerund() -> None:
    found = titles("A ferry booking service sells crossings.", users="Passengers and crew.",
                   tradeoffs="Some passengers book late, so the purser needs a way to print a boarding pass "
                             "on a passenger's behalf.")
    assert "Add boarding pass printing" in found, found
