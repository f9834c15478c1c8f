"""Regenerate the README's screenshots: ``docs/images/{dashboard,epic,breakdown}.svg``.

Runs the app headless (Textual's pilot) at 100x30 on a temporary copy of the demo workspace; the epic shows
the seed's answers (docs/examples/m5-answers.yaml) typed in, with the live preview beside them.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import yaml

from milestone_tui.core.workspace import Workspace
from milestone_tui.tui.app import MilestoneApp
from milestone_tui.tui.widgets.preview import MarkdownPreview

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "milestone_tui" / "data" / "demo"
IMAGES = ROOT / "docs" / "images"
SIZE = (100, 30)


async def shoot(root: Path) -> None:
    seed = yaml.safe_load((ROOT / "docs" / "examples" / "m5-answers.yaml").read_text(encoding="utf-8"))
    app = MilestoneApp(Workspace(root))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the warm-up worker (the rows are in the first frame)
        await pilot.pause()
        app.save_screenshot("dashboard.svg", str(IMAGES))
        await pilot.press("m", "5", "enter")
        await pilot.pause()
        for key, answer in seed["epic"].items():
            area = app.screen.query_one(f"#{key}")
            area.focus()
            area.insert(answer)  # type: ignore[attr-defined]
        app.screen.query_one("#problem").focus()
        await pilot.pause(0.2)
        for preview in app.screen.query(MarkdownPreview):
            preview.flush()
        await pilot.pause(0.2)
        app.save_screenshot("epic.svg", str(IMAGES))
        await pilot.press("ctrl+right")
        await pilot.pause()
        for key, answer in seed["spec"].items():
            area = app.screen.query_one(f"#{key}")
            area.focus()
            area.insert(answer)  # type: ignore[attr-defined]
        await pilot.press("ctrl+right")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        app.save_screenshot("breakdown.svg", str(IMAGES))
        await app.action_quit()


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(DEMO, root)
        asyncio.run(shoot(root))
    for name in ("dashboard.svg", "epic.svg", "breakdown.svg"):
        print(f"✓ {IMAGES.relative_to(ROOT) / name}")


if __name__ == "__main__":
    main()
