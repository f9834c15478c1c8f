"""From the specification answers to the list of proposed issues (before dependencies and drafts).

Components come from the architecture and technology answers (``clauses``), data models from the data
models answer (``models``), technologies from the vocabulary (``kinds``), cross-cutting issues only from
the success metrics, and nothing the out-of-scope answer excludes. The tests issue is added last by the
caller. The rules are described, with examples, in ``docs/proposal-rules.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from milestone_tui.core.breakdown import choices, clauses, folding, kinds, metrics, models, titles
from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.kinds import Item
from milestone_tui.core.breakdown.nouns import ROLE_NOUNS, Component, agentive
from milestone_tui.core.breakdown.phrases import NUMBERS, Use
from milestone_tui.core.breakdown.slugs import ascii_words
from milestone_tui.core.model import Session

_ENTRY = {"api", "endpoint", "gateway", "server", "webhook", "receiver"}
_CLI = {"cli", "command"}
# Authentication, not authorisation ("payment is authorised with the provider" is a payment step).
_SECURITY = re.compile(r"\b(?:authent\w*|auth\b|sso|oidc|oauth2?|jwt|log ?in|sign[- ]in|api keys?)\b",
                       re.IGNORECASE)


def _people(session: Session) -> set[str]:
    """The singular lower-case words of the users answer: a rider or a grower is never a component."""
    words = re.findall(r"[a-z]+", session.epic.users.lower())
    return {w[:-1] if w.endswith("s") else w for w in words}


def _dependency_words(session: Session) -> list[set[str]]:
    deps = session.roadmap.dependencies if session.roadmap else []
    return [{w.lower() for w in re.findall(r"[A-Za-z]+", re.sub(r"^\s*M\d+\s*", "", d))} for d in deps]


# "over" compares only when a noun phrase follows: "takes over when the stream drops" is a particle.
_PARTICLE_OVER = r"over(?!\s+(?:when|whenever|if|once|until|after|while|unless)\b|\s*[,.;:]|\s*$)"
# The rejected option runs to the end of its clause; a full stop inside a number ("0.5%") ends nothing.
_REJECTED = re.compile(rf"\b(?:rather than|instead of|{_PARTICLE_OVER}|vs\.?|versus)\b(?:[^.;:]|\.(?=\d))*",
                       re.IGNORECASE)


def _chosen(tradeoffs: str) -> str:
    """The tradeoffs without their rejected options: no sentence that considers or rejects, nothing after
    ``rather than`` / ``instead of`` / ``over`` / ``vs`` in a clause."""
    kept = [s for _, s in g.sentences(tradeoffs) if not re.search(r"\b(?:rejected|considered)\b", s, re.I)]
    return ". ".join(_REJECTED.sub("", s).strip(" ,") for s in kept)


def flow_of(session: Session) -> str:
    """The answers that name components: the architecture, then the technology."""
    return f"{session.spec.architecture}\n{session.spec.technology}"


def _components(session: Session, model_words: set[str]) -> tuple[list[Component], bool]:
    """The spec's components, and whether a front end is named only by its framework (``React web app``: the
    stack, no component, but it is the user interface)."""
    spec = session.spec
    people = _people(session)
    found = clauses.components(spec.architecture, people)
    stack = [c for c in found if _stack(c)]
    found = [c for c in found if c not in stack]
    offset = len(spec.architecture) + 1
    architecture_words = folding.word_set(spec.architecture)
    for comp in clauses.components(spec.technology, people, start=offset, technology=True):
        if _stack(comp):
            stack.append(comp)
            continue  # "Go backend, htmx frontend", "Kotlin services": what the parts are written in
        same = [c for c in found if c.head == comp.head or comp.head in {w.lower() for w in c.words}]
        if not same and not folding.folded(comp.sentence, comp.head, architecture_words):
            found.append(comp)
    # Work the tradeoffs alone describe, on the side they chose: only what is done to data the rest of the
    # spec never mentions (passives: "thumbnails are cut every 10 seconds from the 720p rendition"), never a
    # component they name (often the rejected option), and nothing after "rather than" / "instead of".
    offset += len(spec.technology) + 1
    said = {g.singular(w) for w in re.findall(r"[a-z]+", f"{flow_of(session)} {spec.data_models}".lower())}
    for comp in clauses.components(_chosen(spec.tradeoffs), people, start=offset):
        if comp.ability or comp.made or (comp.behaviour and not comp.subject and not comp.condition
                                         and comp.head not in said | model_words):
            found.append(comp)  # a subject the rest of the spec never mentions: work only the tradeoffs say
            said.add(comp.head)
    built_elsewhere = _dependency_words(session)
    out = []
    for comp in found:
        words = {w.lower() for w in comp.words}
        if comp.head in model_words and not comp.name and not comp.behaviour:
            continue  # "the jobs that are due": the data, not a component
        if comp.condition and comp.head not in model_words:
            continue  # "when a file is shared": a condition; "if the offer is declined": the offer's flow
        if comp.people:
            continue  # "drivers' apps send their position": the users' devices talk to the system
        if comp.uses and all(_whole(u) for u in comp.uses):
            continue  # "the pipeline has five parts: ...": the milestone itself, its parts are the issues
        if comp.uses and all(u.verb == "be" or u.verb in _COPULA for u in comp.uses):
            continue  # "the pipeline is a Nextflow workflow": what it is, not what it does
        if not comp.uses and _only_named(comp) and not comp.made:
            continue  # "An ESLint plugin.": the answer names the product itself; its parts are the issues
        if any(words <= dep for dep in built_elsewhere if dep):
            continue  # "the rider app" of the roadmap's M4 (Rider App)
        if comp.definite and not comp.uses and comp.head not in ROLE_NOUNS:
            continue
        out.append(comp)
    # A passive clause that names a component is something that component does ("its lines are reserved in
    # the inventory service").
    # A component that does things of its own keeps them, and the passive is an issue of its own ("a failed
    # job is retried twice on another worker": the worker encodes, the retries are their own work).
    kept = []
    for comp in out:
        if comp.behaviour and not comp.ability and any(
                a.ability and a.pos < comp.pos and comp.head in {a.uses[0].verb, g.nominal(a.uses[0].verb)}
                for a in out):
            continue  # "need a way to lift a suppression ...; every lift is audited": the lift's criterion
        named = [c for c in out if not c.behaviour and c.head in comp.mentions] if comp.behaviour else []
        part = named[0] if named else None
        if part is not None and not any(not u.light for u in part.uses):
            part.uses.extend(Use(u.verb, u.particle, [w for w in u.obj if w not in {"with", "into"}]
                                 or comp.words, u.text) for u in comp.uses)
        elif part is not None and any(c is not part and not c.behaviour and c.pos > part.pos for c in out):
            part.uses.extend(comp.uses)  # named again after a later component: the place is the point
        else:
            kept.append(comp)
    kept = folding.coordinated(kept)
    # A bare noun that does nothing and is only where something happens ("entered by the driver in the app",
    # "enriched with host, service and pod labels") is no part to build, nor is one that is only where
    # something comes from ("a box comes in from the blood service": an outside party).
    parts = [c for c in kept if not (c.placed and not c.uses and (len(c.words) == 1 or c.source_of)
                                     and not c.name and not c.existing and not c.owner)]
    return parts, any(c.head in {"app", "frontend"} for c in stack)


_PARTS = {"part", "piece", "component", "stage", "step", "layer", "module", "service"}
_TIERS = {"backend", "frontend", "service", "server", "app", "api"}
_PLATFORMS = {"web", "mobile", "desktop"}  # "React web app": where the tier runs, not what it is


def _stack(comp: Component) -> bool:
    """A tier the technology answer names only by its language or framework (``Go backend``, ``a .NET
    backend``, ``htmx frontend``, ``Kotlin services``): the stack the spec's components are built on."""
    modifiers = [w.lower().lstrip(".") for w in [*([comp.name] if comp.name else []), *comp.words[:-1]]]
    frameworks = {name.lower() for _, name in v.UI_FRAMEWORKS}
    named = [m for m in modifiers if m not in _PLATFORMS]
    return comp.head in _TIERS and not comp.uses and bool(named) and (" ".join(named) in v.LANGUAGES or all(
        m in v.LANGUAGES | frameworks for m in named))


