"""Work the spec states as a decision rather than as a component: a technology chosen for a purpose, a
tradeoff's chosen option for a named piece of work, a check the success metrics say runs in CI, a property
decided for a thing, and a fallback.

These sentences name work no architecture clause carries, so the clause reader never sees them:

- ``webextension-polyfill so that one codebase runs in Chrome and Firefox`` (technology answer): a purpose
  clause (``so that``, ``in order to``) makes the technology work of its own, ``Add webextension-polyfill``,
  unless what the purpose is about is already another issue's (it is then folded into that issue).
- ``Server-sent events rather than WebSockets for pushing changes`` (tradeoffs): the work the choice is for
  is an issue, with the chosen option: ``Add change pushing with server-sent events``. A ``for`` followed by
  a clause (``for deciding what changed``) or a reason (``for atomic commits``) is no work.
- ``every service is covered, which a CI check enforces`` (success metrics): ``Add coverage CI check``.
- ``The alias switch is atomic, so a partial release is never visible`` (tradeoffs), ``exports must be
  resumable`` (any answer): a property decided for a thing no issue names is that thing, built so: ``Add
  atomic alias switch``, ``Add resumable exports``.
- ``polling every 30 seconds takes over when the stream drops``: a way of working that takes over (falls
  back, kicks in, steps in) when another fails is a fallback, ``Add polling fallback``.

The rules are described, with examples, in ``docs/proposal-rules.md``.
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.kinds import Item
from milestone_tui.core.breakdown.nouns import ROLE_NOUNS, agentive
from milestone_tui.core.breakdown.phrases import object_phrase
from milestone_tui.core.breakdown.titles import lower_phrase

_STOP = {"the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "at", "with", "every", "each", "all",
         "one", "our", "its", "their", "that", "this", "about", "once", "same", "service", "can", "will"}


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3 and w.lower() not in _STOP}


# "webextension-polyfill so that one codebase runs ...", "Flyway in order to version the schema"
_PURPOSE = re.compile(r"^\s*(?P<tech>[\w./+-]+(?:\s+[\w./+-]+){0,2}?)\s+(?:so that|in order to)\s+"
                      r"(?P<why>.+)$", re.IGNORECASE)


def technology_purposes(technology: str, items: list[Item], pos: int) -> list[Item]:
    """A technology the technology answer gives a purpose clause is work of its own, unless an issue already
    names it or carries what the purpose is about (``LISTEN/NOTIFY so that every replica hears about a
    change``, next to a component that pushes changes: that component's)."""
    out: list[Item] = []
    for part in re.split(r"[,;\n]|\.\s", technology):
        match = _PURPOSE.match(part)
        if match is None:
            continue
        tech = match.group("tech").strip()
        named = {w.lower() for i in items for w in re.findall(r"[\w/-]+", i.title)}
        named |= {i.tech.lower() for i in items}
        if tech.lower() in named or _stems(match.group("why")) & _said(items):
            continue
        out.append(Item("component", 50, pos + technology.find(part), f"Add {tech}", part.strip(),
                        tech=tech, words={tech.lower()}))
    return out


def _said(items: list[Item]) -> set[str]:
    """The stems of what the other issues' sentences say (fields of a models issue are not work)."""
    return {s for i in items if i.kind not in {"models", "tests", "scope"} for s in _stems(i.source)}


# "<chosen> rather than <other> for <gerund> <object>" / "<X> vs <Y> for the <noun phrase>: <chosen>"
_CHOICE = re.compile(r"^(?P<chosen>[^:;]+?)\s+(?:rather than|instead of|over|vs\.?|versus)\s+[^:;]+?\s+for\s+"
                     r"(?P<what>[^:;,.]+)(?::\s*(?P<picked>[^,;.]+))?", re.IGNORECASE)
_WH = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "whether", "if"}


def tradeoff_choices(tradeoffs: str, items: list[Item], pos: int) -> list[Item]:
    """The work a tradeoff's choice is for, with the chosen option, when no issue carries its action."""
    out: list[Item] = []
    titles = " ".join(i.title for i in items).lower()
    for start, sentence in g.sentences(tradeoffs):
        match = _CHOICE.match(sentence.strip())
        if match is None:
            continue
        chosen = (match.group("picked") or match.group("chosen")).strip()
        words = match.group("what").split()
        title = _work(words, chosen)
        key = _key(words)
        if title and key and not re.search(rf"\b{re.escape(key)}", titles):
            out.append(Item("component", 50, pos + start, title, sentence.strip(), words={key}))
    return out


# "<Gerund ...> rather than <other>": the chosen way is an action of its own ("Deriving bed state from ADT
# events rather than asking ward staff", "Compiling to bytecode rather than interpreting the AST").
_CHOSEN_ACTION = re.compile(r"^(?P<verb>[A-Z][a-z]{2,}ing)\b(?P<rest>[^:;,]*?)\s+"
                            r"(?:rather than|instead of)\s+", re.IGNORECASE)


