"""Shared fixtures for tests/ and plugins/*/tests: real shows on free loopback ports."""

from __future__ import annotations

import pytest

from studio.config import StudioConfig
from studio.show import Studio


@pytest.fixture
async def start_show():
    """Starts shows that are live at once; every one is closed after the test."""
    started: list[Studio] = []

    async def start(**config) -> Studio:
        studio = Studio(StudioConfig(port=0, **config))
        started.append(studio)
        await studio.start()
        await studio.go_live()
        return studio

    yield start
    for studio in started:
        await studio.close()


@pytest.fixture
async def live_studio(start_show):
    """A live show with the test card and the tone."""
    return await start_show()
