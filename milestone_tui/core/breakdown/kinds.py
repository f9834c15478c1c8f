"""The technology kinds of the vocabulary (queues, storage schemas, search, files, caches, API clients, UI
frameworks, file formats, reports, notifications) and the generic kinds (endpoint, CLI, webhook, worker) that
apply only when no component of the clause reader already covers them.

A technology is named by the use the spec gives it: ``Redis for distributed locks`` is ``Add Redis distributed
locks``, not a caching layer; ``PostgreSQL for the registry`` is the registry's storage, not an issue of its
own; ``PostgreSQL for storage`` keeps the kind's title (``Add PostgreSQL schema and migrations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown import vocabulary as v

GENERIC_USES = {"storage", "store", "data", "persistence", "database", "caching", "cache", "queuing",
                "queueing", "messaging", "queue", "events", "time series", "search", "everything", "state",
                "the time series",
                "queries", "the data"}


@dataclass
class Item:
    """One proposed issue before numbering: its kind, layer rank, position in the spec, title and source."""

    kind: str
    rank: int
    pos: int
    title: str
    source: str = ""
    tech: str = ""  # the technology it is about (Kafka, PostgreSQL), for dependencies
    words: set[str] = field(default_factory=set)  # words that name it, for dependencies and drafts
    facts: list[str] = field(default_factory=list)  # what the spec says it does, for the drafted criteria
    clause: str = ""  # a passive's own clause, when its sentence says more (what the issue covers)
    generic: bool = False  # a vocabulary kind's own title, the spec naming no use ("Add caching layer")


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` around ``pos``."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind(";", 0, pos))
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos), text.find(";", pos)) if e != -1]
    return text[start + 1 if start >= 0 else 0:min(ends) if ends else len(text)].strip(" .;\n")


def technology_uses(spec_text: str) -> dict[str, str]:
    """``X for Y`` and ``X is used (only) for Y``: the use the spec gives each technology (lower-case)."""
    uses: dict[str, str] = {}
    for part in re.split(r"[,;\n]|\.\s", spec_text):
        match = re.search(r"^\s*(?P<tech>[\w .+/-]+?)(?:\s+\d[\w.]*)?\s*(?:\([^)]*\)\s*)?"
                          r"(?:is used (?:only )?)?for (?P<use>[\w -]+)", part)
        if match:
            tech = match.group("tech").strip().lower()
            if not tech:  # "for Y" with nothing before it ("..., for Posting it was"): no technology
                continue
            use = re.sub(r"^(?:the|a|an)\s+", "", match.group("use").strip().lower())
            uses.setdefault(tech, use)
    return uses


def _use_of(name: str, uses: dict[str, str]) -> str | None:
    for tech, use in uses.items():
        if tech.split()[0] == name.lower() or tech.startswith(name.lower()):
            return use
    return None


def technology_items(flow: str, everything: str, covered: set[str], queue_named_parts: bool,
                     component_words: set[str], has_models: bool = False, arch_len: int = 0,
                     elsewhere: list[set[str]] | None = None,
                     model_words: set[str] | None = None) -> list[Item]:
    """Issues for the technologies the spec names (``covered``: kinds a component already is). A database
    the spec gives no use (``PostgreSQL 16``) is where the data models live: their issue, not one of its own;
    a cache technology with no use and no caching in the spec (``Redis 7``) is a component's storage."""
    items: list[Item] = []
    uses = technology_uses(flow)
    elsewhere = elsewhere or []

    def add(kind: str, pos: int | None, title: str, tech: str = "", generic: bool = False) -> None:
        if pos is not None:
            items.append(Item(kind, v.RANK[kind], pos, title, sentence_at(flow, pos), tech,
                              {w.lower() for w in re.findall(r"\w+", tech)}, generic=generic))

    for match in v.EXTERNAL_API.finditer(flow):
        if match.group(1) not in v.NOT_EXTERNAL and match.group(1).lower() not in v.LANGUAGES:  # a Rails API
            add("client", match.start(), f"Add {match.group(1)} API client", match.group(1))
    add("rate_limit", v.find(v.RATE_LIMIT, everything), "Add rate limiting middleware", generic=True)

    def specific(name: str) -> str | None:
        """The spec's own use of a technology when it is not its kind's generic one; '' when the use is a
        component's (its storage); None for the generic use."""
        use = _use_of(name, uses)
        if use is None or use in GENERIC_USES or use.split()[-1] in GENERIC_USES:
            return None
        return "" if set(use.split()) & component_words or use.rstrip("s") in component_words else use

    databases = v.find_named(v.DATABASES, flow)
    if not databases and (pos := v.find(v.GENERIC_DATABASE, flow)) is not None:
        databases = [(pos, "database")]
    stores = bool(databases) and v.find(v.STORES_DATA, flow) is not None
    for pos, queue in v.find_named(v.QUEUES, flow):
        said = sentence_at(flow, pos)
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", said)}
        # An existing topic, or one another milestone's system fills ("streamed from the payments core" when
        # the roadmap item depends on M2 (Payments Core)): no producer to build.
        existing = re.search(r"\b(?:existing|already)\b", said, re.IGNORECASE) or any(
            dep and dep <= words for dep in elsewhere) or _outside_sender(said, component_words)
        if "producer" not in covered and not existing:
            add("producer", pos, f"Add {queue} producer integration", queue)
        if "consumer" not in covered or queue_named_parts:
            add("consumer", pos, f"Add {queue} consumer and storage service" if stores
                else f"Add {queue} consumer service", queue)
    if not v.find_named(v.QUEUES, flow) and "worker" not in covered:
        add("worker", v.find(v.WORKER, flow), "Add scheduled jobs" if v.find(r"\b(?:cron|schedul)", flow) else
            "Add background worker", generic=True)
    model_stems = {w[:5] for w in model_words or set() if len(w) > 3}
    for pos, db in databases:
        use = specific(db)
        if use == "" or has_models and _use_of(db, uses) is None:
            continue
        if use and {w[:5] for w in use.split() if len(w) > 3} & model_stems:
            continue  # "DynamoDB for the suppression list" next to the suppressed addresses model: its table
        what = "collections and indexes" if db in v.DOCUMENT_STORES else "schema and migrations"
        add("db", pos, f"Add {use} {db} schema" if use else f"Add {db} {what}", db)
    engines = v.find_named(v.SEARCH, flow)
    named = [(pos, engine) for pos, engine in engines if engine]  # a named engine beats "full-text search"
    for pos, engine in named or engines[:1]:
        add("search", pos, f"Add {engine or 'full-text'} search index", engine)
    for pos, store in v.find_named(v.FILE_STORES, flow):
        # Like a database, a file store is where a component's files go ("the file goes straight to S3" in
        # the API's clause, "S3" in the technology list), unless the spec gives it a use of its own ("S3
        # for raw logs") or a clause of its own ("files go to S3").
        use = specific(store) if store != "object" else None
        clause = re.split(r"[,;.\n]", flow[pos:])[0] + re.split(r"[,;.\n]", flow[:pos])[-1]
        placed = pos >= arch_len or bool(set(re.findall(r"[a-z]+", clause.lower())) & component_words)
        if use == "" or use is None and component_words and placed or use and _binned(use, flow[:arch_len]):
            continue
        name = "object" if store == "object" else store
        use = " ".join([*use.split()[:-1], g.singular(use.split()[-1])]) if use else use  # raw log storage
        add("files", pos, f"Add {use} {name} storage" if use else f"Add {name} file storage", store)
    caches = v.find_named(v.CACHES, flow)
    if caches:
        pos, cache = caches[0]
        use = specific(cache)
        bare = _use_of(cache, uses) is None and v.find(v.GENERIC_CACHE, everything) is None
        if use != "" and not bare:
            add("cache", pos, f"Add {cache} {use}" if use else f"Add {cache} caching layer", cache)
    elif "cache" not in covered:  # no other issue already is the cache
        add("cache", v.find(v.GENERIC_CACHE, flow), "Add caching layer", generic=True)
    return items


