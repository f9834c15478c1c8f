"""Fixtures for the drafting tests: a fake OpenAI-compatible server on 127.0.0.1, and a config for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from milestone_tui.core.drafting.config import ModelConfig
from tests.support.fake_openai import FakeOpenAI

KEY = "sk-test-SECRET-0123456789"


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def config(fake: FakeOpenAI) -> ModelConfig:
    return ModelConfig(model="tiny-test", url=fake.url, api_key=KEY, timeout=1.5)
