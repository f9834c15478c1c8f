"""Drafted acceptance criteria for each proposed issue, from the spec's own facts.

Nothing is invented: a criterion restates something the answers say. The data models issue gets each model's
fields (and the rejection of invalid input when the spec validates); a component gets what its sentence says
it does, the endpoint's method, path and status when the spec names them, and the security its sentence asks
for; each success-metric clause goes to the issue that carries it (the one sharing its words, else the
cross-cutting issue, else the tests); each tradeoff decision goes to the issue it constrains.
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.kinds import Item
from milestone_tui.core.breakdown.models import Model

_METHOD = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\s+(/[\w/{}:.-]*)")
_STATUS = re.compile(r"\b(?:returns?|responds? with|answers?)\s+(?:an?\s+|HTTP\s+)?([1-5]\d\d)\b")
_SECURITY = re.compile(
    r"[^,;.]*\b(?:auth\w*|signed|signature|verif\w*|encrypt\w*|certificate|sso|oidc|"
    r"tls|mtls)\b[^,;.]*",
    re.IGNORECASE,
)
_GENERIC = {
    "add",
    "the",
    "and",
    "for",
    "with",
    "data",
    "service",
    "endpoint",
    "endpoints",
    "integration",
    "models",
    "model",
    "than",
    "under",
    "within",
    "from",
    "every",
    "each",
    "per",
    "test",
    "tests",
}


def _stems(text: str) -> set[str]:
    return {
        w.lower()[:5]
        for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", text)
        if len(w) > 2 and w.lower() not in _GENERIC
    }


def _sentence(text: str) -> str:
    # The clause reader joins words with spaces: "nightly , not live" reads "nightly, not live".
    text = re.sub(r"\s+([,;:!?])", r"\1", " ".join(text.split())).strip(" .;,")
    return text[:1].upper() + text[1:] if text else ""


def metric_clauses(success: str) -> list[str]:
    """The success metrics one by one (``;``, sentence ends, and commas not inside a number)."""
    parts = re.split(r";|\.\s|,\s(?!\d{3}\b)|\n", success)
    return [_sentence(p) for p in parts if re.search(r"\d", p) and p.strip()]


def _best(text: str, items: list[Item], fallback: int | None) -> int | None:
    words = _stems(text)
    scores = [len(words & (_stems(i.title) | {w[:5] for w in i.words})) for i in items]
    best = max(scores, default=0)
    return scores.index(best) if best else fallback


def draft(
    items: list[Item], models: list[Model], success: str, tradeoffs: str, validated: bool
) -> tuple[list[list[str]], list[str]]:
    """(criteria per item, success metrics no issue but the tests carries)."""
    out: list[list[str]] = [[] for _ in items]
    for n, item in enumerate(items):
        if item.kind == "models":
            for model in models:
                if model.fields:
                    out[n].append(f"{model.name} has {_join(model.fields)}")
            if validated:
                out[n].append(
                    "Input that does not match the schema is rejected with an error naming the field"
                )
            continue
        for method, path in _METHOD.findall(item.source):
            out[n].append(f"{method} {path}")
        out[n] += [f"Returns {status}" for status in _STATUS.findall(item.source)]
        out[n] += [_sentence(f) for f in item.facts[:3]]
        out[n] += [_sentence(m.group(0)) for m in _SECURITY.finditer(item.source)][:1]
    ops = next((n for n, i in enumerate(items) if i.kind == "ops"), None)
    tests = next((n for n, i in enumerate(items) if i.kind == "tests"), None)
    uncarried: list[str] = []
    for clause in metric_clauses(success):
        carriers = [i for i in items if i.kind not in {"tests"}]
        at = _best(clause, carriers, None)
        index = items.index(carriers[at]) if at is not None else ops if ops is not None else tests
        if ops is not None and (v.find(v.PERF, clause) is not None or v.find(v.HEALTH, clause) is not None):
            index = ops  # a performance or availability number is what the cross-cutting issue measures
        if index is None:
            continue
        if index == tests:
            uncarried.append(clause)
        out[index].append(clause)
    for decision in re.split(r"(?<=[.!?])\s+|;\s*", tradeoffs):
        decision = _sentence(decision)
        at = _best(decision, [i for i in items if i.kind != "tests"], None)
        if (
            decision
            and at is not None
            and re.search(
                r"\b(?:going with|over|rather than|instead of|vs|"
                r"never|not|only|because)\b",
                decision,
                re.IGNORECASE,
            )
        ):
            out[at].append(f"As decided: {decision}")
    for n, item in enumerate(items):
        if item.kind == "tests":
            out[n] = [
                "The main flow is covered end to end",
                "Failure and edge cases are covered",
                *out[n],
                "The tests run in CI",
            ]
        elif not out[n] and item.kind in {"scope", "models"} and item.source:
            out[n].append(f"Delivers the roadmap's scope item: {_sentence(item.source)}")
        elif not out[n] and item.source:
            own = [
                c
                for c in re.split(r",\s*", item.source)
                if _stems(c) & (_stems(item.title) | _stems(item.tech))
            ]
            out[n].append(f"Does what the specification says: {_sentence(own[0] if own else item.source)}")
    return [list(dict.fromkeys(c)) for c in out], uncarried


def spec_sentence(title: str, answers: list[str]) -> str:
    """The spec sentence an issue the planner typed is about: the one sharing most of the title's words, if
    it shares at least half of them (``Add SMS notifier`` and "A notifier sends email and SMS"), else ""."""
    words = _stems(title)
    best, shared = "", 0
    for answer in answers:
        for sentence in re.split(r"(?<=[.!?])\s+|;\s*|\n+", answer):
            count = len(words & _stems(sentence))
            if count > shared:
                best, shared = sentence, count
    return _sentence(best) if words and 2 * shared >= len(words) else ""


def draft_typed(title: str, sentence: str, success: str, tradeoffs: str) -> list[str]:
    """The criteria drafted for an issue the planner added or retitled, from the spec sentence it is about:
    the same facts a proposed component gets (method, status, security, the success metrics and tradeoff
    decisions that share its words)."""
    items = [Item("component", 50, 0, title, sentence), Item("tests", 90, 0, "Add integration tests")]
    return draft(items, [], success, tradeoffs, False)[0][0]


def _join(fields: tuple[str, ...]) -> str:
    names = list(fields)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
