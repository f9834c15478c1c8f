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


def test_the_bare_caching_layer_stays_when_nothing_else_is_the_cache() -> None:
    found = titles("A quote service prices each trip from cached fares.")
    assert "Add caching layer" in found, found
    found = titles("A tile server renders map tiles from cached styles.",
                   data_models="Tile with zoom, x, y; Style with name and rules.")
    assert "Add caching layer" in found, found
