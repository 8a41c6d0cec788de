"""Headless Chromium for tests, driven by Playwright against the system's /usr/bin/chromium."""

from __future__ import annotations

import contextlib
import shutil
import tempfile

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