_CONDITION = re.compile(r"\b(?:once|when|if|until|unless|after|before)\b[^,;.:]*$", re.IGNORECASE)
_SENDER = re.compile(r"\b([A-Z][A-Za-z0-9]*)\s+(?:publishes|sends|posts|pushes|delivers|emits|forwards)\b")
_NOT_NAMES = {"The", "A", "An", "It", "We", "This", "Each", "Every", "Our", "Then", "They"}


def _outside_sender(sentence: str, component_words: set[str]) -> bool:
    """A named system, none of the spec's components, puts the messages on the queue (``SES publishes
    bounce notifications to an SNS topic``, ``Stripe posts events to ...``): no producer to build."""
    return any(m.group(1) not in _NOT_NAMES and m.group(1).lower() not in component_words
               for m in _SENDER.finditer(sentence))


def _binned(use: str, architecture: str) -> bool:
    """The architecture already puts what the store is for into a bucket of its own as a step of some
    component's work (``published with its VCF to the results bucket`` for ``S3 storage for results``)."""
    stem = g.singular(use.split()[-1].lower())[:5]
    return re.search(rf"\b{re.escape(stem)}\w*\s+(?:bucket|folder|share)\b", architecture, re.I) is not None


def output_items(flow: str, covered: set[str]) -> list[Item]:
    """Parsers, reports, exports, notifications and UIs the spec asks for in words."""
    items: list[Item] = []

    def add(kind: str, pos: int | None, title: str, generic: bool = False) -> None:
        if pos is not None:
            items.append(Item(kind, v.RANK[kind], pos, title, sentence_at(flow, pos), generic=generic))

    for pos, fmt in formats_near(flow, v.READS):
        add("parser", pos, f"Add {fmt} parser")
    reports = formats_near(flow, v.REPORT)
    for pos, fmt in reports:
        add("report", pos, f"Add {fmt} report generation")
    nouns = [m for m in re.finditer(v.REPORT, flow, re.I) if not _verb_use(flow, m.start())]
    if not reports and nouns:
        at = nouns[0].start()
        # A report the system fetches or imports is an input, not something it generates; one named only in
        # a condition ("once the reports are clean") is a state of the world, not a deliverable.
        conditional = all(_CONDITION.search(flow[:m.start()]) for m in nouns)
        if not conditional and not re.search(r"\b(?:fetch|import|download|receiv)", sentence_at(flow, at),
                                             re.IGNORECASE):
            add("report", at, "Add report generation", generic=True)
    for match in _INPUT_REPORT.finditer(flow):
        owner = f"{match.group(1)} " if match.group(1) else ""
        what = " ".join(f"{owner}{match.group(2).lower()}".split())
        add("parser", match.start(), f"Add {what} report import")
    for match in _INPUT_FILE.finditer(flow):  # "from the warehouse system's CSV export": an input
        owner = f"{match.group(1)} " if match.group(1) else ""
        add("parser", match.start(), f"Add {owner}{match.group(2)} import".replace("  ", " "))
    if not _INPUT_FILE.search(flow):
        add("export", v.find(v.EXPORT, flow), "Add data export", generic=True)
    for match in _CONFIG_FILE.finditer(flow):
        add("config", match.start(), f"Add {match.group(1)} config loading")
    for part in re.split(r"[.;\n]", flow):
        if _notice(part) and (found := v.find(v.NOTIFY, part)) is not None and not _not_ours(part) and not (
                _listed_name(part, found)):
            email = v.find(v.EMAIL, part) is not None
            title = "Add email notifications" if email else f"Add {_notice_kind(part)}notifications"
            add("notify", flow.find(part) + found, title, generic=email)
            break
    if "ui" not in covered:
        # "the portal's existing React front end": a UI that is there already, like any existing component
        frameworks = [f for f in v.find_named(v.UI_FRAMEWORKS, flow) if not _existing_before(flow, f[0])]
        ui_word = v.find(v.UI_WORDS, flow)
        if ui_word is not None and _existing_before(flow, ui_word):
            ui_word = None  # "the existing Next.js web app"
        if frameworks or ui_word is not None:
            framework = f"{frameworks[0][1]} " if frameworks else ""
            what = "dashboard" if v.find(r"\bdashboard\b", flow) is not None else "web UI"
            add("ui", frameworks[0][0] if frameworks else ui_word, f"Add {framework}{what}")
    return items


