"""Reading the architecture answer clause by clause: the components it names and what each one does.

A component is a noun phrase headed by a role noun (service, job, endpoint, API, command, gateway...) or by
an agent noun (scheduler, matcher, compactor: a word in -er/-or that is not a person of the spec's users and
not one of the common -er/-or words that name no doer). Its uses are the verb phrases it is the subject of
(``a matcher pairs riders``), the relative clause after it (``a scheduler that wakes...``), or the passive
``by`` phrase naming it (``expired by a janitor``); a pronoun (``It cancels...``) continues the last one.
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown import mentions, passives
from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.grammar import Token
from milestone_tui.core.breakdown.nouns import DEVICES, ROLE_NOUNS, Component, agentive, is_head
from milestone_tui.core.breakdown.phrases import (
    FUTURE,
    NUMBERS,
    Use,
    base_verb,
    clause_subject,
    content,
    duty,
    members,
    plain_noun,
    verb_phrases,
)


def _labelled(text: str, said: list[tuple[int, str]], start: int) -> dict[int, tuple[str, list[Token]]]:
    """``- Poller: fetches feeds every minute``: a short name, a colon and a verb phrase is the named
    component doing it (read as ``the poller fetches feeds...``), by the index of the name's sentence."""
    out: dict[int, tuple[str, list[Token]]] = {}
    for n in range(len(said) - 1):
        (at, name), (after, rest) = said[n], said[n + 1]
        words = g.tokens(name, start + at)
        tail = g.tokens(rest, start + after)
        if not words or len(words) > 4 or not tail or not g.looks_like_verb(tail[0]) or (
                tail[0].low in g.MODALS):
            continue
        if not text[:after].rstrip().endswith(":") or any(g.looks_like_verb(w) or w.punct for w in words):
            continue
        first = words[0]
        if first.text.istitle():  # "Poller" opens the line, it is no name
            words[0] = Token(first.text.lower(), first.pos)
        out[n] = (f"{name}: {rest}", [Token("the", first.pos), *words, *tail])
    return out


def _resolve(comp: Component, antecedent: list[str]) -> None:
    """A pronoun object stands for the subject before it: ``something has to release them`` (the
    reservations of the sentence) -> ``Add reservation releaser``."""
    for use in comp.uses:
        words = use.text.split()
        pronoun = words[1].lower() if len(words) > 1 else ""
        plural = bool(antecedent) and g.singular(antecedent[-1]) != antecedent[-1]
        if not use.obj and antecedent and (pronoun == "them" and plural or pronoun == "it" and not plural):
            use.obj = list(antecedent)  # "them" is a plural, "it" a singular


def _located(toks: list[Token], b: int) -> bool:
    """The noun phrase starting at ``b`` is a place (``on the clinic server``, ``in the cluster``)."""
    n = b - 1 if b > 0 and toks[b - 1].low not in g.DETERMINERS else b - 2
    return n >= 0 and toks[n].low in {"on", "in", "at", "behind", "inside", "under", "within"}


_EXISTING = re.compile(v.EXISTING, re.IGNORECASE)


def _passive_subject(toks: list[Token], end: int) -> list[str]:
    """The subject of a passive clause (``Raw files older than ... are expired by``): its head words."""
    words: list[str] = []
    for t in toks[:end]:
        if t.low in g.MODALS or not content(t) and words:
            break
        if content(t):
            words.append(t.bare)
    return words


def _passive_verb(toks: list[Token], by: int) -> str:
    """The participle of the passive before ``by`` (``is written to BigQuery by``), or empty."""
    for m in range(by - 1, 0, -1):
        passive = toks[m - 1].low in {"is", "are", "was", "were", "be", "been"}
        if passive and toks[m].low.endswith(("ed", "en")):
            return g.participle_base(toks[m].low)
    return ""


def _verb_not_noun(toks: list[Token], i: int) -> bool:
    """``registers it``, ``them trigger``, ``to trigger``: an -er word used as a verb."""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    prev = toks[i - 1].low if i else ""
    objects = (g.PRONOUNS - {"which", "what", "one"}) | {"a", "an", "the", "each", "every", "its"}
    return (nxt in objects
            or prev in {"to", "them", "they", "we", "it", "and"} and not toks[i].low.endswith(("ers", "ors")))


