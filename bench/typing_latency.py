"""Benchmark 2, typing: key press to the character painted in the focused input, while the preview updates.

Keys go in through the driver's message queue (as a terminal's would), at irregular human-like gaps of
20-90 ms: some keys land while the preview renders, some just after its frame, so a refresh that
blocked the event loop would show in the tail. The latency ends at the first frame painted with the new value.
The baseline is a bare Textual app with one input, typed at the same gaps in the same run.
"""

from __future__ import annotations

import asyncio
import random
import time

from bench.common import Table, percentile, ratio, verdict
from bench.frames import send_key, settle
from bench.tui import Running, bare_input_app, key_char, plan_app

SIZES = (5, 30, 100)
GOAL_MS = 16.0


async def type_keys(run: Running, keys: int, seed: int = 1) -> list[float]:
    """Type ``keys`` characters at the end of the input; the echo latency of each, in ms."""
    rng = random.Random(seed)
    latencies: list[float] = []
    for index in range(keys):
        char = key_char(index)
        expected = run.input.value + char
        field = run.input
        sent = send_key(run.app, char)
        shown = await run.clock.wait_frame(lambda field=field, expected=expected: field.value == expected)
        if shown is None:
            raise RuntimeError(f"key {char!r} never shown (value {field.value[-20:]!r})")
        latencies.append((shown - sent) * 1000)
        gap = rng.uniform(0.020, 0.090)
        await asyncio.sleep(max(0.0, sent + gap - time.perf_counter()))
    await settle(0.1)
    return latencies


async def measure_app(count: int, keys: int) -> list[float]:
    async with plan_app(count) as run:
        return await type_keys(run, keys)


async def measure_bare(keys: int) -> list[float]:
    async with bare_input_app() as run:
        return await type_keys(run, keys)


async def _collect(sizes: tuple[int, ...], keys: int) -> tuple[list[float], dict[int, list[float]]]:
    # The baseline runs before and after the app runs (half the keys each), so drift hits both sides.
    base = await measure_bare(keys // 2)
    results = {count: await measure_app(count, keys) for count in sizes}
    base += await measure_bare(keys - keys // 2)
    return base, results


def run(quick: bool = False, sizes: tuple[int, ...] = SIZES) -> Table:
    keys = 50 if quick else 150
    base, results = asyncio.run(_collect(sizes, keys))
    b50, b99 = percentile(base, 50), percentile(base, 99)
    table = Table(f"Typing: key press to the character painted ({keys} keys per row)",
                  ["issues", "app p50 ms", "app p99 ms", "bare p50 ms", "bare p99 ms", "p99 ratio",
                   f"goal p99 < {GOAL_MS:.0f} ms"])
    for count, values in results.items():
        p50, p99 = percentile(values, 50), percentile(values, 99)
        table.add(count, p50, p99, b50, b99, ratio(p99, b99), verdict(p99 < GOAL_MS))
    table.notes.append("Keys at random 20-90 ms gaps; the preview re-renders (in its worker) after each key.")
    table.notes.append("Both sides include Textual's frame pacing (a frame at most every 1/60 s).")
    return table
