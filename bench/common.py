"""Shared pieces of the benchmarks: statistics, the result table, and generated milestones of any size.

Every benchmark builds its sessions through the core (``edits.make_issues``, ``plan.apply_phases``,
``MilestoneFlow``) on a temporary copy of the demo workspace, so what is measured is what a user runs.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from milestone_tui.core import planning as plans
from milestone_tui.core.breakdown.edits import make_issues
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.model import Phase, PlanPhase, Session
from milestone_tui.core.workspace import Workspace

DEMO = Path(__file__).resolve().parent.parent / "milestone_tui" / "data" / "demo"
MILESTONE = "m5"
SIZE = (160, 50)  # terminal size for the pilot runs: wide enough for the form and the preview side by side

WORDS = ("ingest", "schema", "kafka", "storage", "metrics", "auth", "retry", "cache", "export", "alerts",
         "replay", "audit", "tiles", "quota", "backfill", "webhook")


# -- statistics --
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between the closest ranks; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio(app: float, base: float) -> float:
    """app / baseline (NaN when the baseline is zero or missing)."""
    return app / base if base and base == base else float("nan")


# -- output --
@dataclass
class Table:
    """One result table: a title, column names, rows of cells, and notes printed under it."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([fmt(c) for c in cells])

    def render(self) -> str:
        widths = [max(len(c), *(len(r[i]) for r in self.rows)) if self.rows else len(c)
                  for i, c in enumerate(self.columns)]
        line = "  ".join("-" * w for w in widths)
        out = [f"\n== {self.title}", "  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)),
               line]
        for row in self.rows:
            out.append("  ".join(c.rjust(w) if i else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        out += [f"  {note}" for note in self.notes]
        return "\n".join(out)

    def markdown(self) -> str:
        """The same table as GitHub markdown (docs/performance.md is written from this)."""
        out = [f"| {' | '.join(self.columns)} |", f"|{'---|' * len(self.columns)}"]
        out += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(out + [""] + [f"- {n}" for n in self.notes])


def fmt(value: object) -> str:
    """Floats with three significant-ish digits, everything else as str."""
    if isinstance(value, float):
        if value != value:
            return "n/a"
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    return str(value)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


# -- generated milestones --
def issue_titles(count: int) -> list[str]:
    """Distinct, realistic-looking issue titles."""
    return [f"Add {WORDS[i % len(WORDS)]} {WORDS[(i * 7 + 3) % len(WORDS)]} step {i + 1}"
            for i in range(count)]


def fill_session(session: Session, count: int) -> None:
    """Give ``session`` answers, ``count`` issues with acceptance criteria and dependencies, and a 4-phase
    plan; mark epic .. issues done so the milestone reopens on the plan phase."""
    session.epic.problem = "Detections arrive from many feeds and nothing checks them before storage."
    session.epic.users = "Operations analysts and the risk engine."
    session.epic.success = "Every detection is validated and stored within two seconds."
    session.epic.out_of_scope = "Fusion with weather data."
    session.spec.architecture = "HTTP ingest, Kafka, a consumer writing to TimescaleDB."
    session.spec.technology = "Python, FastAPI, Kafka, TimescaleDB."
    issues = make_issues(issue_titles(count))
    phases = max(1, min(4, count))
    for issue in issues:
        issue.acceptance = [f"{issue.title} works end to end", "Errors are logged with the detection id",
                            f"Unit tests cover step {issue.number}"]
        issue.labels = [WORDS[issue.number % len(WORDS)]]
        if issue.number > 1 and issue.number % 3:
            issue.depends_on = [issue.number - 1]
    session.issues = issues
    assignment = {i.number: 1 + (i.number - 1) * phases // count for i in issues}
    plans.apply_phases(session, [PlanPhase(name=f"Phase {p}") for p in range(1, phases + 1)], assignment)
    session.plan.branch = "feature/m5-detection-ingest"
    session.plan.scope_tags = ["detection", "ingest"]
    for phase in (Phase.EPIC, Phase.SPEC, Phase.BREAKDOWN, Phase.ISSUES):
        session.mark_done(phase)
    session.current = Phase.PLAN


def build_workspace(root: Path, count: int) -> Workspace:
    """A copy of the demo workspace at ``root`` holding milestone m5 with ``count`` issues, artifacts
    written, closed (unlocked), ready to be reopened with ``mode="refine"`` on the plan phase."""
    shutil.copytree(DEMO, root)
    workspace = Workspace(root)
    with MilestoneFlow.open(workspace, MILESTONE, mode="new") as flow:
        fill_session(flow.session, count)
        flow.write()
    return workspace


@contextmanager
def temp_workspace(count: int) -> Iterator[Workspace]:
    """``build_workspace`` in a temporary directory removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="milestone-bench-") as tmp:
        yield build_workspace(Path(tmp) / "repo", count)
