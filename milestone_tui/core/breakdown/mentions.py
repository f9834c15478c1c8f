"""Mentions of components that are not a subject with its verb: what the spec says it builds (``we will
build a cleanup step that deletes old rows``), what a component is for (``a janitor to delete uploads``),
enumerations (``two backends, pandas and Spark``), and agent nouns that are no part of the system (``the
caller can raise on``, ``into an HLS ladder``).
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown.grammar import Token
from milestone_tui.core.breakdown.nouns import Component, is_head
from milestone_tui.core.breakdown.phrases import NUMBERS, Use, content, members, object_phrase, verb_phrases

_BUILD = {"build", "add", "write", "ship", "create", "introduce", "implement", "need", "provide", "deploy"}


def built(toks: list[Token], sentence: str, people: set[str]) -> list[Component]:
    """``we will build a cleanup step that deletes old rows``, ``there is a small tool that prunes
    branches``: what the spec says it builds and what that does, whatever its noun (a role or agent noun
    is read by ``components`` itself)."""
    out: list[Component] = []
    for n, t in enumerate(toks[:-3]):
        there = t.low == "there" and toks[n + 1].low in {"is", "are", "will"}
        if not (t.low in _BUILD and n and toks[n - 1].low in {"will", "we", "to", "must", "should", "also"}
                or there):
            continue
        k = n + (3 if there and toks[n + 1].low == "will" else 2 if there else 1)
        if k >= len(toks) or toks[k].low not in g.DETERMINERS:
            continue
        k += 1
        start = k
        while k < len(toks) and content(toks[k]) and not toks[k].code and not g.looks_like_verb(toks[k]):
            k += 1
        if k == start or k + 1 >= len(toks) or toks[k].low not in {"that", "which"}:
            continue
        head = toks[k - 1]
        if is_head(head, people) or not g.looks_like_verb(toks[k + 1]) or head.low in people:
            continue
        uses = verb_phrases(toks, k + 1)
        if uses and not all(u.light for u in uses):
            words = [x.bare for x in toks[start:k] if not g.adjective(x.text) or x is head]
            out.append(Component(words, g.singular(head.low), sentence, head.pos, uses=uses, subject=True))
    return out


def outsider(toks: list[Token], b: int, i: int) -> bool:
    """An agent noun that is no part of the system: in a contact clause after another noun (``one result
    the caller can raise on``), or the target of ``into`` / ``onto`` / ``than`` / ``per`` (``encoded into
    an HLS ladder``), unless a relative clause says what it does."""
    det = toks[b - 1].low if b > 0 else ""
    before = toks[b - 2] if b >= 2 and det in g.DETERMINERS else toks[b - 1] if b > 0 else None
    if before is None:
        return False
    relative = i + 1 < len(toks) and toks[i + 1].low in {"that", "which", "who"}
    contact = det in {"the", "a", "an"} and content(before) and not before.code and not before.punct and (
        not g.looks_like_verb(before)) and _gap(toks, i + 1)
    return not relative and (contact or before.low in {"into", "onto", "than", "per"})


def _gap(toks: list[Token], k: int) -> bool:
    """A verb with its object missing from ``k`` (``can raise on``, ``names``): a contact clause's verb, whose
    object is the noun before it (``the layout the page names``)."""
    while k < len(toks) and toks[k].low in g.MODALS | {"not", "then", "also"}:
        k += 1
    if k >= len(toks) or not toks[k].text.isalpha() or not toks[k].text.islower():
        return False
    k += 1
    if k < len(toks) and toks[k].low in g.PREPOSITIONS | g.PARTICLES:
        k += 1
    return k >= len(toks) or toks[k].text in {",", ";", ")"}


def purpose(toks: list[Token], k: int, agent: bool) -> list[Use]:
    """What a component is for when no verb follows it: ``a janitor to delete expired uploads`` (its
    action), ``an importer for the legacy dumps`` (an agent noun's object)."""
    verb = k + 1 < len(toks) and toks[k + 1].text.isalpha() and toks[k + 1].text.islower()
    if verb and toks[k].low == "to":
        return verb_phrases(toks, k + 1, base=True)
    if agent and k + 1 < len(toks) and toks[k].low == "for":
        obj, end = object_phrase(toks, k + 1)
        return [Use("serve", "", obj, " ".join(t.text for t in toks[k:end]))] if obj else []
    return []


def listing_head(toks: list[Token], people: set[str]) -> list[Token]:
    """``[number, plural head]`` when a sentence ends with them (``... has three commands``), for the list
    after its colon; else empty."""
    if len(toks) >= 2 and toks[-2].low in NUMBERS and is_head(toks[-1], people):
        return toks[-2:]
    return []


def enumerations(toks: list[Token], sentence: str, people: set[str], kinds: list[Token]) -> list[Component]:
    """``two backends, pandas and Spark``, ``three commands (deploy, rollback and status)``, or after a
    sentence ending in ``three commands:`` the names themselves: one component per name, with the head
    noun (``pandas backend``, ``Spark backend``). The plural head is not a component of its own."""
    out: list[Component] = []
    spots = [(0, kinds[0], kinds[1], 0)] if kinds and toks else []
    spots += [(n + 3, t, toks[n + 1], n + 1) for n, t in enumerate(toks[:-3])
              if t.low in NUMBERS and is_head(toks[n + 1], people) and toks[n + 2].text in {",", "("}]
    for at, number, head, head_at in spots:
        found = members(toks, at, NUMBERS[number.low])
        if found is None:
            continue
        names, end = found
        singular = g.singular(head.bare)
        for name in names:
            comp = Component([name.bare, singular], g.singular(head.low), sentence, name.pos,
                             name=name.bare if name.code else "")
            comp.mentions_at = {head_at, *range(at, end)} if at else set(range(at, end))
            out.append(comp)
    return out


WHOLE = {"system", "platform", "product", "application"}


def whole_does(toks: list[Token], sentence: str) -> list[Component]:
    """``The system will send a weekly digest to every subscriber``, ``we retry failed webhooks three
    times``: what the whole system (or "we") does is work of its own, named by its object and action
    (``Add weekly digest sending``), like an agentless passive."""
    if toks and toks[0].low == "we":
        k = 1
    elif len(toks) > 2 and toks[0].low == "the" and toks[1].low in WHOLE:
        k = 2
    else:
        return []
    out = []
    for use in verb_phrases(toks, k, base=True):
        obj = [w for w in use.obj if not g.adjective(w) or w[:1].isupper()]
        if use.light or use.verb in _BUILD | g.STORAGE_VERBS or not obj:
            continue
        act = Use(use.verb, use.particle, [], use.text)  # the object names it; no "with" phrase
        out.append(Component(obj[-2:], g.singular(obj[-1].lower()), sentence, toks[k].pos, uses=[act],
                             behaviour=True, subject=True))
    return out


# What asks for a way to do something: "needs a way to", "can", "is able to" (a person's subject only for the
# modals: "the checker can report each error" is the checker's own work).
_NEEDS = [("needs", "a", "way", "to"), ("need", "a", "way", "to"), ("needs", "some", "way", "to"),
          ("need", "some", "way", "to")]
_ABLE = [("can",), ("can", "also"), ("is", "able", "to"), ("are", "able", "to"), ("may", "also")]


def abilities(toks: list[Token], sentence: str, people: set[str], before: list[str]) -> list[Component]:
    """``the desk needs a way to enter a bid on a carrier's behalf``, ``the user can choose another one in
    settings``: what someone must be able to do is a feature of its own, named by who does it, its object
    and its action (``Add desk bid entering``). A modal counts only after one of the spec's users (the
    users answer); ``one`` stands for the head of the noun phrase before it (``the device language``)."""
    out: list[Component] = []
    for n in range(1, len(toks)):
        words = tuple(t.low for t in toks[n:n + 4])
        need = next((p for p in _NEEDS if words[:len(p)] == p), None)
        able = next((p for p in _ABLE if words[:len(p)] == p), None)
        subject = toks[n - 1]
        person = g.singular(subject.low) in people
        if need is None and (able is None or not person):
            continue
        k = n + len(need or able or ())
        if k >= len(toks) or not toks[k].text.isalpha() or not toks[k].text.islower():
            continue
        uses = verb_phrases(toks, k, base=True)[:1]
        if not uses or uses[0].light:
            continue
        use = uses[0]
        obj = list(use.obj)
        after = [t.low for t in toks[k + 1:k + 3]]
        if after[:2] in (["another", "one"], ["a", "different"]) or after[:1] == ["one"]:
            obj = before[-1:]  # "the user can choose another one": the language
        if not obj:
            continue
        who = [g.singular(subject.bare)] if person else []
        head = g.singular(obj[-1].lower())
        act = Use(use.verb, use.particle, [], use.text)
        out.append(Component([*who, *obj[-2:]], head, sentence, toks[k].pos, uses=[act], behaviour=True,
                             ability=True))
    return out


_WE_WILL = re.compile(r"\bwe\s+(?:will|shall|'ll|are going to)\s+(?:also\s+)?[a-z]+\s+"
                      r"(?:them\s+|us\s+|you\s+)?$")


def made(toks: list[Token], b: int, det: str, words: list[str]) -> bool:
    """What the spec says we make: ``our own renewal scheduler``, ``we will give them a dry-run command``
    (the noun phrase from ``b`` after ``we will <verb>``)."""
    if det == "our" and "own" in words:
        return len(words) > 2  # "our own job" names no part a title could carry: how one is built

    before = " ".join(t.low for t in toks[max(0, b - 6):max(b - 1, 0)])
    return det in {"a", "an"} and _WE_WILL.search(before + " ") is not None


def prepositional(toks: list[Token], b: int) -> bool:
    """The noun phrase from ``b`` is the object of a preposition, alone or in a list after one: ``entered by
    the driver in the app``, ``enriched with host, service and pod labels``, ``read from its cursor``."""
    k, joins = b - 1, {",", "and", "or"}
    while k > 0 and (toks[k].low in g.DETERMINERS or toks[k].possessive or toks[k].low in joins
                     or content(toks[k]) and toks[k].text.islower() and toks[k + 1].low in joins):
        k -= 1  # back over the list's earlier items ("host, service and ...")
    return k >= 0 and toks[k].low in g.PREPOSITIONS - {"by"}
