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


# Chromium publishes its fake camera to the studio's WHIP ingest, as a guest's browser will.
PUBLISH = """async ([url, token]) => {
  const stream = await navigator.mediaDevices.getUserMedia({video: {width: 1280, height: 720}, audio: true});
  const pc = new RTCPeerConnection();
  for (const track of stream.getTracks()) pc.addTransceiver(track, {direction: "sendonly"});
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise(done => {
    if (pc.iceGatheringState === "complete") done();
    pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && done();
  });
  const answer = await fetch(url, {method: "POST", body: pc.localDescription.sdp,
    headers: {"Content-Type": "application/sdp", "Authorization": "Bearer " + token}});
  if (answer.status !== 201) throw new Error("WHIP answered " + answer.status);
  await pc.setRemoteDescription({type: "answer", sdp: await answer.text()});
  window.publisher = pc;
}"""
OUTGOING = """(async () => {
  for (const s of (await window.publisher.getStats()).values())
    if (s.type === "candidate-pair" && s.nominated && s.availableOutgoingBitrate) return s.availableOutgoingBitrate;
  return 0;
})()"""


async def test_chromium_publishes_to_the_ingest_and_follows_its_transport_feedback(live_studio):
    """Chromium sends transport-wide numbers and sets its rate from the feedback the ingest packs:
    a bandwidth estimate above Chromium's start (300 kbit/s) proves it reads our messages."""
    async with chromium(fake_media=True) as browser:
        page = await browser.new_page()
        await page.goto(live_studio.viewer_url)
        await page.evaluate(PUBLISH, [live_studio.ingest_url + "guest", live_studio.ingest_token])
        for _ in range(100):
            sessions = list(live_studio.ingest.sessions.values())
            if sessions and sessions[0].frames["video"] > 30 and sessions[0].feedback.sent > 20:
                break
            await asyncio.sleep(0.2)
        else:
            raise AssertionError("no video or no transport feedback from the ingest")
        estimates = []
        for _ in range(40):
            estimates.append(await page.evaluate(OUTGOING))
            if estimates[-1] > 1_000_000:
                break
            await asyncio.sleep(0.25)
        assert max(estimates) > 1_000_000, estimates


async def test_chromium_plays_on_across_an_orientation_switch(live_studio):
    """The page keeps its connection and its <video>: the keyframe of the new size re-sizes both."""
    async with chromium() as browser:
        page = await browser.new_page()
        await page.goto(live_studio.viewer_url)
        await decoded_video(page.evaluate, min_frames=30)
        samples: list[tuple[float, dict]] = []  # (when, inbound video stats)

        async def watch_until(size: tuple[int, int], what: str) -> None:
            """Until the page has shown 60 frames since the switch and both sizes read ``size``."""
            deadline = time.monotonic() + 15
            first = None
            while time.monotonic() < deadline:
                stats = await decoded_video(page.evaluate, min_frames=0)
                samples.append((time.monotonic(), stats))
                first = first if first is not None else stats["framesDecoded"]
                shown = (stats["frameWidth"], stats["frameHeight"]) == size == (stats["videoWidth"],
                                                                                   stats["videoHeight"])
                if shown and stats["framesDecoded"] >= first + 60:
                    return
                await asyncio.sleep(0.1)
            raise AssertionError(f"no {what} in Chromium: {samples[-1][1]}")

        portrait_stage = "document.getElementById('stage').classList.contains('portrait')"
        live_studio.set_canvas(orientation="portrait")
        await watch_until((720, 1280), "portrait picture")
        assert await page.evaluate(portrait_stage)  # the page lays the player out in portrait
        live_studio.set_canvas(orientation="landscape")
        await watch_until((1280, 720), "landscape picture again")
        await page.wait_for_function(f"!{portrait_stage}", timeout=5000)
        assert live_studio.viewer_count == 1  # the same viewer throughout
    # no long freeze: frames kept being decoded, never three seconds without one
    decoded_at = [(when, stats["framesDecoded"]) for when, stats in samples]
    for (t0, n0), (t1, n1) in zip(decoded_at, decoded_at[30:], strict=False):
        assert n1 > n0, f"no frame decoded for {t1 - t0:.1f} s"
