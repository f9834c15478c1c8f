"""Short file-name slugs for issue titles: ``Add ingest HTTP endpoint`` -> ``ingest-endpoint``.

A slug names the work, not the sentence: the leading verb, filler words and protocol names go, generic
words (``service``, ``middleware``, ``integration``...) go only while more than two words are left, and a
type name such as ``DetectionEvent`` goes when generic words follow it (the file is about the schema, the
type is in the title). The result is ASCII kebab-case, at most three words, never empty, and never able
to leave the milestone folder (only ``[a-z0-9-]``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Verbs a planner starts a title with; only the first word(s) of a title are dropped.
LEADING_VERBS = {
    "add", "create", "implement", "build", "introduce", "write", "define", "wire", "setup", "make",
    "support", "enable", "develop", "design", "provide", "refactor", "update", "improve", "extend",
}
# Words that never carry meaning in a file name.
FILLER = {
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "via", "from", "into", "by",
    "new", "basic", "initial", "http", "https",
}
# Generic words: dropped (right to left) while the slug has more than two words.
GENERIC = {
    "service", "services", "middleware", "integration", "integrations", "migration", "migrations",
    "endpoint", "endpoints", "check", "checks", "layer", "module", "support", "engine", "handler",
    "handlers", "logic", "component", "components", "system", "api", "implementation", "data",
}
# Words after which a PascalCase type name is redundant in the slug.
TYPE_CONTEXT = {
    "schema", "schemas", "validation", "model", "models", "type", "types", "class", "table", "tables",
    "parser", "serializer", "serialization", "record", "records", "entity", "entities", "dto",
}
MAX_WORDS = 3
MAX_LENGTH = 48
_PASCAL = re.compile(r"^(?:[A-Z][a-z0-9]+){2,}$")


def _ascii(text: str) -> str:
    """``text`` transliterated to ASCII (``é`` -> ``e``; what cannot be transliterated goes)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def ascii_words(text: str) -> list[str]:
    """The title's words, transliterated to ASCII."""
    return re.findall(r"[A-Za-z0-9]+", _ascii(text))


def _drop_leading_verb(words: list[str]) -> list[str]:
    if len(words) >= 2 and words[0].lower() == "set" and words[1].lower() == "up":
        return words[2:]
    if words and words[0].lower() in LEADING_VERBS:
        return words[1:]
    return words


def _words(title: str) -> list[str]:
    """``ascii_words``, but a hyphenated compound with a filler part is one word: ``on-call`` is not ``call``
    (its ``on`` would go as filler), ``end-to-end`` not ``end-end``."""
    out: list[str] = []
    for token in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", _ascii(title)):
        parts = token.split("-")
        out += [token] if len(parts) > 1 and any(p.lower() in FILLER for p in parts) else parts
    return out


def _core_words(title: str) -> list[str]:
    words = [w for w in _drop_leading_verb(_words(title)) if w.lower() not in FILLER]
    # A PascalCase type name followed by a generic data word: the slug keeps the kind of work.
    words = [
        w for i, w in enumerate(words)
        if not (_PASCAL.match(w) and i + 1 < len(words) and words[i + 1].lower() in TYPE_CONTEXT)
    ]
    # Generic words go right to left, but never below two words ("storage service" stays).
    i = len(words) - 1
    while len(words) > 2 and i >= 0:
        if words[i].lower() in GENERIC:
            del words[i]
        i -= 1
    return [w.lower() for w in words[:MAX_WORDS]]


def slugify(title: str, taken: Iterable[str] = ()) -> str:
    """``Add ingest HTTP endpoint`` -> ``ingest-endpoint``: short, kebab-case, ASCII, unique in ``taken``."""
    words = _core_words(title)
    if not words:  # everything was filler ("Add HTTP"): keep what there is rather than nothing
        words = [w.lower() for w in _drop_leading_verb(ascii_words(title))][:MAX_WORDS]
    base = "-".join(words)[:MAX_LENGTH].strip("-") or "issue"
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"
