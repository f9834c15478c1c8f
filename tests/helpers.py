"""Test helpers shared across files: the bundled demo workspace, copied fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "milestone_tui" / "data" / "demo"


def copy_demo(root: Path) -> Path:
    """A fresh copy of the demo workspace (the seed's roadmap) at ``root``; returns ``root``."""
    shutil.copytree(DEMO, root, dirs_exist_ok=True)
    return root
