"""The GitHub sync against the emulator on 127.0.0.1: idempotency, faults, updates, dry run, errors."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest

from milestone_tui.cli.sync import run_sync_command
from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Issue, Plan, PlanPhase, Session
from milestone_tui.core.roadmap import RoadmapMilestone
from milestone_tui.github.auth import Target
from milestone_tui.github.client import GitHubClient, SyncOptions
from milestone_tui.github.events import (
    IssueSynced,
    MilestoneReady,
    RateLimitWait,
    Reconciling,
    SyncCancelled,
    SyncFailed,
    SyncFinished,
    SyncStarted,
)
from milestone_tui.github.milestone import MilestonePlan, ensure_milestone
from milestone_tui.github.sync import plan_sync, run_sync
from tests.github.conftest import REPO, TOKEN
from tests.support.emulator import Emulator

SEED = [  # title, phase, depends on
    ("Add ingest HTTP endpoint", 1, []), ("Add rate limiting middleware", 1, [1]),
    ("Add DetectionEvent schema and validation", 1, [1]), ("Add Kafka producer integration", 2, [3]),
    ("Add TimescaleDB schema and migrations", 2, [3]), ("Add Kafka consumer service", 3, [4]),
    ("Add storage service", 3, [5, 6]), ("Add health check and metrics endpoints", 3, [1]),
    ("Add integration tests", 4, [7, 8]),
]
# A generous timeout: a loaded CI machine must not turn an ordinary answer into a timeout (only "slow" does).
FAST = SyncOptions(pace=0, timeout=5, max_wait=5, retries=2, backoff=0.01)
SHORT_TIMEOUT = SyncOptions(pace=0, timeout=0.5, max_wait=5, retries=2, backoff=0.01)


def seed_session() -> Session:
    issues = [Issue(number=n, title=t, slug=f"issue-{n}", phase=p, depends_on=d, acceptance=[f"{t} works"])
              for n, (t, p, d) in enumerate(SEED, start=1)]
    return Session(
        milestone_id="m5", issues=issues,
        roadmap=RoadmapMilestone(id="M5", title="Detection Ingest Pipeline",
                                 fields={"Target date": "2025-06-30"}),
        plan=Plan(phases=[PlanPhase(name=f"Phase {i}") for i in range(1, 5)],
                  scope_tags=["detection", "ingest"]),
    )


class FakeFlow:
    """Stands in for MilestoneFlow: records the numbers as they are saved, one call per issue."""

    def __init__(self, session: Session | None = None) -> None:
        self.session = session or seed_session()
        self.renderer = artifacts.Renderer()
        self.saves = 0
        self.saved_numbers: list[dict[int, int | None]] = []
        self.files: dict[str, str] = {}

    def save(self) -> None:
        self.saves += 1
        self.files["session.json"] = self.session.model_dump_json()

    def save_numbers(self, issue: Issue) -> None:
        self.saved_numbers.append({i.number: i.github_issue for i in self.session.issues})
        self.files[issue.filename] = f"---\ngithub_issue: {issue.github_issue}\n---\n"
        self.save()


def target(emu: Emulator, token: str = TOKEN, repo: str = REPO) -> Target:
    owner, name = repo.split("/")
    return Target(owner, name, emu.url, token)


async def sync(emu: Emulator, flow: FakeFlow, options: SyncOptions = FAST,
               **kw: Any) -> tuple[Any, list[Any]]:
    events: list[Any] = []
    result = await run_sync(flow, target(emu), options, on_event=events.append, **kw)
    return result, events


def spec_issues(emu: Emulator, repo: str = REPO) -> list[dict[str, Any]]:
    """The emulator's issues but the epic."""
    return [g for g in emu.repo(repo).issues if "/epic " not in (g["body"] or "")]


def assert_one_per_spec(emu: Emulator, flow: FakeFlow) -> None:
    """Exactly one GitHub issue per spec, each spec holding its number, each in the milestone."""
    issues = spec_issues(emu)
    markers = [artifacts.marker(flow.session, i) for i in flow.session.issues]
    assert len(issues) == len(SEED)
    for issue, mark in zip(flow.session.issues, markers, strict=True):
        on_server = [g for g in issues if mark in (g["body"] or "")]
        assert len(on_server) == 1, mark
        assert issue.github_issue == on_server[0]["number"]
        assert on_server[0]["milestone"]["number"] == flow.session.github.milestone_number


