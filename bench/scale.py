"""Benchmark 4, roadmap and artifacts at scale: parse generated roadmaps of 10 / 100 / 1,000 milestones, and
render + parse back milestones of 10 / 100 issues. Baseline in the same run: markdown-it parsing the same
text alone (the floor any markdown-based parser pays). Growth is time(10x input) / time(input): 10 is linear.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from markdown_it import MarkdownIt

from bench.common import MILESTONE, Table, fill_session, median
from milestone_tui.core.artifacts.parse import parse_epic, parse_issue, parse_plan, parse_spec
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.roadmap_lines import parse_lines
from milestone_tui.core.roadmap_markdown import parse_roadmap

_MD = MarkdownIt("commonmark").enable("table")
ROADMAP_SIZES = (10, 100, 1000)
ISSUE_SIZES = (10, 100)


def roadmap_text(count: int) -> str:
    """A roadmap of ``count`` milestones in the shapes users write (bold/plain labels, bullets)."""
    parts = ["# Generated Roadmap", "", "Milestones in build order.", ""]
    for n in range(1, count + 1):
        deps = f"M{n - 1} (Milestone {n - 1})" if n > 1 else "None"
        if n % 3 == 0:
            parts += [f"## M{n}: Milestone {n}", "", f"Scope: Part A of {n}, part B of {n}",
                      f"Dependencies: {deps}", "", f"Milestone {n} makes the platform better.", ""]
        elif n % 3 == 1:
            parts += [f"## M{n} - Milestone {n}", "", f"What milestone {n} delivers, in one paragraph.", "",
                      f"**Scope:** Service {n}; storage {n}; metrics {n}", f"**Dependencies:** {deps}",
                      f"**Owner:** Team {n % 5}", ""]
        else:
            parts += [f"## M{n} - Milestone {n}", "", "**Scope:**", "", f"- Ingest {n}", f"- Validate {n}",
                      f"- Store {n}", "", f"**Dependencies:** {deps}", ""]
    return "\n".join(parts)


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``action`` in ms."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return median(samples)


def session_of(count: int) -> Session:
    session = Session(milestone_id=MILESTONE)
    fill_session(session, count)
    session.mark_done(Phase.PLAN)
    return session


def roundtrip(renderer: Renderer, session: Session) -> int:
    """Render every artifact and parse each back; returns the number of characters rendered."""
    files = renderer.all(session)
    for name, text in files.items():
        if name == EPIC_FILE:
            parse_epic(text)
        elif name == SPEC_FILE:
            parse_spec(text)
        elif name == PLAN_FILE:
            parse_plan(text)
        else:
            parse_issue(text, name)
    return sum(len(text) for text in files.values())


def measure_roadmaps(sizes: tuple[int, ...], repeat: int) -> list[tuple[int, int, float, float]]:
    """(milestones, characters, parse_roadmap ms, markdown-it ms) per size."""
    rows = []
    for count in sizes:
        text = roadmap_text(count)
        found = len(parse_roadmap(text).milestones)
        if found != count:
            raise RuntimeError(f"roadmap of {count} milestones parsed into {found}")
        reps = max(3, repeat * 10 // count) if count >= 100 else repeat
        rows.append((count, len(text), timed(lambda text=text: parse_roadmap(text), reps),
                     timed(lambda text=text: _MD.parse(text), reps)))
    return rows


def measure_line_reader(sizes: tuple[int, ...], repeat: int) -> list[tuple[int, float]]:
    """(milestones, ms) of the dashboard's line reader (no markdown-it) on the same roadmaps."""
    rows = []
    for count in sizes:
        text = roadmap_text(count)
        if parse_lines(text) != parse_roadmap(text):
            raise RuntimeError(f"the line reader disagrees with the full parser on {count} milestones")
        reps = max(3, repeat * 10 // count) if count >= 100 else repeat
        rows.append((count, timed(lambda text=text: parse_lines(text), reps)))
    return rows


def measure_artifacts(sizes: tuple[int, ...], repeat: int) -> list[tuple[int, int, float, float]]:
    """(issues, characters, render + parse back ms, markdown-it over the same texts ms) per size."""
    renderer = Renderer()
    rows = []
    for count in sizes:
        session = session_of(count)
        chars = roundtrip(renderer, session)  # also warms the template cache
        texts = list(renderer.all(session).values())
        rows.append((count, chars, timed(lambda s=session: roundtrip(renderer, s), repeat),
                     timed(lambda texts=texts: [_MD.parse(t) for t in texts], repeat)))
    return rows


def run(quick: bool = False) -> list[Table]:
    repeat = 5 if quick else 15
    tables = []
    for title, rows, unit in (
        ("Roadmap parsing (parse_roadmap vs markdown-it alone)", measure_roadmaps(ROADMAP_SIZES, repeat),
         "milestones"),
        ("Artifacts: render all + parse back (vs markdown-it over the same files)",
         measure_artifacts(ISSUE_SIZES, repeat), "issues"),
    ):
        table = Table(title, [unit, "chars", "app ms", "markdown-it ms", "ratio", "app growth"])
        for at, (count, chars, app, base) in enumerate(rows):
            growth = "—" if at == 0 else f"x{app / rows[at - 1][2]:.1f} for x{count / rows[at - 1][0]:.0f}"
            table.add(count, chars, app, base, app / base, growth)
        tables.append(table)
    tables[0].notes.append("Growth x10 for x10 input is linear.")
    lines = measure_line_reader(ROADMAP_SIZES, repeat)
    shown = ", ".join(f"{count} in {ms:.3g} ms" for count, ms in lines)
    tables[0].notes.append(f"The dashboard's line reader (core.roadmap_lines, no markdown-it), same "
                           f"milestones: {shown}.")
    return tables
