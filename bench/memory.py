"""Benchmark 6, memory: resident memory with a 100-issue milestone open in the TUI, against bare Textual.

Each measurement is a fresh ``python -m bench.memory CHILD ...`` process (so nothing else the benchmarks did
is counted). The app child opens the milestone headless on its plan phase, waits until the preview shows the
whole plan, and reports ``VmRSS`` (resident now) and ``VmHWM`` (resident peak) from ``/proc/self/status``.
The bare child runs the dashboard's widgets in a bare Textual app.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

GOAL_MB = 150.0
ISSUES = 100
SIZE = (160, 50)


def status_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024  # kB
    return fields["VmRSS"], fields["VmHWM"]


async def _child(kind: str, arg: str) -> None:
    if kind == "app":
        from milestone_tui.core.workspace import Workspace
        from milestone_tui.tui.app import MilestoneApp
        from milestone_tui.tui.screens.plan import PlanScreen
        from milestone_tui.tui.widgets.preview import MarkdownPreview

        app = MilestoneApp(Workspace(Path(arg)), "m5", mode="refine")
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if isinstance(app.screen, PlanScreen):
                    preview = app.screen.query_one("#preview", MarkdownPreview)
                    if preview.updates_applied and not preview.pending:
                        break
            else:
                raise RuntimeError("the plan preview never settled")
            await pilot.pause(0.3)
            rss, hwm = status_mb()
    else:
        from bench.bare import BareDashboardApp

        app2 = BareDashboardApp(rows=int(arg))
        async with app2.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            rss, hwm = status_mb()
    os.write(1, f"{rss} {hwm}\n".encode())
    os._exit(0)


def spawn(args: list[str]) -> tuple[float, float]:
    proc = subprocess.run([sys.executable, "-m", "bench.memory", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ,
                                            "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    if proc.returncode != 0:
        raise RuntimeError(f"memory child failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    rss, hwm = proc.stdout.split()[-2:]
    return float(rss), float(hwm)


def run(quick: bool = False, count: int = ISSUES) -> object:
    from bench.common import Table, build_workspace, median, ratio, verdict
    from milestone_tui.core.dashboard import read_dashboard

    runs = 1 if quick else 3
    results: dict[str, list[tuple[float, float]]] = {"app": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="milestone-bench-") as tmp:
        workspace = build_workspace(Path(tmp) / "repo", count)
        rows = len(read_dashboard(workspace).rows)
        for _ in range(runs):
            results["app"].append(spawn(["app", str(workspace.root)]))
            results["bare"].append(spawn(["bare", str(rows)]))
    table = Table(f"Memory: resident set, {count}-issue milestone open on the plan phase "
                  f"({runs} runs, medians)",
                  ["process", "VmRSS MB", "VmHWM (peak) MB"])
    app_rss = median([r[0] for r in results["app"]])
    bare_rss = median([r[0] for r in results["bare"]])
    table.add("create-milestone (MilestoneApp)", app_rss, median([r[1] for r in results["app"]]))
    table.add("bare Textual, dashboard widgets", bare_rss, median([r[1] for r in results["bare"]]))
    table.notes.append(f"Ratio app / bare: {ratio(app_rss, bare_rss):.2f}; goal < {GOAL_MB:.0f} MB: "
                       f"{verdict(app_rss < GOAL_MB)}.")
    return table


if __name__ == "__main__":
    asyncio.run(_child(sys.argv[1], sys.argv[2]))
