"""Proposing the issue breakdown: ``propose(session) -> Proposal``.

A deterministic, offline proposer: from the specification answers it proposes the issues the way a planner
would (``spec``: components read clause by clause, every data model, technologies by their use), with the
spec sentence each came from, dependencies from the data flow (``depends``), phases from their layers and
drafted acceptance criteria (``drafts``). In quick mode it proposes from the roadmap's scope. The rules are
documented in ``docs/proposal-rules.md``; the editing operations live in ``edits``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from milestone_tui.core.breakdown import depends, drafts, models, spec
from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.edits import make_issues
from milestone_tui.core.breakdown.kinds import Item
from milestone_tui.core.breakdown.matching import max_matching
from milestone_tui.core.breakdown.slugs import LEADING_VERBS, ascii_words
from milestone_tui.core.breakdown.titles import lower_phrase, lower_word
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.roadmap import RoadmapMilestone

T = TypeVar("T")
TESTS_TITLE = "Add integration tests"


def _subject(title: str) -> str:
    """The milestone title's first significant word (``Fusion Engine`` -> ``fusion``)."""
    words = [w for w in ascii_words(title) if w.lower() not in v.TITLE_GENERIC | v.TITLE_ADJECTIVES]
    return lower_word(words[0]) if words else ""


def _title_key(title: str) -> str:
    """What makes two titles the same issue: their words, in any case and spacing."""
    return " ".join(ascii_words(title)).lower()


def _first_of_each(values: list[T], title: Callable[[T], str]) -> list[T]:
    """The first value of each title, in order (titles the same in any case and spacing are one)."""
    seen: set[str] = set()
    out: list[T] = []
    for value in values:
        key = _title_key(title(value))
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _dedupe(titles: list[str]) -> list[str]:
    return _first_of_each([t for t in titles if t], str)


# -- from the specification --------------------------------------------------------------------------------
def spec_items(session: Session) -> list[Item]:
    """The proposed issues in order, tests last, each with its source sentence; thin spec answers are filled
    from the roadmap's scope items, and a spec with nothing recognisable falls back to the roadmap."""
    found = sorted(spec.spec_items(session), key=lambda p: (p.rank, p.pos))
    items: list[Item] = _unique([item for item in found if item.title and _noun_phrase(item.title)])
    scope = [s.strip() for s in session.roadmap.scope if s.strip()] if session.roadmap else []
    if not items:
        titles = propose_from_roadmap(session.roadmap) if session.roadmap is not None else [
            "Add project scaffolding", "Add core functionality"]
        if models.says_none(session.spec.data_models):  # the spec said there are none: no models issue
            titles = [t for t in titles if not t.endswith(" data models")] or titles
        items = [Item("scope", 0, n, t, "") for n, t in enumerate(titles)]
    elif scope:  # the scope items the spec did not cover
        items = _fill_from_scope(items, scope, len(items) < len(scope), _tech_sentences(session, items),
                                 _elaborations(session.spec.architecture, items))
    items = [i for i in _unique(items) if i.title != TESTS_TITLE]
    return [*items, Item("tests", 90, 0, TESTS_TITLE, session.epic.success.strip())]


# A finite form of "be" or a modal is a clause's verb, never a word of a noun phrase: a title holding one
# is a misread clause ("render frames are interpolated" read as the component "are render").
_FINITE = {"is", "are", "was", "were", "am", "be", "been", "being", "can", "could", "must", "should",
           "shall", "will", "would", "may", "might"}
# nor is a word that opens a clause ("Add visible that tampering" is "so that tampering is visible" misread)
_CLAUSE_OPENERS = {"that", "which", "who", "whose", "because", "whether", "than", "so", "unless"}


def _noun_phrase(title: str) -> bool:
    words = ascii_words(title)[1:]
    if words and words[0].isdigit():
        return False  # "Add 4 uploading": a count read as the thing ("they are uploaded" after "4 of them")
    return not {w.lower() for w in words} & (_FINITE | _CLAUSE_OPENERS)


def _unique(items: list[Item]) -> list[Item]:
    """The first of each title (in any case and spacing): a roadmap that lists a scope item twice, or a scope
    item worded like a spec's issue, gives one issue, not two with the same title."""
    return _first_of_each(items, lambda item: item.title)


