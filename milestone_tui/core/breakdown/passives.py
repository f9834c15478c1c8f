"""Agentless passive clauses: what the system does to its data when no component is named for it.

``failed runs are retried with exponential backoff``, ``a failed job is retried twice``, ``it is loaded and
validated into objects`` (``it``: the subject of the clause before). Each clause of a sentence is read, so
``the cart is validated ..., and its lines are reserved in the inventory service`` gives two. Storage verbs
(written, stored...) are the store's issue, a clause with ``by`` is its agent's use (``clauses``), and a
clause that names a component only as a place (``in the inventory service``) is that component's (``spec``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.grammar import Token
from milestone_tui.core.breakdown.phrases import (
    Use,
    base_verb,
    clause_subject,
    content,
    object_phrase,
    plain_noun,
)

_AUX = {"is", "are", "be", "get", "gets"}
# Before ``be``: "they have to be rewritten", "it must be signed", "reports will be regenerated".
_MODAL_CHAINS = [("has", "to"), ("have", "to"), ("need", "to"), ("needs", "to"), ("must",), ("should",),
                 ("will",), ("can",), ("may",)]
# Passives that say nothing of an action ("is used", "is kept", "is given"); "loaded" and "run" are actions
# in a passive ("it is loaded and validated") though light in an active clause ("a service loads a model").
_LIGHT = g.STATIVE_VERBS | {"be", "use", "make", "give", "take", "keep", "hold", "call", "let", "do", "get",
                             "base", "allow", "expect", "require", "name", "mean", "consider", "reject",
                             "read"}  # "settings are read from a deploy.toml": the config loader's
_IRREGULAR = {"split": "split", "cut": "cut", "set": "set", "put": "put", "shown": "show", "drawn": "draw",
              "sold": "sell", "found": "find", "bound": "bind", "sent": "send", "built": "build",
              "rebuilt": "rebuild", "read": "read", "run": "run", "rerun": "rerun", "kept": "keep",
              "made": "make", "held": "hold", "taken": "take", "given": "give", "written": "write",
              "rewritten": "rewrite", "known": "know", "done": "do", "paid": "pay", "thrown": "throw",
              "told": "tell"}
# Adverbs between the auxiliary and the participle ("is then split", "is automatically paused").
_ADVERBS = g.PREVERBAL | {"automatically", "immediately", "again"}
_NEGATIONS = {"not", "never"}


_HOW = {"with", "into", "through", "via"}  # what a passive is done with, or what it goes through
_WRITES = {"write", "save", "export", "emit", "print", "dump", "output", "publish", "render"}


def _formats(toks: list[Token]) -> list[str]:
    """The file formats a clause writes to (``as JSON and as a Markdown summary``), joined by ``and``."""
    text = " ".join(t.text for t in toks)
    if not re.search(r"\b(?:as|to|in|into)\b", text):
        return []
    names = dict.fromkeys(re.findall(v.FORMATS, text, re.IGNORECASE))
    shown = [{"markdown": "Markdown", "excel": "Excel"}.get(n.lower(), n.upper()) for n in names]
    return " and ".join(shown).split() if shown else []


def participle(token: Token) -> bool:
    """A past participle (``trimmed``, ``sent``)."""
    return token.text.islower() and token.text.isalpha() and (
        token.low.endswith("ed") and len(token.low) > 4 or token.low in _IRREGULAR)


def _acronym(toks: list[Token], at: int) -> bool:
    """An acronym after a determiner is a noun like any other: ``the LIMS is told``, ``the CRM is told``."""
    w = toks[at].text
    if re.fullmatch(r"[A-Z]{2,6}s", w):  # "and DWGs get converted to DXF": a plural acronym opening a clause
        return at == 0 or toks[at - 1].low in g.DETERMINERS | {",", "and", "then", "so"}
    return w.isalpha() and w.isupper() and 2 <= len(w) <= 6 and at > 0 and toks[at - 1].low in g.DETERMINERS


def _base(word: str) -> str:
    return _IRREGULAR.get(word) or g.participle_base(word)


def _subject_end(toks: list[Token], k: int) -> int:
    """The index of the subject's last word before the auxiliary at ``k`` (past a modal chain)."""
    for chain in _MODAL_CHAINS:
        n = len(chain)
        if toks[k].low == "be" and k - n >= 1 and tuple(t.low for t in toks[k - n:k]) == chain:
            return k - n - 1
    end = k - 1
    if toks[end].text == ")":  # "A pseudo-locale (accented letters, ...) is built": past the aside
        opening = next((j for j in range(end - 1, -1, -1) if toks[j].text == "("), None)
        end = opening - 1 if opening else end
    return end


def _antecedent(toks: list[Token], at: int) -> int:
    """The subject a passive's verb belongs to past a relative clause: ``holds that are not picked up within
    five days are cancelled`` (holds), ``a shelf list that is regenerated`` (list)."""
    for j in range(at, max(at - 10, 0), -1):
        if toks[j].low in {"that", "which", "who"} and j > 0 and plain_noun(toks[j - 1], set()) or (
                j > 0 and toks[j].low in {"that", "which"} and toks[j - 1].text.istitle() and j - 1 == 0):
            return j - 1
        if toks[j].text in {",", ";"} or toks[j].low in g.SUBORDINATORS:
            break
    return at


