"""``python -m bench proposal``: the proposer's recall and precision on the evaluation corpus (issue 9).

Each corpus file (``bench/proposal/corpus/*.yaml``) holds a roadmap item, the planner's epic and spec answers,
and the planner's reference breakdown written blind. The proposer runs on the answers; its titles are matched
one-to-one against the reference (``score``). Dev and held-out specs are reported apart: the rules are
developed against dev only. The baseline is the proposer before issue 9, measured once on the same corpus and
recorded in ``baseline.json`` (``python -m bench.proposal --record-baseline`` rewrites it).

``python -m bench.proposal --detail NAME`` prints one dev spec's matched, missed and extra titles;
``--dev-only`` prints the dev rows, the dev sums per round of the corpus and only the held-out aggregates
(overall and per round); ``--sources`` counts, on the dev files, which spec answer holds each reference
issue and each missed one (``sources``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bench.common import Table
from bench.proposal.score import Score, corpus_files, load, overall, round_of, score, session_of
from milestone_tui.core.model import Session

BASELINE = Path(__file__).resolve().parent / "baseline.json"
GOAL = 0.85
FLOOR = 0.6


def proposer() -> Callable[[Session], list[str]]:
    """Today's proposer: titles from the spec answers."""
    from milestone_tui.core.breakdown.propose import propose_from_spec

    return propose_from_spec


def score_corpus(propose: Callable[[Session], list[str]] | None = None,
                 corpus: Path | None = None) -> list[Score]:
    """Every corpus file scored with ``propose`` (today's proposer by default)."""
    propose = propose or proposer()
    out = []
    for path in corpus_files(corpus) if corpus else corpus_files():
        spec = load(path)
        titles = propose(session_of(spec))
        name = spec.get("name", path.stem)
        out.append(score(name, spec.get("split", "dev"), titles, spec["reference"], round_of(spec, name)))
    return out


def _baseline() -> dict[str, list[float]]:
    try:
        return json.loads(BASELINE.read_text(encoding="utf-8"))["specs"]
    except (OSError, ValueError, KeyError):
        return {}


def table(scores: list[Score], held_out_rows: bool = True) -> Table:
    """Per spec and overall, dev then held-out, with the baseline's numbers beside today's.

    Without ``held_out_rows`` only the held-out aggregates (overall and per round of the corpus) are printed,
    never a held-out spec's own row or name, and the dev specs are also summed per round (for developing
    rules without peeking).
    """
    base = _baseline()
    out = Table("Proposal quality (issue 9): recall / precision against the planners' references",
                ["spec", "split", "ref", "proposed", "recall", "precision", "base recall", "base precision"])
    for split in ("dev", "held-out"):
        group = [s for s in scores if s.split == split]
        for s in group if held_out_rows or split == "dev" else []:
            b = base.get(s.name, [float("nan")] * 2)
            out.add(s.name, split, len(s.reference), len(s.proposed), s.recall, s.precision, b[0], b[1])
        if not held_out_rows:
            # Per round of the corpus for both splits: a new round's held-out score is read as one number,
            # without any held-out spec's name or row.
            for n in sorted({s.round for s in group}):
                sub = [s for s in group if s.round == n]
                r, p = overall(sub)
                out.add(f"{split} round {n}", split, sum(len(s.reference) for s in sub),
                        sum(len(s.proposed) for s in sub), r, p, float("nan"), float("nan"))
        if group:
            recall, precision = overall(group)
            brefs = [base[s.name] for s in group if s.name in base]
            b_r, b_p = _overall_base(group, base) if len(brefs) == len(group) else (float("nan"),) * 2
            out.add(f"OVERALL {split}", split, sum(len(s.reference) for s in group),
                    sum(len(s.proposed) for s in group), recall, precision, b_r, b_p)
            low = [s.name for s in group if min(s.recall, s.precision) < FLOOR]
            met = recall >= GOAL and precision >= GOAL and not low
            under = f"; under {FLOOR}: {', '.join(low)}" if low else ""
            if split == "held-out" and not held_out_rows:
                under = f"; {len(low)} spec(s) under {FLOOR}" if low else ""
            out.notes.append(f"{split}: goal (both >= {GOAL} overall, no spec under {FLOOR}) "
                             f"{'met' if met else 'MISSED'}{under}")
    out.notes.append("recall = reference issues matched / reference issues; precision = proposed titles "
                     "matched / proposed titles; one-to-one matching; overall = over all issues of the split")
    return out


def _overall_base(group: list[Score], base: dict[str, list[float]]) -> tuple[float, float]:
    """The baseline's overall numbers, rebuilt from its per-spec counts."""
    matched = sum(base[s.name][2] for s in group)
    refs = sum(len(s.reference) for s in group)
    props = sum(base[s.name][3] for s in group)
    return matched / refs if refs else float("nan"), matched / props if props else float("nan")


def run(quick: bool = False) -> Table:  # noqa: ARG001 - every run is quick
    return table(score_corpus())


def record_baseline(scores: list[Score]) -> None:
    """Write today's per-spec numbers as the baseline: [recall, precision, matched, proposed]."""
    specs = {s.name: [round(s.recall, 4), round(s.precision, 4), len(s.pairs), len(s.proposed)]
             for s in scores}
    BASELINE.write_text(json.dumps({"what": "the proposer before issue 9 (commit e3b0652)", "specs": specs},
                                   indent=1, sort_keys=True) + "\n", encoding="utf-8")


def detail(name: str) -> str:
    """One dev spec's matching, for developing rules (held-out specs are refused)."""
    scores = [s for s in score_corpus() if s.name == name]
    if not scores:
        return f"no spec {name}"
    s = scores[0]
    if s.split != "dev":
        return f"{name} is held out: its output is not for developing rules"
    lines = [f"{name}: recall {s.recall:.2f} precision {s.precision:.2f}"]
    lines += [f"  ok     {s.reference[r]['title']!r:55} <- {s.proposed[p]!r}"
              for r, p in sorted(s.pairs.items())]
    lines += [f"  MISSED {t!r}" for t in s.missed]
    lines += [f"  EXTRA  {t!r}" for t in s.extra]
    return "\n".join(lines)
