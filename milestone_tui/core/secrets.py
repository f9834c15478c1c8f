"""The secrets rendered text must never contain: the GitHub tokens and model keys this process knows of.

A last line of defence behind the template sandbox: whatever a template or a pasted answer does, a rendered
artifact or GitHub body that contains a token is refused (``leaked`` says so) instead of being written or
sent. The tokens are the values of the environment variables the GitHub layer and the model client read,
plus any token resolved some other way (``gh auth token``, the user's model config file) and handed to
``remember``. They are kept in memory only.
"""

from __future__ import annotations

import os

TOKEN_VARIABLES = ("GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN",
                   "OPENAI_API_KEY")
MIN_LENGTH = 8  # shorter values would match ordinary words; real tokens are 40+ characters

_remembered: set[str] = set()


def remember(token: str) -> str:
    """Add a token resolved outside the environment; returns it, so a caller can wrap its resolution."""
    if len(token.strip()) >= MIN_LENGTH:
        _remembered.add(token.strip())
    return token


def known() -> set[str]:
    """Every token value to keep out of rendered text."""
    values = {os.environ.get(name, "").strip() for name in TOKEN_VARIABLES}
    return {v for v in values | _remembered if len(v) >= MIN_LENGTH}


def leaked(text: str) -> bool:
    """True when ``text`` holds one of the known tokens."""
    return any(token in text for token in known())


def scrub(text: str) -> str:
    """``text`` with every known token replaced by ``***``."""
    for token in known():
        text = text.replace(token, "***")
    return text