def _stems(text: str) -> set[str]:
    """Five-letter word stems; a type name is its words (``ShipmentEvent`` -> shipm, event)."""
    words = [p for w in ascii_words(text) for p in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", w) or [w]]
    return {w.lower()[:5] for w in words if len(w) > 2 and w.lower() not in _SCOPE_STOP}


_SCOPE_STOP = {"add", "the", "and", "for", "with", "from", "every", "each", "per", "service", "automatic"}


def _head(line: str) -> str:
    """The head noun of a scope item: the last word before a preposition or a colon (``Downsampling for
    long-term storage`` -> ``Downsampling``, ``MQTT telemetry ingest`` -> ``ingest``)."""
    words = re.split(r"\s+(?:for|from|of|to|in|on|at|across|with|by|into|per)\s+|:", line.strip(), maxsplit=1)
    last = words[0].split()
    return last[-1] if last else ""


def _tech_sentences(session: Session, items: list[Item]) -> dict[str, str]:
    """Every sentence of the spec that names an issue's technology, by technology: what the spec says the
    technology is for is that issue's ("OpenSearch over Postgres, for typo tolerance and facets")."""
    text = "\n".join(session.spec.model_dump().values())
    found: dict[str, str] = {}
    for tech in {i.tech for i in items if i.tech}:
        said = [s for _, s in g.sentences(text) if re.search(rf"\b{re.escape(tech)}\b", s, re.IGNORECASE)]
        found[tech] = " ".join(said)
    return found


def _elaborations(architecture: str, items: list[Item]) -> dict[str, str]:
    """What a colon after a passive's clause says it is, by the passive's title (``Authentication is fixed in
    DNS: DKIM keys for each domain, ... DMARC moved to quarantine`` covers ``DKIM and DMARC alignment``)."""
    found: dict[str, str] = {}
    for item in items:
        if not item.clause:
            continue
        at = architecture.find(f"{item.clause}:")
        if at >= 0:
            rest = architecture[at + len(item.clause) + 1:]
            found[item.title] = re.split(r"\.\s|\n\s*\n", rest, maxsplit=1)[0]
    return found


def _done_to(line: str) -> bool:
    """A scope item that opens with a past participle names work done to its noun (``Signed releases``)."""
    first = line.split()[0] if line.split() else ""
    return first[:1].isupper() and first[1:].islower() and first.lower().endswith("ed") and len(first) > 4


# The models issue's own words name its kind, not a deliverable: "schemas and validation" is not "DNSSEC
# validation", "data models" not "data export".
_MODEL_WORDS = re.compile(r"\b(?:schemas?|validation|data|models?)\b")


def _covers(item: Item, stems: set[str], thin: bool, head: set[str], also: str = "", line: str = "",
            by_title: bool = False) -> bool:
    """An issue covers a scope item when its title shares half the item's word stems; when the spec is not
    thin, its spec sentence counts too (the spec said it, in other words than the roadmap's)."""
    # fields are no work done; a success metric is what a check measures, not what it builds
    said = "" if item.kind in {"models", "ops"} else item.clause or item.source
    title = _MODEL_WORDS.sub(" ", item.title) if item.kind == "models" else item.title
    own = _stems(title) if thin or by_title else _stems(f"{title} {said} {also}")
    done = _done_to(line)  # "Staged rollout by device group", "Signed images": the work done is the item
    if done and item.kind == "models":
        return False
    return 2 * len(stems & own) >= len(stems) or (not thin and bool(head) and head <= _stems(title) and (
        not done or bool(_stems(line.split()[0]) & own)))


def _fill_from_scope(items: list[Item], scope: list[str], thin: bool, tech: dict[str, str],
                     elaborated: dict[str, str]) -> list[Item]:
    """Each scope item with no issue of its own becomes an issue, in scope order: a roadmap deliverable the
    spec's sentences never mention is still work to plan. Scope items and issues are paired one to one,
    those an issue's title names first; a vocabulary title paired by its title takes the roadmap's words."""
    out = list(items)
    said = {i.title: f"{tech.get(i.tech, '')} {elaborated.get(i.title, '')}" for i in items}
    named = {n: [k for k, i in enumerate(items) if _names(i, line)] for n, line in enumerate(scope)}
    edges = {n: [*named[n], *(k for k, i in enumerate(items) if k not in named[n] and _covers(
        i, _stems(line), thin, _stems(_head(line)), said[i.title], line))] for n, line in enumerate(scope)}
    # one to one, those a title names first: one sentence that mentions three deliverables covers one of them
    matched = max_matching(edges, max_matching(named))
    for n, line in enumerate(scope):
        title = _item_title(line)
        if n in matched and title and matched[n] in named[n] and out[matched[n]].generic:
            # the roadmap names the work a vocabulary kind only guessed at: its words are the title
            out[matched[n]] = replace(out[matched[n]], title=title, generic=False)
        elif n not in matched and title:
            out.append(Item("scope", 60, 10_000 + n, title, f"Roadmap scope: {line}"))
    return out


def _names(item: Item, line: str) -> bool:
    """An issue's title names a scope item: it shares half the item's word stems, or the item's head."""
    return _covers(item, _stems(line), False, _stems(_head(line)), line=line, by_title=True)


@dataclass(frozen=True)
class ProposedIssue:
    """One proposed issue: its title, the spec sentence it came from, the numbers of the issues it depends
    on (1-based, always earlier ones) and its drafted acceptance criteria (for the planner to accept or
    edit)."""

    title: str
    source: str = ""
    depends_on: tuple[int, ...] = ()
    acceptance: tuple[str, ...] = ()
    summary: str = ""  # one line of scope (a model draft's); kept as the issue's notes


@dataclass(frozen=True)
class Proposal:
    """The proposed breakdown: the issues, the phases as the seed's free-text answer (which
    ``planning.parse_phase_answer`` reads back to the dependency layers), and the success metrics no issue
    but the tests carries (to warn about before the breakdown is confirmed)."""

    issues: tuple[ProposedIssue, ...]
    phases_answer: str = ""
    uncarried_metrics: tuple[str, ...] = ()

    @property
    def titles(self) -> list[str]:
        return [i.title for i in self.issues]

    def to_issues(self) -> list[Issue]:
        """Numbered issues with slugs (``make_issues``), proposed dependencies, sources and drafts."""
        made = make_issues(self.titles)
        return [issue.model_copy(update={"depends_on": list(p.depends_on), "source": p.source,
                                         "acceptance": list(p.acceptance), "notes": p.summary})
                for issue, p in zip(made, self.issues, strict=True)]


def propose(session: Session) -> Proposal:
    """The whole proposal from the session's answers: deterministic and offline."""
    items = spec_items(session)
    deps = depends.dependencies(items)
    found = models.data_models(session.spec.data_models)
    everything = " ".join(session.spec.model_dump().values())
    criteria, uncarried = drafts.draft(items, found, session.epic.success, session.spec.tradeoffs,
                                       v.find(v.VALIDATION, everything) is not None)
    issues = tuple(ProposedIssue(i.title, i.source, tuple(d), tuple(c))
                   for i, d, c in zip(items, deps, criteria, strict=True))
    titles = [i.title for i in items]
    return Proposal(issues, depends.phases_answer(titles, deps), tuple(uncarried))


def propose_quick(session: Session) -> Proposal:
    """Quick mode's proposal: the roadmap's scope (``propose_from_roadmap``), every issue after the data
    models issue, each drafted from the scope item it came from."""
    milestone = session.roadmap or RoadmapMilestone(id=session.milestone_id, title=session.title)
    titles = propose_from_roadmap(milestone)
    items = []
    for n, title in enumerate(titles):
        line = next((s for s in milestone.scope if 2 * len(_stems(s) & _stems(title)) >= len(_stems(s))), "")
        items.append(Item("models" if "data models" in title else "scope", 0, n, title, line))
    models_at = next((n for n, i in enumerate(items) if i.kind == "models"), None)
    deps = [[models_at + 1] if models_at is not None and n != models_at else [] for n in range(len(items))]
    criteria, _ = drafts.draft(items, [], session.epic.success, session.spec.tradeoffs, False)
    issues = tuple(ProposedIssue(i.title, i.source, tuple(d), tuple(c))
                   for i, d, c in zip(items, deps, criteria, strict=True))
    return Proposal(issues, depends.phases_answer(titles, deps))


def propose_from_spec(session: Session) -> list[str]:
    """Issue titles from the spec answers (architecture, data models, technology, success metrics)."""
    return [item.title for item in spec_items(session)]


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
    return f"Add {lower_phrase(' '.join(words))}" if words else ""


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
            titles.extend(f"Add {lower_phrase(src)} data integration" for src in reversed(sources))
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
