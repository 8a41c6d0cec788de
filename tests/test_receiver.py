"""An aiortc viewer reads the test card's stamps back from decoded video."""

from __future__ import annotations

import asyncio
import time

import numpy as np

from studio.sources.testcard import beep_heard, flash_shown
from studio.timecode import read_stamp
from studio.whep_client import WhepPlayer


async def test_frames_arrive_in_order_and_on_time(live_studio):
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect(audio=False)
    stamps, delays = [], []
    try:
        deadline = time.time() + 6
        while time.time() < deadline and len(stamps) < 120:
            frame = await asyncio.wait_for(player.tracks["video"].recv(), 5)
            received = time.time()
            stamp = read_stamp(frame.to_ndarray(format="rgb24"))
            assert stamp is not None, "a decoded frame lost its timecode stamp"
            stamps.append(stamp.frame_number)
            delays.append(received - stamp.capture_time)
    finally:
        await player.close()
    assert len(stamps) >= 100
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps), "frames out of order or repeated"
    # The studio's own frame numbers, with few gaps: at most 5% of frames skipped on loopback.
    span = stamps[-1] - stamps[0] + 1
    assert len(stamps) / span >= 0.95
    assert max(delays) < 0.5, f"late frames: max {max(delays) * 1000:.0f} ms"
    assert np.median(delays) < 0.2


async def test_audio_and_video_stay_in_sync(live_studio):
    """The beep and the flash are made at the same wall-clock instant; their arrival differs little."""
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect(audio=True)
    video_onsets: list[float] = []
    audio_onsets: list[float] = []

    async def watch_video() -> None:
        was_flash = False
        while len(video_onsets) < 4:
            frame = await player.tracks["video"].recv()
            image = frame.to_ndarray(format="rgb24")
            flash = flash_shown(image)
            if flash and not was_flash:
                stamp = read_stamp(image)
                video_onsets.append(time.time() - (stamp.capture_time - int(stamp.capture_time)))
            was_flash = flash

    async def watch_audio() -> None:
        was_beep = False
        while len(audio_onsets) < 4:
            frame = await player.tracks["audio"].recv()
            beep = beep_heard(frame.to_ndarray().reshape(-1, len(frame.layout.channels))[:, 0], frame.sample_rate)
            if beep and not was_beep:
                audio_onsets.append(time.time())
            was_beep = beep

    try:
        await asyncio.wait_for(asyncio.gather(watch_video(), watch_audio()), 15)
    finally:
        await player.close()
    # Pair each video onset with the nearest audio onset; both mark a whole second.
    offsets = [min(audio_onsets, key=lambda a: abs(a - v)) - v for v in video_onsets[1:]]
    assert all(abs(o) < 0.12 for o in offsets), f"A/V offsets {[round(o * 1000) for o in offsets]} ms"
