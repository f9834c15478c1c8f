"""The live preview widget: block splitting, keyed diff (only changed blocks rebuilt), rendering in a worker,
bursts coalesced (leading + trailing), and its worker group apart from the GitHub sync's."""

from __future__ import annotations

import ast
import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.markdown import Markdown as RichMarkdown
from textual.app import App, ComposeResult
from textual.worker import WorkerState

from milestone_tui.tui.widgets.blocks import frontmatter_as_code, split_blocks
from milestone_tui.tui.widgets.preview import BlockMarkdown, MarkdownPreview, PreviewBlock
from tests.support.pilot import settled

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
        yield MarkdownPreview(id="preview")


def test_split_blocks_top_level() -> None:
    blocks = split_blocks(DOC)
    assert blocks[0] == "# Title"
    assert blocks[1] == "First paragraph."
    assert blocks[2] == "- a\n- b"
    assert blocks[3].startswith("| x | y |")
    assert blocks[4].startswith("```python")
    assert len(blocks) == 5



async def test_only_changed_blocks_are_updated() -> None:
    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        preview.update(big_doc(30))
        await settled(pilot, preview)
        before = list(preview.query_children(PreviewBlock))
        assert len(before) == 1 + 30 * 3
        sources = [block.block_source for block in before]
        renderables = [block.block for block in before]
        preview.update(big_doc(30, changed=7))
        await settled(pilot, preview)
        after = list(preview.query_children(PreviewBlock))
        assert after == before  # the same widgets: nothing removed or mounted
        changed = [i for i, block in enumerate(after) if block.block is not renderables[i]]
        assert len(changed) == 1
        assert after[changed[0]].block_source == "edited text" != sources[changed[0]]
        assert "edited text" in preview.source


async def test_inserted_and_removed_blocks() -> None:
    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        preview.update("# A\n\npara one\n\n# B")
        await settled(pilot, preview)
        first = list(preview.query_children(PreviewBlock))
        preview.update("# A\n\nnew one\n\nnew two\n\n# B")
        await settled(pilot, preview)
        blocks = list(preview.query_children(PreviewBlock))
        assert [b.block_source for b in blocks] == ["# A", "new one", "new two", "# B"]
        assert blocks[0] is first[0] and blocks[-1] is first[-1]
        preview.update("# B")
        await settled(pilot, preview)
        assert [b.block_source for b in preview.query_children(PreviewBlock)] == ["# B"]


async def test_burst_is_coalesced_latest_wins() -> None:
    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        started = preview.renders_started
        for i in range(20):
            preview.update(f"# Heading {i}")
        assert preview.pending
        await settled(pilot, preview)
        assert preview.source == "# Heading 19"
        # leading edge: the first text at once; trailing: only the newest of the other 19
        assert preview.renders_started - started == 2


async def test_callable_source_called_once_per_render() -> None:
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return f"para {len(calls)}"

    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        for _ in range(5):
            preview.update(render)
        await settled(pilot, preview)
        assert len(calls) == 2  # the first update, then once for the four that came during its render
        assert preview.source == "para 2"


async def test_flush_applies_the_newest_text_at_once() -> None:
    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        preview.update("# one")
        preview.update("# two")
        preview.flush()
        assert not preview.pending and preview.source == "# two"
        await pilot.pause(0.1)  # the superseded render's result, if it arrives, is not applied
        assert preview.source == "# two"


def test_blocks_rendered_ahead_are_replayed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker renders a block at the pane's width; layout and paint then reuse it (no second render)."""
    console = Console(width=40, file=io.StringIO())
    block = BlockMarkdown("- one\n- two")
    first = block.prerender(console, console.options)
    monkeypatch.setattr(RichMarkdown, "__rich_console__", lambda *a: pytest.fail("rendered twice"))
    assert list(console.render(block, console.options)) == first
    assert "one" in "".join(segment.text for segment in first)


def test_frontmatter_becomes_yaml_block() -> None:
    blocks = split_blocks(frontmatter_as_code("---\nid: m5-01\nslug: x\n---\n\n# Title\n"))
    assert blocks[0] == "```yaml\nid: m5-01\nslug: x\n```"
    assert blocks[1] == "# Title"


async def test_preview_renders_never_cancel_a_sync_worker() -> None:
    """Exclusive preview workers cancel only older preview renders; a GitHub sync (group "sync") runs on."""
    release = asyncio.Event()

    async def long_sync() -> str:
        await release.wait()
        return "synced"

    app = PreviewApp()
    async with app.run_test() as pilot:
        preview = app.query_one("#preview", MarkdownPreview)
        sync = app.screen.run_worker(long_sync(), group="sync", exclusive=True, name="sync")
        # even on the preview's own node (where an exclusive worker of the same group would cancel it)
        near = preview.run_worker(long_sync(), group="sync", name="sync-near")
        await pilot.pause()
        for i in range(30):
            preview.update(big_doc(10, changed=i % 10 + 1))
            if i % 3 == 0:
                await pilot.pause()
        await settled(pilot, preview)
        assert preview.renders_started >= 2
        for worker in (sync, near):
            assert worker.state is WorkerState.RUNNING and not worker.is_cancelled
        release.set()
        for worker in (sync, near):
            await worker.wait()
            assert worker.state is WorkerState.SUCCESS and worker.result == "synced"


def test_every_worker_has_an_explicit_group() -> None:
    """Workers without a group share "default", where an exclusive one cancels the others of its node."""
    package = Path(__file__).resolve().parents[2] / "milestone_tui"
    calls = 0
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("run_worker", "work"):
                    calls += 1
                    groups = [k.value for k in node.keywords if k.arg == "group"]
                    default = groups and isinstance(groups[0], ast.Constant) and groups[0].value == "default"
                    explicit = groups and not default
                    assert explicit, f"{path.name}:{node.lineno}: worker without an explicit group"
    assert calls >= 3  # the preview's render, the sync plan and the sync itself
