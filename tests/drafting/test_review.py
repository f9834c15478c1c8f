"""The model's review of the spec: where each line applies, accepting (one edit, undoable), ignoring
(remembered, never back), the spec and issue-details screens against the fake server, and the headless
run's one block."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static, TextArea

from milestone_tui.cli.main import main
from milestone_tui.core.drafting import review
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.model import ModelDraft, ReviewLine, Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.spec import SpecScreen
from milestone_tui.tui.widgets.review import ReviewList
from tests.support.fake_openai import Answer, FakeOpenAI, reply_json
from tests.support.helpers import copy_demo

FAST = ReviewLine(text="fast ingestion", suggestion="p99 under 100 ms at 1000 events/s")
FRIENDLY = ReviewLine(text='"user-friendly"', suggestion="documented with an OpenAPI schema")
ROBUST = ReviewLine(text="robust", suggestion="survives a broker restart with no lost events")
REPLY = reply_json([{"title": "Add ingest endpoint", "acceptance": ["Ingestion is robust", "Returns 400"]},
                    {"title": "Add integration tests", "depends_on": [1]}],
                   review=[FAST.model_dump(), FRIENDLY.model_dump(), ROBUST.model_dump(),
                           {"text": "scalable", "suggestion": "10 consumers in parallel"}])


def _session() -> Session:
    session = Session(milestone_id="m5")
    session.epic.success = "Fast\ningestion of events; 99.9% uptime"
    session.spec.architecture = "A user-friendly HTTP endpoint and a user-friendly queue."
    session.draft = ModelDraft(model="tiny", host="h", prompt_hash="x", review=[FAST, FRIENDLY, ROBUST])
    return session


def test_a_line_is_offered_where_its_text_is_in_any_case_and_spacing() -> None:
    session = _session()
    offered = {line.text: [p.name for p in places] for line, places in review.offered(session, "spec")}
    assert offered == {"fast ingestion": ["epic.success"], '"user-friendly"': ["spec.architecture"],
                       "robust": []}  # found nowhere: shown on the spec screen, to ignore
    assert review.reword(session.spec.architecture, FRIENDLY) == (
        "A documented with an OpenAPI schema HTTP endpoint and a documented with an OpenAPI schema queue.")
    assert review.reword("p99 under 100 ms at 1000 events/s, fast ingestion", FAST) is None  # done already
    assert review.reword("breakfast and fastidious", ReviewLine(text="fast", suggestion="x")) is None
    assert review.reword("anything", ReviewLine(text="anything")) is None  # no suggestion: nothing to accept


def test_accept_is_one_edit_undone_while_unedited_and_ignore_is_remembered(tmp_path: Path) -> None:
    flow = MilestoneFlow.open(Workspace(copy_demo(tmp_path / "repo")), "m5")
    flow.session.epic.success, flow.session.draft = _session().epic.success, _session().draft
    change = flow.accept_review(FAST, "spec")
    reworded = "p99 under 100 ms at 1000 events/s of events; 99.9% uptime"
    assert change is not None and flow.session.epic.success == reworded
    assert flow.accept_review(FAST, "spec") is None  # not there any more
    assert flow.undo_review(change) and flow.session.epic.success.startswith("Fast\ningestion")
    change = flow.accept_review(FAST, "spec")
    assert change is not None
    flow.set_answer("epic", "success", "typed since")
    assert not flow.undo_review(change) and flow.session.epic.success == "typed since"
    flow.ignore_review(ROBUST)
    flow.close()
    again = MilestoneFlow.open(Workspace(tmp_path / "repo"), "m5", mode="refine")
    try:
        assert again.session.review_closed["robust"] == "ignored"
        again.session.draft = _session().draft  # a later draft naming it again: still not back
        assert ROBUST not in review.lines(again.session)
    finally:
        again.close()


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    flow = MilestoneFlow.open(workspace := Workspace(copy_demo(tmp_path / "repo")), "m5")
    flow.set_answer("epic", "success", "Fast ingestion of events, 99.9% uptime.")
    flow.set_answer("spec", "architecture", "A user-friendly HTTP endpoint, Kafka queue, TimescaleDB.")
    flow.complete(Phase.EPIC)
    flow.complete(Phase.SPEC)
    flow.close()
    return workspace


async def _wait(app: MilestoneApp, kind: type[object], until: object = None) -> None:
    for _ in range(300):
        await asyncio.sleep(0.02)
        if isinstance(app.screen, kind) and (until is None or until()):  # type: ignore[operator]
            return
    raise AssertionError(f"no {kind.__name__}")


def _options(app: MilestoneApp) -> list[str]:
    listing = app.screen.query_one("#review", ReviewList)
    return [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)] \
        if listing.display else []


async def test_the_spec_and_issue_screens_offer_the_drafts_review(workspace: Workspace,
                                                                  fake: FakeOpenAI) -> None:
    pytest.importorskip("openai")
    fake.answers = [Answer(REPLY)]
    app = MilestoneApp(workspace, "m5", mode="refine", model=ModelConfig("tiny", fake.url, timeout=5))
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(app, BreakdownScreen)
        assert app.flow is not None
        flow = app.flow
        await _wait(app, BreakdownScreen, lambda: flow.session.draft is not None)
        await pilot.press("alt+b")  # back to the spec screen: the review of the epic and spec answers
        await _wait(app, SpecScreen)
        await pilot.pause()
        options = _options(app)
        assert len(options) == 3 and '"fast ingestion" → "p99 under 100 ms at 1000 events/s"  ' \
            "(success metrics)" in options[0] and '"user-friendly" → "documented' in options[1]
        assert "not found" in options[2] and "scalable" in options[2]  # robust: issue #1's drafted criteria
        assert "Review by tiny (3)" in str(app.screen.query_one("#review-head", Static).render())
        app.screen.query_one("#review", ReviewList).focus()
        await pilot.press("down", "a")  # accept the architecture line: the answer box shows it at once
        await pilot.pause()
        area = app.screen.query_one("#architecture", TextArea)
        expected = "A documented with an OpenAPI schema HTTP endpoint, Kafka queue, TimescaleDB."
        assert app.flow.session.spec.architecture == expected and area.text == expected
        assert len(_options(app)) == 2
        await pilot.press("u")
        await pilot.pause()
        assert area.text == app.flow.session.spec.architecture == workspace_arch()
        await pilot.press("end", "i")  # ignore "scalable": gone, and remembered
        await pilot.pause()
        assert all("scalable" not in o for o in _options(app))
        assert app.flow.session.review_closed == {"scalable": "ignored"}
        await pilot.press("home", "enter")  # enter accepts too (the first line: epic.success)
        await pilot.pause()
        assert app.flow.session.epic.success.startswith("p99 under 100 ms at 1000 events/s of events")
        app.flow.session.current_issue = 1
        await pilot.press("alt+n", "alt+n")  # through the breakdown to the issue details
        await _wait(app, IssuesScreen)
        await pilot.pause()
        assert _options(app) == []  # the drafted criteria are only offered
        await pilot.press("f4")  # taken: now they are the issue's, and the review applies to them
        await pilot.pause()
        options = _options(app)
        assert len(options) == 1 and '"robust"' in options[0] and "issue #01 criteria" in options[0]
        app.screen.query_one("#review", ReviewList).focus()
        await pilot.press("a")
        await pilot.pause()
        reworded = "Ingestion is survives a broker restart with no lost events"
        assert app.flow.session.issue(1).acceptance[0] == reworded
        assert app.screen.query_one("#acceptance", TextArea).text.splitlines()[0] == reworded
        assert _options(app) == []
    saved = yaml.safe_load((workspace.milestone_dir("m5") / "session.yaml").read_text(encoding="utf-8"))
    assert saved["review_closed"]["scalable"] == "ignored"


def workspace_arch() -> str:
    return "A user-friendly HTTP endpoint, Kafka queue, TimescaleDB."


def test_the_headless_run_prints_the_review_as_one_block(tmp_path: Path, fake: FakeOpenAI,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("openai")
    answers = tmp_path / "answers.yaml"
    given = {"epic": {"success": "Fast ingestion, 99.9% uptime"},
             "spec": {"architecture": "A user-friendly endpoint"}}
    answers.write_text(yaml.safe_dump(given), encoding="utf-8")
    fake.answers = [Answer(REPLY)]
    root = copy_demo(tmp_path / "repo")
    assert main(["m5", "--answers", str(answers), "--model", "tiny", "--model-url", fake.url,
                 "--root", str(root)]) == 0
    out = capsys.readouterr().out
    block = out[out.index("Review of the spec by tiny (4)"):]
    assert '1. "fast ingestion" (success metrics)\n     → "p99 under 100 ms at 1000 events/s"' in block
    assert '3. "robust" (issue #01 criteria)' in block and '4. "scalable" (not found in the answers)' in block
    assert "create-milestone m5 opens it" in block
    snippet = yaml.safe_load("\n".join(row[4:] for row in block.split("--overwrite:\n")[1].splitlines()))
    assert snippet == {"epic": {"success": "p99 under 100 ms at 1000 events/s, 99.9% uptime"},
                       "spec": {"architecture": "A documented with an OpenAPI schema endpoint"}}


async def test_the_epic_screen_offers_the_lines_found_in_the_epic(tmp_path: Path) -> None:
    flow = MilestoneFlow.open(workspace := Workspace(copy_demo(tmp_path / "repo")), "m5")
    flow.set_answer("epic", "success", "Fast ingestion of events, 99.9% uptime.")
    flow.set_answer("spec", "architecture", "A user-friendly HTTP endpoint.")
    flow.session.draft = _session().draft
    flow.close()
    app = MilestoneApp(workspace, "m5", mode="refine")
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(app, EpicScreen)
        await pilot.pause()
        options = _options(app)  # the spec's "user-friendly" and the unfound "robust" are the spec screen's
        assert len(options) == 1 and '"fast ingestion"' in options[0]
        app.screen.query_one("#review", ReviewList).focus()
        await pilot.press("a")
        await pilot.pause()
        reworded = "p99 under 100 ms at 1000 events/s of events, 99.9% uptime."
        assert app.screen.query_one("#success", TextArea).text == reworded
        assert app.flow is not None and app.flow.session.epic.success == reworded
        assert _options(app) == []
