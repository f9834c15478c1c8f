"""Test helpers shared across files: the bundled demo workspace, copied fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

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
