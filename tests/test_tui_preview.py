"""The live preview widget: block splitting, keyed diff (only changed blocks rebuilt), debounced bursts."""

from __future__ import annotations

from textual.app import App, ComposeResult

from milestone_tui.widgets.preview import MarkdownPreview, PreviewBlock, frontmatter_as_code, split_blocks

DOC = """# Title

First paragraph.

- a
- b

| x | y |
|---|---|
| 1 | 2 |

```python
print("hi")
```
"""


def big_doc(n: int, changed: int | None = None) -> str:
    parts = ["# Plan"]
    for i in range(1, n + 1):
        body = "edited text" if i == changed else f"Body of issue {i}."
        parts.append(f"## Issue {i}\n\n{body}\n\n- criterion {i}a\n- criterion {i}b")
    return "\n\n".join(parts)


class PreviewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkdownPreview(id="preview", debounce=0.01)


def test_split_blocks_top_level() -> None:
    blocks = split_blocks(DOC)
    assert blocks[0] == "# Title"
    assert blocks[1] == "First paragraph."
    assert blocks[2] == "- a\n- b"
    assert blocks[3].startswith("| x | y |")
    assert blocks[4].startswith("```python")
    assert len(blocks) == 5


async def test_only_changed_blocks_are_replaced() -> None:
    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        preview.update(big_doc(30))
        preview.flush()
        await pilot.pause()
        before = list(preview.query_children(PreviewBlock))
        assert len(before) == 1 + 30 * 3
        preview.update(big_doc(30, changed=7))
        preview.flush()
        await pilot.pause()
        after = list(preview.query_children(PreviewBlock))
        assert len(after) == len(before)
        replaced = [a for a, b in zip(before, after, strict=True) if a is not b]
        assert len(replaced) == 1
        assert "edited text" in preview.source


async def test_burst_is_coalesced_latest_wins() -> None:
    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        applied = preview.updates_applied
        for i in range(20):
            preview.update(f"# Heading {i}")
        await pilot.pause(0.1)
        assert not preview.pending
        assert preview.source == "# Heading 19"
        assert preview.updates_applied == applied + 1


async def test_callable_source_called_once_per_burst() -> None:
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return "para"

    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        for _ in range(5):
            preview.update(render)
        await pilot.pause(0.1)
        assert len(calls) == 1
        assert preview.source == "para"


def test_frontmatter_becomes_yaml_block() -> None:
    blocks = split_blocks(frontmatter_as_code("---\nid: m5-01\nslug: x\n---\n\n# Title\n"))
    assert blocks[0] == "```yaml\nid: m5-01\nslug: x\n```"
    assert blocks[1] == "# Title"