def _clause_end(toks: list[Token], k: int) -> int:
    """Where the clause from ``k`` ends: a semicolon, a subordinator, or ``,`` / ``and`` before a new
    subject."""
    for n in range(k, len(toks)):
        t = toks[n]
        nxt = toks[n + 1].low if n + 1 < len(toks) else ""
        if t.text == ";" or t.low in g.SUBORDINATORS and n > k:
            return n
        if t.low in {",", "and"} and (nxt in g.DETERMINERS - {"all", "both"} or nxt in {"it", "they"}):
            return n
        ahead = [x.low for x in toks[n + 1:n + 5]]
        if t.low in {",", "and"} and _AUX & set(ahead) and "," not in ahead[:ahead.index(next(
                a for a in ahead if a in _AUX))]:
            return n  # "..., and approved refunds are paid by the bank": a new passive clause
    return len(toks)


class Passive(NamedTuple):
    """One agentless passive clause: its subject's words and head, where it is, its actions, the clause's
    other words (singular, lower-case), and whether it is a condition (``when a file is shared``)."""

    words: list[str]
    head: str
    pos: int
    uses: list[Use]
    rest: set[str]
    condition: bool


def behaviours(toks: list[Token], previous: list[str]) -> list[Passive]:
    """Each agentless passive clause with an action verb; ``previous`` is the subject a pronoun (``it is
    loaded``) stands for."""
    out: list[Passive] = []
    for k in range(1, len(toks) - 1):
        aux = toks[k]
        n = k + 1
        while n < len(toks) and toks[n].low in _ADVERBS:
            n += 1
        if aux.low not in _AUX or n >= len(toks) or not participle(toks[n]) or toks[k - 1].low in _NEGATIONS:
            continue
        verbs = [_base(toks[n].low)]
        m = n + 1
        while m < len(toks) and toks[m].low in g.PARTICLES and m + 1 < len(toks) and not content(toks[m + 1]):
            m += 1  # "is split off and parsed"
        while m + 1 < len(toks) and toks[m].low in {"and", "then", ","} and participle(toks[m + 1]):
            verbs.append(_base(toks[m + 1].low))  # "is loaded and validated"
            m += 2
        end = _clause_end(toks, m)
        late = 0  # where a later participle's own "with" / "through" phrase starts
        for j in range(m + 1, end - 1):  # "is encrypted with a key of its own and deleted after 7 days"
            if toks[j].low == "and" and participle(toks[j + 1]) and toks[j - 1].low not in {"is", "are"}:
                verbs.append(_base(toks[j + 1].low))
                late = j + 2 if j + 2 < end and toks[j + 2].low in _HOW else late
        formats = _formats(toks[m:end]) if set(verbs) & _WRITES else []
        if formats:  # "results are written as JSON and as a Markdown summary": an output, not a store
            verbs = ["output"]
        else:
            verbs = [v for v in verbs if v not in _LIGHT | g.STORAGE_VERBS]
        at = _subject_end(toks, k)
        if at < 0:
            continue
        rest = {g.singular(t.low) for t in toks[m:end]}
        at = _antecedent(toks, at)
        subj = toks[at]
        pronoun = subj.low in {"it", "they"} and previous and (at == 0 or toks[at - 1].low in {",", "and"})
        noun = plain_noun(subj, set()) or at == 0 and subj.text.istitle() and plain_noun(
            Token(subj.text.lower(), subj.pos), set()) or _acronym(toks, at)  # "Thumbnails must be cut"
        b = clause_subject(toks, at, determiner=False) if noun else None
        if not verbs or "by" in rest or (b is None and not pronoun):
            continue
        # a pronoun stands first for an earlier passive's subject of its own number in the same sentence
        # ("location updates are received ..., and they are shown to the shipper"), else the sentence before
        plural = subj.low == "they"
        earlier = [p for p in out if p.words and (p.words[-1].lower().endswith("s") == plural)]
        leading = subj.low in {"it", "they"} and (at == 0 or toks[at - 1].low in {",", "and"})
        if leading and earlier and not formats:
            said = " ".join(t.text for t in toks[at:end])
            earlier[-1].uses.extend(Use(verb, "", [], said) for verb in verbs)
            continue  # the same thing, further on in the same step: one issue ("received ..., and shown")
        words = list(previous) if pronoun else [t.bare for t in toks[b:at + 1] if content(t)]
        obj: list[str] = formats
        how = m if m < len(toks) and toks[m].low in _HOW else late
        if how:
            obj, _ = object_phrase(toks, how + 1)  # "with exponential backoff", "into the Jinja layout"
            obj = [toks[how].low, *obj] if obj else []
        start = at if b is None else b
        # "when a file is shared", "if the offer is declined": a condition, work only on the spec's own data
        condition = start > 0 and toks[start - 1].low in g.SUBORDINATORS | {"whenever"}
        text = " ".join(t.text for t in toks[start:end])
        head = g.singular(words[-1].lower()) if words else subj.low
        out.append(Passive(words, head, toks[start].pos, [Use(verb, "", obj, text) for verb in verbs], rest,
                           condition))
    return out


def sentence_subject(toks: list[Token]) -> list[str]:
    """The noun phrase that opens a sentence (``A suite is ...`` -> ``suite``), for a pronoun after it."""
    if not toks:
        return []
    words: list[str] = []
    start = 1 if toks[0].low in g.DETERMINERS else 0
    for n in range(start, len(toks)):
        t = toks[n]
        if not content(t) or t.punct or words and base_verb(toks, n):
            break  # "scans arrive every hour": the base verb after the plural ends it
        if g.looks_like_verb(t):
            if words and base_verb(toks, n + 1):  # "draft invoices pile up": the plural is the noun
                words.append(t.bare)
            break
        words.append(t.bare)
    return words
