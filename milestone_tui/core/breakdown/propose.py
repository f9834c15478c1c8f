"""Proposing the issue breakdown, and the editing operations on it.

A deterministic, offline proposer: from the specification answers (or, in quick mode, the roadmap's scope) it
proposes issue titles the way a planner would write them. The vocabulary of component kinds lives in
``vocabulary``; the rules are documented in ``docs/proposal-rules.md``. The editing operations (``edits``) are
pure functions that return a new list; numbering, slugs and ``depends_on`` stay consistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.slugs import LEADING_VERBS, ascii_words
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.roadmap import RoadmapMilestone

TESTS_TITLE = "Add integration tests"


@dataclass(frozen=True)
class _Proposal:
    """One proposed issue: its layer rank, where the spec first mentions it, and its title."""

    kind: str
    rank: int
    pos: int
    title: str


def _subject(title: str) -> str:
    """The milestone title's first significant word (``Fusion Engine`` -> ``fusion``)."""
    words = [w for w in ascii_words(title) if w.lower() not in v.TITLE_GENERIC | v.TITLE_ADJECTIVES]
    return _lower_word(words[0]) if words else ""


def _qualifier(title: str) -> str:
    """The word in front of the title's generic noun (``Detection Ingest Pipeline`` -> ``ingest``), which
    names what the service does; empty when the title does not end in such a noun (``Team Task Board``)."""
    words = [w for w in ascii_words(title) if w.lower() not in v.TITLE_ADJECTIVES]
    if len(words) < 2 or words[-1].lower() not in v.TITLE_GENERIC:
        return ""
    return _lower_word(words[-2]) if words[-2].lower() not in v.TITLE_GENERIC else ""


def _lower_word(word: str) -> str:
    """Lower-case an ordinary word but keep acronyms and type names (``API``, ``TimescaleDB``)."""
    return word.lower() if word[:1].isupper() and word[1:].islower() or word.islower() else word


def _lower_phrase(text: str) -> str:
    return " ".join(_lower_word(w) for w in text.split())


