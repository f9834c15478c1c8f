"""Issue titles for the components the clause reader found, in the spec's own words.

"a compactor job merges small files every night" -> ``Add nightly file compactor job`` (the agent noun names
the action, so only the object and the frequency are added); "an admin API cancels orders" -> ``Add order
cancellation admin API`` (a role noun says nothing of the action, so its verb is named; one issue per
distinct action). Light verbs (takes, receives, keeps...) add nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown.nouns import Component, agentive
from milestone_tui.core.breakdown.phrases import Use

PROTOCOL_WORDS = {"http", "https", "rest", "graphql", "grpc", "api", "json", "web", "public", "internal"}
_ACTION_HEADS = {"api", "endpoint", "service", "command", "bridge", "gateway", "server", "cli", "watchdog"}


_HOW = {"with", "into", "through", "via"}
_FREQUENT = {"nightly", "daily", "weekly", "hourly", "monthly"}


def lower_word(word: str) -> str:
    """Lower-case an ordinary word but keep acronyms and type names (``API``, ``TimescaleDB``)."""
    return word.lower() if word[:1].isupper() and word[1:].islower() or word.islower() else word


def lower_phrase(text: str) -> str:
    """Each word of a phrase lower-cased as ``lower_word`` does: ``Server-sent events`` -> ``server-sent
    events``, ``Amazon SES`` -> ``amazon SES``."""
    return " ".join(lower_word(w) for w in text.split())


def _np(comp: Component) -> list[str]:
    words = [w for w in comp.words if w.lower() not in g.ADJECTIVES]
    front = [w for w in words[:-1] if g.adjective(w) and w.islower()]  # "React Native" is a name
    rest = [w for w in words if w not in front]
    return [*comp.owner, *front, *([comp.name] if comp.name else []), *rest]


def _object(use: Use, np: list[str]) -> list[str]:
    """The object's last one or two naming words, singular (``small files`` -> ``file``)."""
    taken = {w.lower() for w in np}
    words = [w for w in use.obj if not g.adjective(w) and not w[:1].isdigit() and w.lower() not in taken
             and not (w.islower() and w.endswith("ed"))
             and w.lower() not in {"back", "weekly", "nightly", "daily"} and w.lower() not in g.PARTICLES]
    words = words[-2:]
    if words:
        words[-1] = g.singular(words[-1])
    return [lower_word(w) for w in words]


def _own_clause(comp: Component) -> str:
    """The clause of the component's sentence that names it: "every night" of another clause (``a nightly
    job recomputes X, and a feed pushes Y``) is not its frequency."""
    parts = re.split(r",\s*(?:and|while|but|so|whereas)\s+|;\s*", comp.sentence)
    head = comp.words[-1] if comp.words else comp.head
    return next((p for p in parts if re.search(rf"\b{re.escape(head)}", p, re.IGNORECASE)), comp.sentence)


def is_protocol_endpoint(comp: Component) -> bool:
    """``HTTP endpoint``, ``a REST API``: an entry point named only by its protocol."""
    return comp.head in {"api", "endpoint"} and all(w.lower() in PROTOCOL_WORDS for w in comp.words[:-1])


def titles(comp: Component, carried: Callable[[Use], bool]) -> list[str]:
    """One title per action of the component (usually one)."""
    np = _np(comp)
    said = _own_clause(comp)
    freq = [g.frequency(said)] if g.frequency(said) else []
    uses = [u for u in comp.uses if not carried(u)]
    heavy = [u for u in uses if not u.light]
    named = bool(comp.name) or any(agentive(w) for w in comp.words)

    def make(*parts: list[str]) -> str:
        words = [w for part in parts for w in part]
        return "Add " + " ".join(dict.fromkeys(words))

    if comp.behaviour and comp.uses[0].verb == "output":  # "results are written as JSON and as Markdown"
        subject = [g.singular(lower_word(w)) for w in np]
        return [make(freq, comp.uses[0].obj, subject, ["output"])]
    if comp.behaviour:  # "failed runs are retried with exponential backoff"
        use = comp.uses[0]
        link = use.obj[0] if use.obj and use.obj[0] in _HOW else "with"
        how = [w for w in use.obj[1:] if w.lower() not in g.ADJECTIVES][-3:] if use.obj and (
            use.obj[0] in _HOW) else [w for w in use.obj if w.lower() not in g.ADJECTIVES][-3:]
        subject = [g.singular(lower_word(w)) if n == len(np) - 1 else lower_word(w) for n, w in enumerate(np)]
        # "it is loaded and validated" -> "loading and validation"
        acts = " and ".join(dict.fromkeys(g.nominal(u.verb, u.particle) for u in comp.uses)).split()
        return [make(freq, subject, acts, [link, *how] if how else [])]
    if named:
        if comp.name:
            return [make(np)]
        with_obj = next((u for u in heavy if _object(u, np)), None) or (
            next((u for u in uses if _object(u, np)), None) if len(np) == 1 else None)
        return [make(freq, _object(with_obj, np) if with_obj else [], np)]
    # A role noun says nothing of what it does: name the action, for an API each of them; for another role
    # noun the one done by it ("each line is parsed by the pipeline") or, when its only modifier is the
    # technology it runs on ("a Spark job counts co-purchases"), its first ("the kiosk app" says what it is).
    bare = [w for w in np if w.lower() not in _FREQUENT]  # "a nightly job": the job alone
    by = [u for u in heavy if u.by and _object(u, np)]
    named_by_tool = len(bare) > 1 and all(w[:1].isupper() for w in bare[:-1])
    first = [u for u in heavy if _object(u, np)][:1] if named_by_tool else []
    actions = [u for u in heavy if _object(u, np)] if comp.head in _ACTION_HEADS or comp.subject else (
        by or first)
    if comp.head not in _ACTION_HEADS:
        actions = actions[:1]  # a page or an outbox is one thing, whatever it does; an API's actions are many
    if len(actions) >= 2 or (len(actions) == 1 and len(np) <= 2):
        return [make(freq, _object(u, np), [g.nominal(u.verb, u.particle)], np) for u in actions]
    light = next((u for u in uses if _object(u, np)), None) if len(bare) == 1 else None
    return [make(freq, _object(light, np) if light else [], np)]