def _object_of_verb(toks: list[Token], i: int, people: set[str]) -> bool:
    """The word at ``i`` is a verb right after its subject (``a collector gathers spans``: ``gathers`` is no
    plural agent noun), or a bare plural right after a verb, its object (``checks backends``)."""
    prev = toks[i - 1]
    many = prev.low in {"every", "each", "all"} and not (i + 1 < len(toks) and (
        g.looks_like_verb(toks[i + 1]) or toks[i + 1].low in {"that", "which"}))
    if many and g.singular(toks[i].low) not in ROLE_NOUNS:
        return True  # "to every subscriber": many of them, none a part of the system
    if g.looks_like_verb(toks[i]) and is_head(prev, people) and not prev.low.endswith("s") and (
            i + 1 < len(toks) and (content(toks[i + 1]) or toks[i + 1].low in g.DETERMINERS)):
        return True
    p = i - 1
    while p > 0 and toks[p].text.islower() and (g.adjective(toks[p].text) or toks[p].low.endswith("ed")):
        p -= 1  # "restart stalled workers": past the object's modifiers
    prev = toks[p]
    verb = g.looks_like_verb(prev) and prev.low not in g.MODALS or base_verb(toks, p) or (
        p > 0 and toks[p - 1].low in FUTURE | {"we", "they", "you"} and prev.text.islower())  # "should
    # restart stalled workers", "we retry failed webhooks"
    return verb and toks[i].low.endswith("s") and content(prev)


def _after_determiner(toks: list[Token], i: int) -> bool:
    """The noun phrase ending at ``i`` starts with a determiner or a possessive (``by an asynchronous
    logger``, ``the catalog's indexer``), or opens the sentence."""
    b = i
    while b > 0 and content(toks[b - 1]) and not toks[b - 1].possessive and i - b < 3:
        if g.looks_like_verb(toks[b - 1]):
            return False  # "authenticates callers": the object of a verb
        b -= 1
    return b == 0 or toks[b - 1].low in g.DETERMINERS or toks[b - 1].possessive


def _subject_head(toks: list[Token], i: int, people: set[str]) -> bool:
    """A plain noun that is the subject of an action verb (``the outbox replays changes``): whatever does
    something in the architecture is a component, whether or not its noun names a role."""
    if i + 1 >= len(toks) or not plain_noun(toks[i], people) or g.looks_like_verb(toks[i]):
        return False
    if i == 1 and toks[i].low in mentions.WHOLE:
        return False  # "the platform scores every listing": the whole system (``mentions.whole_does``)
    if duty(toks, i + 1) is not None:  # "the popup is responsible for the user's choices"
        return clause_subject(toks, i) is not None
    # "a bot that answers questions": the relative clause's verb
    at = i + 2 if toks[i + 1].low in {"that", "which"} and i + 2 < len(toks) else i + 1
    if at + 1 < len(toks) and toks[at].low in g.PREVERBAL:
        at += 1  # "the service just hands out URLs": the verb after the adverb
    verb = toks[at]
    light = verb.low in g.MODALS or g.verb_base(verb.low) in g.LIGHT_VERBS
    after = toks[at + 1] if at + 1 < len(toks) else None
    # a clause after the verb is no object: "a release waits until its locales are complete"
    transitive = after is not None and after.low not in g.SUBORDINATORS | {"until", "unless", "once"} and (
        after.low in g.DETERMINERS | g.PREPOSITIONS or content(after))
    b = clause_subject(toks, i)
    never = b is not None and toks[b].low in {"no", "neither"}  # "no result depends on the platform"
    return g.looks_like_verb(verb) and not light and transitive and b is not None and not never


def _named_after(text: str, said: list[tuple[int, str]], n: int) -> bool:
    """The sentence ``n`` ends in a colon and the next one opens with a noun phrase (``something has to turn
    the orders into similarities: a Spark job counts co-purchases``): the colon names the doer."""
    if n + 1 >= len(said):
        return False
    after, following = said[n + 1]
    words = following.split()
    return text[:after].rstrip().endswith(":") and len(words) > 2 and words[0].lower() in {"a", "an", "the"}


