"""The preview's block split re-parses only the sections that changed, and finds exactly the blocks a
whole-document parse finds: on every artifact of a generated milestone and on random markdown."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.common import MILESTONE, build_workspace
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import PHASES
from milestone_tui.tui.widgets import blocks
from milestone_tui.tui.widgets.blocks import frontmatter_as_code, parse_blocks, sections, split_blocks

# Line kinds random documents are made of: the constructs whose blocks span lines, blank lines, and heading
# lines in the places where they are not headings (in fences, after text, indented, in HTML).
LINES = ["# Title", "## Section", "### Sub", "####### seven", "#no-space", "    # indented", "text line",
         "", "", "", "- item", "  - nested", "1. first", "   continued", "> quote", "> # quoted heading",
         "```", "```python", "~~~", "````", "``` a`b", "  ```", "| a | b |", "|---|---|", "| 1 | 2 |",
         "---", "===", "Setext", "<div>", "<!-- comment", "-->", "<pre>", "</pre>", "    code", "\t# tab",
         "# Closed #", "#", "[ref]: https://example.com", "* * *", "+ plus", "- [ ] task"]


# Without the lines that make a document be parsed whole: these documents are cut into sections.
SURE = [line for line in LINES if not line.startswith(("<", "  ```"))] + ["", "", "# Title", "## Section"]


def documents(count: int, seed: int, kinds: list[str]) -> list[str]:
    rng = random.Random(seed)
    return ["\n".join(rng.choice(kinds) for _ in range(rng.randint(1, 40))) for _ in range(count)]


@pytest.mark.parametrize("seed", range(6))
def test_random_documents_split_as_a_whole_parse(seed: int) -> None:
    cut = 0
    for text in documents(200, seed, LINES) + documents(300, seed, SURE):
        assert split_blocks(text) == parse_blocks(text), text
        cut += len(sections(text) or []) > 1
    assert cut > 50  # many documents were cut into sections: that path is what was compared


def test_every_artifact_splits_as_a_whole_parse(tmp_path: Path) -> None:
    workspace = build_workspace(tmp_path / "repo", 30)
    with MilestoneFlow.open(workspace, MILESTONE, mode="refine") as flow:
        texts = [flow.renderer.preview(flow.session, phase, issue.number)
                 for phase in PHASES for issue in flow.session.issues[:3]]
        texts += list(flow.renderer.all(flow.session).values())
    for text in texts:
        text = frontmatter_as_code(text)
        assert split_blocks(text) == parse_blocks(text)
        assert sections(text) is not None  # the app's own documents are all cut into sections


def test_a_key_reparses_only_its_section(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = "\n\n".join(["# Plan", "- **Scope tags:** `a`"] + [f"## Phase {n}\n\n- [ ] #{n:02d} x" for n in
                                                                 range(1, 40)])
    split_blocks(plan)
    parsed: list[str] = []
    original = blocks.parse_blocks
    monkeypatch.setattr(blocks, "parse_blocks", lambda text: parsed.append(text) or original(text))
    edited = plan.replace("`a`", "`ab`")
    assert split_blocks(edited) == original(edited)
    assert parsed == ["# Plan\n\n- **Scope tags:** `ab`\n"]  # one section parsed, 39 looked up


def test_raw_html_that_spans_blank_lines_is_parsed_whole() -> None:
    text = "# A\n\n<!-- a comment\n\n# not a heading\n-->\n\n# B\n"
    assert sections(text) is None
    comment = "<!-- a comment\n\n# not a heading\n-->"
    assert split_blocks(text) == parse_blocks(text) == ["# A", comment, "# B"]
