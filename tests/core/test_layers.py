"""The walls between the floors: the core never imports Textual (nor the CLI, the TUI or the GitHub layer),
the GitHub layer never imports the TUI, and every error a user can fix has the one root."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import milestone_tui
from milestone_tui.errors import MilestoneError


def _modules(package: str) -> list[str]:
    module = importlib.import_module(package)
    return [package, *(info.name for info in pkgutil.walk_packages(module.__path__, f"{package}."))]


def _loaded_after_importing(modules: list[str]) -> set[str]:
    code = ("import sys\n"
            f"for name in {modules!r}:\n"
            "    __import__(name)\n"
            "print('\\n'.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_every_core_module_is_free_of_textual_and_the_other_floors() -> None:
    loaded = _loaded_after_importing(_modules("milestone_tui.core"))
    bad = sorted(m for m in loaded if m == "textual" or m.startswith(("textual.", "milestone_tui.tui",
                                                                        "milestone_tui.cli", "githubkit")))
    assert not bad, f"the core pulled in: {bad}"
    assert len(_modules("milestone_tui.core")) > 25  # the walk really found the core


def test_the_github_layer_never_imports_the_tui() -> None:
    loaded = _loaded_after_importing(_modules("milestone_tui.github"))
    bad = sorted(m for m in loaded if m == "textual" or m.startswith(("textual.", "milestone_tui.tui")))
    assert not bad, f"the GitHub layer pulled in: {bad}"


def test_github_layer_imports() -> None:
    """githubkit 0.16.x breaks with hishel 2 (ImportError: CachePolicy); this keeps the pin honest."""
    import githubkit  # noqa: F401

    from milestone_tui.github import sync  # noqa: F401


def test_every_error_of_the_package_has_the_one_root() -> None:
    """A user-fixable error that is not a MilestoneError would reach the user as a traceback."""
    strays = []
    for name in _modules("milestone_tui"):
        if name.startswith("milestone_tui.tui") or name == "milestone_tui.__main__":
            continue  # the TUI raises none of its own; __main__ runs the command
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__.startswith("milestone_tui") \
                    and not issubclass(cls, MilestoneError):
                strays.append(f"{cls.__module__}.{cls.__qualname__}")
    assert not strays, f"errors outside MilestoneError: {sorted(set(strays))}"
    assert milestone_tui.__version__