def _unnamed(toks: list[Token], sentence: str) -> Component | None:
    """``Something has to release them``, ``something must run every check``: the spec asks for a component
    without naming it, so it is named by the doer of its first verb (``releaser``, ``runner``)."""
    for k, t in enumerate(toks[:-2]):
        if t.low not in {"something", "someone"}:
            continue
        n = k + 1
        if toks[n].low in {"has", "needs", "have", "need"} and toks[n + 1].low == "to":
            n += 2
        elif toks[n].low in {"must", "should", "will"}:
            n += 1
        else:
            continue
        if n < len(toks) and toks[n].text.isalpha() and toks[n].text.islower():
            uses = verb_phrases(toks, n, base=True)
            # "something has to figure out what each play is": a phrasal verb and a clause name no doer
            phrasal = n + 2 < len(toks) and toks[n + 1].low in g.PARTICLES and (
                toks[n + 2].low in g.PRONOUNS | {"whether", "how", "if"})
            # and "something has to know which ...": knowing is no action
            if uses and uses[0].verb not in g.STATIVE_VERBS and not phrasal:
                doer = g.agent_noun(uses[0].verb)
                return Component([doer], doer, sentence, t.pos, uses=uses, unnamed=True)
    return None


_BE = {"is", "are", "was", "were"}
# A subject counted as many ("each service", "every team") is all of them, not one component the spec builds.
_MANY = {"each", "every", "all"}
_AMONG = {"on", "in", "of", "at", "across", "from"}


