"""Headless Chromium for tests, driven by Playwright against the system's /usr/bin/chromium."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from collections.abc import Awaitable, Callable

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--autoplay-policy=no-user-gesture-required"]
FAKE_MEDIA_ARGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@contextlib.asynccontextmanager
async def chromium(fake_media: bool = False, locale: str = "zh-CN"):
    """A fresh headless Chromium context (new profile directory each time)."""
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory(prefix="studio-chromium-") as profile:
        async with async_playwright() as pw:
            context = await pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, locale=locale,
                args=CHROMIUM_ARGS + (FAKE_MEDIA_ARGS if fake_media else []))
            try:
                yield context
            finally:
                await context.close()


@contextlib.asynccontextmanager
async def chromium_browser(locale: str = "zh-CN"):
    """One headless Chromium whose ``new_page()``s are separate viewers: each page gets its own
    context, so its own storage (and its own viewer identity)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)

        class Viewers:
            async def new_page(self):
                context = await browser.new_context(locale=locale)
                return await context.new_page()

        try:
            yield Viewers()
        finally:
            await browser.close()


# The viewer page's inbound video as both getStats() and the <video> element see it.
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


async def decoded_video(evaluate: Callable[[str], Awaitable], min_frames: int, timeout: float = 15.0) -> dict:
    """Poll the page (through a browser's ``evaluate``) until it has decoded ``min_frames`` frames."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    stats = None
    while loop.time() < deadline:
        stats = await evaluate(INBOUND_VIDEO)
        if stats and stats["framesDecoded"] >= min_frames:
            return stats
        await asyncio.sleep(0.25)
    raise AssertionError(f"the browser decoded too little video: {stats}")
