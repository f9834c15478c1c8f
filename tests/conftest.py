"""Shared fixtures: every test that needs a repository gets its own copy of the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's own ``XDG_DATA_HOME`` (the persistent demo workspace lives there): never the user's."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """The demo workspace (roadmap M1-M8, no milestone folders yet) in a temporary ``repo`` folder."""
    return Workspace(copy_demo(tmp_path / "repo"))


@pytest.fixture(autouse=True)
def no_model_configured(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test drafts with a model unless it configures one: the planner's environment and config file
    (MILESTONE_TUI_MODEL, OPENAI_*, ~/.config/milestone-tui) never leak in."""
    for name in ("MILESTONE_TUI_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
