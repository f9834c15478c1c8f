"""Benchmark 7, the plan on GitHub: mutations per issue, the pacing floor, and a re-sync that changes nothing.

Against the test emulator (127.0.0.1), pacing off, the GitHub layer alone (an in-memory host):

- a first sync of 100 issues (each but the first depending on the one before, like a chain of work): the
  mutations per synced issue against the minimum (one create per issue and the epic, one sub-issue link
  per issue, one link per dependency), and the wall time against GitHub's pacing floor (one content write a
  second: the floor is the mutation count in seconds);
- a re-sync of 300 issues where nothing changed: its requests (all reads; one paginated listing, not one
  request per issue) and wall time, against a plain ``httpx`` GET of the same listing pages; and the one
  after it, whose listing is conditional (the ETags the previous one read still hold): its pages answered
  304, which GitHub does not count against the rate limit.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from bench.common import Table, median
from bench.sync import REPO, TOKEN, MemoryHost, TimedEmulator
from milestone_tui.core.model import Issue, Plan, PlanPhase, Session
from milestone_tui.core.roadmap import RoadmapMilestone

FIRST, RESYNC = 100, 300


def session(count: int) -> Session:
    issues = [Issue(number=n, title=f"Issue {n} of the plan", slug=f"issue-{n}", phase=1 + (n - 1) % 3,
                    acceptance=[f"issue {n} works"], depends_on=[n - 1] if n > 1 else [])
              for n in range(1, count + 1)]
    return Session(milestone_id="m9", issues=issues, roadmap=RoadmapMilestone(id="M9", title="Bench"),
                   plan=Plan(phases=[PlanPhase(name=f"Phase {i}") for i in range(1, 4)]))


async def _run(host: MemoryHost, emu: TimedEmulator) -> tuple[float, int, int]:
    from milestone_tui.github.auth import Target
    from milestone_tui.github.client import SyncOptions
    from milestone_tui.github.sync import run_sync

    owner, name = REPO.split("/")
    def writes() -> int:  # the plan's own mutations: the milestone and its labels are one-offs
        return sum(len(emu.emu.mutations(kind)) for kind in ("issue", "sub_issue", "blocked_by"))

    before_requests, before_writes = emu.requests, writes()
    start = time.perf_counter()
    result = await run_sync(host, Target(owner, name, emu.emu.url, TOKEN),
                            SyncOptions(pace=0, timeout=30, retries=1, backoff=0.01))
    wall = time.perf_counter() - start
    if result.status != "finished":
        raise RuntimeError(f"sync did not finish: {result.message}")
    return wall, emu.requests - before_requests, writes() - before_writes


def first_sync(count: int = FIRST) -> dict[str, float]:
    server = TimedEmulator()
    try:
        wall, requests, writes = asyncio.run(_run(MemoryHost(session(count)), server))
    finally:
        server.stop()
    dependencies = count - 1
    minimum = count + 1 + count + dependencies  # creates (specs, epic), sub-issue links, blocked-by links
    return {"wall": wall, "requests": requests, "writes": writes, "minimum": minimum}


def resync(count: int = RESYNC) -> dict[str, float]:
    """The second and the third of three syncs: nothing changed in between (the first one's writes changed
    the listing, so the second reads it in full; the third sends its ETags)."""
    server = TimedEmulator()
    try:
        host = MemoryHost(session(count))
        asyncio.run(_run(host, server))
        wall, requests, writes = asyncio.run(_run(host, server))
        full, before = len(server.emu.listings(200)), len(server.emu.listings(304))
        wall3, requests3, writes3 = asyncio.run(_run(host, server))
        full3 = len(server.emu.listings(200)) - full
        not_modified = len(server.emu.listings(304)) - before
        pages = (count + 1 + 99) // 100  # the specs and the epic, 100 a page
        url = f"{server.emu.url}repos/{REPO}/issues?milestone=1&state=all&per_page=100"
        start = time.perf_counter()
        with httpx.Client(headers={"Authorization": f"token {TOKEN}"}) as client:
            for page in range(1, pages + 1):
                client.get(f"{url}&page={page}").raise_for_status()
        baseline = time.perf_counter() - start
    finally:
        server.stop()
    return {"wall": wall, "requests": requests, "writes": writes, "baseline": baseline, "wall3": wall3,
            "requests3": requests3, "writes3": writes3, "full3": full3, "not_modified": not_modified}


def run(quick: bool = False) -> Table:
    runs = 1 if quick else 3
    firsts = [first_sync() for _ in range(runs)]
    again = [resync() for _ in range(runs)]
    table = Table(f"The plan on GitHub against the emulator, pacing off ({runs} runs, medians)",
                  ["case", "requests", "writes", "minimum writes", "wall s", "reference s", "ratio"])
    writes = median([f["writes"] for f in firsts])
    wall = median([f["wall"] for f in firsts])
    floor = writes * 1.0  # GitHub's guidance: one content-creating request a second
    table.add(f"first sync, {FIRST} issues", int(median([f["requests"] for f in firsts])), int(writes),
              int(firsts[0]["minimum"]), wall, floor, (wall + floor) / floor)
    wall2, base = median([a["wall"] for a in again]), median([a["baseline"] for a in again])
    table.add(f"re-sync, {RESYNC} issues, no change", int(median([a["requests"] for a in again])),
              int(median([a["writes"] for a in again])), 0, wall2, base, wall2 / base if base else 0)
    wall3 = median([a["wall3"] for a in again])
    table.add(f"re-sync again, {RESYNC} issues, conditional", int(median([a["requests3"] for a in again])),
              int(median([a["writes3"] for a in again])), 0, wall3, base, wall3 / base if base else 0)
    table.notes.append(f"Re-sync again: {int(median([a['not_modified'] for a in again]))} listing page(s) "
                       f"answered 304 Not Modified, {int(median([a['full3'] for a in again]))} read in full "
                       "(a 304 costs no rate limit).")
    table.notes.append(f"Writes per synced issue: {writes / FIRST:.2f} (minimum "
                       f"{firsts[0]['minimum'] / FIRST:.2f}: a create, a sub-issue link, its dependency).")
    table.notes.append("First sync: reference = the pacing floor (1 s per write); ratio = (wall + floor) / "
                       "floor, the cost on top of GitHub's pace.")
    table.notes.append("Re-sync: reference = plain httpx GETs of the listing pages; goal <= 2 s. With more "
                       "than 100 issues there are no sub-issues (GitHub's limit per parent).")
    table.notes.append("Writes count issue creates and updates, sub-issue and blocked-by calls (not the "
                       "milestone and its labels).")
    return table
