"""Drafting the breakdown with a language model, when the planner configures one.

``config`` reads the configuration (flags, environment, config files; the key only from the environment or
the user's own file), ``prompt`` builds what is sent from the session, ``reply`` describes and normalises
what comes back into the rules' ``Proposal``, ``client`` is the only module that imports ``openai``, and
``draft`` ties them together with the fallback on the rules. Nothing here imports Textual.

This package's own module holds what is cheap to ask before any of that is loaded: where the config files
are, and whether anything could configure a model at all (``configurable``: most runs have nothing, and then
the command line does not load ``config``, nor ``tomllib``, before the dashboard's first frame).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

MODEL_ENV = "MILESTONE_TUI_MODEL"


def user_config_path(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "milestone-tui" / "config.toml"


def repo_config_path(root: Path) -> Path:
    return root / ".milestone-tui" / "config.toml"


def configurable(root: Path | None, env: Mapping[str, str]) -> bool:
    """Whether ``config.load_config`` (without --model) has anything to read: the environment's model, the
    user's config file or the repository's (which, even when it cannot turn drafting on, is checked)."""
    return bool(env.get(MODEL_ENV)) or user_config_path(env).is_file() or (
        root is not None and repo_config_path(root).is_file())
