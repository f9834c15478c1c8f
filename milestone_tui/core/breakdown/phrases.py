"""Verb phrases and noun phrases: what a subject does (``looks up X, cancels Y, and issues Z``), where a
noun phrase that opens a clause starts, and the agreement that tells a plural subject's base verb from a
noun (``workers pull jobs``). Used by ``clauses``, which finds the components.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown.grammar import Token


@dataclass
class Use:
    """What a component does in one verb phrase: the verb (base form), its particle and its object."""

    verb: str
    particle: str
    obj: list[str]
    text: str  # the verb phrase as written
    by: bool = False  # from a passive whose "by" names the component ("each line is parsed by the pipeline")

    @property
    def light(self) -> bool:
        return self.verb in g.LIGHT_VERBS


def content(token: Token) -> bool:
    return not (token.punct or token.low in g.DETERMINERS | g.PREPOSITIONS | g.CONJUNCTIONS | g.PRONOUNS
                | g.FOCUS_ADVERBS)


def object_phrase(toks: list[Token], k: int) -> tuple[list[str], int]:
    """The object noun phrase starting at ``k`` (determiners skipped), and the index after it."""
    words: list[str] = []
    while k < len(toks) and (toks[k].low in g.DETERMINERS or toks[k].text.isdigit()):
        k += 1
    while k < len(toks) and content(toks[k]) and not toks[k].code:
        if words and toks[k].low in g.ADVERBS | g.SUBORDINATORS:
            break  # "boots the pending slot once and falls back": an adverb or a new clause, not a noun
        if words and g.looks_like_verb(toks[k]) and re.search(r"[^s]s$", words[-1]):
            break  # "checks links runs in CI": two plurals make no compound, the second is the next verb
        if words and _relative_participle(toks, k):
            break  # "tails the files matching the configured globs": what the files are, not a compound
        words.append(toks[k].bare)
        k += 1
        if k < len(toks) and toks[k].low == "or" and k + 1 < len(toks) and g.adjective(toks[k + 1].text):
            k += 1  # "full or partial refunds"
    return words, k


def _relative_participle(toks: list[Token], k: int) -> bool:
    """An -ing word after the object's noun and before a determiner opens a reduced relative clause (``the
    orders containing a gift card``): a gerund in a compound is followed by a noun (``the data loading
    job``), never by ``the`` or ``a``."""
    t = toks[k]
    return (t.text.islower() and t.low.endswith("ing") and len(t.low) > 5 and k + 1 < len(toks)
            and toks[k + 1].low in g.DETERMINERS)


def verb_at(toks: list[Token], k: int, base: bool) -> bool:
    """A verb at ``k``: a third-person form, or (``base``: after ``has to``, or a plural subject) any
    lower-case word that is not a function word or an adjective."""
    t = toks[k]
    if g.looks_like_verb(t):
        return True
    return base and t.text.isalpha() and t.text.islower() and content(t) and not g.adjective(t.text)


def base_verb(toks: list[Token], j: int) -> bool:
    """A base-form verb after a plural subject that opens its clause: ``workers pull jobs``, ``the crawlers
    fetch pages``. Without the agreement a plural noun and a verb look alike, so the word must be followed by
    what a verb takes (a determiner, a preposition, a particle or a noun) and must not be an -s form."""
    if j < 1 or j + 1 >= len(toks):
        return False
    subj, t, nxt = toks[j - 1], toks[j], toks[j + 1]
    if not (subj.text.isalpha() and subj.low.endswith("s") and g.singular(subj.low) != subj.low) or (
            subj.low in g.DETERMINERS | g.PREPOSITIONS | g.CONJUNCTIONS | g.PRONOUNS | g.MODALS):
        return False
    inflected = t.low.endswith("s") and not t.low.endswith("ss") or t.low.endswith(("ed", "ing"))
    if not (t.text.isalpha() and t.text.islower() and content(t) and not g.adjective(t.text)) or (
            inflected or t.low in g.MODALS):
        return False
    takes = g.DETERMINERS | g.PREPOSITIONS | g.PARTICLES | {"them", "it"}
    if not (nxt.low in takes or content(nxt) or nxt.code):
        return False
    return clause_subject(toks, j - 1, determiner=False) is not None


# "X is responsible for <doing>", "X is in charge of <doing>", "X takes care of <doing>": a duty the sentence
# gives X, whatever X's noun; the gerunds are its actions.
_DUTIES = [("is", "responsible", "for"), ("are", "responsible", "for"), ("is", "in", "charge", "of"),
           ("are", "in", "charge", "of"), ("takes", "care", "of"), ("take", "care", "of")]


def duty(toks: list[Token], k: int) -> int | None:
    """The index after a duty phrase starting at ``k`` (``is responsible for``), or None."""
    words = [t.low for t in toks[k:k + 4]]
    for phrase in _DUTIES:
        if tuple(words[:len(phrase)]) == phrase and k + len(phrase) < len(toks):
            return k + len(phrase)
    return None


def participle(token: Token) -> bool:
    """A present participle (``keeping``, ``following``): after a comma it opens an adjunct of the verb
    before it, never a coordinated verb of its own."""
    return token.text.isalpha() and token.text.islower() and len(token.low) > 5 and token.low.endswith("ing")


def _gerund_at(toks: list[Token], k: int) -> bool:
    return participle(toks[k])


# Modals that take a base verb: "a scheduler will send reminders", "the gateway must reject requests".
FUTURE = {"will", "should", "must", "can", "may", "would", "could", "shall"}


def _base_form(token: Token) -> bool:
    return token.text.isalpha() and token.text.islower() and content(token) and not g.adjective(token.text) \
        and token.low not in g.MODALS and token.low != "be"


# Verbs that take who gets something before what they get ("send the client a reminder").
_GIVING = {"send", "give", "email", "show", "offer", "hand", "issue", "grant", "text", "message", "award",
           "pay"}


def verb_phrases(toks: list[Token], k: int, base: bool = False) -> list[Use]:
    """The coordinated verb phrases from ``k``: ``looks up X, cancels Y, and issues Z``; after a duty
    phrase, the gerunds (``is responsible for reading X and for turning it into Y``)."""
    out: list[Use] = []
    after = duty(toks, k)
    if after is not None:
        if not _gerund_at(toks, after):  # "is responsible for stock levels": what it keeps
            obj, end = object_phrase(toks, after)
            return [Use("keep", "", obj, " ".join(t.text for t in toks[k:end]))]
        k, gerunds = after, True
    else:
        gerunds = False
    while k < len(toks) and (_gerund_at(toks, k) if gerunds else verb_at(toks, k, base)):
        start = k
        verb = toks[k].low
        k += 1
        if gerunds:
            verb = g.participle_base(verb[:-3] + "ed")  # "generating" -> "generated" -> "generate"
        while verb in g.MODALS and k < len(toks) and toks[k].low in {"not", "only", "also", "then"}:
            k += 1
        if verb in FUTURE and k + 1 < len(toks) and toks[k].low == "be" and toks[k + 1].low.endswith(
                ("ed", "en")):
            k += 1  # "will be generated": the passive after the modal
        if verb in g.MODALS and k < len(toks) and toks[k].low.endswith(("ed", "en")):
            verb, k = g.participle_base(toks[k].low), k + 1
        elif verb in FUTURE and k < len(toks) and _base_form(toks[k]):
            verb, k = toks[k].low, k + 1  # "will send reminders", "should restart stalled workers"
            base = True  # "will cancel orders and issue refunds": the coordinated verbs are base forms too
        elif not gerunds:
            verb = g.verb_base(verb)
        particle = ""
        if k < len(toks) and toks[k].low in g.PARTICLES and k + 1 < len(toks) and content(toks[k + 1]):
            particle, k = toks[k].low, k + 1
        elif k < len(toks) and toks[k].low in {"to", "from", "on", "for"}:
            k += 1  # "listens to the events": the prepositional object is the object
        obj, k = object_phrase(toks, k)
        if obj and k + 1 < len(toks) and toks[k].low in {"a", "an"} and verb in _GIVING:
            obj, k = object_phrase(toks, k)  # "send the client a reminder": what is sent, not to whom
        if not particle and obj and obj[-1].lower() in g.PARTICLES - {"in", "over"}:
            particle, obj = obj[-1].lower(), obj[:-1]  # "roll a player back": the particle after the object
        if not obj and k + 2 < len(toks) and toks[k].low in {"it", "them"} and (
                toks[k + 1].low in {"to", "into", "onto", "for", "with", "on"}):
            obj, k = object_phrase(toks, k + 2)  # "assigns it to the next hold": the hold names the action
        # Skip to the next coordinated verb, past prepositional phrases and relative clauses on the object.
        depth = 0
        adjunct = False  # inside a participial phrase (", keeping the line and column"): how, not what
        while k < len(toks):
            t = toks[k]
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth -= 1
            elif depth == 0 and t.low in {"which", "that", "who"} and toks[k - 1].text == ",":
                while k < len(toks) and toks[k].text != ",":
                    k += 1
                continue
            elif depth == 0 and (t.low in g.SUBORDINATORS or t.low in {",", "and"} and k + 1 < len(toks)
                                 and toks[k + 1].low in g.DETERMINERS - {"all", "both"}
                                 and not g.looks_like_verb(toks[k + 1])):
                break  # "..., while a fan-out worker delivers", "... and a presence tracker keeps"
            elif depth == 0 and (t.text == "," or t.low in {"and", "then"} and not adjunct):
                j = k + 1
                while j < len(toks) and (toks[j].low in {"and", "then", ","}
                                         or gerunds and toks[j].low in {"for", "of"}):
                    j += 1
                next_verb = _gerund_at(toks, j) if gerunds and j < len(toks) else (
                    j < len(toks) and verb_at(toks, j, base))
                if next_verb and not gerunds and participle(toks[j]):
                    adjunct, k = True, j + 1  # the participle says how the verb before it is done
                    continue
                if next_verb and toks[j].low not in g.MODALS:
                    k = j
                    break
            k += 1
        text = re.sub(r"(?:\s+(?:and|then|,))+$", "", " ".join(t.text for t in toks[start:k])).strip(" ,")
        out.append(Use(verb, particle, obj, text))
    return out


CLAUSE_START = {",", "and", "then", "when", "while", "if", "once", "after", "before", "so"}


def clause_subject(toks: list[Token], i: int, determiner: bool = True) -> int | None:
    """Where the noun phrase ending at ``i`` starts, when it opens a clause (``a sync engine`` in ``...;
    then a sync engine uploads``); None when the phrase is an object or a prepositional phrase."""
    b = i
    while b > 0 and content(toks[b - 1]) and not toks[b - 1].code and i - b < 3:
        if toks[b - 1].low in g.MODALS:
            return None  # "will send reminders": after a modal comes the verb, not a noun phrase
        if g.looks_like_verb(toks[b - 1]) and b >= 2 and content(toks[b - 2]) and not toks[b - 2].code:
            return None  # "a feed pushes rank changes": past a noun and its verb is an object
        b -= 1
    if b > 0 and toks[b - 1].low in g.DETERMINERS:
        b -= 1
    elif determiner:
        return None  # without a determiner a plural noun and a verb look alike ("flaky tests")
    return b if b == 0 or toks[b - 1].low in CLAUSE_START else None


def plain_noun(token: Token, people: set[str]) -> bool:
    w = token.text
    return (w.replace("-", "").isalpha() and w.islower() and content(token) and not g.adjective(w)
            and g.singular(w) not in people and w not in g.MODALS)


NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def members(toks: list[Token], k: int, count: int) -> tuple[list[Token], int] | None:
    """The names of an enumeration from ``k`` (``pandas and Spark``, ``deploy, rollback and status``) and the
    index after it, when there are exactly ``count`` (any number from two when ``count`` is 0): each name is
    one word or a code span, lists are separated by ``,``, ``and`` and ``or``."""
    names: list[Token] = []
    n = k
    while n < len(toks):
        t = toks[n]
        if t.low in {",", "and", "or"} and names:
            n += 1
            continue
        if t.punct or t.low in g.DETERMINERS | g.PREPOSITIONS | g.CONJUNCTIONS | g.PRONOUNS or not (
                t.code or t.text.replace("-", "").isalnum()):
            break
        if n + 1 < len(toks) and not toks[n + 1].punct and toks[n + 1].low not in {"and", "or"}:
            break  # "pandas backends": a phrase, not a name
        names.append(t)
        n += 1
    while n > k and toks[n - 1].low in {",", "and", "or"}:
        n -= 1
    if len(names) < 2 or count and len(names) != count:
        return None
    return names, n
