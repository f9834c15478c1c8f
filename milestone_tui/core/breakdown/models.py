"""The data models of the data-models answer, whatever their casing, with their fields.

Models declared in code come first (``struct BookEntry { uint64_t key; }``, ``interface Request { id:
string }``, ``type Slot struct { ID string }``). Each other clause (split on ``;``, sentence ends and new
lines) names one model: ``Order with id, total``,
``Account(id, currency)``, ``Release: id, author``, ``SearchQuery {q, filters}``, ``admin_action (actor,
at)``, ``product document: sku, title``. A clause that names a file (``deploy.toml holds ...``) or says
something of a model rather than naming one (``Snapshot metadata is Iceberg's own``) is not a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from milestone_tui.core.breakdown.slugs import ascii_words

# "... (run_id, lane) and, for each sample, a result record ...": a new model after a closed field list
_SPLIT = re.compile(r"\s*;\s*|\.\s+|\n+|\.$|\)\s*,?\s*and\b\s*,?\s*(?=(?:a|an|one|for|per)\b)")
_FIELDS = re.compile(r"\s*(?:\bwith\b|\bhaving\b|\bcontaining\b|\bstoring\b|\bholding\b|[:({\[]|"
                     r"\s-\s|\s—\s)\s*")
_NOISE = {"a", "an", "the", "table", "tables", "model", "models", "entity", "entities", "schema", "schemas",
          "record", "records", "collection", "collections", "need", "needed", "we", "new", "one", "each"}
_JOINS = {"and", "or", "also", "plus"}  # "...; and a register entry for each service: name, owner"
# A model described in prose: a name, then "is its ..." (its parts) or "has ..." (its fields).
_PROSE = re.compile(r"^(?:an?|the|each|every)\s+(?P<name>[A-Za-z][\w-]*(?:\s[a-z][\w-]*)?)\s+"
                    r"(?:is\s+(?=its\b|their\b)|has\s+|have\s+)(?P<rest>.+)$", re.IGNORECASE)
# What the system keeps, when a model is written as a sentence: "The service keeps a ledger (id, total)".
_KEEPS = re.compile(r"\b(?:keeps|stores|records|tracks|maintains|holds)\s+")
# Lower-case only: "Hold: id, patron_id" names a model, "deploy.toml holds ..." says something of one.
_VERB = re.compile(r"\b(?:is|are|was|were|holds?|has|have|keeps?|lives?|comes?|goes|stays?)\b")


@dataclass(frozen=True)
class Model:
    """One data model: its name as written, its fields, and the clause it came from."""

    name: str
    fields: tuple[str, ...]
    source: str


def _fields(text: str) -> tuple[str, ...]:
    text = re.sub(r"[)}\]]", "", text)
    parts = [p.strip(" .") for p in re.split(r",|\band\b", text)]
    return tuple(p for p in parts if p and len(p.split()) <= 4)


# An answer that says there are no models ("None.", "n/a", "No new models: we reuse the orders table").
_NONE = re.compile(r"^\s*(?:(?:none|n/?a|nothing|not applicable|no)\b|-+\s*$)", re.IGNORECASE)


def says_none(text: str) -> bool:
    """The answer says there are no data models (``None.``, ``n/a``, ``No new models``)."""
    return _NONE.match(text) is not None


# A word that opens the answer's sentence and says how it is meant, not what it is ("Basically a ...").
_OPENER = re.compile(r"^\s*(?:[A-Z][a-z]+ly|So|Well|Also|Then)\b,?\s*")
_PARTICIPLES = {"kept", "sent", "held", "built", "made", "written", "given", "taken"}
_NOT_NAMES = {"a", "an", "the", "as", "at", "to", "from", "with", "and", "or", "is", "are"}


def _ends_name(word: str, before: str) -> bool:
    """Where a model's name ends: a participle right after the name ("an exclusion list kept by the
    merchandisers", "the chosen locale, stored on the profile") or a relative clause without "that" ("the PO
    we sent")."""
    bare = word.strip(",")
    if bare in {"we", "they", "you"}:
        return True
    participle = bare in _PARTICIPLES or (bare.islower() and len(bare) >= 5 and bare.endswith("ed")
                                          and not bare.endswith("eed"))
    return participle and before.strip(",").lower() not in _NOT_NAMES


def _name_words(head: str) -> list[str]:
    words = _OPENER.sub("", head).split()
    end = next((n for n in range(1, len(words)) if _ends_name(words[n], words[n - 1])), len(words))
    head = " ".join(words[:end])
    return [w for w in re.findall(r"[A-Za-z][\w-]*", head) if w.lower() not in _NOISE | _JOINS]