_COPULA = {"is", "are", "was", "were"}


def _only_named(comp: Component) -> bool:
    """The component's sentence is nothing but its noun phrase (``A Python library.``)."""
    said = {w.lower() for w in re.findall(r"[\w-]+", comp.sentence)}
    return bool(said) and said <= {w.lower() for w in [*comp.words, comp.head, comp.name]} | g.DETERMINERS


def _whole(use: Use) -> bool:
    """``has five parts``, ``consists of three services``: what the spec says of the whole system."""
    match = re.match(r"(?:has|have|consists? of|comprises?|is made of)\s+(\w+\s+)?(\w+)", use.text, re.I)
    if match is None:
        return False
    counted = (match.group(1) or "").strip().lower() in NUMBERS and match.group(2).lower().endswith("s")
    return counted or g.singular(match.group(2).lower()) in _PARTS  # "has two commands: sync and prune"


_TECH_TABLES = (v.DATABASES, v.QUEUES, v.CACHES, v.SEARCH, v.FILE_STORES)
_SENDS = r"\b(?:sends?|sent|sending|notif\w*|alerts?|emails? (?:to|the))\b"


def _carried(queued: bool) -> Callable[[Use], bool]:
    """A use another issue carries: the data models' (validates against schema), a technology's (stores in
    MySQL, publishes to RabbitMQ), the queue consumer's (consumes them) or the notifications' (sends
    emails)."""

    def carried(use: Use) -> bool:
        text = use.text
        if use.verb in {"validate", "check"} and re.search(r"\bvalidat|\bschema\b", text, re.I):
            return True
        if queued and use.verb in {"consume", "subscribe"}:
            return True
        if re.search(_SENDS, text, re.I) and v.find(v.NOTIFY, text) is not None:
            return True
        return any(v.find_named(table, text) for table in _TECH_TABLES)

    return carried


