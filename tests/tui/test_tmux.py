"""The real app in a real terminal: ``python -m milestone_tui`` inside tmux, driven by send-keys and read back
with capture-pane. Every wait polls the screen with a deadline; nothing sleeps a fixed time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo

DEADLINE = 30.0  # seconds: generous for a loaded CI machine; a pass takes a few seconds
EXIT_FILE = "app-exit-status"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it); the real-terminal test "
                                       "needs it")


class Tmux:
    """One detached tmux session on a private server socket (never touches the user's tmux)."""

    def __init__(self, command: list[str], cwd: Path, width: int = 120, height: int = 36) -> None:
        self.socket = f"mtui-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        env = {**os.environ, "TERM": "xterm-256color"}
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), "-c", str(cwd),
                 " ".join(command), env=env)

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                                env=env, timeout=20, check=True)
        return result.stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def wait_for(self, what: str | Callable[[str], bool], deadline: float = DEADLINE) -> str:
        """Poll the screen until it shows ``what`` (or the predicate holds); fail with the last screen."""
        check = what if callable(what) else (lambda screen: what in screen)
        end = time.monotonic() + deadline
        screen = ""
        while time.monotonic() < end:
            try:
                screen = self.screen()
            except subprocess.CalledProcessError:  # the app (and so the session) ended
                screen = ""
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what!r}; the screen was:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def wait_for_file(path: Path, deadline: float = DEADLINE) -> str:
    """The text of ``path`` once it has some; fail after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if path.is_file() and (text := path.read_text()):
            return text
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {path.name}")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    copy_demo(root)
    return root


@pytest.fixture
def tmux_app(demo: Path) -> Iterator[Tmux]:
    # The shell around the app writes its exit status to a file, and the pane stays (remain-on-exit) so a
    # crash's traceback can be read back. The screen alone cannot tell that the app ended: on a loaded
    # machine tmux 3.3 was seen to leave an exited app unreaped, the pane never marked dead, the screen blank.
    status_file = demo / EXIT_FILE
    term = Tmux([sys.executable, "-m", "milestone_tui", "--root", str(demo), f"; echo $? > {status_file}"],
                cwd=demo)
    try:
        term.run("set-option", "-t", term.name, "remain-on-exit", "on")
        yield term
    finally:
        term.kill()


def test_real_terminal_type_preview_quit(tmux_app: Tmux, demo: Path) -> None:
    term = tmux_app
    dashboard = term.wait_for("Detection Ingest Pipeline")
    assert "M5" in dashboard and "Type to filter" in dashboard
    term.keys("m", "5")  # type to filter, then enter opens the highlighted milestone
    term.wait_for(lambda s: any(line.split("▊")[-1].strip(" ▎") == "m5" for line in s.splitlines()))
    term.keys("Enter")
    term.wait_for("What is the primary problem this milestone solves?")
    answer = "Sensors flood the ingest path"
    term.keys(answer, literal=True)  # the first question has the focus on arrival
    # the answer shows twice: echoed in the form, and rendered in the live preview beside it
    screen = term.wait_for(lambda s: s.count(answer) >= 2)
    left, right = [], []
    for line in screen.splitlines():
        if answer in line:
            (left if line.index(answer) < 60 else right).append(line)
    assert left and right, screen
    term.keys("C-q")
    status = wait_for_file(demo / EXIT_FILE)  # the app exited by itself
    assert status.strip() == "0", term.screen()  # a clean exit, no traceback
    session = Workspace(demo).load_session("m5")
    assert session is not None and session.epic.problem == answer
