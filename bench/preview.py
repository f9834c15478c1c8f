"""Benchmark 3, preview: key press to the preview painted with the change, against the stock Markdown widget.

App side: one key into the plan's scope-tags input, then wait for the first frame in which the preview's
public state shows the new tag (``MarkdownPreview.source`` holds it, no update is ``pending`` and every block
is mounted). Keys are spaced so each one is its own burst; the render worker is part of what is measured.
Baseline, same run: ``await Markdown.update(whole_plan)`` on Textual's stock widget, as wide as the preview
pane, until the next frame.
"""

from __future__ import annotations

import asyncio
import time

from bench.common import MILESTONE, Table, fmt, median, percentile, ratio, verdict
from bench.frames import FrameClock, send_key, settle
from bench.tui import Running, StockMarkdownApp, key_char, plan_app
from milestone_tui.tui.widgets.preview import MarkdownPreview

SIZES = (5, 30, 100)
GOAL_MS = 50.0


def shows(preview: MarkdownPreview, marker: str) -> bool:
    """The preview, by its public state, shows ``marker`` and has nothing half-done."""
    return (not preview.pending and marker in preview.source
            and all(child.is_mounted for child in preview.children))


async def app_latencies(run: Running, samples: int) -> list[float]:
    assert run.preview is not None
    preview = run.preview
    latencies = []
    for index in range(samples):
        char = key_char(index)
        tag = run.input.value.split(",")[-1].strip() + char
        marker = f"`{tag}`"  # the plan template shows each tag as a code span
        sent = send_key(run.app, char)
        shown = await run.clock.wait_frame(lambda marker=marker: shows(preview, marker))
        if shown is None:
            raise RuntimeError(f"preview never showed {marker!r}")
        latencies.append((shown - sent) * 1000)
        await settle(0.03)
    return latencies


async def stock_latencies(texts: list[str], width: int) -> list[float]:
    app = StockMarkdownApp(texts[0], width)
    latencies = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await settle(0.2)
        clock = FrameClock(app)
        widget = app.query_one("#md")
        for text in texts[1:]:
            start = time.perf_counter()
            await widget.update(text)  # type: ignore[attr-defined]
            shown = await clock.wait_frame(lambda: True)
            assert shown is not None
            latencies.append((shown - start) * 1000)
    return latencies


async def measure(count: int, samples: int, stock_samples: int) -> tuple[list[float], list[float], int]:
    """(app latencies, stock latencies, plan size in characters) for a ``count``-issue milestone."""
    async with plan_app(count) as run:
        assert run.preview is not None
        app = await app_latencies(run, samples)
        width = run.preview.size.width
        size = len(run.preview.source)
        flow = run.app.flow  # type: ignore[attr-defined]
        assert flow is not None and flow.session.milestone_id == MILESTONE
        texts = []
        for index in range(stock_samples + 1):
            flow.session.plan.scope_tags = ["detection", f"ingest{'x' * index}"]
            texts.append(flow.renderer.plan(flow.session))
    stock = await stock_latencies(texts, width)
    return app, stock, size


def run(quick: bool = False, sizes: tuple[int, ...] = SIZES) -> Table:
    samples = 20 if quick else 60
    stock_samples = {5: 6, 30: 5, 100: 3} if not quick else {5: 3, 30: 2, 100: 1}
    table = Table(f"Preview: key press to the change painted ({samples} keys per size)",
                  ["issues", "plan chars", "app p50 ms", "app p95 ms", "stock p50 ms", "stock p95 ms",
                   "p50 ratio", "app p50 per kchar"])
    rows: dict[int, tuple[float, float, int]] = {}
    for count in sizes:
        app, stock, size = asyncio.run(measure(count, samples, stock_samples.get(count, 2)))
        p50, p95 = percentile(app, 50), percentile(app, 95)
        rows[count] = (p50, p95, size)
        table.add(count, size, p50, p95, median(stock), percentile(stock, 95), ratio(p50, median(stock)),
                  p50 / (size / 1000))
    if 30 in rows:
        table.notes.append(f"Goal p95 <= {GOAL_MS:.0f} ms at 30 issues: {fmt(rows[30][1])} ms, "
                           f"{verdict(rows[30][1] <= GOAL_MS)}.")
    if len(rows) > 1:
        lo, hi = rows[min(rows)], rows[max(rows)]
        growth, grown = hi[0] / lo[0], hi[2] / lo[2]
        table.notes.append(f"Growth {min(rows)} -> {max(rows)} issues: plan x{fmt(grown)}, "
                           f"app p50 x{fmt(growth)} (linear or better: {verdict(growth <= grown)}).")
    table.notes.append("App latency: render worker, swap of the changed blocks, 1/60 s frame pacing.")
    return table
