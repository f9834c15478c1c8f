"""The core never imports Textual: it serves the headless command line and is testable without a terminal."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "milestone_tui.core.model",
    "milestone_tui.core.roadmap",
    "milestone_tui.core.breakdown.propose",
    "milestone_tui.core.planning",
    "milestone_tui.core.artifacts.render",
    "milestone_tui.core.workspace",
    "milestone_tui.core.flow",
    "milestone_tui.cli.main",
    "milestone_tui.github",
]


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported: {result.stdout.strip()}"


def test_github_layer_imports() -> None:
    """githubkit 0.16.x breaks with hishel 2 (ImportError: CachePolicy); this keeps the pin honest."""
    import githubkit  # noqa: F401

    from milestone_tui import github  # noqa: F401
