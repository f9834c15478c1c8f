"""A maximum one-to-one (bipartite) matching by augmenting paths.

The proposer pairs the roadmap's scope items with the proposed issues (each deliverable needs an issue of its
own), and the proposal bench pairs proposed titles with a planner's reference issues; both need the largest
pairing, never first come, first served.
"""

from __future__ import annotations


def max_matching(edges: dict[int, list[int]], start: dict[int, int] | None = None) -> dict[int, int]:
    """Left index -> right index, as many pairs as there can be; ``edges`` lists each left's candidates in the
    order to try them. From ``start`` (a matching to extend), every left it pairs stays paired, perhaps to
    another right."""
    owner = {right: left for left, right in (start or {}).items()}  # right -> left

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, []):
            if right not in seen:
                seen.add(right)
                if right not in owner or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    for left in sorted(edges):
        if left not in (start or {}):
            augment(left, set())
    return {left: right for right, left in owner.items()}
