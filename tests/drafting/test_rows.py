"""The streamed rows' scanner (``RowStream``) against a full parse: fed a reply chunk by chunk, after every
chunk it holds exactly the issues whose objects are complete in the text so far, each as the full parse of
the whole reply reads it, whatever the strings hold (quotes, braces, escapes) and whatever else the reply
nests around and inside the issues."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from milestone_tui.tui.screens.drafting import RowStream, _row

TEXT = st.text(st.sampled_from('ab {}[]":,\\\n\té✓'), max_size=12)
NESTED = st.recursive(st.none() | st.integers() | TEXT,
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                      max_leaves=6)
ISSUE = st.fixed_dictionaries(
    {"title": TEXT},
    optional={"depends_on": st.lists(st.integers(0, 9) | TEXT, max_size=3), "acceptance": st.lists(TEXT),
              "extra": NESTED})


@st.composite
def replies(draw: st.DrawFn) -> tuple[str, list[int], list[dict[str, Any]]]:
    """A reply's text, where each issue object ends in it, and the issues; other keys before and after."""
    issues = draw(st.lists(ISSUE, max_size=6))
    indent = draw(st.sampled_from([None, 2]))
    before = draw(st.dictionaries(st.sampled_from(["review", "phases", "note"]), NESTED, max_size=2))
    text = "{" + "".join(f"{json.dumps(k)}: {json.dumps(v)}, " for k, v in before.items()) + '"issues": ['
    ends = []
    for n, item in enumerate(issues):
        text += (", " if n else "") + json.dumps(item, indent=indent)
        ends.append(len(text))
    text += '], "phases": [{"name": "issues", "issues": [1]}]}'
    return text, ends, issues


@settings(max_examples=150, deadline=None)
@given(replies(), st.lists(st.integers(1, 9), min_size=1, max_size=20))
def test_every_prefix_holds_the_complete_objects_of_a_full_parse(
        reply: tuple[str, list[int], list[dict[str, Any]]], steps: list[int]) -> None:
    text, ends, issues = reply
    assert [item["title"] for item in json.loads(text)["issues"]] == [item["title"] for item in issues]
    whole = [row for row in map(_row, json.loads(text)["issues"]) if row is not None]
    stream, at, n = RowStream(), 0, 0
    while at < len(text):
        at = min(len(text), at + steps[n % len(steps)])
        n += 1
        complete = [row for item, end in zip(issues, ends, strict=True) if end <= at
                    for row in [_row(item)] if row is not None]
        assert stream.feed(text[:at]) == complete
    assert stream.rows == whole


def test_a_new_reply_starts_the_rows_again() -> None:
    stream = RowStream()
    assert stream.feed('{"issues": [{"title": "Add a"}, ') == [("Add a", [])]
    # A repair request's reply does not continue the first one: the scan starts over.
    assert stream.feed('{"issues": [{"title": "Add b", "depends_on": [1, "x"]}') == [("Add b", [1])]
