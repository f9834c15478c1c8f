"""Issue 11.5: a real ``kill -9`` during the relation writes, then a re-run. The sync runs in a subprocess
against the emulator (real HTTP on 127.0.0.1); the emulator applies a chosen write and never answers it
(``Emulator.hold_at``), the test SIGKILLs the process there, at several points: the epic's create, a
sub-issue link, a blocked-by link, a board item. Each re-run resumes. At the end: exactly one epic, one
parent link per issue in breakdown order, no duplicate blocked-by links, every number and id recorded in
the frontmatter and the session, and a last run that writes nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace
from tests.github.conftest import REPO, TOKEN
from tests.support.emulator import Emulator
from tests.support.helpers import copy_demo

PROJECT = 7
CHILD = """
import sys
from pathlib import Path

from milestone_tui.cli.sync import run_sync_command
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace
from milestone_tui.github.client import SyncOptions

root, repo, url, project = sys.argv[1:5]
options = SyncOptions(pace=0, timeout=5, deadline=10, max_wait=5, retries=1, backoff=0.01,
                      project=int(project))
with MilestoneFlow.open(Workspace(Path(root)), "m5", mode="refine") as flow:
    sys.exit(run_sync_command(flow, repo=repo, api_url=url, dry_run=False, root=Path(root), options=options))
"""
# where the sync is killed, in the order it gets there: (kind of write, which one of that kind from now)
KILL_POINTS = [("issue", 6), ("sub_issue", 2), ("blocked_by", 2), ("project", 3)]


@pytest.fixture
def org() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO,), orgs=("octo-org",)).start()
    server.add_project("octo-org", PROJECT)
    yield server
    server.stop()


def start(root: Path, emu: Emulator) -> subprocess.Popen[str]:
    env = {**os.environ, "GH_TOKEN": TOKEN, "GITHUB_API_URL": emu.url}
    env.pop("GITHUB_TOKEN", None)
    return subprocess.Popen([sys.executable, "-c", CHILD, str(root), REPO, emu.url, str(PROJECT)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_at(root: Path, emu: Emulator, kind: str, nth: int) -> None:
    """Run the sync until GitHub has applied the ``nth`` write of ``kind``, then SIGKILL it, unanswered."""
    hold = emu.hold_at(kind, nth)
    child = start(root, emu)
    try:
        end = time.monotonic() + 30
        while not hold.reached.wait(0.02):
            if child.poll() is not None:
                out, err = child.communicate()
                raise AssertionError(f"the sync ended before {kind} #{nth} (exit {child.returncode}): "
                                     f"{out}{err}")
            assert time.monotonic() < end, f"never reached {kind} #{nth}"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        hold.release.set()
        if child.poll() is None:
            child.kill()
        child.communicate()


def test_kill_9_during_the_relation_writes_then_rerun(tmp_path: Path, org: Emulator) -> None:
    root = copy_demo(tmp_path / "repo")
    workspace = Workspace(root)
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
    for kind, nth in KILL_POINTS:
        kill_at(root, org, kind, nth)
    done = start(root, org)
    out, err = done.communicate(timeout=30)
    assert done.returncode == 0, out + err
    before = len(org.writes())
    again = start(root, org)
    out, err = again.communicate(timeout=30)
    assert again.returncode == 0, out + err
    assert org.writes()[before:] == []  # nothing left to do: a re-run makes no write

    repo, session = org.repo(REPO), workspace.load_session("m5")
    assert session is not None
    epics = [g for g in repo.issues if "/epic " in (g["body"] or "")]
    assert len(epics) == 1  # exactly one epic, though its create was never answered
    epic = epics[0]
    specs = [g for g in repo.issues if g is not epic]
    numbers = [i.github_issue for i in session.issues]
    assert sorted(g["number"] for g in specs) == sorted(numbers)  # type: ignore[type-var]  # no duplicate
    assert repo.order[epic["number"]] == numbers  # one parent link per issue, in breakdown order
    assert all(repo.parents[n] == epic["number"] for n in numbers)  # type: ignore[index]
    by_spec = {i.number: i.github_issue for i in session.issues}
    for issue in session.issues:
        blocked = repo.blocked.get(issue.github_issue, [])  # type: ignore[arg-type]
        assert len(blocked) == len(set(blocked)), issue.key  # no duplicate link
        assert sorted(blocked) == sorted(by_spec[d] for d in issue.depends_on), issue.key  # type: ignore[type-var]
    # every id recorded, in the session and in each spec's frontmatter
    ids = {g["number"]: g["id"] for g in repo.issues}
    gh = session.github
    assert gh.epic_issue == epic["number"] and gh.epic_id == epic["id"]
    assert gh.sub_issues == numbers
    assert sorted(gh.project_items) == sorted([*numbers, epic["number"]])  # type: ignore[type-var]
    project = org.projects[("octo-org", PROJECT)]
    assert len(project.items) == len(numbers) + 1  # one board item per issue and the epic
    for issue in session.issues:
        assert issue.github_issue is not None and issue.github_id == ids[issue.github_issue]
        spec = (workspace.milestone_dir("m5") / issue.filename).read_text(encoding="utf-8")
        assert re.search(rf"^github_issue: {issue.github_issue}$", spec, re.M), issue.key
        assert re.search(rf"^github_id: {issue.github_id}$", spec, re.M), issue.key
