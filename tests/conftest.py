"""Shared fixtures: every test that needs a repository gets its own copy of the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """The demo workspace (roadmap M1-M8, no milestone folders yet) in a temporary ``repo`` folder."""
    return Workspace(copy_demo(tmp_path / "repo"))