# A declaration in code: C/C++/Go/Rust structs, TypeScript interfaces, protobuf messages, classes and records
# (``struct BookEntry { uint64_t key; uint16_t move; }``, ``type Slot struct { ID string }``).
_DECLARED = re.compile(r"\b(?:(?:struct|interface|class|record|message|type)\s+)?(?P<name>[A-Za-z_]\w*)"
                       r"(?:\s+struct)?\s*(?:extends\s+\w+\s*)?\{(?P<body>[^{}]*)\}\s*;?")
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/|#[^\n]*", re.DOTALL)
# A type written before its field's name (C, C++, Java): the field is the last word.
_TYPE_FIRST = re.compile(r"^(?:u?int\d*(?:_t)?|size_t|char|bool|boolean|float|double|long|short|byte|"
                         r"void|string|std::\w+|[A-Z]\w*(?:<[^>]*>)?)\*?\s+\*?\w+$")


_PRIMITIVE = re.compile(r"(?:\[\])?\*?(?:u?int\d*|string|bool|float\d*|byte|rune|time\.\w+|any)")


def _declared_field(part: str) -> str:
    """``uint64_t key`` -> ``key`` (C), ``key: string`` -> ``key`` (TypeScript, Rust), ``Key uint64`` ->
    ``Key`` (Go)."""
    part = re.sub(r"\s*=.*$", "", part).strip().rstrip("?")  # "int64 sent_at = 1": protobuf's tag
    if ":" in part:
        return part.split(":", 1)[0].strip().rstrip("?")
    words = part.split()
    if len(words) >= 2 and _PRIMITIVE.fullmatch(words[-1]):
        return words[0]  # Go: the name, then its type
    if len(words) >= 2 and _TYPE_FIRST.match(" ".join(words[-2:])) and not words[-1][:1].isupper():
        return words[-1].lstrip("*")
    return words[0] if words else ""


def _declarations(text: str) -> tuple[list[Model], str]:
    """The models declared in code, and the answer without them (what is left is read clause by clause)."""
    found: list[Model] = []
    for match in _DECLARED.finditer(text):
        body = _COMMENT.sub("", match.group("body"))
        fields = tuple(f for f in (_declared_field(p) for p in re.split(r"[;,\n]", body)) if f)
        found.append(Model(match.group("name"), fields, " ".join(match.group(0).split())))
    rest = _COMMENT.sub("", _DECLARED.sub(" ", text)) if found else text
    return found, rest


def data_models(text: str) -> list[Model]:
    """Every model the answer names, in order, each once; none when the answer says there are none."""
    out: dict[str, Model] = {}
    if says_none(text):
        return []
    declared, text = _declarations(text)
    for model in declared:
        out.setdefault(model.name.lower(), model)
    for clause in _SPLIT.split(text):
        clause = clause.strip()
        if not clause:
            continue
        prose = _PROSE.match(clause)
        if prose:  # "A page is its source path, its front matter and its body", "Each ticket has an id..."
            name = prose.group("name").strip()
            parts = re.sub(r"\b(?:its|their|an?|the)\s+", "", prose.group("rest"))
            out.setdefault(name.lower(), Model(name, _fields(re.sub(r"\([^)]*\)", "", parts)),
                                               clause.rstrip(".")))
            continue
        split = _FIELDS.split(clause, maxsplit=1)
        head, rest = split[0], split[1] if len(split) > 1 else ""
        if re.search(r"\w\.\w", head):
            continue  # a file name
        kept = _KEEPS.search(head)
        if kept and rest:  # "the pipeline keeps a run manifest (run_id, ...)": the model is what is kept
            head = head[kept.end():]
        head = re.sub(r"^\s*(?:for|in|per|on)\b[^,]*,\s*", "", head)  # "for each sample, a result record"
        if _VERB.search(head):
            continue  # a sentence about a model
        # "facet counts per brand and per category": the name ends at the first preposition.
        pieces = re.split(r"\b(?:per|for|of|by|in|on)\b", head)
        words = _name_words(pieces[0])
        if not words and len(pieces) > 1 and re.search(r"\bof\b", head):
            words = _name_words(pieces[1])  # "one table of suppressed addresses": the name is after "of"
        if 1 <= len(words) <= 3:
            name = " ".join(words)
            out.setdefault(name.lower(), Model(name, _fields(rest), clause.rstrip(".")))
        elif not words and rest:
            continue
    return list(out.values())


def model_words(models: list[Model]) -> set[str]:
    """The lower-case words of the model names (``JobDefinition`` -> job, definition; ``job_run`` -> job,
    run): a component named by one of them is data, not a component."""
    words: set[str] = set()
    for model in models:
        for word in ascii_words(model.name.replace("_", " ")):
            words |= {w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", word)}
    return words


def models_title(models: list[Model], validated: bool) -> str:
    """One model: its own issue; two or three: one issue naming them; more: ``Add core data models``."""
    names = [m.name for m in models]
    if len(names) == 1:
        return f"Add {names[0]} " + ("schema and validation" if validated else "data model")
    listed = "core" if len(names) > 3 else ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"Add {listed} " + ("schemas and validation" if validated else "data models")