async def assert_second_run_creates_nothing(emu: Emulator, flow: FakeFlow) -> None:
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "finished"
    assert emu.writes()[before:] == []
    assert {s.verb for s in result.synced} == {"unchanged"}


# -- the happy path ------------------------------------------------------------------------------------------
async def test_first_sync_creates_milestone_labels_and_issues_in_order(emu: Emulator) -> None:
    flow = FakeFlow()
    result, events = await sync(emu, flow)
    assert result.status == "finished"
    assert [s.github for s in result.synced] == list(range(301, 310))
    assert [i.github_issue for i in flow.session.issues] == list(range(301, 310))
    repo = emu.repo(REPO)
    assert [m["title"] for m in repo.milestones] == ["M5 - Detection Ingest Pipeline"]
    assert repo.milestones[0]["due_on"].startswith("2025-06-30")
    colours = {lab["name"]: lab["color"] for lab in repo.labels}
    assert set(colours) == {"detection", "ingest", "phase-1", "phase-2", "phase-3", "phase-4"}
    assert "ededed" not in colours.values()  # created first, so never GitHub's grey default
    assert {lab["name"] for lab in repo.issues[3]["labels"]} == {"detection", "ingest", "phase-2"}
    # every number saved the moment it existed: the n-th save holds exactly the first n numbers
    for n, snapshot in enumerate(flow.saved_numbers, start=1):
        assert sum(v is not None for v in snapshot.values()) == n
    assert isinstance(events[0], SyncStarted) and events[0].total == 9
    assert isinstance(events[-1], SyncFinished)
    assert any(isinstance(e, MilestoneReady) and e.created for e in events)
    assert [e.index for e in events if isinstance(e, IssueSynced)] == list(range(1, 10))
    assert_one_per_spec(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


async def test_lost_numbers_are_adopted_by_marker_not_duplicated(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    fresh = FakeFlow()  # a run killed after GitHub created the issues but before any number was saved
    before = len(emu.writes())
    result, _ = await sync(emu, fresh)
    assert {s.verb for s in result.synced} == {"adopt"}
    assert_one_per_spec(emu, fresh)
    assert emu.writes()[before:] == []


async def test_existing_closed_milestone_is_adopted(emu: Emulator) -> None:
    emu.repo(REPO).milestones.append(emu.milestone_json(emu.repo(REPO), 7, {
        "title": "M5 - Detection Ingest Pipeline", "state": "closed"}))
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.milestone_number == 7 and not result.milestone_created
    assert len(emu.repo(REPO).milestones) == 1
    assert not [w for w in emu.writes() if w[1].endswith("/milestones")]
    assert_one_per_spec(emu, flow)


async def test_duplicate_milestone_title_422_is_adopted(emu: Emulator) -> None:
    repo = emu.repo(REPO)
    repo.milestones.append(emu.milestone_json(repo, 3, {"title": "M5 - Detection Ingest Pipeline"}))
    async with GitHubClient(target(emu), FAST) as client:  # a plan read before someone else created it
        milestone, created = await ensure_milestone(client, seed_session(), MilestonePlan("create"),
                                                    lambda e: None)
    assert (milestone.number, created) == (3, False)
    assert ("POST", "/repos/octo-org/detections/milestones", 422) in emu.log


async def test_listing_follows_link_pagination(emu: Emulator) -> None:
    emu.max_per_page = 2
    flow = FakeFlow()
    await sync(emu, flow)
    fresh = FakeFlow()
    result, _ = await sync(emu, fresh)
    assert {s.verb for s in result.synced} == {"adopt"}
    assert sum(1 for m, p, _ in emu.log if "page=5" in p and "/issues" in p) >= 1
    assert_one_per_spec(emu, fresh)


# -- faults --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["502_after", "502_before", "drop", "slow"])
async def test_failed_create_is_reconciled_never_duplicated(emu: Emulator, kind: str) -> None:
    emu.add_fault(kind, nth=4, seconds=1.5)
    flow = FakeFlow()
    result, events = await sync(emu, flow, SHORT_TIMEOUT if kind == "slow" else FAST)
    assert result.status == "finished", result.message
    assert any(isinstance(e, Reconciling) and e.what == "issue 04" for e in events)
    assert_one_per_spec(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


async def test_milestone_created_then_502_is_adopted(emu: Emulator) -> None:
    emu.add_fault("502_after", path_suffix="/milestones")
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "finished"
    assert len(emu.repo(REPO).milestones) == 1
    assert_one_per_spec(emu, flow)


@pytest.mark.parametrize("kind", ["rate_limit", "primary_rate_limit"])
async def test_rate_limit_waits_then_continues(emu: Emulator, kind: str) -> None:
    emu.add_fault(kind, nth=2, seconds=1)
    flow = FakeFlow()
    result, events = await sync(emu, flow)
    assert result.status == "finished"
    waits = [e for e in events if isinstance(e, RateLimitWait)]
    assert len(waits) == 1 and waits[0].seconds <= 2
    assert_one_per_spec(emu, flow)
    await assert_second_run_creates_nothing(emu, flow)


async def test_rate_limit_beyond_cap_gives_up_saying_done_and_left(emu: Emulator) -> None:
    emu.add_fault("rate_limit", nth=4, seconds=60)
    flow = FakeFlow()
    result, events = await sync(emu, flow, SyncOptions(pace=0, timeout=2, max_wait=1, backoff=0.01))
    assert result.status == "failed" and isinstance(events[-1], SyncFailed)
    assert "3 of 9 issues done" in result.message and "left: 04, 05" in result.message
    assert "60 s" in result.message
    assert [i.github_issue for i in flow.session.issues[:3]] == [301, 302, 303]
    assert flow.session.github.last_error
    result, _ = await sync(emu, flow)  # the next run continues
    assert result.status == "finished"
    assert_one_per_spec(emu, flow)


async def test_cancel_keeps_what_is_done_and_rerun_finishes(emu: Emulator) -> None:
    flow = FakeFlow()
    done: list[int] = []

    def on_event(event: Any) -> None:
        if isinstance(event, IssueSynced):
            done.append(event.github)

    result = await run_sync(flow, target(emu), FAST, on_event=on_event, cancelled=lambda: len(done) >= 3)
    assert result.status == "cancelled" and len(spec_issues(emu)) == 3
    assert [i.github_issue for i in flow.session.issues[:4]] == [301, 302, 303, None]
    result, events = await sync(emu, flow)
    assert [s.verb for s in result.synced] == ["unchanged"] * 3 + ["create"] * 6
    assert_one_per_spec(emu, flow)
    assert not any(isinstance(e, SyncCancelled) for e in events)


# -- updates and the dry run ---------------------------------------------------------------------------------
async def test_edited_spec_is_pushed_as_update_only(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    last = flow.session.issues[8]  # nothing depends on it, so no other body changes
    last.title = "Add integration and load tests"
    last.acceptance = ["1000 events/sec sustained for 10 minutes"]
    plan = await plan_sync(flow, target(emu), FAST)
    verbs = {a.issue: a.verb for a in plan.actions if a.kind == "issue"}
    assert verbs.pop(9) == "update" and set(verbs.values()) == {"unchanged"}
    update = next(a for a in plan.actions if a.verb == "update")
    assert update.changed == ("title", "body")
    assert update.line() == "update issue 09 (#309): Add integration and load tests [title, body changed]"
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    patched = [(w[0], w[1]) for w in emu.writes()[before:]]
    assert patched == [("PATCH", "/repos/octo-org/detections/issues/309")]
    on_server = emu.repo(REPO).issues[8]
    assert on_server["title"] == "Add integration and load tests" and "10 minutes" in on_server["body"]
    assert [s.verb for s in result.synced].count("update") == 1
    await assert_second_run_creates_nothing(emu, flow)


async def test_labels_and_criteria_edited_on_the_issue_screen_are_pushed(emu: Emulator) -> None:
    from milestone_tui.core.breakdown import criteria

    flow = FakeFlow()
    await sync(emu, flow)
    last = flow.session.issues[8]
    last.labels = criteria.parse_labels("needs-review, Load")  # as the #labels field takes them
    plan = await plan_sync(flow, target(emu), FAST)
    update = next(a for a in plan.actions if a.verb == "update")
    assert (update.issue, update.changed) == (9, ("labels",))  # the body does not carry the labels
    await sync(emu, flow)
    on_server = {lab["name"] for lab in emu.repo(REPO).issues[8]["labels"]}
    assert {"needs-review", "Load"} <= on_server and {"needs-review", "Load"} <= {
        lab["name"] for lab in emu.repo(REPO).labels}  # created (with colours) before the issue used them
    last.acceptance = criteria.add_criterion(criteria.move_criterion(last.acceptance, 0, 1), "Runs in CI")
    plan = await plan_sync(flow, target(emu), FAST)
    assert next(a for a in plan.actions if a.verb == "update").changed == ("body",)
    await sync(emu, flow)
    assert "- [ ] Runs in CI" in emu.repo(REPO).issues[8]["body"]
    await assert_second_run_creates_nothing(emu, flow)


async def test_issue_moved_out_of_the_milestone_is_not_recreated(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    emu.repo(REPO).issues[4]["milestone"] = None  # someone moved #305 elsewhere on GitHub
    before = len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "finished" and emu.writes()[before:] == []
    assert len(spec_issues(emu)) == 9 and flow.session.issues[4].github_issue == 305


async def test_dependency_bodies_use_real_numbers(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    assert "#301" in emu.repo(REPO).issues[1]["body"]  # issue 02 depends on 01, created first


async def test_dry_run_lists_actions_without_a_write(emu: Emulator) -> None:
    flow = FakeFlow()
    plan = await plan_sync(flow, target(emu), FAST)
    assert emu.writes() == []
    assert [a.verb for a in plan.actions if a.kind == "issue"] == ["create"] * 9
    assert plan.actions[0].line() == "create milestone: M5 - Detection Ingest Pipeline"


@pytest.mark.parametrize(("token", "repo", "expect"), [
    ("wrong-token-0000", REPO, "401"), (TOKEN, "octo-org/nope", "not found"),
])
async def test_auth_and_repo_errors_are_one_line(emu: Emulator, token: str, repo: str, expect: str) -> None:
    owner, name = repo.split("/")
    result = await run_sync(FakeFlow(), Target(owner, name, emu.url, token), FAST)
    assert result.status == "failed" and expect in result.message
    assert "\n" not in result.message and token not in result.message


async def test_403_without_rate_limit_headers_says_what_to_do(emu: Emulator) -> None:
    emu.add_fault("forbidden", method="GET", path_suffix="/detections")
    result = await run_sync(FakeFlow(), target(emu), FAST)
    assert result.status == "failed" and "403" in result.message and "write access" in result.message


async def test_unreachable_api_is_one_line() -> None:
    server = Emulator(token=TOKEN, repos=(REPO,))
    url = server.url
    server.stop()  # closed: nothing listens on that port
    result = await run_sync(FakeFlow(), Target("octo-org", "detections", url, TOKEN),
                            SyncOptions(pace=0, timeout=0.5, retries=1, backoff=0.01))
    assert result.status == "failed" and "Could not reach GitHub" in result.message


# -- the command line ----------------------------------------------------------------------------------------
def run_command(flow: FakeFlow, emu: Emulator, monkeypatch: pytest.MonkeyPatch, *, dry_run: bool = False,
                token: str | None = TOKEN, repo: str = REPO) -> tuple[int, str, str]:
    for name in ("GH_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL", "GH_HOST", "GH_REPO", "GH_ENTERPRISE_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")  # no `gh` to ask for a token
    if token:
        monkeypatch.setenv("GH_TOKEN", token)
    out, err = io.StringIO(), io.StringIO()
    code = run_sync_command(flow, repo=repo, api_url=emu.url, dry_run=dry_run, pace=0, out=out, err=err,
                            options=SyncOptions(timeout=2, backoff=0.01))
    return code, out.getvalue(), err.getvalue()


def test_command_prints_the_seed_lines(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = FakeFlow()
    code, out, err = run_command(flow, emu, monkeypatch)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Creating GitHub issues..."
    assert "✓ #301: Add ingest HTTP endpoint" in lines
    assert "✓ #309: Add integration tests" in lines
    assert lines[-2:] == ["✓ Updated issue specs with github_issue numbers",
                          "✓ Created milestone: M5 - Detection Ingest Pipeline"]
    assert flow.session.github.repo == REPO and flow.session.github.milestone_number == 1
    code, out, _ = run_command(flow, emu, monkeypatch)
    assert code == 0 and "✓ #301: Add ingest HTTP endpoint (unchanged)" in out
    assert "Updated issue specs" not in out and "✓ Using existing milestone" in out
    assert len(spec_issues(emu)) == 9


def test_command_dry_run_writes_nothing(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_command(FakeFlow(), emu, monkeypatch, dry_run=True)
    assert code == 0 and emu.writes() == []
    assert "  create issue 01: Add ingest HTTP endpoint" in out.splitlines()
    assert "9 to create" in out


@pytest.mark.parametrize(("token", "repo", "expect"), [
    (None, REPO, "No GitHub token"), ("bad-token-99999", REPO, "401"), (TOKEN, "not-a-repo", "OWNER/NAME"),
    (TOKEN, "octo-org/missing", "not found"),
])
def test_command_errors_are_one_line_on_stderr(emu: Emulator, monkeypatch: pytest.MonkeyPatch,
                                               token: str | None, repo: str, expect: str) -> None:
    code, out, err = run_command(FakeFlow(), emu, monkeypatch, token=token, repo=repo)
    assert code == 2  # each needs a fix before a re-run (exit 1 is for passing trouble: network, 5xx)
    assert len(err.strip().splitlines()) == 1 and expect in err
    assert err.startswith("create-milestone: error: ")
    assert "Traceback" not in out + err
    if token:
        assert token not in out + err


def test_token_never_in_outputs_files_session_or_logs(emu: Emulator, monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    flow = FakeFlow()
    emu.add_fault("502_after", nth=2)
    emu.add_fault("rate_limit", nth=5, seconds=1)
    texts = list(run_command(flow, emu, monkeypatch)[1:])
    texts += list(run_command(FakeFlow(), emu, monkeypatch, token="ghp_wrongTOKEN_abcdef")[1:])
    texts += [*flow.files.values(), flow.session.model_dump_json(), caplog.text, repr(target(emu))]
    assert len(spec_issues(emu)) == 9
    for text in texts:
        assert TOKEN not in text and "ghp_wrongTOKEN_abcdef" not in text


def test_package_imports_with_pinned_hishel() -> None:
    import importlib.metadata

    import milestone_tui.github.sync as gh

    assert callable(gh.run_sync) and callable(gh.plan_sync)
    assert int(importlib.metadata.version("hishel").split(".")[0]) < 2
    assert importlib.metadata.version("githubkit") == "0.16.1"


async def test_reordered_breakdown_after_publishing_updates_the_same_issues(emu: Emulator) -> None:
    """Markers name the number a spec had when pushed; after a reorder the recorded numbers still decide."""
    from milestone_tui.core.breakdown.edits import move_issue

    flow = FakeFlow()
    await sync(emu, flow)
    by_title = {i.title: i.github_issue for i in flow.session.issues}
    flow.session.issues = move_issue(flow.session.issues, 9, -8)  # "Add integration tests" becomes 01
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert len(spec_issues(emu)) == len(SEED)  # nothing created
    assert {i.title: i.github_issue for i in flow.session.issues} == by_title
    on_server = {g["number"]: g["title"] for g in emu.repo(REPO).issues}
    assert all(on_server[number] == title for title, number in by_title.items())
    await assert_second_run_creates_nothing(emu, flow)


async def test_repository_issue_template_shapes_the_github_body(emu: Emulator, tmp_path: Path) -> None:
    """docs/templates.md: a repository's issue.md.j2 override is also the GitHub body."""
    template = "---\n{{ frontmatter }}---\n\n# {{ issue.title }}\n\nOur house style.\n"
    (tmp_path / "issue.md.j2").write_text(template)
    flow = FakeFlow()
    flow.renderer = artifacts.Renderer(tmp_path)  # type: ignore[attr-defined]
    await sync(emu, flow)
    body = emu.repo(REPO).issues[0]["body"]
    assert "Our house style." in body and artifacts.marker(flow.session, flow.session.issues[0]) in body


async def test_labels_created_are_the_ones_the_preview_lists(emu: Emulator) -> None:
    from milestone_tui.core.planning import milestone_labels

    flow = FakeFlow()
    flow.session.issues[0].labels = ["Phase-2", "api"]  # differs only by case from a phase label
    await sync(emu, flow)
    created = [label["name"] for label in emu.repo(REPO).labels]
    assert set(created) == set(milestone_labels(flow.session))  # same names, same case
