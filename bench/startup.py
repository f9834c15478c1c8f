"""Benchmark 1, start-up: process spawn to the first painted dashboard frame, against a bare Textual app.

Each run is a fresh ``python -m bench.startup CHILD ...`` process. The child installs a hook on the app's
display step and, on the first frame of the dashboard (for the app: the ``DashboardScreen``; for the bare
app: its only screen), renders it to terminal bytes and writes the system-wide monotonic clock to stdout,
then exits at once. The parent took the same clock just before spawning. App and bare runs are interleaved
(order alternating), so machine noise lands on both. A third row, ``python -c pass``, shows the interpreter's
own share.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 1.2
SIZE = (160, 50)


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)  # the same clock in every process on this machine


def child(kind: str, arg: str) -> None:
    """Run in the spawned process: start the app headless, report the first dashboard frame, exit."""
    from typing import Any

    from textual._compositor import CompositorUpdate

    if kind == "app":
        from milestone_tui.app import MilestoneApp
        from milestone_tui.workspace import Workspace

        app: Any = MilestoneApp(Workspace(Path(arg)))

        def wanted(screen: Any) -> bool:
            return type(screen).__name__ == "DashboardScreen"
    else:
        from bench.bare import BareDashboardApp

        app = BareDashboardApp(rows=int(arg))

        def wanted(screen: Any) -> bool:
            return True

    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None and wanted(screen):
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            os.write(1, f"{_now()!r}\n".encode())
            os._exit(0)  # the measurement ends at the frame; skip the teardown

    app._display = display
    app.run(headless=True, size=SIZE)
    os._exit(3)  # the app ended without painting the dashboard


def spawn(args: list[str]) -> float:
    """Seconds from spawn to the child's report (for ``python -c pass``: to its exit)."""
    start = _now()
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    if args[1] == "-c":
        return _now() - start
    if proc.returncode != 0:
        raise RuntimeError(f"start-up child failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return float(proc.stdout.strip().splitlines()[-1]) - start


def measure(runs: int) -> dict[str, list[float]]:
    """Start-up times in ms: {"app": [...], "bare": [...], "python": [...]}."""
    from bench.common import build_workspace

    with tempfile.TemporaryDirectory(prefix="milestone-bench-") as tmp:
        workspace = build_workspace(Path(tmp) / "repo", 5)
        rows = len(workspace.dashboard())
        commands = {
            "app": [sys.executable, "-m", "bench.startup", "app", str(workspace.root)],
            "bare": [sys.executable, "-m", "bench.startup", "bare", str(rows)],
            "python": [sys.executable, "-c", "pass"],
        }
        for name in ("app", "bare"):  # warm the OS file cache and .pyc files; not counted
            spawn(commands[name])
        times: dict[str, list[float]] = {name: [] for name in commands}
        for index in range(runs):
            order = list(commands) if index % 2 == 0 else list(reversed(commands))
            for name in order:
                times[name].append(spawn(commands[name]) * 1000)
    return times


def run(quick: bool = False) -> object:
    from bench.common import Table, median, percentile, ratio, verdict

    runs = 5 if quick else 15
    times = measure(runs)
    app, bare = median(times["app"]), median(times["bare"])
    table = Table(f"Start-up: spawn to first painted dashboard frame ({runs} runs each, interleaved)",
                  ["process", "median ms", "p95 ms", "min ms"])
    for name, label in (("app", "create-milestone (MilestoneApp)"), ("bare", "bare Textual, same widgets"),
                        ("python", "python -c pass")):
        table.add(label, median(times[name]), percentile(times[name], 95), min(times[name]))
    ratio_value = ratio(app, bare)
    table.notes.append(f"Ratio app / bare (medians): {ratio_value:.2f}; goal <= {GOAL_RATIO}: "
                       f"{verdict(ratio_value <= GOAL_RATIO)}.")
    return table


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
