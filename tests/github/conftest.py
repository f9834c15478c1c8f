"""The GitHub tests' emulator: a fresh one on 127.0.0.1 for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.emulator import Emulator

TOKEN = "ghp_SECRETtoken1234567890"
REPO = "octo-org/detections"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    server = Emulator(token=TOKEN, repos=(REPO,)).start()
    yield server
    server.stop()
