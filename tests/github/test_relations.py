"""Issue 11 against the emulator over real HTTP: the epic with its sub-issues, blocked-by links, issue types,
the due date, idempotent and resumable relationships, and progress read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.breakdown.edits import move_issue
from milestone_tui.core.model import Issue
from milestone_tui.github.client import SyncOptions
from milestone_tui.github.reading import read_status
from milestone_tui.github.status import issue_url, status_line, status_rows
from milestone_tui.github.sync import plan_sync, run_sync
from tests.github.conftest import REPO, TOKEN
from tests.github.test_sync import (
    FAST,
    SEED,
    FakeFlow,
    assert_one_per_spec,
    assert_second_run_creates_nothing,
    seed_session,
    spec_issues,
    sync,
    target,
)
from tests.support.emulator import Emulator

DEPENDENCIES = sum(len(d) for _, _, d in SEED)  # 11 blocked-by links in the seed's breakdown


def epic_of(emu: Emulator) -> dict[str, Any]:
    epics = [g for g in emu.repo(REPO).issues if "/epic " in (g["body"] or "")]
    assert len(epics) == 1
    return epics[0]


def assert_links(emu: Emulator, flow: FakeFlow) -> None:
    """One parent link per spec, in breakdown order, and exactly the blocked-by links the specs ask for."""
    repo, session = emu.repo(REPO), flow.session
    epic = epic_of(emu)
    numbers = [i.github_issue for i in session.issues]
    assert repo.order[epic["number"]] == numbers
    assert all(repo.parents[n] == epic["number"] for n in numbers)
    by_spec = {i.number: i.github_issue for i in session.issues}
    for issue in session.issues:
        want = sorted(by_spec[d] for d in issue.depends_on)
        assert sorted(repo.blocked.get(issue.github_issue, [])) == want, issue.key  # type: ignore[arg-type]


# -- 1, 2: the epic, sub-issues and links -------------------------------------------------------------------
async def test_first_sync_builds_epic_sub_issues_and_links_with_minimum_writes(emu: Emulator) -> None:
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert [i.github_issue for i in flow.session.issues] == list(range(301, 310))  # the seed's numbers
    epic = epic_of(emu)
    assert epic["number"] == 310 and epic["title"] == "M5 - Detection Ingest Pipeline"
    assert epic["milestone"]["number"] == 1 and epic["sub_issues_summary"]["total"] == len(SEED)
    assert flow.session.github.epic_issue == 310 and flow.session.github.epic_id == epic["id"]
    ids = {g["number"]: g["id"] for g in emu.repo(REPO).issues}
    assert all(i.github_id == ids[i.github_issue] != i.github_issue for i in flow.session.issues)
    assert_links(emu, flow)
    assert "Depends on" in emu.repo(REPO).issues[1]["body"] and "#301" in emu.repo(REPO).issues[1]["body"]
    # the minimum: one create per issue and the epic, one link per sub-issue and per dependency
    assert len(emu.mutations("issue")) == len(SEED) + 1
    assert len(emu.mutations("sub_issue")) == len(SEED)
    assert len(emu.mutations("blocked_by")) == DEPENDENCIES
    await assert_second_run_creates_nothing(emu, flow)


async def test_dry_run_lists_every_relationship(emu: Emulator) -> None:
    flow = FakeFlow()
    plan = await plan_sync(flow, target(emu), FAST)
    lines = [r.line() for r in plan.relations]
    assert "sub-issue 05 of the epic" in lines and "link 02 blocked by 01" in lines
    assert len(lines) == len(SEED) + DEPENDENCIES
    assert any(a.kind == "epic" and a.verb == "create" for a in plan.actions)
    await sync(emu, flow)
    flow.session.issues[1].depends_on = []
    plan = await plan_sync(flow, target(emu), FAST)
    assert [r.line() for r in plan.relations] == ["unlink #302 blocked by #301"]


async def test_reorder_reprioritizes_and_a_removed_dependency_is_unlinked(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    flow.session.issues = move_issue(flow.session.issues, 9, -8)  # "Add integration tests" becomes 01
    for issue in flow.session.issues:  # drop one dependency: 03 no longer waits for 01
        if issue.title == "Add DetectionEvent schema and validation":
            issue.depends_on = []
    plan = await plan_sync(flow, target(emu), FAST)
    assert "order sub-issue #309 in #310" in [r.line() for r in plan.relations]
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    writes = emu.writes()[before:]
    assert [w for w in writes if "priority" in w[1]] and len(spec_issues(emu)) == len(SEED)
    assert ("DELETE", f"/repos/{REPO}/issues/303/dependencies/blocked_by/{flow.session.issues[0].github_id}",
            200) not in writes  # #309 is not what 303 waited for
    assert 303 not in emu.repo(REPO).blocked or 301 not in emu.repo(REPO).blocked[303]
    assert_links(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


async def test_a_link_made_by_hand_is_left_alone(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    emu.repo(REPO).blocked[309].append(302)  # someone marked #309 blocked by #302 on GitHub
    flow.session.issues[8].depends_on = [7]  # and locally 09 no longer depends on 08
    result, _ = await sync(emu, flow)
    assert result.status == "finished"
    assert sorted(emu.repo(REPO).blocked[309]) == [302, 307]


async def test_a_spec_added_later_is_created_under_the_epic(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    flow.session.issues.append(Issue(number=10, title="Add load tests", slug="load-tests", phase=4,
                                     depends_on=[9]))
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    writes = [w[:2] for w in emu.writes()[before:]]
    assert writes.count(("POST", f"/repos/{REPO}/issues")) == 1  # parent_issue_id on create
    assert not [w for w in writes if w[1].endswith("/sub_issues")]
    assert ("POST", f"/repos/{REPO}/issues/311/dependencies/blocked_by") in writes
    assert_links(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


# -- 5: idempotent and resumable -----------------------------------------------------------------------------
async def test_lost_relation_records_are_answered_422_and_counted_as_done(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    flow.session.github.sub_issues, flow.session.github.links = [], {}  # a run killed before it saved them
    before = len(emu.log)
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    answers = [s for m, p, s in emu.log[before:] if m == "POST"]
    assert answers and set(answers) == {422}
    assert_links(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


async def test_a_lost_session_reads_relations_back_instead_of_resending(emu: Emulator) -> None:
    await sync(emu, FakeFlow())
    fresh = FakeFlow()  # every number and record lost: all adopted by marker, links read back once
    before = len(emu.writes())
    result, _ = await sync(emu, fresh)
    assert result.status == "finished" and emu.writes()[before:] == []
    assert_links(emu, fresh)


@pytest.mark.parametrize(("kind", "suffix"), [("drop", "/sub_issues"), ("502_after", "/blocked_by"),
                                              ("502_after", "/issues"), ("drop", "/issues")])
async def test_faults_leave_one_epic_one_parent_each_and_every_link(emu: Emulator, kind: str,
                                                                     suffix: str) -> None:
    emu.add_fault(kind, path_suffix=suffix, nth=3 if suffix != "/issues" else 10)  # the 10th create: the epic
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert_one_per_spec(emu, flow)
    assert_links(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


async def test_rate_limit_and_cancel_then_resume_keep_the_links(emu: Emulator) -> None:
    emu.add_fault("rate_limit", path_suffix="/blocked_by", nth=2, seconds=1)
    flow = FakeFlow()
    writes = 0

    def cancelled() -> bool:
        return len(emu.mutations("sub_issue")) >= 4  # stop half-way through the sub-issues

    result = await run_sync(flow, target(emu), FAST, cancelled=cancelled)
    assert result.status == "cancelled"
    writes = len(emu.mutations("sub_issue"))
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert len(emu.mutations("sub_issue")) == len(SEED) and writes >= 4
    assert_links(emu, flow)


# -- 1: limits before any write ------------------------------------------------------------------------------
async def test_more_than_100_issues_get_no_sub_issues_said_before_any_write(emu: Emulator) -> None:
    session = seed_session()
    session.issues = [Issue(number=n, title=f"Issue {n}", slug=f"i-{n}", depends_on=[n - 1] if n > 1 else [])
                      for n in range(1, 102)]
    flow = FakeFlow(session)
    plan = await plan_sync(flow, target(emu), FAST)
    assert any("at most 100 sub-issues" in note for note in plan.notes)
    assert not [r for r in plan.relations if r.kind == "sub-issue"] and len(plan.relations) == 100
    result, events = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert any("at most 100 sub-issues" in note for note in events[0].plan.notes)
    assert emu.mutations("sub_issue") == [] and len(emu.mutations("blocked_by")) == 100
    await assert_second_run_creates_nothing(emu, flow)


async def test_emulator_enforces_github_sub_issue_limits(emu: Emulator) -> None:
    from tests.support.emulator_routes import route

    repo = emu.repo(REPO)
    for n in range(1, 103):
        route(emu, "POST", f"/repos/{REPO}/issues", {}, {"title": f"i{n}"})
    parent, *children = repo.issues
    answers = [route(emu, "POST", f"/repos/{REPO}/issues/{parent['number']}/sub_issues", {},
                     {"sub_issue_id": c["id"]})[0] for c in children]
    assert answers[:100] == [201] * 100 and answers[100] == 422
    again = route(emu, "POST", f"/repos/{REPO}/issues/{parent['number']}/sub_issues", {},
                  {"sub_issue_id": children[0]["id"]})
    assert again[0] == 422 and "already exists" in str(again[1])
    assert route(emu, "POST", f"/repos/{REPO}/issues/{parent['number']}/sub_issues", {},
                 {"sub_issue_id": parent["number"]})[0] == 404  # a number is not an id


# -- 3: types and the due date -------------------------------------------------------------------------------
@pytest.fixture
def org_emu() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO,), orgs=("octo-org",)).start()
    yield server
    server.stop()


async def test_org_repository_gets_issue_types(org_emu: Emulator) -> None:
    flow = FakeFlow()
    flow.session.issues[3].issue_type = "Bug"
    result, _ = await sync(org_emu, flow)
    assert result.status == "finished", result.message
    types = {g["number"]: (g["type"] or {}).get("name") for g in org_emu.repo(REPO).issues}
    assert types[304] == "Bug" and types[301] == "Task" and types[310] == "Feature"
    await assert_second_run_creates_nothing(org_emu, flow)


async def test_user_repository_gets_no_type_quietly(emu: Emulator) -> None:
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "finished"
    assert all(g["type"] is None for g in emu.repo(REPO).issues)
    assert not [p for _, p, _ in emu.log if "issue-types" in p]


async def test_due_on_is_noon_utc_and_follows_the_roadmap(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    assert emu.repo(REPO).milestones[0]["due_on"] == "2025-06-30T12:00:00Z"
    assert flow.session.roadmap is not None
    flow.session.roadmap.fields["Target date"] = "2025-07-15"
    plan = await plan_sync(flow, target(emu), FAST)
    assert plan.actions[0].changed == ("due_on",)
    await sync(emu, flow)
    assert emu.repo(REPO).milestones[0]["due_on"] == "2025-07-15T12:00:00Z"
    await assert_second_run_creates_nothing(emu, flow)


# -- 6: progress read back -----------------------------------------------------------------------------------
async def test_status_reads_state_assignees_and_blockers_in_one_listing(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    repo = emu.repo(REPO)
    repo.issues[0]["state"] = "closed"  # #301 done: #302, #303 and #308 are no longer blocked by it
    repo.issues[1]["assignees"] = [emu.user()]
    from tests.support.emulator_relations import refresh_all

    refresh_all(emu, repo)
    before = len(emu.log)
    await read_status(target(emu), flow.session, FAST)
    reads = [p for _, p, _ in emu.log[before:]]
    assert len([p for p in reads if "/issues" in p]) == 1  # one listing, not one request per issue
    assert status_line(flow.session) == "1/9 closed · 5 blocked · 7 unassigned"
    rows = {r.github: r for r in status_rows(flow.session)}
    assert rows[301].state == "closed" and rows[302].assignees == ("octocat",) and rows[304].blocked_by == 1
    assert issue_url(flow.session, 305) == f"https://github.com/{REPO}/issues/305"
    assert issue_url(flow.session) == f"https://github.com/{REPO}/milestone/1"


async def test_every_sync_reads_the_status_too(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    emu.repo(REPO).issues[2]["state"] = "closed"
    await sync(emu, flow)
    assert flow.session.github.status[303].state == "closed"
    assert status_line(flow.session).startswith("1/9 closed")


def test_marker_for_the_epic_never_matches_a_spec() -> None:
    session = seed_session()
    assert "/epic " not in artifacts.marker(session, session.issues[0], REPO)


def test_options_default_to_no_rebind() -> None:
    assert SyncOptions().rebind is False and SyncOptions().adopt_titles is False


def test_sync_then_status_on_the_command_line(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from milestone_tui.cli.main import main
    from milestone_tui.core.workspace import Workspace
    from tests.support.helpers import copy_demo

    root = copy_demo(tmp_path / "repo")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", emu.url)
    assert main(["m5", "--quick", "--yes", "--root", str(root)]) == 0
    assert main(["m5", "--sync", "--repo", REPO, "--root", str(root)]) == 0
    out = capsys.readouterr().out
    epic = emu.next_issue - 1
    assert f"✓ #{epic}: M5 - Detection Ingest Pipeline (epic)" in out and "sub-issues" in out
    spec = next(Workspace(root).milestone_dir("m5").glob("01-*.md")).read_text()
    assert "github_id: " in spec  # the id the sub-issue calls take, next to github_issue
    emu.repo(REPO).issues[0]["state"] = "closed"
    assert main(["m5", "--status", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("M5 - Detection Ingest Pipeline (#1 in octo-org/detections): 1/")
    assert "  #301   closed" in out
    session = Workspace(root).load_session("m5")
    assert session is not None and session.github.status[301].state == "closed"
    assert main(["m5", "--status", "--sync", "--root", str(root)]) == 2


# -- 7: edits made on GitHub are never clobbered -------------------------------------------------------------
def edit_both_sides(emu: Emulator, flow: FakeFlow) -> dict[str, Any]:
    on_github = emu.repo(REPO).issues[8]  # #309
    on_github["body"] = on_github["body"].replace("## Acceptance Criteria", "A note typed on GitHub.\n\n"
                                                  "## Acceptance Criteria")
    flow.session.issues[8].acceptance = ["1000 events/sec sustained"]
    return on_github


async def test_an_edit_on_both_sides_stops_before_any_write(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    on_github = edit_both_sides(emu, flow)
    plan = await plan_sync(flow, target(emu), FAST)
    assert [c.github for c in plan.conflicts] == [309] and "--theirs" in plan.conflicts[0].line()
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "failed" and result.fix_first
    assert "#309" in result.message and "--ours" in result.message and "\n" not in result.message
    assert emu.writes()[before:] == [] and "typed on GitHub" in on_github["body"]


async def test_theirs_takes_githubs_text_into_the_spec_and_ours_overwrites(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    on_github = edit_both_sides(emu, flow)
    on_github["body"] = on_github["body"].replace("Add integration tests works", "Runs in CI")
    theirs = SyncOptions(**{**FAST.__dict__, "edits": "theirs"})
    before = len(emu.writes())
    result, _ = await sync(emu, flow, theirs)
    assert result.status == "finished", result.message
    assert result.synced[8].verb == "theirs" and emu.writes()[before:] == []
    assert flow.session.issues[8].acceptance == ["Runs in CI"]
    await assert_second_run_creates_nothing(emu, flow)
    on_github["body"] = on_github["body"].replace("Runs in CI", "Runs nightly")  # edited on GitHub again
    flow.session.issues[8].acceptance = ["Runs on every push"]
    ours = SyncOptions(**{**FAST.__dict__, "edit_choices": {309: "ours"}})
    result, _ = await sync(emu, flow, ours)
    assert result.status == "finished" and "Runs on every push" in on_github["body"]


async def test_an_edit_only_on_github_is_left_alone(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    emu.repo(REPO).issues[8]["body"] += "\nA comment-like line typed on GitHub.\n"
    await assert_second_run_creates_nothing(emu, flow)


# -- 5: older GitHub Enterprise Server ----------------------------------------------------------------------
async def test_old_enterprise_gets_rest_2022_11_28_and_says_what_it_lacks(emu: Emulator) -> None:
    emu.enterprise = "3.20.2"
    flow = FakeFlow()
    plan = await plan_sync(flow, target(emu), FAST)
    assert plan.relations == [] and any("3.20.2 speaks REST API 2022-11-28" in n for n in plan.notes)
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    # each run's first request finds out (the server refuses the newer version); the rest speak its own
    assert len([v for v in emu.api_versions if v != "2022-11-28"]) == 2
    assert emu.mutations("sub_issue") == [] and emu.mutations("blocked_by") == []
    assert epic_of(emu)["milestone"]["number"] == 1 and "#301" in emu.repo(REPO).issues[1]["body"]
    await assert_second_run_creates_nothing(emu, flow)


async def test_api_version_can_be_given(emu: Emulator) -> None:
    result, _ = await sync(emu, FakeFlow(), SyncOptions(**{**FAST.__dict__, "api_version": "2022-11-28"}))
    assert result.status == "finished" and set(emu.api_versions) == {"2022-11-28"}
    assert emu.mutations("sub_issue") == []


def test_the_screens_helpers_load_no_githubkit() -> None:
    import subprocess
    import sys

    code = ("import sys, milestone_tui.github.status, milestone_tui.github.binding, "
            "milestone_tui.github.events; print('githubkit' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
