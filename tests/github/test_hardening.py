"""Issue 10's GitHub items against the emulator over real HTTP: GitHub is never left with a broken issue or a
second milestone, no secret is stored, and hostile answers (slow-loris, HTTP-date Retry-After, malformed
JSON) end in one line, not a hang or a traceback."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from milestone_tui.cli.main import main
from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import GitHubState
from milestone_tui.core.session_file import dump_session, parse_session
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import GitHubError
from milestone_tui.github.auth import redact, resolve_api_url, resolve_repo
from milestone_tui.github.binding import repo_change
from milestone_tui.github.client import SyncOptions
from milestone_tui.github.events import RateLimitWait, Reconciling
from milestone_tui.github.sync import plan_sync, run_sync
from tests.github.conftest import REPO, TOKEN
from tests.github.test_sync import (
    FAST,
    SEED,
    FakeFlow,
    assert_one_per_spec,
    assert_second_run_creates_nothing,
    run_command,
    spec_issues,
    sync,
    target,
)
from tests.support.emulator import Emulator
from tests.support.helpers import copy_demo

OTHER = "octo-org/other"
TITLE = "M5 - Detection Ingest Pipeline"


def milestone_of(emu: Emulator, number: int, repo: str = REPO) -> set[int | None]:
    return {(i["milestone"] or {}).get("number") for i in emu.repo(repo).issues if i["number"] >= number}


# -- 2: no userinfo stored, no URL password shown ------------------------------------------------------------
@pytest.mark.parametrize("url", ["https://x-access-token:ghp_abc123456@api.github.com/",
                                 "https://ghp_abc123456@ghe.example.com/api/v3/"])
def test_api_url_with_userinfo_is_refused_pointing_to_gh_token(url: str) -> None:
    for explicit, env in ((url, {}), (None, {"GITHUB_API_URL": url})):
        with pytest.raises(GitHubError) as info:
            resolve_api_url(explicit, env)
        assert "GH_TOKEN" in str(info.value) and "ghp_abc123456" not in str(info.value)


def test_session_never_stores_url_userinfo() -> None:
    state = GitHubState(api_url="https://me:hunter22@ghe.example.com/api/v3/",
                        last_error="Could not reach http://proxy-user:pr0xyPass@proxy:3128/ (refused)")
    assert state.api_url == "https://ghe.example.com/api/v3/"
    assert "pr0xyPass" not in (state.last_error or "") and "http://proxy:3128/" in (state.last_error or "")
    old = "milestone_id: m5\ngithub:\n  api_url: https://u:ghp_secret99@api.github.com/\n"
    assert "ghp_secret99" not in dump_session(parse_session(old))  # an old file is healed on load
    assert redact("via https://u:pw12345@h/x", None) == "via https://h/x"


def test_command_refuses_userinfo_url_without_a_request(emu: Emulator,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = emu.url.replace("http://", f"http://token:{TOKEN}@")
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    import io

    from milestone_tui.cli.sync import run_sync_command

    flow, err = FakeFlow(), io.StringIO()
    code = run_sync_command(flow, repo=REPO, api_url=bad, dry_run=False, pace=0, err=err, out=io.StringIO())
    assert code == 2 and "GH_TOKEN" in err.getvalue() and TOKEN not in err.getvalue()
    assert emu.log == [] and flow.session.github.api_url is None


# -- 4: a token without push access --------------------------------------------------------------------------
async def test_no_push_access_stops_before_any_write(emu: Emulator) -> None:
    emu.push_access = False
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "failed" and result.fix_first
    assert "push (write) access" in result.message and "\n" not in result.message
    assert emu.writes() == [] and emu.repo(REPO).issues == []


async def test_dropped_milestone_and_labels_stop_and_are_repaired_later(emu: Emulator) -> None:
    """GitHub may not say (an app token): the create's answer shows it, and the next runs never add a
    broken issue; with a good token the broken one is repaired, not called unchanged."""
    setup = FakeFlow()
    await sync(emu, setup)  # milestone and labels exist (a colleague made them); drop the issues
    repo = emu.repo(REPO)
    repo.issues.clear()
    emu.push_access, emu.report_permissions = False, False
    flow, first = FakeFlow(), emu.next_issue
    for _ in range(2):  # re-running with the same token creates no second broken issue
        result, _ = await sync(emu, flow)
        assert result.status == "failed" and f"#{first}" in result.message
        assert "push (write) access" in result.message
        assert "\n" not in result.message
        assert [i["number"] for i in repo.issues] == [first] and flow.session.issues[0].github_issue == first
    assert repo.issues[0]["milestone"] is None and repo.issues[0]["labels"] == []
    emu.push_access = True
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert result.synced[0].verb == "update"
    fixed = repo.issues[0]
    assert fixed["milestone"]["number"] == 1 and {lab["name"] for lab in fixed["labels"]} >= {"phase-1"}
    assert_one_per_spec(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


# -- 5: the milestone by number ------------------------------------------------------------------------------
async def test_milestone_renamed_on_github_is_kept_not_duplicated(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    emu.repo(REPO).milestones[0]["title"] = "Ingest (renamed by the team)"
    plan = await plan_sync(flow, target(emu), FAST)
    assert "renamed on GitHub" in plan.actions[0].line()
    await assert_second_run_creates_nothing(emu, flow)
    assert [m["title"] for m in emu.repo(REPO).milestones] == ["Ingest (renamed by the team)"]


async def test_roadmap_title_change_renames_the_milestone(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    assert flow.session.roadmap is not None
    flow.session.roadmap.title = "Detection Intake"
    plan = await plan_sync(flow, target(emu), FAST)
    assert plan.actions[0].line() == "update milestone (#1): M5 - Detection Intake [title changed]"
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "finished"
    writes = [w[:2] for w in emu.writes()[before:]]  # the bodies name the milestone: they follow it
    assert writes[0] == ("PATCH", "/repos/octo-org/detections/milestones/1")
    assert not [w for w in writes if w[0] == "POST"]
    assert [m["title"] for m in emu.repo(REPO).milestones] == ["M5 - Detection Intake"]
    await assert_second_run_creates_nothing(emu, flow)


async def test_deleted_milestone_is_made_again_and_issues_reattached(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    repo = emu.repo(REPO)
    for issue in repo.issues:  # what GitHub does on delete
        issue["milestone"] = None
    repo.milestones.clear()
    result, _ = await sync(emu, flow)
    assert result.status == "finished" and result.milestone_created
    assert [m["number"] for m in repo.milestones] == [2] and flow.session.github.milestone_number == 2
    assert len(spec_issues(emu)) == len(SEED) and milestone_of(emu, 0) == {2}
    assert {s.verb for s in result.synced} == {"update"}
    await assert_second_run_creates_nothing(emu, flow)


# -- 6: a repository change ----------------------------------------------------------------------------------
@pytest.fixture
def two_repos() -> Any:
    server = Emulator(token=TOKEN, repos=(REPO, OTHER)).start()
    yield server
    server.stop()


async def test_repo_change_needs_rebind_and_never_adopts_a_colleagues_issues(two_repos: Emulator) -> None:
    emu = two_repos
    flow = FakeFlow()
    await sync(emu, flow)
    other = emu.repo(OTHER)  # a colleague's same-titled milestone, with an issue carrying an old-style marker
    other.milestones.append(emu.milestone_json(other, 1, {"title": TITLE}))
    body = "theirs\n<!-- milestone-tui:m5/01 -->"
    theirs = emu.issue_json(other, 900, {"title": "Their ingest", "body": body})
    theirs["milestone"] = other.milestones[0]
    other.issues.append(theirs)
    assert repo_change(flow.session, OTHER) is not None and repo_change(flow.session, REPO.upper()) is None
    before = len(emu.log)
    result = await run_sync(flow, target(emu, repo=OTHER), FAST)
    assert result.status == "failed" and "--rebind" in result.message and result.fix_first
    assert emu.log[before:] == [] and flow.session.issues[0].github_issue == 301
    result = await run_sync(flow, target(emu, repo=OTHER), SyncOptions(**{**FAST.__dict__, "rebind": True}))
    assert result.status == "finished", result.message
    assert theirs["body"] == body and theirs["title"] == "Their ingest"
    assert len(spec_issues(emu, OTHER)) == 1 + len(SEED) and flow.session.github.repo == OTHER
    assert flow.session.issues[0].github_issue != 900


# -- 8: a same-titled issue made by hand ---------------------------------------------------------------------
def hand_made(emu: Emulator) -> dict[str, Any]:
    repo = emu.repo(REPO)
    issue = emu.issue_json(repo, 42, {"title": "Add ingest HTTP endpoint", "body": "typed by hand"})
    repo.issues.append(issue)
    return issue


async def test_dry_run_names_a_same_titled_issue_and_sync_creates_with_a_word(emu: Emulator) -> None:
    hand_made(emu)
    flow = FakeFlow()
    plan = await plan_sync(flow, target(emu), FAST)
    line = next(a.line() for a in plan.actions if a.issue == 1)
    assert "an issue with this title exists (#42, not ours): create anyway?" in line
    assert any("#42" in note for note in plan.notes)
    result, events = await sync(emu, flow)
    assert result.status == "finished" and result.synced[0].verb == "create"
    assert any("#42" in note for note in events[0].plan.notes)


async def test_adopt_titles_adopts_the_hand_made_issue(emu: Emulator) -> None:
    issue = hand_made(emu)
    flow = FakeFlow()
    result, _ = await sync(emu, flow, SyncOptions(**{**FAST.__dict__, "adopt_titles": True}))
    assert result.status == "finished"
    assert result.synced[0].verb == "adopt" and flow.session.issues[0].github_issue == 42
    assert artifacts.marker(flow.session, flow.session.issues[0]) in issue["body"]
    assert issue["milestone"]["number"] == 1 and len(spec_issues(emu)) == len(SEED)
    await assert_second_run_creates_nothing(emu, flow)


# -- 13, 14: hostile answers ---------------------------------------------------------------------------------
async def test_slow_loris_create_hits_the_deadline_and_is_reconciled(emu: Emulator) -> None:
    emu.add_fault("slowloris", nth=2, seconds=0.5)
    flow = FakeFlow()
    start = time.monotonic()
    options = SyncOptions(pace=0, timeout=5, deadline=1.5, max_wait=5, retries=2, backoff=0.01)
    result, events = await asyncio.wait_for(sync(emu, flow, options), 30)
    assert result.status == "finished", result.message
    assert any(isinstance(e, Reconciling) and "no complete answer within 1.5 s" in e.reason for e in events)
    assert time.monotonic() - start < 20
    assert_one_per_spec(emu, flow)


async def test_slow_loris_read_is_one_line(emu: Emulator) -> None:
    for _ in range(3):  # the first try and both retries trickle
        emu.add_fault("slowloris", method="GET", path_suffix="/detections", seconds=0.5)
    options = SyncOptions(pace=0, timeout=5, deadline=1, retries=2, backoff=0.01)
    result, _ = await asyncio.wait_for(sync(emu, FakeFlow(), options), 30)
    assert result.status == "failed" and "no complete answer within 1 s" in result.message
    assert "\n" not in result.message


async def test_retry_after_as_http_date_is_waited_out(emu: Emulator) -> None:
    emu.add_fault("retry_after_date", nth=2, seconds=1)
    flow = FakeFlow()
    result, events = await sync(emu, flow)
    assert result.status == "finished", result.message
    waits = [e for e in events if isinstance(e, RateLimitWait)]
    assert len(waits) == 1 and waits[0].seconds <= 2
    assert_one_per_spec(emu, flow)


async def test_malformed_json_is_one_line(emu: Emulator) -> None:
    emu.add_fault("bad_json", method="GET", path_suffix="/detections")
    result, _ = await sync(emu, FakeFlow())
    assert result.status == "failed" and "could not be read" in result.message and result.fix_first
    assert "pydantic" not in result.message and "\n" not in result.message


async def test_malformed_json_after_a_create_is_reconciled_not_duplicated(emu: Emulator) -> None:
    emu.add_fault("bad_json", nth=3)
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert_one_per_spec(emu, flow)


@pytest.mark.parametrize("bad", ["acme/..", "acme/.", "../milestones", "ac me/x", "-acme/x"])
def test_dot_repos_are_refused(bad: str) -> None:
    with pytest.raises(GitHubError, match="OWNER/NAME"):
        resolve_repo(bad, None, None, {})


def test_bad_repo_exits_2_without_a_request(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_command(FakeFlow(), emu, monkeypatch, repo="acme/..")
    assert code == 2 and len(err.strip().splitlines()) == 1 and emu.log == []


# -- 16: a dry run writes nothing ----------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_dry_run_writes_nothing(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_demo(tmp_path / "repo")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    assert main(["m5", "--quick", "--yes", "--root", str(root)]) == 0
    folder = Workspace(root).milestone_dir("m5")
    before = snapshot(folder)
    time.sleep(0.01)
    argv = ["m5", "--sync", "--dry-run", "--repo", REPO, "--github-api-url", emu.url, "--root", str(root)]
    assert main(argv) == 0
    assert "Dry run: nothing is written" in capsys.readouterr().out
    assert snapshot(folder) == before and emu.writes() == []
