"""Smoke test of the benchmarks: each one's core runs on a tiny size and returns numbers of the right shape.

No timed assertions: only that the measurements exist, are positive and finite, and that the pieces the
benchmarks rely on (frame probe, generated milestones, emulator timing, child processes) work.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench import memory, preview, scale, startup, sync, typing_latency
from bench.__main__ import main
from bench.common import Table, build_workspace, percentile, ratio
from milestone_tui.core.phases import Phase


def positive(value: float) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


def test_stats_and_table() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 99) == 5.0
    assert math.isnan(percentile([], 50))
    assert ratio(3.0, 2.0) == 1.5 and math.isnan(ratio(1.0, 0.0))
    table = Table("T", ["name", "ms"])
    table.add("a", 1.2345)
    assert "1.23" in table.render() and "| a | 1.23 |" in table.markdown()


def test_generated_milestone_reopens_on_plan(tmp_path: Path) -> None:
    workspace = build_workspace(tmp_path / "repo", 4)
    session = workspace.load_session("m5")
    assert session is not None and len(session.issues) == 4
    assert session.first_missing_phase is Phase.PLAN
    assert all(issue.acceptance and issue.phase for issue in session.issues)


async def test_typing_measures_app_and_bare() -> None:
    app = await typing_latency.measure_app(3, keys=3)
    bare = await typing_latency.measure_bare(keys=3)
    assert len(app) == 3 and len(bare) == 3
    assert all(positive(v) for v in app + bare)


async def test_preview_measures_app_and_stock() -> None:
    app, stock, size = await preview.measure(3, samples=2, stock_samples=1)
    assert len(app) == 2 and len(stock) == 1 and size > 100
    assert all(positive(v) for v in app + stock)


def test_startup_spawns_both_children() -> None:
    times, cpu = startup.measure(1)
    assert set(times) == set(cpu) == {"app", "rows", "bare", "python"}  # first frame, with rows, baselines
    assert all(len(v) == 1 and positive(v[0]) for v in [*times.values(), *cpu.values()])


def test_scale_rows() -> None:
    roadmaps = scale.measure_roadmaps((3, 10), repeat=1)
    assert [count for count, ms in scale.measure_line_reader((3, 10), repeat=1) if positive(ms)] == [3, 10]
    artifacts = scale.measure_artifacts((3,), repeat=1)
    assert [row[0] for row in roadmaps] == [3, 10]
    assert all(positive(row[2]) and positive(row[3]) and row[1] > 0 for row in roadmaps + artifacts)


@pytest.mark.parametrize("kind", ["memory", "flow"])
def test_sync_splits_client_and_emulator_time(kind: str) -> None:
    result = sync.one_sync(kind, count=3)
    assert result["requests"] >= 3
    assert positive(result["service"]) and result["wall"] > result["service"]
    assert positive(sync.raw_httpx(2)["wall"])


def test_memory_children_report_resident_memory(tmp_path: Path) -> None:
    workspace = build_workspace(tmp_path / "repo", 3)
    for args in (["app", str(workspace.root)], ["bare", "3"]):
        rss, hwm = memory.spawn(args)
        assert positive(rss) and hwm >= rss


def test_runner_rejects_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nope"]) == 2
    assert "unknown benchmark nope" in capsys.readouterr().err


def test_plan_benchmark_counts_writes_and_a_quiet_resync() -> None:
    from bench import plan

    first = plan.first_sync(5)
    assert first["writes"] == first["minimum"] == 5 + 1 + 5 + 4
    again = plan.resync(5)
    assert again["writes"] == 0 and again["requests"] <= 8 and positive(again["wall"])


async def test_drafting_times_typing_and_streamed_rows() -> None:
    pytest.importorskip("openai")
    from bench import drafting

    app = await drafting.measure_app(3, rate=400.0, keys=4)
    bare = await drafting.measure_bare(3, rate=400.0)
    assert len(app["quiet"]) == 4 and app["during"] and len(app["rows"]) == len(bare) == 3
    assert all(math.isfinite(v) for v in app["rows"] + bare)  # a row can show before the server's stamp
    assert all(positive(v) for v in app["quiet"] + app["during"])
