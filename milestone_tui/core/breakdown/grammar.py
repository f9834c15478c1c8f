"""The little English grammar the proposer reads specs with: sentences, clauses, tokens, verb forms.

No dictionary and no model: closed word classes (determiners, prepositions, light verbs, frequency
adverbs), morphology (``merges`` -> ``merge`` -> ``merging``; ``cancel`` -> ``cancellation``; ``look up`` ->
``lookup``) and word order. Everything here is pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DETERMINERS = {"a", "an", "the", "each", "every", "all", "any", "its", "their", "our", "this", "that",
               "these", "those", "some", "no", "his", "her", "my", "your", "one", "two", "three", "four",
               "five", "six", "seven", "eight", "nine", "ten", "another", "both"}
# Words that open a subordinate clause: a verb phrase ends before them ("..., while a worker delivers").
SUBORDINATORS = {"while", "when", "whereas", "because", "although", "if", "unless", "once", "after", "before",
                 "so", "until"}
PREPOSITIONS = {"to", "from", "into", "in", "on", "at", "by", "with", "over", "for", "of", "through", "via",
                "behind", "after", "before", "against", "within", "under", "per", "as", "about", "up",
                "across", "between", "onto", "until", "without", "during", "upon", "off", "out"}
CONJUNCTIONS = {"and", "or", "but", "then", "so", "if", "when", "while", "whose", "which", "that", "who",
                "where", "because", "unless", "only", "also", "not", "never", "nor", "than"}
PRONOUNS = {"it", "they", "them", "we", "you", "he", "she", "us", "one", "ones", "itself", "which", "what",
            "nothing", "something", "everything", "anything"}
# Verbs that say a component exists or passes things on, not what it is for ("takes a query", "sits behind").
LIGHT_VERBS = {"be", "is", "are", "have", "has", "get", "take", "receive", "return", "accept", "keep", "hold",
               "sit", "run", "use", "give", "make", "answer", "serve", "talk", "live", "come", "go", "let",
               "wake", "try", "need", "want", "allow", "load", "can", "may", "will", "should", "must",
               "do", "does", "provide", "contain", "expose", "follow", "read", "call", "lie", "stay",
               "know", "see", "seem", "mean", "become"}  # and the stative ones: knowing is no action
STATIVE_VERBS = {"be", "have", "know", "see", "seem", "mean", "become", "need", "want"}
# Verbs that only put data somewhere: what a store's issue carries, not an action of its own.
STORAGE_VERBS = {"write", "overwrite", "store", "save", "persist", "insert", "put", "append", "cache",
                 "record", "log"}
PARTICLES = {"up", "back", "out", "down", "in", "off", "over"}
# Adverbs of how often and in what order: they end a noun phrase ("boots the pending slot once").
ADVERBS = {"once", "twice", "again", "together", "alone", "first", "later", "afterwards", "meanwhile"}
# Adverbs that sit between a subject and its verb ("the service just hands out URLs", "a job still
# writes"): never a word of a noun phrase, whatever follows them.
FOCUS_ADVERBS = {"just", "still", "already", "always", "simply", "merely", "even", "now", "usually", "often",
                 "sometimes", "rarely", "mostly", "really", "actually", "instead"}
# Every adverb that may stand between a subject and its verb ("the tagger then tags them").
PREVERBAL = {"then", "also", "first", "only", "later"} | FOCUS_ADVERBS
MODALS = {"is", "are", "was", "were", "can", "may", "will", "should", "must", "does", "do", "has", "have"}
# Common adjectives that never name a thing (size, age, order, quality); suffixes catch the rest.
ADJECTIVES = {"small", "large", "big", "new", "old", "raw", "latest", "best", "next", "full", "partial",
              "current", "same", "separate", "whole", "single", "main", "high", "low", "hot", "cold", "live",
              "available", "nearby", "own", "existing", "simple", "basic", "little", "few", "many",
              "several", "other", "last", "first", "second", "third", "real", "short", "long", "fast", "slow",
              "older", "newer", "larger", "smaller", "fewer", "more", "less", "offline", "online",
              "ranked", "due", "yesterday", "today", "tomorrow"}
_ADJ_SUFFIX = re.compile(r"(?:ous|[ts]ive|al|ic|able|ible|ful|less|ary)$")  # "archive" is no adjective
FREQUENCIES = [(r"\b(?:every|each) night\b|\bnightly\b", "nightly"), (r"\b(?:every|each) day\b|\bdaily\b",
               "daily"), (r"\b(?:every|each) week\b|\bweekly\b", "weekly"),
               (r"\b(?:every|each) hour\b|\bhourly\b", "hourly"), (r"\b(?:every|each) month\b|\bmonthly\b",
               "monthly"), (r"\b(?:every|each) morning\b", "morning")]

# A plural possessive keeps its apostrophe ("drivers' apps"), so it reads as an owner.
_TOKEN = re.compile(r"`[^`]+`|[A-Za-z][A-Za-z0-9_-]*s['’](?![A-Za-z])|"
                    r"[A-Za-z0-9][A-Za-z0-9_./'’+#-]*[A-Za-z0-9+#]|[A-Za-z0-9]|[,;:()]")


@dataclass(frozen=True)
class Token:
    """One word (or code span, or punctuation) of a clause, with its offset in the answer."""

    text: str
    pos: int

    @property
    def low(self) -> str:
        return self.bare.lower()

    @property
    def bare(self) -> str:
        """The word without backticks and possessive ``'s``."""
        word = self.text.strip("`")
        return re.sub(r"['’]s?$", "", word)

    @property
    def possessive(self) -> bool:
        return bool(re.search(r"['’]s?$", self.text)) and not self.text.startswith("`")

    @property
    def code(self) -> bool:
        return self.text.startswith("`")

    @property
    def punct(self) -> bool:
        return self.text in {",", ";", ":", "(", ")"}


def sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)``: split on sentence ends, semicolons and colons (a colon starts a clause)."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in re.finditer(r"(?<=[^.\s][.!?])\s+(?=[A-Z`\d])|\s*[;\n]\s*|:\s+", text):
        if text[start:match.start()].strip():
            out.append((start, text[start:match.start()].strip()))
        start = match.end()
    if text[start:].strip():
        out.append((start, text[start:].strip().rstrip(".")))
    return [(pos, s.rstrip(".")) for pos, s in out]


def tokens(sentence: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(0).rstrip("."), offset + m.start()) for m in _TOKEN.finditer(sentence)]


def verb_base(word: str) -> str:
    """``merges`` -> ``merge``, ``carries`` -> ``carry``, ``matches`` -> ``match``; a base stays."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x|z|o)es$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def participle_base(word: str) -> str:
    """``expired`` -> ``expire``, ``fetched`` -> ``fetch``, ``written`` -> ``write`` (the usual forms)."""
    w = word.lower()
    irregular = {"written": "write", "sent": "send", "kept": "keep", "built": "build", "run": "run",
                 "read": "read", "made": "make", "held": "hold", "taken": "take", "given": "give"}
    for form, base in irregular.items():  # "overwritten" is "written" with a prefix
        if w.endswith(form) and (w == form or len(w) - len(form) >= 3):
            return w[:len(w) - len(form)] + base
    if re.search(r"(?:[aeiou]{2}s|ss)ed$", w):
        return w[:-1] if not w.endswith("ssed") else w[:-2]  # "raised", "paused"; "suppressed", "passed"
    if re.search(r"(?:[aeiou]{2}[^aeiou]|[^aeiou](?:er|en|on|el))ed$", w):
        return w[:-2]  # "poured", "failed", "registered", "opened": no silent e
    if w.endswith("ied"):
        return w[:-3] + "y"
    if re.search(r"([bcdfghjklmnpqrstvz])\1ed$", w):
        return w[:-3]
    if re.search(r"(?:at|iz|is|ir|ur|v|c|g|s|u|ar|or)ed$", w) or re.search(
            r"[^aeiou][aeiou][^aeiouwxy]ed$", w):
        return w[:-1]
    return w[:-2] if w.endswith("ed") else w


def nominal(verb: str, particle: str = "") -> str:
    """The action as a noun: ``cancel`` -> ``cancellation``, ``validate`` -> ``validation``, ``look up``
    -> ``lookup``, ``merge`` -> ``merging``."""
    v = verb.lower()
    if particle:
        return v + particle
    if v in _TELLING:
        return _TELLING[v]
    if v in _ACTION_NOUNS:
        return _ACTION_NOUNS[v]
    rules = [(r"cancel$", "cancellation"), (r"erve$", "ervation"), (r"ate$", "ation"), (r"ize$", "ization"),
             (r"ify$", "ification"), (r"rypt$", "ryption"), (r"vert$", "version"),
             (r"ise$", "isation"), (r"ete$", "etion"), (r"duce$", "duction"), (r"scribe$", "scription")]
    if len(v) < 6 or v.endswith("update"):
        rules = rules[:1]  # "gate" -> "gating", "serve" -> "serving", "update" -> "updating"
    for pattern, repl in rules:
        if re.search(pattern, v):
            return re.sub(pattern, repl, v) if pattern != r"cancel$" else "cancellation"
    return gerund(v)


# Verbs of telling someone something: their action is a notification ("the LIMS is told that ...").
_TELLING = {"tell": "notification", "inform": "notification", "notify": "notification", "warn": "warning"}


# Everyday verbs whose action noun is not their -ing form (English morphology, not a domain's terms): "the
# user can choose a language" is a language choice, "enter a bid" a bid entry, never "bid entering".
_ACTION_NOUNS = {"choose": "choice", "enter": "entry", "approve": "approval", "remove": "removal",
                 "renew": "renewal", "refuse": "refusal", "arrive": "arrival", "deliver": "delivery",
                 "recover": "recovery", "discover": "discovery", "fail": "failure", "analyse": "analysis",
                 "analyze": "analysis", "assign": "assignment", "pay": "payment", "retrieve": "retrieval",
                 "dispose": "disposal", "withdraw": "withdrawal", "build": "build", "rebuild": "rebuild"}


def gerund(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ing") and len(v) > 6:  # already one ("following"): not "followinging"
        return v
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith("ee"):
        return v[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", v):  # one syllable, consonant-vowel-consonant
        return v + v[-1] + "ing"
    return v + "ing"


def singular(word: str) -> str:
    w = word
    if len(w) > 1 and w.isupper():
        return w  # an acronym is no plural: LIMS, CMS, SMS
    if w.lower().endswith("caches"):  # cache, not "cach" (as in matches)
        return w[:-1]
    if w.lower().endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x)es$", w.lower()):
        return w[:-2]
    if w.lower().endswith("s") and not re.search(r"(?:ss|us|is)$", w.lower()) and len(w) > 3:
        return w[:-1]
    return w


def adjective(word: str) -> bool:
    w = word.lower()
    return w in ADJECTIVES or (len(w) > 5 and _ADJ_SUFFIX.search(w) is not None and not w.endswith("ical"))


def frequency(text: str) -> str:
    """``nightly`` for "every night" / "each night" / "nightly"..., else empty."""
    for pattern, word in FREQUENCIES:
        if re.search(pattern, text, re.IGNORECASE):
            return word
    return ""


def looks_like_verb(token: Token) -> bool:
    """A finite verb after a subject: lower-case, not a function word, third person (``merges``)."""
    w = token.text
    if token.punct or token.code or not w.isalpha() or not w.islower():
        return False
    if w in DETERMINERS | PREPOSITIONS | CONJUNCTIONS | PRONOUNS:
        return w in MODALS
    return w in MODALS or (w.endswith("s") and not w.endswith("ss") and not w.endswith("us"))


def agent_noun(verb: str) -> str:
    """The doer of an action: ``run`` -> ``runner``, ``release`` -> ``releaser``, ``collect`` ->
    ``collector``, ``validate`` -> ``validator``."""
    v = verb.lower()
    if v in _TELLING:
        return "notifier"  # whoever has to tell, inform or warn someone notifies: not a "teller"
    if v.endswith(("ct", "ate")):
        return (v[:-1] if v.endswith("e") else v) + "or"
    if v.endswith("fy"):
        return v[:-1] + "ier"  # "notify" -> "notifier"
    if v.endswith("e"):
        return v + "r"
    return gerund(v)[:-3] + "er"
