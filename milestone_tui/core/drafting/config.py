"""The model configuration: which model, which endpoint, which key, from where.

Precedence, highest first: ``--model`` / ``--model-url``, the environment (``MILESTONE_TUI_MODEL``,
``OPENAI_BASE_URL``, ``OPENAI_API_KEY``), the repository's ``.milestone-tui/config.toml`` (the model name
only), the user's ``$XDG_CONFIG_HOME/milestone-tui/config.toml``. The repository's file may change the model
once the planner has turned drafting on, never turn it on, never point it elsewhere and never hold a key: a
cloned repository must not send the planner's spec (or key) anywhere. The key lives only in memory and is
never shown by ``repr``.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from milestone_tui.core import secrets
from milestone_tui.core.drafting import MODEL_ENV, repo_config_path, user_config_path
from milestone_tui.errors import ModelConfigError

DEFAULT_URL = "https://api.openai.com/v1"
USER_KEYS = {"model", "url", "api_key", "timeout"}
REPO_KEYS = {"model"}
EXTRA_MISSING = "--model needs the optional extra: pip install 'milestone-tui[model]' (the openai client)"


@dataclass(frozen=True)
class ModelConfig:
    """A configured model. ``api_key`` is excluded from ``repr`` so it never reaches a log or a traceback."""

    model: str
    url: str = DEFAULT_URL
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0  # seconds without a byte before a reply counts as stalled
    # OPENAI_ORG_ID / OPENAI_PROJECT_ID: only for OpenAI's own endpoint, never sent to another one
    organization: str | None = field(default=None, repr=False)
    project: str | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        """The endpoint's host (and port): what the session records and the screen shows."""
        parts = urlsplit(self.url)
        return parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else self.url


def _read(path: Path, allowed: set[str], where: str) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ModelConfigError(f"{where} config {path} cannot be read: {type(exc).__name__}") from None
    if where == "repository" and "api_key" in data:
        raise ModelConfigError(f"repository config {path} holds an api_key: keys never go in a repository "
                               "(use OPENAI_API_KEY); remove it")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ModelConfigError(f"{where} config {path}: unknown or not allowed here: {', '.join(unknown)} "
                               f"(allowed: {', '.join(sorted(allowed))})")
    return data


def _text(data: dict[str, object], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ModelConfigError(f"config {path}: {key} must be a string")
    return value.strip() or None if isinstance(value, str) else None


def load_config(model: str | None, url: str | None, root: Path | None,
                env: dict[str, str] | None = None) -> ModelConfig | None:
    """The configured model, or None (nothing is ever sent then)."""
    env = dict(os.environ) if env is None else env
    user_path = user_config_path(env)
    user = _read(user_path, USER_KEYS, "user")
    repo_path = repo_config_path(root) if root is not None else None
    repo = _read(repo_path, REPO_KEYS, "repository") if repo_path is not None else {}
    turned_on = model or env.get(MODEL_ENV) or _text(user, "model", user_path)
    if not turned_on:
        return None
    name = model or env.get(MODEL_ENV) or (
        _text(repo, "model", repo_path) if repo_path else None) or turned_on
    endpoint = url or env.get("OPENAI_BASE_URL") or _text(user, "url", user_path) or DEFAULT_URL
    if urlsplit(endpoint).scheme not in {"http", "https"} or not urlsplit(endpoint).hostname:
        raise ModelConfigError(f"model endpoint {urlsplit(endpoint).scheme or endpoint[:40]!r}...: "
                               "expected an http(s) URL such as http://localhost:11434/v1")
    if urlsplit(endpoint).username or urlsplit(endpoint).password:
        raise ModelConfigError("model endpoint URL holds a user or password: put the key in OPENAI_API_KEY")
    key = env.get("OPENAI_API_KEY") or _text(user, "api_key", user_path)
    if key:
        secrets.remember(key)  # rendered text holding it is refused, like a GitHub token
    timeout = user.get("timeout", 60.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise ModelConfigError(f"user config {user_path}: timeout must be a positive number of seconds")
    openai_own = urlsplit(endpoint).hostname == urlsplit(DEFAULT_URL).hostname
    return ModelConfig(model=name.strip(), url=endpoint.rstrip("/"), api_key=key or None,
                       timeout=float(timeout),
                       organization=env.get("OPENAI_ORG_ID") or None if openai_own else None,
                       project=env.get("OPENAI_PROJECT_ID") or None if openai_own else None)


def client_available() -> bool:
    """The ``[model]`` extra is installed (checked without importing it)."""
    try:
        return importlib.util.find_spec("openai") is not None
    except (ImportError, ValueError):  # a stub module without a spec (the tests' "not installed")
        return False


def require_client() -> None:
    if not client_available():
        raise ModelConfigError(EXTRA_MISSING)