def components(text: str, people: set[str], start: int = 0, technology: bool = False) -> list[Component]:
    """Every component the text names, in order, with its uses (repeated mentions are merged)."""
    found: list[Component] = []
    last: Component | None = None
    previous: list[str] = []
    kinds: list[Token] = []  # "three commands:" at the end of a sentence, for the list after the colon
    said = g.sentences(text)
    labelled = _labelled(text, said, start)
    for n_sentence, (offset, sentence) in enumerate(said):
        toks = g.tokens(sentence, start + offset)
        if n_sentence in labelled:
            sentence, toks = labelled[n_sentence]
        elif n_sentence - 1 in labelled:
            continue  # read with its label
        i = 0
        if toks and toks[0].low in {"it", "this"} and len(toks) > 1 and g.looks_like_verb(toks[1]) and last:
            last.uses.extend(verb_phrases(toks, 1))
            i = len(toks)
        if toks and toks[0].code and len(toks) > 1 and g.looks_like_verb(toks[1]):
            kind = next((c for c in reversed(found) if c.name), None)
            enumerated = next((c for c in found if c.name == toks[0].bare), None)  # "commands: `plan`..."
            if enumerated is not None:
                enumerated.uses.extend(verb_phrases(toks, 1))
                last, i = enumerated, len(toks)
            elif kind is not None:
                comp = Component([kind.words[-1]], kind.head, sentence, toks[0].pos, name=toks[0].bare)
                comp.uses = verb_phrases(toks, 1)
                found.append(comp)
                last = comp
                i = len(toks)
        prior, here = previous, passives.sentence_subject(toks) or previous  # what "them" / "it" stand for
        if not technology and (unnamed := _unnamed(toks, sentence)) is not None and not _named_after(
                text, said, n_sentence):
            _resolve(unnamed, here)
            found.append(unnamed)
        if not technology:
            for p in passives.behaviours(toks, previous):
                found.append(Component(p.words, p.head, sentence, p.pos, uses=p.uses, behaviour=True,
                                       mentions=p.rest, condition=p.condition))
        previous = passives.sentence_subject(toks) or previous
        if not technology:
            found.extend(mentions.built(toks, sentence, people))
            found.extend(mentions.whole_does(toks, sentence))
            found.extend(mentions.abilities(toks, sentence, people, _subject_words(toks)))
        listed = mentions.enumerations(toks, sentence, people, kinds)
        found.extend(listed)
        skip = {n for c in listed for n in c.mentions_at}
        kinds = mentions.listing_head(toks, people)
        if kinds and n_sentence + 1 < len(said):  # "... three commands: deploy, rollback and status"
            after, listing = said[n_sentence + 1]
            colon = text[:after].rstrip().endswith(":")
            if colon and members(g.tokens(listing), 0, NUMBERS[kinds[0].low]) is not None:
                skip.add(len(toks) - 1)
            else:
                kinds = []
        while i < len(toks):
            if i in skip:
                i += 1
                continue
            subject = not technology and not is_head(toks[i], people) and _subject_head(toks, i, people)
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and re.fullmatch(r"\d[\d.]*", nxt.text) and i + 2 < len(toks):
                nxt = toks[i + 2]  # "Unreal Engine 5 plugin": a version number inside a compound
            compound = nxt is not None and is_head(nxt, people) and not g.looks_like_verb(nxt)
            if not (is_head(toks[i], people) or subject) or compound:
                i += 1
                continue
            role = subject or g.singular(toks[i].low) in ROLE_NOUNS
            if not role and clause_subject(toks, i) is None and not _after_determiner(toks, i):
                i += 1  # "must not hold stock forever": an -er word inside a phrase is no agent
                continue
            phrasal = i and toks[i - 1].low.endswith("s") and content(toks[i - 1]) and (
                i + 1 < len(toks) and toks[i + 1].low in g.PARTICLES)  # "Users log in"
            capital = toks[i].text[:1].isupper() and not (
                i == 0 and toks[i].text[1:].islower() and (base_verb(toks, 1) or len(toks) > 1 and (
                    g.looks_like_verb(toks[1]) or toks[1].low in {"that", "which"})))  # "Crawlers fetch..."
            if phrasal or not role and (capital or _verb_not_noun(toks, i) or (
                    technology and (i == 0 or toks[i - 1].low not in g.DETERMINERS
                                    and not content(toks[i - 1])))):
                i += 1
                continue
            if i and toks[i - 1].low in {"that", "which", "who"} and g.looks_like_verb(toks[i]):
                i += 1  # "a plugin that hooks into the build": the relative clause's verb
                continue
            opens = i == 1 or i > 1 and toks[i - 2].low in {",", ";", "and", "then"}
            if opens and toks[i - 1].low.endswith("s") and g.singular(toks[i - 1].low) in people and (
                    not g.looks_like_verb(toks[i])):
                i += 1  # "Customers register endpoints": the users' verb, not a "customers register"
                continue
            if i and _object_of_verb(toks, i, people):
                i += 1  # "a prober checks backends", "a collector gathers spans": a verb and its object
                continue
            plural = base_verb(toks, i + 1)  # "workers pull jobs": a base verb after a plural subject
            j = i + 1  # a plain noun after the head ends the compound elsewhere ("worker thread")
            if j < len(toks) and content(toks[j]) and not g.looks_like_verb(toks[j]) and (
                    toks[j].text.islower()) and not plural:
                i = j
                continue
            b = i
            while b > 0 and (content(toks[b - 1]) or toks[b - 1].code):
                # A third-person verb right after its subject ends the phrase ("the API stores data").
                if g.looks_like_verb(toks[b - 1]) and b >= 2 and (content(toks[b - 2]) or toks[b - 2].code):
                    break
                if base_verb(toks, b - 1):  # "workers pull jobs": the jobs are the object
                    break
                if b >= 2 and toks[b - 2].low in FUTURE | {"we", "they", "you"}:  # "should restart stalled
                    break  # workers", "we retry failed webhooks": the verb before the object
                b -= 1
            np = toks[b:i + 1]
            owner_at = max((n for n, t in enumerate(np[:-1]) if t.possessive), default=-1)
            owner, words = [t.bare for t in np[:owner_at + 1]], np[owner_at + 1:]
            name = next((t.bare for t in words if t.code), "")
            det = toks[b - 1].low if b > 0 else ""
            named = [t.bare for t in words if not t.code]
            if named:  # one component however the spec counts it ("workers probe..." is the worker)
                last_word = g.singular(named[-1])
                named[-1] = last_word.lower() if b == i == 0 and last_word[1:].islower() else last_word
            product = b >= 3 and toks[b - 3].low in {"it", "everything", "this", "them"} or (
                b >= 4 and toks[b - 4].low in {"is", "are"} and toks[b - 3].low.endswith(("ed", "pped")))
            if b >= 3 and toks[b - 1].low in {"a", "an"} and toks[b - 2].low == "as" and product:
                i += 1  # "we will ship it as a Python library", "it is packaged as a plugin": the milestone
                continue
            if technology and (_located(toks, b) or b >= 2 and toks[b - 2].low == "as"):
                i += 1  # "SQLite on the clinic server": where it runs; "Redis as the broker": its role
                continue
            if not role and mentions.outsider(toks, b, i):
                i += 1
                continue
            if "same" in {t.low for t in np} and not any(c.head == g.singular(toks[i].low) for c in found):
                i += 1  # "through the same registry": a repeated mention of nothing named yet
                continue
            comp = Component(named, g.singular(toks[i].low), sentence,
                             toks[i].pos, owner=owner, name=name, definite=det == "the", subject=subject)
            comp.placed = mentions.prepositional(toks, b)
            comp.foreign = det in {"its", "their"} or any(w[:1].isupper() for w in owner)
            comp.made = mentions.made(toks, b, det, [t.low for t in np])
            # "drivers' apps", "each rider's phone": the users' own devices, not a part of the system (but
            # "the author's status page" is a page the system serves)
            comp.people = bool(owner) and g.singular(owner[-1].lower()) in people and (
                g.singular(owner[-1]) != owner[-1] or comp.head in DEVICES)
            rest = " ".join(t.text for t in toks[i + 1:i + 5])
            comp.existing = bool(_EXISTING.search(" ".join(t.text for t in np)) or
                                 re.match(r"(?:we|you|they)\s+already\b|already\b", rest))
            comp.source_of = bool(re.search(r"\bcomes? from\b", sentence[:toks[i].pos - toks[0].pos + 1]))
            # "a box comes in from the blood service": where something comes from
            comp.source_of |= b >= 2 and toks[b - 1].low in g.DETERMINERS and toks[b - 2].low == "from"
            k = i + 1
            if k + 1 < len(toks) and toks[k].low in g.PREVERBAL:
                k += 1  # "the tagger then tags them"
            if k + 3 < len(toks) and toks[k].text == "," and toks[k + 1].code and toks[k + 2].text == ",":
                comp.name, k = toks[k + 1].bare, k + 3  # "A third command, `status`, lists..."
            lo, hi = toks[max(b - 1, 0)].pos, toks[i].pos
            if k < len(toks) and toks[k].low in _BE and any(
                    c.behaviour and c.head == comp.head and lo <= c.pos <= hi for c in found):
                i += 1  # "adapters are trimmed", "the filters were cleaned": done to it (the passive's
                continue  # issue), not a doer
            if det in _MANY and not comp.name and k < len(toks) and toks[k].low in _AMONG:
                i += 1  # "each service on the register exposes a hook": many things that exist, chosen from a
                continue  # set ("each worker pulls jobs" is one component)
            if k < len(toks) and toks[k].low in {"which", "that", "who"} or (
                    k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].low in {"which", "who"}):
                k += 1 if toks[k].text != "," else 2
            comp.uses = verb_phrases(toks, k, base=plural and k == i + 1)
            if not comp.uses and not technology:
                comp.uses = mentions.purpose(toks, k, agentive(comp.head))
            if b >= 2 and toks[b - 1].low in g.DETERMINERS and toks[b - 2].low == "by" or (
                    b >= 1 and toks[b - 1].low == "by"):
                at = b - 2 if toks[b - 1].low != "by" else b - 1
                verb = _passive_verb(toks, at)
                if verb:
                    clause = " ".join(t.text for t in toks[:at])
                    comp.uses.append(Use(verb, "", _passive_subject(toks, at), clause, by=True))
            own = {w.lower() for w in here} & {w.lower() for w in comp.words}  # not itself: the one before
            _resolve(comp, prior if own else here)
            merged = _merge(found, comp)
            last = merged
            i = k if k > i else i + 1
    return found


def _subject_words(toks: list[Token]) -> list[str]:
    """The words of the first noun phrase of the sentence's first clause (what ``one`` may stand for)."""
    return [w for w in passives.sentence_subject(toks) if not g.adjective(w)]


def _merge(found: list[Component], comp: Component) -> Component:
    """A repeated mention (same head, words a subset) adds its uses to the first one."""
    words = {w.lower() for w in comp.words}
    for other in found:
        if other.name == comp.name and other.head == comp.head and (
                words <= {w.lower() for w in other.words} or {w.lower() for w in other.words} <= words):
            other.uses.extend(comp.uses)
            if len(comp.words) > len(other.words) and not other.definite:
                pass
            return other
    found.append(comp)
    return comp