# "<noun phrase> rather than <gerund>": a way of doing chosen over another way ("Websocket push rather than
# polling", "Serve-stale for up to a day when upstream is down, rather than failing").
_CHOSEN_WAY = re.compile(r"^(?P<way>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)"
                         r"(?:\s+(?:for|when|with|on|in|if)\b[^;:]*?)?"
                         r",?\s+(?:rather than|instead of)\s+[a-z]+ing\b", re.IGNORECASE)


_WHEN = {"after", "before", "within", "during", "until", "every", "once"}


def chosen_actions(tradeoffs: str, items: list[Item], pos: int) -> list[Item]:
    """A tradeoff that chooses one way of doing something over another names that way as work, by its
    action noun and what it acts on, when no issue's title already carries the action."""
    out: list[Item] = []
    titles = " ".join(i.title for i in items).lower()
    said = " ".join(i.source for i in items if i.kind not in {"models", "tests", "scope", "ops"}).lower()
    for start, sentence in g.sentences(tradeoffs):
        match = _CHOSEN_ACTION.match(sentence.strip())
        way = _CHOSEN_WAY.match(sentence.strip()) if match is None else None
        if way is not None:
            words = way.group("way").split()
            named = any(w[1:] and not w[1:].islower() for w in words)  # "PubGrub", "MQTT": a product chosen
            if not named and _stems(" ".join(words)) - _stems(titles):
                out.append(Item("component", 50, pos + start, f"Add {lower_phrase(' '.join(words))}",
                                sentence.strip(), words={words[-1].lower()}))
            continue
        if match is None:
            continue
        verb = g.participle_base(match.group("verb").lower()[:-3] + "ed")
        noun = g.nominal(verb)
        toks = g.tokens(match.group("rest"))
        obj: list[str]
        if toks and toks[0].low in _WHEN:  # "Escalating after 5 minutes": when it is done, as the spec says
            obj, title = [], f"Add {noun} {match.group('rest').strip()}"
        else:
            k = 1 if toks and toks[0].low in g.PREPOSITIONS else 0
            obj, k = object_phrase(toks, k)
            if any(w.lower().endswith("ly") for w in obj) or not obj and match.group("rest").strip():
                continue  # "Hashing locally against ...": how the action is done, no thing it is done to
            obj = [g.singular(w) if n == len(obj) - 1 else w for n, w in enumerate(obj) if not g.adjective(w)]
            tail = " ".join(t.text for t in toks[k:]) if k and toks[0].low not in g.PREPOSITIONS else ""
            title = " ".join(["Add", *[lower_phrase(w) for w in obj], noun, *([tail] if tail else [])])
        done = re.search(rf"\b{re.escape(verb.rstrip('e'))}(?:e|es|ed|s|ing)?\b", said)  # "recomputes" it
        if noun[:5] not in titles and not done and len(obj) <= 3:
            out.append(Item("component", 50, pos + start, title, sentence.strip(), words={noun}))
    return out


def _key(words: list[str]) -> str:
    """What an issue that already carries the work has in its title: the verb's stem, or the head noun."""
    if not words:
        return ""
    if words[0].lower().endswith("ing"):
        return words[0].lower()[:4]
    return words[-1].lower().split("-")[0]


def _work(words: list[str], chosen: str) -> str:
    """``pushing changes`` + ``Server-sent events`` -> ``Add change pushing with server-sent events``;
    ``the offline queue`` -> ``Add offline queue with ...``; anything else (a clause, a reason) -> none."""
    if len(words) < 2 or len(words) > 5 or words[1].lower() in _WH:
        return ""
    with_ = f" with {lower_phrase(chosen)}"
    first = words[0].lower()
    if first.endswith("ing") and first not in g.DETERMINERS:
        obj = [g.singular(w) for w in words[1:] if w.lower() not in g.DETERMINERS]
        return f"Add {' '.join(obj)} {first}{with_}" if obj else ""
    if first in {"the", "our", "a", "an"}:
        head = words[-1].lower()
        if head in ROLE_NOUNS or agentive(head) or head in {"queue", "cache", "store"}:
            return f"Add {' '.join(words[1:])}{with_}"
    return ""


# "which a CI check enforces", "checked in CI", "a CI job fails the build when ..."
_CI = re.compile(r"\b(?:an?|the)\s+CI\s+(?:check|job|step|gate)s?\b|"
                 r"\b(?:checked|enforced|verified)\s+in\s+CI\b")
_PREDICATE = re.compile(r"\b(?:is|are)\s+(?P<part>[a-z]+ed)\b")


