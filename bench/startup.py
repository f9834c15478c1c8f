"""Benchmark 1, start-up: process spawn to the first painted dashboard frame, against a bare Textual app.

Each run is a fresh ``python -m bench.startup CHILD ...`` process. The app's child goes through the real
command line (``milestone_tui.cli.main.main(["--root", DIR])``, as ``create-milestone`` does), with Textual's
``App.run`` made headless at the benchmark's size. A hook on the display step renders the first frame of the
dashboard (for the app: the ``DashboardScreen``; for the bare app: its only screen) to terminal bytes, writes
the system-wide monotonic clock to stdout and exits at once. The parent took the same clock just before
spawning. The ``app`` row is the first painted dashboard frame, the ``rows`` row the first one with the rows
(the same frame since the rows are read before the first paint; a "Loading…" frame first would show here).
Runs are interleaved (order alternating), so machine noise lands on every row. ``python -c pass`` shows the
interpreter's own share. Each child's CPU time (user + system) is reported too: on a machine shared with
other work, wall time also counts the waits for a core, CPU time only the child's own work.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_RATIO = 1.2  # the first painted frame
ROWS_GOAL_RATIO = 1.3  # the first frame with the rows (issue 8)
SIZE = (160, 50)


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)  # the same clock in every process on this machine


def child(kind: str, arg: str) -> None:
    """Run in the spawned process: start the app headless, report the first dashboard frame, exit."""
    from textual.app import App

    if kind in ("app", "rows"):
        def wanted(screen: Any) -> bool:
            if type(screen).__name__ != "DashboardScreen":
                return False
            return kind == "app" or bool(getattr(screen, "loaded", True) and screen.rows)

        original = App._display

        def display(self: Any, screen: Any, renderable: Any) -> None:
            original(self, screen, renderable)
            report(self, screen, renderable, wanted)

        original_run = App.run

        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            return original_run(self, headless=True, size=SIZE)

        App._display = display  # type: ignore[method-assign]
        App.run = run  # type: ignore[method-assign]
        from milestone_tui.cli import main as cli

        cli.has_terminal = lambda: True  # headless on purpose: the benchmark's child has no terminal
        cli.main(["--root", arg])
    else:
        from bench.bare import BareDashboardApp

        app: Any = BareDashboardApp(rows=int(arg))
        bare_display = app._display

        def display_bare(screen: Any, renderable: Any) -> None:
            bare_display(screen, renderable)
            report(app, screen, renderable, lambda screen: True)

        app._display = display_bare
        app.run(headless=True, size=SIZE)
    os._exit(3)  # the app ended without painting the dashboard


def report(app: Any, screen: Any, renderable: Any, wanted: Any) -> None:
    """On the wanted frame: render it to terminal bytes, print the clock, exit."""
    from textual._compositor import CompositorUpdate

    if renderable is not None and wanted(screen):
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)
        os.write(1, f"{_now()!r}\n".encode())
        os._exit(0)  # the measurement ends at the frame; skip the teardown


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def spawn(args: list[str]) -> tuple[float, float]:
    """(seconds from spawn to the child's report, for ``python -c pass`` to its exit; the child's CPU
    seconds, user + system, to its exit)."""
    cpu = _children_cpu()
    start = _now()
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    cpu = _children_cpu() - cpu  # the one child reaped since
    if args[1] == "-c":
        return _now() - start, cpu
    if proc.returncode != 0:
        raise RuntimeError(f"start-up child failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return float(proc.stdout.strip().splitlines()[-1]) - start, cpu


def measure(runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Start-up times in ms, and the children's CPU times in ms, each as {"app": [...], "rows": [...],
    "bare": [...], "python": [...]}."""
    from bench.common import build_workspace
    from milestone_tui.core.dashboard import read_dashboard

    with tempfile.TemporaryDirectory(prefix="milestone-bench-") as tmp:
        workspace = build_workspace(Path(tmp) / "repo", 5)
        rows = len(read_dashboard(workspace).rows)
        commands = {
            "app": [sys.executable, "-m", "bench.startup", "app", str(workspace.root)],
            "rows": [sys.executable, "-m", "bench.startup", "rows", str(workspace.root)],
            "bare": [sys.executable, "-m", "bench.startup", "bare", str(rows)],
            "python": [sys.executable, "-c", "pass"],
        }
        for name in ("app", "rows", "bare"):  # warm the OS file cache and .pyc files; not counted
            spawn(commands[name])
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for index in range(runs):
            order = list(commands) if index % 2 == 0 else list(reversed(commands))
            for name in order:
                wall, used = spawn(commands[name])
                times[name].append(wall * 1000)
                cpu[name].append(used * 1000)
    return times, cpu


def run(quick: bool = False) -> object:
    from bench.common import Table, median, percentile, ratio, verdict

    runs = 5 if quick else 15
    times, cpu = measure(runs)
    app, rows, bare = median(times["app"]), median(times["rows"]), median(times["bare"])
    table = Table(f"Start-up: spawn to first painted dashboard frame ({runs} runs each, interleaved)",
                  ["process", "median ms", "p95 ms", "min ms", "CPU median ms"])
    for name, label in (("app", "create-milestone, first painted frame"),
                        ("rows", "create-milestone, first frame with rows"),
                        ("bare", "bare Textual, same widgets"), ("python", "python -c pass")):
        wall = times[name]
        table.add(label, median(wall), percentile(wall, 95), min(wall), median(cpu[name]))
    first, with_rows = ratio(app, bare), ratio(rows, bare)
    table.notes.append(f"Ratio first frame with rows / bare (medians): {with_rows:.2f}; goal <= "
                       f"{ROWS_GOAL_RATIO}: {verdict(with_rows <= ROWS_GOAL_RATIO)} (the bare app has its "
                       "rows in memory; the app reads the roadmap and folders).")
    table.notes.append(f"Ratio first painted frame / bare (medians): {first:.2f}; goal <= {GOAL_RATIO}: "
                       f"{verdict(first <= GOAL_RATIO)}.")
    table.notes.append(f"CPU time, first frame with rows / bare (medians): "
                       f"{ratio(median(cpu['rows']), median(cpu['bare'])):.2f} (steadier than wall time "
                       "when other work shares the machine).")
    return table


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
