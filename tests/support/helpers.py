"""Test helpers shared across files: the bundled demo workspace, copied fresh for each test."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.workspace import Workspace

DEMO = Path(__file__).resolve().parents[2] / "milestone_tui" / "data" / "demo"


def copy_demo(root: Path) -> Path:
    """A fresh copy of the demo workspace (the seed's roadmap) at ``root``; returns ``root``."""
    shutil.copytree(DEMO, root, dirs_exist_ok=True)
    return root

# The seed session's breakdown after the user's edits (add rate limiting, split consumer + storage).
SEED_TITLES = [
    "Add ingest HTTP endpoint",
    "Add rate limiting middleware",
    "Add DetectionEvent schema and validation",
    "Add Kafka producer integration",
    "Add TimescaleDB schema and migrations",
    "Add Kafka consumer service",
    "Add storage service",
    "Add health check and metrics endpoints",
    "Add integration tests",
]


def with_hand_note(text: str, note: str) -> str:
    """An issue spec with ``note`` typed by hand as its notes (a Notes section is added when the file has
    none: unanswered sections are left out of written files)."""
    heading = "" if "## Notes" in text else "## Notes\n\n"
    return text.replace("## Dependencies", f"{heading}{note}\n\n## Dependencies", 1)


def planned_quick(workspace: Workspace, key: str = "m5") -> Path:
    """A milestone planned in quick mode (every artifact written); its first issue spec."""
    with MilestoneFlow.open(workspace, key, quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        return workspace.milestone_dir(key) / flow.session.issues[0].filename


def synced_quick(root: Path, api_url: str, repo: str, options: Any) -> Workspace:
    """The demo workspace at ``root`` with M5 planned in quick mode and synced to the emulator at
    ``api_url`` (the caller sets the token in the environment)."""
    from milestone_tui.github.auth import resolve_target
    from milestone_tui.github.sync import run_sync

    workspace = Workspace(copy_demo(root))
    with MilestoneFlow.open(workspace, "m5", quick=True) as flow:
        flow.propose()
        flow.quick_fill()
        result = asyncio.run(run_sync(flow, resolve_target(repo, api_url), options))
        assert result.status == "finished", result.message
    return workspace