def ci_checks(success: str, items: list[Item]) -> list[Item]:
    """A success metric the spec says a CI check enforces asks for that check, named by what it checks (the
    metric's participle as a noun: ``is covered`` -> ``coverage``)."""
    out: list[Item] = []
    if any(re.search(r"\bCI\b", i.title) for i in items):
        return out
    for clause in re.split(r"[;\n]|\.\s", success):
        if _CI.search(clause) is None or v.find(r"\bbenchmark\w*\b|\b(?:load|soak|stress)[- ]tests?\b",
                                                clause) is not None:
            continue  # a benchmark or load test in CI is that test's issue
        predicate = _PREDICATE.search(clause)
        what = _noun_of(predicate.group("part")) if predicate else ""
        out.append(Item("ops", v.RANK["ops"], 0, f"Add {what + ' ' if what else ''}CI check", clause.strip()))
        break
    return out


def _noun_of(participle: str) -> str:
    """``covered`` -> ``coverage``, ``signed`` -> ``signing``, ``formatted`` -> ``formatting``."""
    base = g.participle_base(participle)
    if re.search(r"([bdgklmnprt])\1ed$", participle):
        return participle[:-2] + "ing"  # the doubled consonant stays: formatted -> formatting
    if base.endswith("er"):
        return base + "age"  # cover -> coverage
    return g.nominal(base)


# "The alias switch is atomic", "exports must be resumable": a subject, "is" / "are" / a modal "be", and an
# adjective of a derived form (atomic, resumable, durable, exclusive: its suffix says it is an adjective)
_PROPERTY = re.compile(r"^(?:(?P<det>the|a|an|each|every|all)\s+)?"
                       r"(?P<np>(?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)\s+"
                       r"(?:is|are|(?:must|should|has to|have to|needs to|need to)\s+be)\s+(?:always\s+)?"
                       r"(?P<adj>[a-z]+)\b(?!\s+(?:by|to|with|from|in|on|for|of)\b)", re.IGNORECASE)
_SUFFIX = re.compile(r"(?:ic|able|ible|ous|ive)$")


def properties(text: str, items: list[Item], pos: int, modal_only: bool = False) -> list[Item]:
    """A property the spec decides for a thing no title names (``The alias switch is atomic``) is that thing,
    built with the property: ``Add atomic alias switch``. With ``modal_only`` only a requirement counts
    (``exports must be resumable``), not a description (``the archive is portable``)."""
    out: list[Item] = []
    titles = " ".join(i.title for i in items).lower()
    for start, sentence in g.sentences(text):
        for clause in re.split(r"[;,]\s*|\.\s+|\s+(?:and|but|so)\s+", sentence.strip()):
            match = _PROPERTY.match(clause)
            if match is None or (modal_only and not re.search(r"\b(?:must|should|has to|have to|needs? to)\b",
                                                               match.group(0), re.IGNORECASE)):
                continue
            adj = match.group("adj").lower()
            words = match.group("np").split()
            if not _SUFFIX.search(adj) or len(adj) < 5 or any(w.lower() in g.PRONOUNS | g.PREPOSITIONS
                                                              for w in words):
                continue
            head = g.singular(words[-1].lower())
            if re.search(rf"\b{re.escape(head[:5])}", titles):
                continue  # the thing is already an issue: the property is its criterion
            noun = " ".join(w if w.isupper() else w.lower() for w in words)
            title = f"Add {adj} {noun}"
            out.append(Item("component", 50, pos + start, title, sentence.strip(), words={head},
                            clause=clause))
            titles += " " + title.lower()
    return out


# "polling every 30 seconds takes over", "manual entry falls back in": what replaces something that failed
_STANDS_IN = r"(?:takes?\s+over|falls?\s+back|kicks?\s+in|steps?\s+in)"
_FALLBACK = re.compile(rf"^(?P<subject>[A-Za-z][\w-]*\s+(?:[\w-]+\s+){{0,4}}?){_STANDS_IN}\b", re.IGNORECASE)
_TIME = re.compile(r"\s+(?:every|each|after|within|for|at|once)\b.*$", re.IGNORECASE)


def fallbacks(text: str, items: list[Item], pos: int) -> list[Item]:
    """A way of working that takes over when something else fails is a fallback: ``Add polling fallback``."""
    out: list[Item] = []
    titles = " ".join(i.title for i in items).lower()
    for start, sentence in g.sentences(text):
        for clause in re.split(r"[;:.]\s+|,\s*(?:and|but)?\s*", sentence.strip()):
            match = _FALLBACK.match(clause)
            if match is None:
                continue
            words = _TIME.sub("", match.group("subject").strip()).split()
            words = [w for w in words if w.lower() not in g.DETERMINERS]
            if not words or len(words) > 3 or any(w.lower() in g.PRONOUNS for w in words):
                continue
            noun = " ".join(w if w.isupper() else w.lower() for w in words)
            title = f"Add {noun} fallback"
            if "fallback" in titles and noun.lower() in titles:
                continue
            out.append(Item("component", 50, pos + start, title, sentence.strip(), words={words[-1].lower()},
                            clause=clause))
            titles += " " + title.lower()
    return out