def _names_cache(title: str) -> bool:
    """A title or a type name that names a cache (a type name is its words: ``FareCacheEntry``)."""
    return v.find(v.GENERIC_CACHE, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", title)) is not None


def spec_items(session: Session) -> list[Item]:
    """The issues the spec answers ask for, each with the sentence it came from (tests not included)."""
    spec = session.spec
    flow = f"{spec.architecture}\n{spec.technology}"
    everything = f"{flow}\n{spec.data_models}\n{spec.tradeoffs}"
    found_models = models.data_models(spec.data_models)
    model_words = models.model_words(found_models)
    comps, stack_ui = _components(session, model_words)
    heads = {c.head for c in comps} | {w.lower() for c in comps for w in c.words}
    covered = {"producer"} if any(c.head in {"producer", "publisher"} for c in comps) else set()
    covered |= {"worker"} if any(c.head not in _ENTRY | _CLI and not titles.is_protocol_endpoint(c)
                                 for c in comps) else set()
    # an app the spec builds is its user interface ("a React Native app"), and so are its screens, views and
    # panels ("the expo screen shows the whole order"): a framework named next to them is how they are built
    app = any(c.head in {"app", "screen", "view", "panel", "window"} for c in comps)
    # and so is a front end the spec names only by its framework ("React web app", "htmx frontend")
    covered |= {"ui"} if heads & {"dashboard", "ui", "frontend"} or app or stack_ui else set()
    parts = [c for c in comps if not c.behaviour]
    comp_words = {w.lower() for c in parts for w in [*c.words, c.head] if w.lower() not in {"the"}}
    queue = v.find_named(v.QUEUES, flow)
    carried = _carried(bool(queue))
    # A component that consumes the queue and does work of its own is its consumer ("the relay consumes the
    # topic, fans each event out ..."); one whose every action is another issue's is folded into it.
    listens = any(u.verb in {"listen", "subscribe", "consume"} for c in comps for u in c.uses
                  if any(not carried(w) and not w.light for w in c.uses))
    # Workers that do work of their own take the jobs off a queue: they are its consumer ("an S3 event puts
    # a job on the queue; workers probe the source..."). A worker that only consumes is the consumer issue.
    workers = [c for c in comps if c.head == "worker" and any(not carried(u) and not u.light for u in c.uses)]
    covered |= {"consumer"} if listens or queue and workers else set()
    # A component or a data model that already is the cache ("registry metadata caching with ETags", a
    # "Cache entry" model): the spec's "cached" asks for no bare caching layer beside it.
    cache_named = [t for c in comps for t in titles.titles(c, carried)] + [m.name for m in found_models]
    covered |= {"cache"} if any(_names_cache(t) for t in cache_named) else set()
    items = kinds.technology_items(flow, everything, covered, False, comp_words, bool(found_models),
                                   len(spec.architecture), _dependency_words(session), model_words)

    arch_words = folding.word_set(spec.architecture)
    items = [i for i in items if not (i.kind == "client" and folding.folded_client(
        i, spec.technology, len(spec.architecture) + 1, arch_words))]
    external = {m.group(1) for m in v.EXTERNAL_API.finditer(flow) if m.group(1) not in v.NOT_EXTERNAL}
    notifies = kinds.notifies(flow)
    for comp in comps:
        source = comp.sentence
        if comp.head in {"consumer", "producer"} and queue:
            continue  # the queue's own issue
        if any(v.find_named(table, " ".join(comp.words)) for table in _TECH_TABLES):
            continue  # "the OpenSearch index": the technology's own issue
        if comp.head == "api" and len(comp.words) >= 2 and comp.words[-2] in external:
            continue  # "the Vault API": the API client's issue
        if notifies and v.find(v.NOTIFY, " ".join(comp.words)) is not None:
            continue  # "Slack webhooks for notifications": the notifications issue
        protocol = titles.is_protocol_endpoint(comp)
        doer = comp.head not in ROLE_NOUNS and agentive(comp.head) and not comp.unnamed
        if comp.uses and all(carried(u) for u in comp.uses) and not protocol and not doer:
            continue  # everything it does is another issue's: "publishes events to RabbitMQ" (a tracker or a
            # logger is named by what it does, so it stays; a doer named only by its verb does not)
        if comp.existing:
            if comp.source_of:
                items.append(Item("client", v.RANK["client"], comp.pos, f"Add {' '.join(comp.words)} client",
                                  source, words=set(w.lower() for w in comp.words)))
            continue
        if titles.is_protocol_endpoint(comp) and comp.foreign:
            continue  # "the vault (its REST API gives us the files)", "OctoPrint's API": theirs, not ours
        if titles.is_protocol_endpoint(comp) and not [u for u in comp.uses if not carried(u) and not u.light]:
            items.append(Item("endpoint", v.RANK["endpoint"], comp.pos, _endpoint_title(flow, session),
                              source,
                              words={"endpoint", "api"}))
            continue
        doer_words = " ".join([comp.name, *comp.words]).strip()
        # A passive's use already names its subject ("Fines are computed nightly"): not "Fines Fines are ..."
        facts = [u.text if u.text.lower().startswith(doer_words.lower()) else f"{doer_words} {u.text}"
                 for u in comp.uses if not carried(u) and u.text and u.text != comp.sentence]
        named = {w.lower() for w in [*comp.words, comp.head, comp.name] if w}
        clause = comp.uses[0].text if comp.behaviour and comp.uses else ""
        made = titles.titles(comp, carried)
        for other in comp.joined:  # "reads are checked ... and adapters are trimmed ...": one step
            named |= {w.lower() for w in other.words}
            clause = f"{clause} and {other.uses[0].text}" if clause else clause
            made = [f"{made[0]} and {t[len('Add '):]}" for t in titles.titles(other, carried)][:1] or made
        for title in made:
            items.append(Item("component", 50, comp.pos, title, source, words=named, facts=facts,
                              clause=clause))

    kinds_found = {i.kind for i in items} | {c.head for c in comps}
    if not kinds_found & (_ENTRY | {"endpoint"}) and (pos := v.find(v.ENDPOINT, _unmasked(flow))) is not None:
        if not comps:
            items.append(Item("endpoint", v.RANK["endpoint"], pos, _endpoint_title(flow, session),
                              kinds.sentence_at(flow, pos), words={"endpoint", "api"}))
    if not kinds_found & _CLI and (pos := v.find(v.CLI, flow)) is not None:
        items.append(Item("cli", v.RANK["cli"], pos, "Add CLI commands", kinds.sentence_at(flow, pos)))
    if "webhook" not in comp_words and (pos := v.find(v.WEBHOOK, flow)) is not None:
        items.append(Item("webhook", v.RANK["webhook"], pos, "Add webhook receiver",
                          kinds.sentence_at(flow, pos), generic=True))
    items += _auth(spec.architecture, comps)
    items += kinds.output_items(flow, covered)
    if found_models:
        validated = v.find(v.VALIDATION, everything) is not None
        items.append(Item("models", v.RANK["models"], 0, models.models_title(found_models, validated),
                          "; ".join(m.source for m in found_models), words=model_words))
    items += metrics.ops(session, served=bool({i.kind for i in items} & metrics.SERVED) or bool(comps),
                         has_ui=any(i.kind == "ui" for i in items) or "ui" in covered)
    # Work stated as a decision: a technology's purpose, a tradeoff's choice, a check in CI.
    tech_at = len(spec.architecture) + 1
    trade_at = tech_at + len(spec.technology) + 1
    chosen = _chosen(spec.tradeoffs)
    items += choices.technology_purposes(spec.technology, items, tech_at)
    items += choices.tradeoff_choices(spec.tradeoffs, items, trade_at)
    items += choices.chosen_actions(spec.tradeoffs, items, trade_at)
    items += choices.ci_checks(session.epic.success, items)
    items += choices.fallbacks(f"{spec.architecture}\n{chosen}", items, 0)
    items += choices.properties(chosen, items, trade_at)
    items += choices.properties(spec.architecture, items, 0, modal_only=True)
    return _out_of_scope(items, session.epic.out_of_scope)


def _unmasked(flow: str) -> str:
    return v.EXTERNAL_API.sub(lambda m: m.group(0) if m.group(1) in v.NOT_EXTERNAL else " ", flow)


def _endpoint_title(flow: str, session: Session) -> str:
    qualifier = _qualifier(session.title)
    prefix = f"Add {qualifier} " if qualifier else "Add "
    own = _unmasked(flow)
    if v.find(r"\bgraphql\b", own) is not None:
        return prefix + "GraphQL API"
    if v.find(r"\bgrpc\b", own) is not None:
        return prefix + "gRPC service"
    plural = v.find(r"\bendpoints\b", own) is not None
    if v.find(r"\bhttps?\b", own) is not None:
        return prefix + ("HTTP endpoints" if plural else "HTTP endpoint")
    if v.find(r"\brest\b", own) is not None:
        return prefix + "REST API endpoints"
    return prefix + "API endpoints"


def _qualifier(title: str) -> str:
    """The word in front of the title's generic noun (``Detection Ingest Pipeline`` -> ``ingest``)."""
    words = [w for w in ascii_words(title) if w.lower() not in v.TITLE_ADJECTIVES]
    if len(words) < 2 or words[-1].lower() not in v.TITLE_GENERIC:
        return ""
    return titles.lower_word(words[-2]) if words[-2].lower() not in v.TITLE_GENERIC else ""


def _auth(architecture: str, comps: list[Component]) -> list[Item]:
    """Authentication is an issue only when a sentence of its own asks for it; "sits behind the existing
    SSO" or "authenticated with a per-device certificate" belong to their component's criteria."""
    sentences_with_parts = {c.sentence for c in comps}
    for pos, sentence in g.sentences(architecture):
        match = _SECURITY.search(sentence)
        existing = re.search(r"\bexisting|already\b", sentence)
        if match and sentence not in sentences_with_parts and not existing:
            scheme = "OAuth " if re.search(r"\boauth", sentence, re.I) else (
                "JWT " if re.search(r"\bjwt\b", sentence, re.I) else "")
            title = f"Add {scheme}authentication"
            return [Item("auth", v.RANK["auth"], pos + match.start(), title, sentence)]
    return []


_STOP = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "per", "by", "new", "any"}


def _out_of_scope(items: list[Item], out_of_scope: str) -> list[Item]:
    """Drop an issue whose title carries every content word of an out-of-scope item ("A web UI")."""
    excluded = []
    out_of_scope = re.sub(r"\([^)]*\)", " ", out_of_scope)  # "a new admin UI (flags are edited ...)": why
    for part in re.split(r",|;|\band\b|\.\s", out_of_scope):
        words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", part)} - _STOP
        if words:
            excluded.append(words)
    keep = []
    for item in items:
        title = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", item.title)}
        if not any(words <= title for words in excluded):
            keep.append(item)
    return keep
