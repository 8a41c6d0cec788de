"""Headless Chromium plays the show from the viewer page and decodes it at the canvas size."""

from __future__ import annotations

import asyncio
import time

import pytest

from studio.config import StudioConfig
from studio.show import Studio

from .browser import chromium, decoded_video

pytestmark = pytest.mark.browser

@pytest.mark.parametrize(("orientation", "size"), [("landscape", (1280, 720)), ("portrait", (720, 1280))])
async def test_chromium_decodes_the_show_at_canvas_size(orientation, size):
    studio = Studio(StudioConfig(port=0, orientation=orientation))
    await studio.start()
    await studio.go_live()
    try:
        async with chromium() as browser:
            page = await browser.new_page()
            await page.goto(studio.viewer_url)
            stats = await decoded_video(page.evaluate, min_frames=60)
            assert (stats["frameWidth"], stats["frameHeight"]) == size
            assert (stats["videoWidth"], stats["videoHeight"]) == size  # what the <video> element shows
            # The page shows the live viewer count pushed over the events channel.
            await page.wait_for_function("document.getElementById('viewer-count').textContent === '1'",
                                         timeout=5000)
            assert studio.viewer_count == 1
            assert await page.inner_text("#live-badge") == "直播中"
            later = await decoded_video(page.evaluate, min_frames=stats["framesDecoded"] + 30)
            assert later["framesDecoded"] > stats["framesDecoded"]
    finally:
        await studio.close()


async def test_two_chromium_viewers_share_one_encoder(live_studio):
    async with chromium() as browser:
        pages = [await browser.new_page() for _ in range(2)]
        for page in pages:
            await page.goto(live_studio.viewer_url)
        for page in pages:
            await decoded_video(page.evaluate, min_frames=30)
        assert live_studio.viewer_count == 2
        assert live_studio.video_encoder.fanout.subscriber_count == 2
        # Two joins (and any PLIs) within seconds: the gate allows at most one keyframe per 0.5 s.
        encoder = live_studio.video_encoder
        live_for = time.time() - live_studio.live_since
        assert encoder.keyframes.requests >= 2
        assert encoder.keyframe_count <= 1 + live_for / encoder.keyframes.min_interval
        await pages[0].close()
        for _ in range(50):
            if live_studio.viewer_count == 1:
                break
            await asyncio.sleep(0.1)
        assert live_studio.viewer_count == 1
