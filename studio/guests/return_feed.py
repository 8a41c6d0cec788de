"""What a guest sees and hears of the show: the program's picture from one shared encoder (the
same packets for every guest) and their own mix-minus, which no other guest shares."""

from __future__ import annotations

import asyncio
import fractions

import av
import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from ..audio.mixer import RATE

MAX_QUEUED = 5  # 100 ms: a stalled connection loses sound rather than hearing the show late


class ReturnAudioTrack(MediaStreamTrack):
    """A guest's mix-minus as 20 ms audio frames; aiortc encodes it to Opus for this guest only.

    ``feed`` is called on the mixer's thread; frames are handed to the loop as they are mixed.
    """

    kind = "audio"

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._loop = loop
        self._queue: asyncio.Queue[np.ndarray] = asyncio.Queue()
        self._pts = 0
        self.dropped = 0

    def feed(self, samples: np.ndarray, capture_time: float) -> None:
        if self.readyState == "live" and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._put, samples)

    def _put(self, samples: np.ndarray) -> None:
        while self._queue.qsize() >= MAX_QUEUED:
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(samples)

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        samples = await self._queue.get()
        if self.readyState != "live":
            raise MediaStreamError
        # Stereo already: aiortc's Opus encoder would upmix mono with the -3 dB pan law.
        stereo = np.repeat(samples.reshape(-1, 1), 2, axis=1).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = RATE, self._pts, fractions.Fraction(1, RATE)
        self._pts += samples.size
        return frame