_SENDS = r"\b(?:sends?|sent|sending|notif\w*|alerts?|emails? (?:to|the))\b"


# Someone is sent a message: "sends confirmation emails", "notifies the team", "the patron gets an email".
_GETS = r"\b(?:gets?|receives?)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:e-?mails?|push|sms|texts?|notifications?)\b"


def _notice(part: str) -> bool:
    return re.search(_SENDS, part, re.I) is not None or re.search(_GETS, part, re.I) is not None


# Before a verb: a modal, a subject pronoun or "to" ("the checker can report each error", "to notify").
_BEFORE_VERB = re.compile(r"\b(?:can|could|will|would|shall|should|must|may|might|to|it|they|we|who|which)"
                          r"\s+(?:also\s+|then\s+|not\s+)?$", re.IGNORECASE)


def _existing_before(text: str, at: int) -> bool:
    """The word at ``at`` names something there already: ``existing`` / ``current`` / ``already`` a word or
    two before it (``the existing Next.js web app``, ``the portal's existing React front end``)."""
    before = text[max(0, at - 30):at]
    return re.search(rf"{v.EXISTING}\s+(?:[\w.-]+\s+)?$", before) is not None


def _verb_use(text: str, at: int) -> bool:
    """The kind's word at ``at`` is a verb, not the thing: ``can report each error`` is no report, nor is
    ``sensors and gates report to a cloud service`` (a bare word after a plural, then "to" or "back")."""
    if _BEFORE_VERB.search(text[max(0, at - 30):at]) is not None:
        return True
    after = re.match(r"[\w-]+\s+(?:to|back)\b", text[at:], re.IGNORECASE) is not None
    plural = re.search(r"\b(?![Tt]his\b|[Ii]ts\b)[A-Za-z]+[^s']s\s+$", text[max(0, at - 30):at]) is not None
    return after and plural


