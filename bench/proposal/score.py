"""Scoring a proposed breakdown against a planner's reference: a one-to-one (maximum bipartite) matching.

A proposed title counts as a reference issue when every element of the reference's ``match`` fits some word
of the title. An element is a stem or a list of alternative stems; a stem fits a word that starts with it,
case-insensitively; words are maximal runs of letters and digits (``deploy.toml`` is ``deploy``, ``toml``).
Several references may fit one title (``[refund]`` fits "Add Order, Refund ... models"), so the score is the
size of a maximum matching, never first-come-first-served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from milestone_tui.core.breakdown.matching import max_matching
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone

CORPUS = Path(__file__).resolve().parent / "corpus"

Match = list[str | list[str]]


def words(title: str) -> list[str]:
    """The title's words: maximal runs of letters and digits, lower-cased."""
    return [w.lower() for w in re.findall(r"[^\W_]+", title)]


def fits(title: str, match: Match) -> bool:
    """Whether every element of ``match`` fits a word of ``title``."""
    ws = words(title)
    for element in match:
        stems = [element] if isinstance(element, str) else list(element)
        if not any(w.startswith(s.lower()) for s in stems for w in ws):
            return False
    return True


@dataclass
class Score:
    """One spec's score: matched pairs (reference index -> proposed index) and the sizes."""

    name: str
    split: str
    proposed: list[str]
    reference: list[dict[str, Any]]
    pairs: dict[int, int] = field(default_factory=dict)
    round: int = 1

    @property
    def recall(self) -> float:
        return len(self.pairs) / len(self.reference) if self.reference else 1.0

    @property
    def precision(self) -> float:
        return len(self.pairs) / len(self.proposed) if self.proposed else 0.0

    @property
    def missed(self) -> list[str]:
        return [r["title"] for i, r in enumerate(self.reference) if i not in self.pairs]

    @property
    def extra(self) -> list[str]:
        used = set(self.pairs.values())
        return [t for i, t in enumerate(self.proposed) if i not in used]


def score(name: str, split: str, proposed: list[str], reference: list[dict[str, Any]],
          round_: int = 1) -> Score:
    """Match ``proposed`` titles one-to-one against ``reference`` issues."""
    edges = {r: [p for p, title in enumerate(proposed) if fits(title, ref["match"])]
             for r, ref in enumerate(reference)}
    return Score(name, split, list(proposed), list(reference), max_matching(edges), round_)


# The second round's files carry no ``round`` key (it was added with the third); their names say it.
SECOND_ROUND = frozenset({"chat-messaging-backend", "checkout-inventory", "data-quality-library",
                          "finance-report-etl", "slack-standup-bot", "static-site-generator",
                          "video-transcoding", "wiki-web-clipper"})


def round_of(spec: dict[str, Any], name: str) -> int:
    """Which round of the corpus a file was written in: its ``round`` key, else 2 or 1 by name."""
    return int(spec.get("round") or (2 if name in SECOND_ROUND else 1))


def overall(scores: list[Score]) -> tuple[float, float]:
    """Micro-averaged (recall, precision) over ``scores``: matched issues over all reference / proposed."""
    matched = sum(len(s.pairs) for s in scores)
    refs = sum(len(s.reference) for s in scores)
    props = sum(len(s.proposed) for s in scores)
    return (matched / refs if refs else float("nan"), matched / props if props else float("nan"))


def session_of(spec: dict[str, Any]) -> Session:
    """The session a planner would have after the epic and spec interviews of a corpus file."""
    roadmap = RoadmapMilestone(**spec["roadmap"])
    answers = spec.get("answers") or {}
    return Session(milestone_id=roadmap.key, roadmap=roadmap, epic=EpicAnswers(**(answers.get("epic") or {})),
                   spec=SpecAnswers(**(answers.get("spec") or {})))


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: not a mapping")
    return data


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.glob("*.yaml"))
