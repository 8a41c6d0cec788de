"""Shared fixtures: a real Studio on a free loopback port, with the test card and tone."""

from __future__ import annotations

import pytest

from studio.config import StudioConfig
from studio.show import Studio


@pytest.fixture
async def live_studio():
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    await studio.go_live()
    try:
        yield studio
    finally:
        await studio.close()
