"""``python -m bench.proposal --sources``: where the planners' issues come from, on the dev files only.

A rule-writer's question before choosing what to build next: of the reference issues (tests left out), how
many could be read from each answer of the spec, how many from that answer alone, and where the missed ones
are said. An answer "holds" a reference issue when one of its sentences (or scope items) fits the issue's
``match`` stems the way a proposed title would. Held-out files are skipped before anything of theirs is read
past their ``split`` key, so the report never shows a held-out name, number or sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import Table
from bench.proposal.score import corpus_files, fits, load, score, session_of

ANSWERS = ("scope", "architecture", "data_models", "tradeoffs", "technology", "success", "problem")
_SPLIT = re.compile(r"(?<=[.;!?])\s+|\n+\s*(?:[-*•]|\d+[.)])?\s*|(?<=[.;])\s+[-*•]\s+")


def _sentences(text: str | None) -> list[str]:
    return [p.strip() for p in _SPLIT.split(text or "") if p and p.strip()]


def _said(spec: dict[str, Any]) -> dict[str, list[str]]:
    """Each answer's sentences (the roadmap scope: its items)."""
    answers = spec.get("answers") or {}
    epic, spec_answers = answers.get("epic") or {}, answers.get("spec") or {}
    said = {"scope": [str(s) for s in spec["roadmap"].get("scope") or []]}
    for key in ANSWERS[1:5]:
        said[key] = _sentences(spec_answers.get(key))
    for key in ANSWERS[5:]:
        said[key] = _sentences(epic.get(key))
    return said


def sources(corpus: Path | None = None) -> Table:
    """Per answer: the dev reference issues it holds, holds alone, and holds among the missed ones."""
    from milestone_tui.core.breakdown.propose import propose_from_spec

    held, alone, missed = Counter[str](), Counter[str](), Counter[str]()
    refs = misses = 0
    for path in corpus_files(corpus) if corpus else corpus_files():
        spec = load(path)
        if spec.get("split", "dev") != "dev":
            continue
        found = score(spec.get("name", path.stem), "dev", propose_from_spec(session_of(spec)),
                      spec["reference"])
        said = _said(spec)
        for n, ref in enumerate(spec["reference"]):
            if re.search(r"\btests?\b", ref["title"], re.IGNORECASE):
                continue
            refs += 1
            where = [a for a in ANSWERS if any(fits(s, ref["match"]) for s in said[a])] or ["(none)"]
            held.update(where)
            if len(where) == 1:
                alone[where[0]] += 1
            if n not in found.pairs:
                misses += 1
                missed.update(where)
    out = Table(f"Where the dev references' issues are said ({refs} issues, tests left out; {misses} missed)",
                ["answer", "holds", "holds alone", "missed, held here"])
    for answer in (*ANSWERS, "(none)"):
        out.add(answer, held[answer], alone[answer], missed[answer])
    out.notes.append("an issue is held by an answer when a sentence of it fits the issue's match stems; "
                     "one issue is often held by several answers")
    return out
