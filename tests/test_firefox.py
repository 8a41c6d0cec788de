"""Headless Firefox plays the show from the viewer page, driven over WebDriver BiDi (tests/firefox.py)."""

from __future__ import annotations

import asyncio

import pytest

from .browser import decoded_video
from .firefox import firefox

pytestmark = pytest.mark.browser

async def _text_becomes(browser, element_id: str, wanted: str, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    expression = f"document.getElementById({element_id!r}).textContent"
    text = None
    while loop.time() < deadline:
        text = await browser.evaluate(expression)
        if text == wanted:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"#{element_id} reads {text!r}, not {wanted!r}")


async def test_firefox_decodes_the_show_at_canvas_size(live_studio):
    async with firefox() as browser:
        await browser.navigate(live_studio.viewer_url)
        stats = await decoded_video(browser.evaluate, min_frames=60)
        # Firefox's inbound-rtp stats carry frameWidth/frameHeight (checked on 153 ESR); the <video>
        # element must agree.
        assert (stats["frameWidth"], stats["frameHeight"]) == (1280, 720), stats
        assert (stats["videoWidth"], stats["videoHeight"]) == (1280, 720), stats
        # The page shows the live viewer count pushed over the events channel.
        await _text_becomes(browser, "viewer-count", "1")
        assert live_studio.viewer_count == 1
        assert await browser.evaluate("document.getElementById('live-badge').textContent") == "直播中"
        later = await decoded_video(browser.evaluate, min_frames=stats["framesDecoded"] + 30)
        assert later["framesDecoded"] > stats["framesDecoded"]
