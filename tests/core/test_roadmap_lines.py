"""The dashboard's cheap roadmap reader agrees with the full parser: on the demo roadmap, on the shapes
roadmaps are written in, on generated documents of every block kind; where it cannot follow a shape it
declines, and the layout falls back to the full parser. (Every roadmap of ``test_roadmap.py`` and
``test_abuse.py`` is also read by both, through ``tests.support.roadmaps.parse_both``.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import milestone_tui
from bench.scale import roadmap_text
from milestone_tui.core.dashboard import read_dashboard
from milestone_tui.core.layout import Layout
from milestone_tui.core.roadmap_lines import parse_lines
from milestone_tui.core.roadmap_markdown import parse_roadmap
from milestone_tui.core.workspace import Workspace
from tests.support.roadmaps import parse_both

DEMO = Path(milestone_tui.__file__).parent / "data" / "demo"


def test_the_demo_roadmap_reads_the_same_without_markdown_it(tmp_path: Path) -> None:
    text = (DEMO / "docs/01-roadmap/roadmap.md").read_text(encoding="utf-8")
    quick = parse_lines(text, "roadmap.md")
    assert quick is not None and quick == parse_roadmap(text, "roadmap.md")
    shutil.copytree(DEMO, tmp_path / "repo")
    assert Layout(tmp_path / "repo").roadmap() == Workspace(tmp_path / "repo").roadmap()
    rows = read_dashboard(Layout(tmp_path / "repo")).rows
    assert [(r.display_id, r.title, r.dependencies) for r in rows] == [
        (m.id, m.title, m.dependencies) for m in Workspace(tmp_path / "repo").roadmap().milestones]


@pytest.mark.parametrize("count", [10, 200])
def test_generated_roadmaps_are_read_by_the_line_reader(count: int) -> None:
    text = roadmap_text(count)
    quick = parse_lines(text)
    assert quick is not None and quick == parse_roadmap(text) and len(quick.milestones) == count


ACCEPTED = {
    "wrapped and lazy list lines": (
        "## M1 - One\n\n- **Scope:** alpha, beta,\n  gamma\n- **Dependencies:** M0\nlazy\n"),
    "nested lists": "## M1 - One\n\n**Scope:**\n\n- a\n  - a1\n    - a2\n- b\n\n* c\n\n1. d\n2. e\n3) f\n",
    "a summary table then headings": (
        "# R\n\n| ID | Title | Depends on |\n|---|:---:|---|\n| M1 | One | None |\n| M2 | Two \\| 2 | M1 |\n"
        "M3 | Three\n\n## M2 - Two\n\nScope: x\n"),
    "fenced code holding a heading": (
        "## M1 - One\n\n```md\n## M2 - Not one\n```\n\n~~~\n## M3\n~~~~\n\nText.\n"),
    "rules and closed headings": "## M1 - One ##\n\nText.\n\n---\n\n### M2: Two\n\n***\n",
    "windows line ends": "## M1 - One\r\n\r\n**Scope:** a, b\r\n**Dependencies:** None\r\n",
    "a heading ends a list": "## M1 - One\n\n- a\n## M2 - Two\n- b\n",
    "an ordered list that cannot interrupt": "## M1 - One\n\nText and\n2. more text\n- then a list\n",
    "a table in a paragraph's way": "## M1 - One\n\nFields\n| Field | Value |\n|---|---|\n| Owner | Ops |\n",
    "a field table": "## M1 - One\n\n| Field | Value |\n| --- | --- |\n| Owner | Ops |\n- next\n",
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_common_shapes_are_read_by_the_line_reader(name: str) -> None:
    text = ACCEPTED[name]
    quick = parse_lines(text, "r.md")
    assert quick is not None, name
    assert quick == parse_roadmap(text, "r.md")


DECLINED = {
    "a block quote": "## M1 - One\n\n> **Scope:** a\n",
    "a setext heading": "M1 - One\n========\n\nScope: a\n",
    "html": "<div>\n\n## M1 - One\n\n</div>\n",
    "indented code": "## M1 - One\n\n    ## M2 - Code\n",
    "a heading in a list item": "## M1 - One\n\n- ## M2 - Two\n",
    "tabs": "## M1 - One\n\n-\tScope: a\n",
    "a link reference": "## M1 - One\n\n[doc]: https://example.com\n",
    "a table of mostly missing cells": (  # markdown-it stops such a table part way
        "| " + " | ".join(f"c{n}" for n in range(1000)) + " |\n|" + "---|" * 1000 + "\n"
        + "".join(f"| M{n} |\n" for n in range(1, 101))),
}


@pytest.mark.parametrize("name", list(DECLINED))
def test_shapes_it_does_not_follow_go_to_the_full_parser(name: str, tmp_path: Path) -> None:
    text = DECLINED[name]
    assert parse_lines(text) is None
    path = tmp_path / "docs/01-roadmap/roadmap.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert Layout(tmp_path).roadmap() == parse_roadmap(text, "docs/01-roadmap/roadmap.md")


# -- generated documents: any mix of the block kinds, at any indentation, must read the same or be declined
LINES = [
    "## M{n} - Title {n}", "### M{n}: Other", "# Roadmap", "#### Scope", "#### Notes", "## Phase 2",
    "# M{n} #", "**Scope:** a, b; c", "Scope: x, y", "**Dependencies:** M{n} (One), M2", "Depends on: none",
    "**Scope:**", "Target date: 2027-01-01", "Owner: Team", "The prose: with a colon.", "text", "more text",
    "- item {n}", "- **Scope:** s{n}", "* star", "+ plus", "-", "- ", "1. first", "2. second", "1) paren",
    "| ID | Title | Dependencies |", "|---|---|---|", "| M{n} | T{n} | M1 |", "| Field | Value |",
    "| --- | :-: |", "a | b", "--|--", "| x |", "```", "```py", "~~~", "---", "***", "- - -", "===", "==",
    "--", "[x]: /u", "> quote", "<br>", "    code", "\\| escaped", "M{n} - plain", "- [ ] task", "10. ten",
    "#", "#5 no", "1.5 million", "- a | b", "|", "|-|", "\u00a0", "text  ", "## M{n}  ##  ",
    "| M{n} | a<br>b |", ":-:|:-", "* * *", "``` x `", "````", "1.", "- 1. x",
]


@st.composite
def documents(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 14))
    lines = []
    for _ in range(count):
        if draw(st.integers(0, 4)) == 0:
            lines.append("")
            continue
        line = draw(st.sampled_from(LINES)).format(n=draw(st.integers(1, 4)))
        lines.append(" " * draw(st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6])) + line)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=600, deadline=None)
@given(documents())
def test_generated_documents_read_the_same_or_are_declined(text: str) -> None:
    try:
        parse_both(text, "r.md")
    except milestone_tui.errors.RoadmapError:
        pass  # both refused it, with the same message (parse_both checks)
