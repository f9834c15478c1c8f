"""Proposed dependencies from the data flow, and proposed phases from their layers.

An issue depends only on issues before it, so the proposal never has a cycle: the data models come first and
everything that handles them depends on them; a consumer depends on its producer; whatever writes to or
reads from a store depends on the store's schema (an API after its store); a component depends on an
earlier component its sentence names; cross-cutting issues depend on what they measure; the tests on all.
Phases are the dependency layers, written in the seed's free-text form (``Phase 1: ingest HTTP endpoint +
DetectionEvent schema and validation. Phase 2: ...``) that ``planning.parse_phase_answer`` reads back.
"""

from __future__ import annotations

import re

from milestone_tui.core import planning
from milestone_tui.core.breakdown.edits import make_issues
from milestone_tui.core.breakdown.kinds import Item


def _stems(text: str) -> set[str]:
    return {w.lower()[:6] for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", text) if len(w) > 2}


def _mentions(text: str, words: set[str]) -> bool:
    stems = _stems(text)
    return any(w.lower()[:6] in stems for w in words if len(w) > 2)


def dependencies(items: list[Item]) -> list[list[int]]:
    """For each item, the 1-based numbers of the earlier items it depends on."""
    out: list[list[int]] = []
    models = next((n for n, i in enumerate(items) if i.kind == "models"), None)
    for n, item in enumerate(items):
        deps: set[int] = set()
        earlier = list(enumerate(items[:n]))
        if item.kind == "tests":
            deps = {m for m, _ in earlier}
        elif item.kind == "ops":
            measured = {
                m
                for m, other in earlier
                if other.kind not in {"models", "ops"} and _stems(item.title) & _stems(other.title) - {"add"}
            }
            deps = measured or {
                m for m, other in earlier if other.kind in {"endpoint", "component", "consumer"}
            }
        else:
            if (
                models is not None
                and models < n
                and (
                    _mentions(item.source, item_words(items[models]))
                    or item.kind in {"component", "endpoint", "db"}
                )
            ):
                deps.add(models)
            for m, other in earlier:
                if other.kind == "producer" and item.kind == "consumer" and other.tech == item.tech:
                    deps.add(m)
                elif (
                    other.kind in {"db", "search", "files", "cache"}
                    and other.tech
                    and (
                        item.kind in {"component", "consumer", "endpoint"}
                        and _mentions(item.source, {other.tech})
                    )
                ):
                    deps.add(m)
                elif (
                    other.kind == "component"
                    and item.kind == "component"
                    and other.source != item.source
                    and (_mentions(item.source, other.words - {"the"}))
                ):
                    deps.add(m)
                elif other.kind == "endpoint" and item.kind == "producer":
                    deps.add(m)
        out.append(sorted(d + 1 for d in deps))
    return out


def item_words(item: Item) -> set[str]:
    return item.words or set(re.findall(r"[A-Za-z]+", item.title)) - {"Add"}


def layers(depends_on: list[list[int]]) -> list[int]:
    """Each issue's phase: one more than the latest phase it depends on (1 with no dependencies)."""
    phase: list[int] = []
    for deps in depends_on:
        phase.append(1 + max((phase[d - 1] for d in deps), default=0))
    return phase


def phases_answer(titles: list[str], depends_on: list[list[int]]) -> str:
    """The phases as the seed's free-text answer, which ``planning.parse_phase_answer`` parses back to the
    same assignment (item words when they do, issue numbers when words would be ambiguous)."""
    if not titles:
        return ""
    phase = layers(depends_on)
    issues = make_issues(titles)
    for by_number in (False, True):
        parts = []
        for p in range(1, max(phase) + 1):
            names = [
                f"#{n + 1}" if by_number else re.sub(r"^Add\s+", "", t)
                for n, t in enumerate(titles)
                if phase[n] == p
            ]
            parts.append(f"Phase {p}: " + " + ".join(names) + ".")
        text = " ".join(parts)
        _, assignment = planning.parse_phase_answer(text, issues)
        if assignment == {n + 1: phase[n] for n in range(len(titles))}:
            return text
    return text
