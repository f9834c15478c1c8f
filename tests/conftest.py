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