def _dedupe(titles: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for title in titles:
        key = " ".join(ascii_words(title)).lower()
        if title and key not in seen:
            seen.add(key)
            out.append(title)
    return out


# -- from the specification --------------------------------------------------------------------------------
def _model_names(text: str) -> list[str]:
    """Data model names: type names in PascalCase, else the head of each clause (``User with ...``)."""
    pascal = list(dict.fromkeys(re.findall(r"\b(?:[A-Z][a-z0-9]+){2,}\b", text)))
    if pascal:
        return pascal
    names: list[str] = []
    noise = {"a", "an", "the", "table", "tables", "model", "models", "entity", "entities", "schema",
             "schemas", "record", "records", "collection", "collections", "need", "needed", "we"}
    for clause in re.split(r"[;\n]|\.(?:\s|$)", text):
        head = re.split(r"\b(?:with|having|has|containing|contains|storing|holds)\b|[:(]| - | — ", clause)[0]
        for part in re.split(r",|\band\b|&|/", head):
            words = [w for w in ascii_words(part) if w.lower() not in noise]
            if 1 <= len(words) <= 3:
                names.append(" ".join(words))
    return list(dict.fromkeys(names))


def _endpoint_title(flow: str, session: Session) -> str:
    qualifier = _qualifier(session.title)
    prefix = f"Add {qualifier} " if qualifier else "Add "
    if v.find(r"\bgraphql\b", flow) is not None:
        return prefix + "GraphQL API"
    if v.find(r"\bgrpc\b", flow) is not None:
        return prefix + "gRPC service"
    plural = v.find(r"\bendpoints\b", flow) is not None
    if v.find(r"\bhttps?\b", flow) is not None:
        return prefix + ("HTTP endpoints" if plural else "HTTP endpoint")
    if v.find(r"\brest\b", flow) is not None:
        return prefix + "REST API endpoints"
    return prefix + "API endpoints"


def _spec_proposals(session: Session) -> list[_Proposal]:
    spec = session.spec
    # Components come from the architecture and technology answers only: tradeoffs may name rejected options.
    flow = f"{spec.architecture}\n{spec.technology}"
    everything = f"{flow}\n{spec.data_models}\n{spec.tradeoffs}"
    found: list[_Proposal] = []

    def add(kind: str, pos: int | None, title: str) -> None:
        if pos is not None:
            found.append(_Proposal(kind, v.RANK[kind], pos, title))

    externals = [m for m in v.EXTERNAL_API.finditer(flow) if m.group(1) not in v.NOT_EXTERNAL]
    for match in externals:
        add("client", match.start(), f"Add {match.group(1)} API client")
    own_flow = v.EXTERNAL_API.sub(lambda m: m.group(0) if m.group(1) in v.NOT_EXTERNAL else " ", flow)
    add("endpoint", v.find(v.ENDPOINT, own_flow), _endpoint_title(own_flow, session))
    add("cli", v.find(v.CLI, flow), "Add CLI commands")
    add("webhook", v.find(v.WEBHOOK, flow), "Add webhook receiver")
    add("rate_limit", v.find(v.RATE_LIMIT, everything), "Add rate limiting middleware")
    auth = v.find(v.AUTH, flow)
    scheme = "OAuth " if v.find(r"\boauth", flow) is not None else ""
    scheme = scheme or ("JWT " if v.find(r"\bjwt\b", flow) is not None else "")
    add("auth", auth, f"Add {scheme}authentication")

    validated = v.find(v.VALIDATION, everything) is not None
    names = _model_names(spec.data_models)
    # One model is a piece of work of its own; a few are one issue; many are "the core data models".
    if len(names) == 1:
        add("models", 0, f"Add {names[0]} " + ("schema and validation" if validated else "data model"))
    elif names:
        listed = "core" if len(names) > 3 else ", ".join(names[:-1]) + f" and {names[-1]}"
        add("models", 0, f"Add {listed} " + ("schemas and validation" if validated else "data models"))

    for pos, fmt in _formats_near(flow, v.READS):
        add("parser", pos, f"Add {fmt} parser")

    databases = v.find_named(v.DATABASES, flow)
    if not databases and (pos := v.find(v.GENERIC_DATABASE, flow)) is not None:
        databases = [(pos, "database")]
    stores = bool(databases) and v.find(v.STORES_DATA, flow) is not None
    for pos, queue in v.find_named(v.QUEUES, flow):
        add("producer", pos, f"Add {queue} producer integration")
        add("consumer", pos, f"Add {queue} consumer and storage service" if stores
            else f"Add {queue} consumer service")
    if not v.find_named(v.QUEUES, flow):
        worker = v.find(v.WORKER, flow)
        add("worker", worker, "Add scheduled jobs" if v.find(r"\b(?:cron|schedul)", flow) else
            "Add background worker")
    for pos, db in databases:
        what = "collections and indexes" if db in v.DOCUMENT_STORES else "schema and migrations"
        add("db", pos, f"Add {db} {what}")
    engines = v.find_named(v.SEARCH, flow)
    named = [(pos, engine) for pos, engine in engines if engine]  # a named engine beats "full-text search"
    for pos, engine in named or engines[:1]:
        add("search", pos, f"Add {engine or 'full-text'} search index")
    for pos, store in v.find_named(v.FILE_STORES, flow):
        add("files", pos, "Add object file storage" if store == "object" else f"Add {store} file storage")
    caches = v.find_named(v.CACHES, flow)
    if caches:
        add("cache", caches[0][0], f"Add {caches[0][1]} caching layer")
    else:
        add("cache", v.find(v.GENERIC_CACHE, flow), "Add caching layer")

    for pos, fmt in _formats_near(flow, v.REPORT):
        add("report", pos, f"Add {fmt} report generation")
    if not _formats_near(flow, v.REPORT):
        add("report", v.find(v.REPORT, flow), "Add report generation")
    add("export", v.find(v.EXPORT, flow), "Add data export")
    email = v.find(v.EMAIL, flow) is not None
    add("notify", v.find(v.NOTIFY, flow), "Add email notifications" if email else "Add notifications")

    frameworks = v.find_named(v.UI_FRAMEWORKS, flow)
    ui_word = v.find(v.UI_WORDS, flow)
    if frameworks or ui_word is not None:
        framework = f"{frameworks[0][1]} " if frameworks else ""
        what = "dashboard" if v.find(r"\bdashboard\b", flow) is not None else "web UI"
        add("ui", frameworks[0][0] if frameworks else ui_word, f"Add {framework}{what}")

    found.extend(_ops_proposal(session, flow, served=bool(_SERVED & {p.kind for p in found})))
    return found


def _formats_near(flow: str, verbs: str) -> list[tuple[int, str]]:
    """File formats named in the same clause as one of ``verbs`` (``reads CSV files`` -> CSV)."""
    out: list[tuple[int, str]] = []
    offset = 0
    for clause in re.split(r"([,;.\n])", flow):
        if v.find(verbs, clause) is not None:
            for match in re.finditer(v.FORMATS, clause, re.IGNORECASE):
                fmt = match.group(1)
                name = {"markdown": "Markdown", "excel": "Excel"}.get(fmt.lower(), fmt.upper())
                out.append((offset + match.start(), name))
        offset += len(clause)
    return out


# Kinds that run as a service: only those get health check and metrics endpoints.
_SERVED = {"endpoint", "webhook", "consumer", "worker", "ui"}


def _ops_proposal(session: Session, flow: str, served: bool) -> list[_Proposal]:
    """Health check and metrics from the success metrics: availability -> health, performance -> metrics."""
    text = f"{session.epic.success}\n{flow}"
    perf = v.find(v.PERF, text) is not None
    health = v.find(v.HEALTH, text) is not None
    if not served:  # nothing listens: measure rather than expose
        return [_Proposal("ops", v.RANK["ops"], 0, "Add performance benchmarks")] if perf else []
    if perf and health:
        title = "Add health check and metrics endpoints"
    elif health:
        title = "Add health check endpoint"
    elif perf:
        title = "Add metrics endpoint"
    else:
        return []
    return [_Proposal("ops", v.RANK["ops"], 0, title)]


def propose_from_spec(session: Session) -> list[str]:
    """Issue titles from the spec answers (architecture flow, data models, technology, success metrics)."""
    found = sorted(_spec_proposals(session), key=lambda p: (p.rank, p.pos))
    titles = _dedupe([p.title for p in found])
    if not titles:  # nothing recognisable: fall back to the roadmap's scope
        if session.roadmap is not None:
            titles = propose_from_roadmap(session.roadmap)
        else:
            titles = ["Add project scaffolding", "Add core functionality"]
    return _dedupe([t for t in titles if t != TESTS_TITLE] + [TESTS_TITLE])


# -- quick mode: from the roadmap --------------------------------------------------------------------------
_COMBINE = re.compile(
    r"^(?:combine|merge|join|fuse|correlate|integrate)\s+(?:with\s+)?(?P<sources>.+?)"
    r"(?:\s+(?:data|feeds?|sources?|streams?))?\.?$",
    re.IGNORECASE,
)


def _item_title(item: str) -> str:
    """``Risk calculation engine`` -> ``Add risk calculation engine`` (a leading verb is replaced by Add)."""
    words = item.strip().rstrip(".").split()
    if words and words[0].lower() in LEADING_VERBS:
        words = words[1:]
    return f"Add {_lower_phrase(' '.join(words))}" if words else ""


def propose_from_roadmap(milestone: RoadmapMilestone) -> list[str]:
    """Quick mode: issue titles from the roadmap's scope."""
    subject = _subject(milestone.title)
    items = [s.strip() for s in milestone.scope if s.strip()]
    items = items or ([milestone.title] if milestone.title else [])
    has_models = any(re.search(r"\b(?:models?|schemas?)\b", i, re.IGNORECASE) for i in items)
    has_api = any(re.search(r"\b(?:api|endpoints?)\b", i, re.IGNORECASE) for i in items)
    titles: list[str] = []
    if subject and not has_models:
        titles.append(f"Add {subject} data models")
    for item in items:
        combine = _COMBINE.match(item)
        if combine:
            sources = [s.strip() for s in re.split(r",|\band\b|&|\+", combine.group("sources")) if s.strip()]
            # The source named last is usually the new one joining existing data, so it comes first.
            titles.extend(f"Add {_lower_phrase(src)} data integration" for src in reversed(sources))
        else:
            titles.append(_item_title(item))
    if subject and not has_api:
        titles.append(f"Add {subject} API endpoints")
    return _dedupe(titles) or ["Add core functionality"]


# -- per-issue questions and defaults ----------------------------------------------------------------------
_QUESTIONS: list[tuple[str, str]] = [
    (r"\btests?\b|\btesting\b", "What scenarios must the tests cover?"),
    (r"\brate[- ]limit", "What are the rate limits?"),
    (r"\bmigrations?\b|\bcollections\b|\bindex(?:es)?\b", "What tables, indexes and retention are needed?"),
    (r"\bschemas?\b|\bvalidat|\bmodels?\b", "What fields and validation rules?"),
    (r"\bproducer\b|\bconsumer\b|\bqueue\b", "What are the topics, message format and delivery guarantees?"),
    (r"\bcach(?:e|ing)\b", "What is cached, and when does it expire?"),
    (r"\bhealth\b|\bmetrics\b|\bbenchmarks?\b", "Which metrics and health signals must be exposed?"),
    (r"\bauth\w*\b|\blogin\b", "Who may access what, and how do they authenticate?"),
    (r"\bdashboard\b|\bui\b|\bfrontend\b", "What must the user see and be able to do?"),
    (r"\bcli\b|\bcommands?\b", "Which commands and flags are needed?"),
    (r"\bnotifications?\b", "Who is notified of what, and through which channel?"),
]
DEFAULT_QUESTION = "What are the key acceptance criteria?"


def issue_question(issue: Issue) -> str:
    """The issue-specific question (``What are the rate limits?``; default ``What are the key acceptance
    criteria?``)."""
    for pattern, question in _QUESTIONS:
        if re.search(pattern, issue.title, re.IGNORECASE):
            return question
    return DEFAULT_QUESTION


def default_acceptance(issue: Issue, session: Session) -> list[str]:
    """Quick mode's basic acceptance criteria for an issue."""
    words = issue.title.split()
    thing = " ".join(words[1:]) if len(words) > 1 and words[0].lower() in LEADING_VERBS else issue.title
    thing = thing[:1].upper() + thing[1:]
    if re.search(r"\btests?\b", issue.title, re.IGNORECASE):
        return [
            "The main flow is covered end to end",
            "Failure and edge cases are covered",
            "The tests run in CI",
        ]
    criteria = [f"{thing} is implemented as described in 00-SPECIFICATION.md"]
    question = issue_question(issue)
    if question == "What fields and validation rules?":
        criteria.append("Invalid input is rejected with a clear error")
    elif question == "Which metrics and health signals must be exposed?" and session.epic.success:
        criteria.append(f"Reports the success metrics: {session.epic.success.strip()}")
    criteria += ["Unit tests cover the main path and the error cases", "Documentation is updated"]
    return criteria
