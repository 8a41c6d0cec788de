"""An aiortc viewer reads the test card's stamps back from decoded video and audio."""

from __future__ import annotations

import numpy as np

from studio.probe import watch_test_card
from studio.whep_client import WhepPlayer


async def test_frames_arrive_in_order_on_time_and_in_sync(live_studio):
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect(audio=True)
    try:
        received = await watch_test_card(player, seconds=5.0)
    finally:
        await player.close()
    numbers = received.frame_numbers
    assert received.unreadable == 0, "a decoded frame lost its timecode stamp"
    assert len(numbers) >= 130  # about 30 fps for 5 s, less the first frame's wait
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), "frames out of order or repeated"
    # The studio's own frame numbers, with few gaps: at most 5% of frames skipped on loopback.
    assert received.missing_frames <= 0.05 * len(numbers)
    assert max(received.delays) < 0.5, f"late frames: max {max(received.delays) * 1000:.0f} ms"
    assert np.median(received.delays) < 0.2
    # The beep and the flash are made at the same wall-clock instant; their arrival differs little.
    offsets = received.av_offsets()
    assert len(offsets) >= 3
    assert all(abs(o) < 0.12 for o in offsets), f"A/V offsets {[round(o * 1000) for o in offsets]} ms"
