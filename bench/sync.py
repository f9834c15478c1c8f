"""Benchmark 5, sync overhead: 100 issues against the test emulator (127.0.0.1) with pacing off.

The emulator's request handler is wrapped (in this process, without touching its code) to sum its own
service time; the client's time is the wall time of ``run_sync`` minus that. Three clients, same run:

- ``run_sync`` with a real ``MilestoneFlow`` (each GitHub number saved the moment it exists, which rewrites
  the session and the artifacts);
- ``run_sync`` with an in-memory host (the GitHub layer alone);
- baseline: plain ``httpx`` posting the same 100 issue bodies (the HTTP stack's floor).

Peak memory is ``tracemalloc``'s peak of Python allocations during a separate ``run_sync`` (so tracing does
not slow the timed runs).
"""

from __future__ import annotations

import asyncio
import threading
import time
import tracemalloc
from typing import Any

from bench.common import MILESTONE, Table, median, temp_workspace
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.phases import Phase
from tests.support.emulator import Emulator

TOKEN = "bench-token"
REPO = "octo-org/detections"
ISSUES = 100


class MemoryHost:
    """A sync host that keeps everything in memory: what the GitHub layer costs without the disk."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.renderer = Renderer()

    def save(self) -> None:
        pass

    def save_numbers(self, issue: Issue) -> None:
        pass


class TimedEmulator:
    """The emulator with its handler's service time summed (thread-safe)."""

    def __init__(self, nagle_off: bool = True) -> None:
        self.emu = Emulator(token=TOKEN, repos=(REPO,))
        self.service = 0.0
        self.requests = 0
        lock = threading.Lock()
        base: Any = self.emu.server.RequestHandlerClass
        outer = self

        class Timed(base):  # type: ignore[misc, valid-type]
            # The handler writes headers and body in two sends; with Nagle on, the client's delayed ACK
            # holds the body back ~40 ms per request, which would swamp every client-side number.
            disable_nagle_algorithm = nagle_off

            def _serve(self, method: str) -> None:
                start = time.perf_counter()
                try:
                    super()._serve(method)
                finally:
                    with lock:
                        outer.service += time.perf_counter() - start
                        outer.requests += 1

        self.emu.server.RequestHandlerClass = Timed
        self.emu.start()

    def stop(self) -> None:
        self.emu.stop()


async def _sync(host: Any, emu: Emulator) -> None:
    from milestone_tui.github.auth import Target
    from milestone_tui.github.client import SyncOptions
    from milestone_tui.github.sync import run_sync

    owner, name = REPO.split("/")
    options = SyncOptions(pace=0, timeout=30, retries=1, backoff=0.01)
    result = await run_sync(host, Target(owner, name, emu.url, TOKEN), options)
    specs = [i for i in emu.repo(REPO).issues if "/epic " not in (i["body"] or "")]  # the epic comes too
    if result.status != "finished" or len(specs) != len(host.session.issues):
        raise RuntimeError(f"sync did not finish: {result.status} {result.message}")


def one_sync(host_kind: str, count: int = ISSUES, trace: bool = False) -> dict[str, float]:
    """One timed sync of ``count`` issues: wall, service and client seconds, requests, traced peak bytes."""
    with temp_workspace(count) as workspace:
        server = TimedEmulator()
        flow = MilestoneFlow.open(workspace, MILESTONE, mode="refine")
        try:
            flow.complete(Phase.PLAN)
            host: Any = flow if host_kind == "flow" else MemoryHost(flow.session)
            if trace:
                tracemalloc.start()
            start = time.perf_counter()
            asyncio.run(_sync(host, server.emu))
            wall = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] if trace else 0
        finally:
            if trace:
                tracemalloc.stop()
            flow.close()
            server.stop()
    return {"wall": wall, "service": server.service, "client": wall - server.service,
            "requests": server.requests, "peak": peak}


def raw_httpx(count: int = ISSUES) -> dict[str, float]:
    """Baseline: plain httpx posting ``count`` issues of the same size to the emulator."""
    import httpx

    server = TimedEmulator()
    body = "x" * 600  # about the size of a rendered issue body

    async def post_all() -> None:
        headers = {"Authorization": f"token {TOKEN}", "Accept": "application/vnd.github+json"}
        async with httpx.AsyncClient(base_url=server.emu.url, headers=headers) as client:
            for n in range(count):
                reply = await client.post(f"/repos/{REPO}/issues", json={"title": f"Issue {n}", "body": body})
                reply.raise_for_status()

    try:
        start = time.perf_counter()
        asyncio.run(post_all())
        wall = time.perf_counter() - start
    finally:
        server.stop()
    return {"wall": wall, "service": server.service, "client": wall - server.service,
            "requests": server.requests, "peak": 0}


def run(quick: bool = False, count: int = ISSUES) -> Table:
    runs = 1 if quick else 3
    kinds = {"flow": "run_sync, MilestoneFlow host", "memory": "run_sync, in-memory host",
             "httpx": "baseline: plain httpx POSTs"}
    samples: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(runs):  # interleaved
        samples["flow"].append(one_sync("flow", count))
        samples["memory"].append(one_sync("memory", count))
        samples["httpx"].append(raw_httpx(count))
    peak = one_sync("memory", count, trace=True)["peak"]
    table = Table(f"Sync: {count} issues against the emulator, pacing off ({runs} runs, medians)",
                  ["client", "requests", "wall s", "emulator s", "client ms / issue", "client ms / request"])
    for kind, label in kinds.items():
        rows = samples[kind]
        client = median([r["client"] for r in rows])
        requests = median([r["requests"] for r in rows])
        wall, service = median([r["wall"] for r in rows]), median([r["service"] for r in rows])
        table.add(label, int(requests), wall, service, client / count * 1000, client / requests * 1000)
    table.notes.append(f"Peak traced Python memory during one run_sync (in-memory host): "
                       f"{peak / 2**20:.1f} MB.")
    table.notes.append("Client time = wall time - the emulator's own handler time.")
    return table
