"""What a viewer receives of the test card: frame numbers, delays and A/V sync onsets.

Used by the tests and benchmarks, and by anyone checking a live link end to end.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from .frames import to_array
from .sources.testcard import beep_heard, flash_shown
from .timecode import read_stamp
from .whep_client import WhepPlayer


@dataclass
class ReceivedTestCard:
    delays: list[float] = field(default_factory=list)  # receive time minus capture time, seconds
    frame_numbers: list[int] = field(default_factory=list)
    unreadable: int = 0
    video_onsets: list[float] = field(default_factory=list)  # arrival of each whole second's flash
    audio_onsets: list[float] = field(default_factory=list)  # arrival of each whole second's beep

    @property
    def missing_frames(self) -> int:
        numbers = self.frame_numbers
        return numbers[-1] - numbers[0] + 1 - len(set(numbers)) if numbers else 0

    def av_offsets(self) -> list[float]:
        """Audio minus video arrival for each flash (the first may be partial); + means audio is late."""
        offsets = []
        for video in self.video_onsets[1:]:
            nearest = min(self.audio_onsets, key=lambda a: abs(a - video), default=None)
            # Onsets repeat every second: a partner more than half a second away belongs to another
            # second (the watch window cut this one's beep off), so this flash has no pair.
            if nearest is not None and abs(nearest - video) < 0.5:
                offsets.append(nearest - video)
        return offsets


async def watch_test_card(player: WhepPlayer, seconds: float) -> ReceivedTestCard:
    """Read a connected player's tracks for ``seconds`` and measure what arrives."""
    result = ReceivedTestCard()
    deadline = time.time() + seconds

    async def watch_video() -> None:
        was_flash = False
        while time.time() < deadline:
            frame = await player.tracks["video"].recv()
            received = time.time()
            luma = to_array(frame, "yuv420p")[:frame.height]
            stamp = read_stamp(luma)
            if stamp is None:
                result.unreadable += 1
                continue
            result.delays.append(received - stamp.capture_time)
            result.frame_numbers.append(stamp.frame_number)
            flash = flash_shown(luma)
            if flash and not was_flash:  # when the whole second (the onset) would have arrived
                result.video_onsets.append(received - (stamp.capture_time - int(stamp.capture_time)))
            was_flash = flash

    async def watch_audio() -> None:
        was_beep = False
        while time.time() < deadline:
            frame = await player.tracks["audio"].recv()
            beep = beep_heard(frame.to_ndarray().reshape(-1, len(frame.layout.channels))[:, 0], frame.sample_rate)
            if beep and not was_beep:
                result.audio_onsets.append(time.time())
            was_beep = beep

    watchers = [watch_video()] + ([watch_audio()] if "audio" in player.tracks else [])
    await asyncio.wait_for(asyncio.gather(*watchers), seconds + 10)
    return result
