"""The seed's whole M5 session walked through the screens with the keyboard alone, compared byte for byte with
the headless run of the same answers; and the same walk quit half-way (escape, app exit), reopened from the
dashboard and finished.

Keys are sent as terminal key events (``events.Key`` through the driver, like a real terminal's input), with
one wait after each answer instead of after each key, so the whole walk takes a few seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet, TextArea

from milestone_tui.cli.main import main as cli_main
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from milestone_tui.tui.screens.dashboard import DashboardScreen
from milestone_tui.tui.screens.epic import EpicScreen
from milestone_tui.tui.screens.github import GitHubScreen
from milestone_tui.tui.screens.issues import IssuesScreen
from milestone_tui.tui.screens.plan import PlanScreen
from milestone_tui.tui.screens.spec import SpecScreen
from milestone_tui.tui.screens.summary import SummaryScreen
from tests.support.helpers import copy_demo

ROOT = Path(__file__).resolve().parents[2]
SEED = yaml.safe_load((ROOT / "docs" / "examples" / "m5-answers.yaml").read_text(encoding="utf-8"))
SIZE = (120, 40)
# The seed's plan answer, word for word: the user types this, not the file's named phases.
PHASES_TEXT = ("Phase 1: endpoint + rate limiting + schema. Phase 2: Kafka producer + TimescaleDB. "
               "Phase 3: Consumer + storage + metrics. Phase 4: Integration tests.")


def tui_answers() -> dict[str, Any]:
    """The seed's answers as the user types them in the TUI (the plan as the seed's sentence)."""
    answers = yaml.safe_load(yaml.safe_dump(SEED))
    answers["plan"]["phases"] = PHASES_TEXT
    answers["github"] = {"create": "no"}
    return answers


def artifacts(folder: Path) -> dict[str, bytes]:
    """Every file the run wrote, except the session (it records times and the UI position)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and p.name != "session.yaml" and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def headless(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of ``create-milestone m5 --answers`` (the test's answers) on a fresh copy of the demo."""
    base = tmp_path_factory.mktemp("headless")
    root = base / "repo"
    copy_demo(root)
    answers = base / "answers.yaml"
    answers.write_text(yaml.safe_dump(tui_answers(), sort_keys=False), encoding="utf-8")
    assert cli_main(["m5", "--answers", str(answers), "--root", str(root)]) == 0
    files = artifacts(Workspace(root).milestone_dir("m5"))
    assert len(files) == 12  # epic, spec, nine issue specs, plan, and nothing else
    return files



# -- typing -------------------------------------------------------------------------------------------------
def key_of(char: str) -> str:
    """The Textual key name a terminal produces for one typed character."""
    if char == "\n":
        return "enter"
    if char.isalnum():
        return char
    from textual.keys import _character_to_key

    return _character_to_key(char)


async def send_keys(pilot: Pilot[Any], *keys: str) -> None:
    """Send key events (names or single characters) the way the terminal driver does, then let the app
    settle once (``pilot.press`` waits for idle after every key, which costs ~0.1 s each)."""
    app: App[Any] = pilot.app
    assert app._driver is not None
    for name in keys:
        char = name if len(name) == 1 else "\r" if name in ("enter", "\n") else None
        key = events.Key(key_of(name) if len(name) == 1 else name, char)
        key.set_sender(app)
        app._driver.send_message(key)
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` into whatever has the focus, one key event per character."""
    await send_keys(pilot, *text)


async def next_phase(pilot: Pilot[Any], expected: type) -> None:
    await pilot.press("ctrl+right")
    await pilot.pause()
    assert isinstance(pilot.app.screen, expected), pilot.app.screen


async def answer_questions(pilot: Pilot[Any], answers: dict[str, str], start: int = 0) -> None:
    """The questions of the epic or spec, in order: type, tab to the next."""
    keys = list(answers)
    for key in keys[start:]:
        assert pilot.app.focused is pilot.app.screen.query_one(f"#{key}", TextArea), key
        await type_text(pilot, answers[key])
        await pilot.press("tab")


# -- the phases, keyboard only ---------------------------------------------------------------------------
async def do_epic(pilot: Pilot[Any], start: int = 0) -> None:
    assert isinstance(pilot.app.screen, EpicScreen)
    await answer_questions(pilot, SEED["epic"], start)
    await next_phase(pilot, SpecScreen)


async def do_spec(pilot: Pilot[Any]) -> None:
    await answer_questions(pilot, SEED["spec"])
    await next_phase(pilot, BreakdownScreen)


async def do_breakdown(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    table = screen.query_one("#breakdown", DataTable)
    assert pilot.app.focused is table and table.cursor_row == 0
    # add "Add rate limiting middleware" after #1
    await pilot.press("a")
    await type_text(pilot, "Add rate limiting middleware\n")
    # split #6 "Add Kafka consumer and storage service": the dialog proposes the seed's two titles
    table.move_cursor(row=0)
    await send_keys(pilot, *["down"] * 5)
    assert table.get_row_at(table.cursor_row)[1] == "Add Kafka consumer and storage service"
    await pilot.press("s")
    await pilot.pause()
    assert pilot.app.screen.query_one("#split-first", Input).value == "Add Kafka consumer service"
    assert pilot.app.screen.query_one("#split-second", Input).value == "Add storage service"
    await pilot.press("enter")  # one enter: both titles are right as proposed
    await pilot.pause()
    titles = [table.get_row_at(r)[1] for r in range(table.row_count)]
    assert titles == [item["title"] for item in SEED["breakdown"]]
    # the answers file's dependency graph, entered with `p` on each row
    for row, item in enumerate(SEED["breakdown"]):
        table.move_cursor(row=row)
        await pilot.press("p")
        await pilot.pause()
        field = pilot.app.screen.query_one("#depends-input", Input)
        field.value = ""
        await type_text(pilot, ", ".join(str(n) for n in item.get("depends_on", [])) + "\n")
    deps = [list(issue.depends_on) for issue in pilot.app.flow.session.issues]  # type: ignore[attr-defined]
    assert deps == [item.get("depends_on", []) for item in SEED["breakdown"]]
    await next_phase(pilot, IssuesScreen)


async def do_issues(pilot: Pilot[Any], start: int = 0) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, IssuesScreen)
    for index, item in enumerate(SEED["breakdown"][start:], start=start):
        assert screen.index == index
        assert pilot.app.focused is screen.query_one("#acceptance", TextArea)
        await type_text(pilot, "\n".join(item["acceptance"]))
        if item.get("notes"):
            await pilot.press("tab")
            await type_text(pilot, item["notes"])
        if index < len(SEED["breakdown"]) - 1:
            await pilot.press("ctrl+right")  # next issue
            await pilot.pause()
    await next_phase(pilot, PlanScreen)


async def do_plan(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    phases = screen.query_one("#phases", TextArea)
    assert pilot.app.focused is phases
    assert "Phase 1:" in phases.text  # the proposal (dependency layers) is there to edit; the seed retypes it
    phases.clear()
    await type_text(pilot, PHASES_TEXT)
    await pilot.press("tab")
    assert pilot.app.focused is screen.query_one("#branch", Input)
    await send_keys(pilot, "end", *["backspace"] * 60)
    await type_text(pilot, SEED["plan"]["branch"])
    await pilot.press("tab")
    tags = screen.query_one("#scope_tags", Input)
    assert pilot.app.focused is tags
    assert tags.value == "detection, ingest, pipeline"  # proposed from the title, like the branch
    await send_keys(pilot, "end", *["backspace"] * 30)
    await type_text(pilot, ", ".join(SEED["plan"]["scope_tags"]))
    await next_phase(pilot, GitHubScreen)


async def do_github(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    radio = screen.query_one("#decision", RadioSet)
    assert pilot.app.focused is radio
    await pilot.press("down", "enter")  # the focus highlights "yes"; down to "no", enter chooses it
    await pilot.pause()
    assert pilot.app.flow is not None and pilot.app.flow.session.github.decision == "no"
    await next_phase(pilot, SummaryScreen)


async def reopen(pilot: Pilot[Any]) -> None:
    """From the dashboard: type to filter, enter resumes where the user left."""
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("m", "5", "enter")
    await pilot.pause()


# -- tests -----------------------------------------------------------------------------------------------
async def test_seed_walk_writes_the_headless_files(workspace: Workspace, headless: dict[str, bytes]) -> None:
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for step in (do_epic, do_spec, do_breakdown, do_issues, do_plan, do_github):
            await step(pilot)
        summary = app.screen.summary_text()  # type: ignore[attr-defined]
        assert "✓ Milestone M5 Created" in summary and "Estimated issues: 9" in summary
        await app.action_quit()
    written = artifacts(workspace.milestone_dir("m5"))
    assert sorted(written) == sorted(headless)
    for name, data in headless.items():
        assert written[name] == data, name
    session = workspace.load_session("m5")
    assert session is not None and session.github.decision == "no" and session.is_done(Phase.PLAN)


async def test_quit_half_way_reopen_and_finish(workspace: Workspace, headless: dict[str, bytes]) -> None:
    epic = list(SEED["epic"])
    app = MilestoneApp(workspace, "m5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # half the epic, then escape to the dashboard
        await answer_questions(pilot, {k: SEED["epic"][k] for k in epic[:2]})
        await pilot.press("escape")
        await pilot.pause()
        assert app.flow is None
        await reopen(pilot)
        assert isinstance(app.screen, EpicScreen)
        assert app.screen.query_one("#users", TextArea).text == SEED["epic"]["users"]
        await pilot.press("tab", "tab")
        await do_epic(pilot, start=2)
        await do_spec(pilot)
        await do_breakdown(pilot)
        # two issues detailed, then the app exits mid-phase
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        await type_text(pilot, "\n".join(SEED["breakdown"][0]["acceptance"]))
        await pilot.press("ctrl+right")
        await pilot.pause()
        await app.action_quit()
    app = MilestoneApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await reopen(pilot)
        screen = app.screen
        assert isinstance(screen, IssuesScreen)
        assert app.flow is not None
        assert app.flow.session.issues[0].acceptance == SEED["breakdown"][0]["acceptance"]
        assert screen.index == 1  # resumed on issue 2, where the user was (not on #01)
        await do_issues(pilot, start=1)
        await do_plan(pilot)
        await do_github(pilot)
        await app.action_quit()
    written = artifacts(workspace.milestone_dir("m5"))
    assert written == headless