def _listed_name(part: str, at: int) -> bool:
    """The kind's word at ``at`` stands alone between a list's commas (``Rust, tokio, zstd, notify, ...``):
    the name of a library, not a notice the system sends."""
    before = part[:at].rstrip()
    after = re.match(r"[\w-]+\s*(.?)", part[at:])
    return (before == "" or before.endswith(",")) and after is not None and after.group(1) in {",", ""}


def _not_ours(part: str) -> bool:
    """Notices the milestone does not send to people: a technology's name (``LISTEN/NOTIFY``, upper case),
    an existing notification service (called, not built), or messages put on a topic or queue."""
    shouting = any(m.group(0).isupper() for m in re.finditer(_SENDS, part, re.I))
    return shouting or bool(re.search(r"\b(?:existing|already)\b", part, re.I)) or bool(
        re.search(r"\b(?:topics?|queues?)\b", part, re.I) or v.find_named(v.QUEUES, part))


def notifies(flow: str) -> bool:
    """The spec sends notifications (the notifications issue is proposed)."""
    return any(_notice(part) and v.find(v.NOTIFY, part) is not None and not _not_ours(part)
               for part in re.split(r"[.;\n]", flow))


def _notice_kind(part: str) -> str:
    """The kind the spec gives its notifications (``a push notification``, ``SMS notifications``,
    ``in-app notifications``), with a trailing space, or empty: a modifier after a determiner, or one
    written as a name (capitals) or a compound (hyphen), so a verb (``receive notifications``) is none."""
    match = re.search(r"(?:\b(a|an|the|their|its|one|each)\s+)?\b([A-Za-z][\w-]*)\s+notifications?\b", part)
    if match is None or match.group(2).lower() in {"a", "an", "the", "no", "any", "email", "e-mail"}:
        return ""
    word = match.group(2)
    named = word.isupper() or word[:1].isupper() and match.start(2) > 0 or "-" in word
    word = word if match.start(2) > 0 or word.isupper() else word.lower()  # "Push notifications are..."
    return f"{word} " if match.group(1) or named else ""
# A report the system fetches is an input: "Adyen's settlement report, which is fetched over SFTP".
_INPUT_REPORT = re.compile(r"(?:\b([A-Z]\w+)['’]s\s+)?\b((?:[a-z]+\s+){0,2})reports?\b[^.;]{0,40}?"
                           r"\b(?:fetched|imported|downloaded|received|pulled)\b")
# A file the system takes in: "from the warehouse system's CSV export", "from a nightly JSON dump".
_INPUT_FILE = re.compile(r"\bfrom (?:the |an? )?(?:([a-z]+(?: [a-z]+)?)['’]s )?((?:[A-Z]{2,5} )?)"
                         r"(?:exports?|dumps?|feeds?|extracts?)\b")
# A configuration file the spec names: "Settings are read from a deploy.toml".
_CONFIG_FILE = re.compile(r"\b([\w-]+\.(?:toml|ya?ml|json|ini|cfg|conf|env))\b")


def formats_near(flow: str, verbs: str) -> list[tuple[int, str]]:
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
