"""The key, OPENAI_ORG_ID, OPENAI_PROJECT_ID and OPENAI_LOG: none of them ends up in a file, the session, a
log line, an error line or a snapshot; with OPENAI_LOG=debug nothing of the client's is printed; the org and
project are sent to OpenAI's own endpoint only. The runs are real processes (the client reads its
environment when it is imported) against the fake server, which echoes the request's headers in its faults."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from milestone_tui.core.drafting.config import load_config
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.phases import Phase
from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.screens.breakdown import BreakdownScreen
from tests.drafting.test_faults import GOOD
from tests.support.fake_openai import Answer, FakeOpenAI
from tests.support.helpers import copy_demo

pytest.importorskip("openai")
KEY, ORG, PROJECT = "sk-LEAK-key-0123456789", "org-LEAKorg0123", "proj_LEAKproject0123"
SECRETS = (KEY, ORG, PROJECT)
ENV = {"OPENAI_API_KEY": KEY, "OPENAI_ORG_ID": ORG, "OPENAI_PROJECT_ID": PROJECT, "OPENAI_LOG": "debug"}
RUN = "import sys; from milestone_tui.cli.main import main; sys.exit(main(sys.argv[1:]))"


def _clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret} in {where}"


def _files(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            _clean(path.read_bytes().decode("utf-8", "replace"), str(path))


def _run(root: Path, fake: FakeOpenAI) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV, "XDG_CONFIG_HOME": str(root / "no-config")}
    args = ["m5", "--yes", "--model", "tiny", "--model-url", fake.url, "--root", str(root)]
    return subprocess.run([sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])


def test_a_run_with_openai_log_debug_prints_nothing_of_the_clients(tmp_path: Path, fake: FakeOpenAI) -> None:
    fake.answers = [Answer(GOOD)]
    root = copy_demo(tmp_path / "repo")
    done = _run(root, fake)
    assert done.returncode == 0, done.stderr
    assert "Breakdown drafted by tiny" in done.stdout
    assert done.stderr == ""  # no "[... - openai._base_client - DEBUG] ..." lines
    _clean(done.stdout, "stdout")
    _files(root)
    sent = fake.headers[0]
    assert sent["authorization"] == f"Bearer {KEY}"  # the key: only in the header, to this endpoint
    assert "openai-organization" not in sent and "openai-project" not in sent  # not OpenAI's endpoint


def test_a_fault_echoing_the_headers_shows_none_of_them(tmp_path: Path, fake: FakeOpenAI) -> None:
    fake.answers = [Answer(status=401, echo=True)]
    root = copy_demo(tmp_path / "repo")
    done = _run(root, fake)
    assert done.returncode == 0 and "the endpoint refused the key (401)" in done.stdout
    assert done.stderr == ""
    _clean(done.stdout, "stdout")
    _files(root)


def test_org_and_project_only_for_openais_endpoint_and_never_in_repr(tmp_path: Path) -> None:
    env = {**ENV, "XDG_CONFIG_HOME": str(tmp_path)}
    local = load_config("tiny", "http://127.0.0.1:1234/v1", None, env)
    own = load_config("gpt-4o-mini", None, None, env)
    assert local is not None and own is not None
    assert (local.organization, local.project) == (None, None)
    assert (own.organization, own.project, own.api_key) == (ORG, PROJECT, KEY)
    _clean(repr(own), "repr")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    flow = MilestoneFlow.open(workspace := Workspace(copy_demo(tmp_path / "repo")), "m5")
    flow.complete(Phase.EPIC)
    flow.complete(Phase.SPEC)
    flow.close()
    return workspace


async def test_the_app_after_a_fault_shows_and_saves_none_of_them(workspace: Workspace, fake: FakeOpenAI,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    fake.answers = [Answer(status=403, echo=True)]
    config = load_config("tiny", fake.url, workspace.root)
    app = MilestoneApp(workspace, "m5", mode="refine", model=config)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await asyncio.sleep(0.02)
            screen = app.screen
            if isinstance(screen, BreakdownScreen) and screen.drafting is None and fake.requests:
                break
        await pilot.pause()
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "(403)" in shown
        _clean(shown, "notification")
        _clean(app.export_screenshot(), "snapshot")
    _files(workspace.root)
