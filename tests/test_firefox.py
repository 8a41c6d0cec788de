"""Headless Firefox plays the show from the viewer page, driven over WebDriver BiDi (tests/firefox.py)."""

from __future__ import annotations

import asyncio

import pytest

from .firefox import firefox

pytestmark = pytest.mark.browser

INBOUND_VIDEO = """(async () => {
  const pc = window.studio && window.studio.pc;
  if (!pc) return null;
  const report = await pc.getStats();
  const video = document.getElementById("video");
  for (const s of report.values()) {
    if (s.type === "inbound-rtp" && s.kind === "video") {
      return {framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth || 0, frameHeight: s.frameHeight || 0,
              videoWidth: video.videoWidth, videoHeight: video.videoHeight};
    }
  }
  return null;
})()"""


async def _decoded_stats(browser, min_frames: int, timeout: float = 15.0) -> dict:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    stats = None
    while loop.time() < deadline:
        stats = await browser.evaluate(INBOUND_VIDEO)
        if stats and stats["framesDecoded"] >= min_frames:
            return stats
        await asyncio.sleep(0.25)
    raise AssertionError(f"Firefox decoded too little video: {stats}")


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
        stats = await _decoded_stats(browser, min_frames=60)
        # Firefox's inbound-rtp stats carry frameWidth/frameHeight (checked on 153 ESR); the <video>
        # element must agree.
        assert (stats["frameWidth"], stats["frameHeight"]) == (1280, 720), stats
        assert (stats["videoWidth"], stats["videoHeight"]) == (1280, 720), stats
        # The page shows the live viewer count pushed over the events channel.
        await _text_becomes(browser, "viewer-count", "1")
        assert live_studio.viewer_count == 1
        assert await browser.evaluate("document.getElementById('live-badge').textContent") == "直播中"
        later = await _decoded_stats(browser, min_frames=stats["framesDecoded"] + 30)
        assert later["framesDecoded"] > stats["framesDecoded"]
