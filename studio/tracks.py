"""aiortc tracks that hand pre-encoded packets to a peer connection (no per-viewer encoding)."""

from __future__ import annotations

import asyncio

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from .encoder import VIDEO_TIME_BASE
from .fanout import PacketFanout, Subscriber
from .frames import LatestSlot, VideoFrame


class PacketTrack(MediaStreamTrack):
    """Yields the shared encoder's packets; aiortc only packetizes them into RTP.

    It subscribes on the first ``recv``, which aiortc makes once DTLS is up: an offer that never
    connects holds no queue and asks the shared encoder for no keyframes. With a ``gate`` it
    subscribes only once the gate opens (a guest sees the show once admitted).
    """

    def __init__(self, kind: str, fanout: PacketFanout, max_queue: int | None = None,
                 gate: asyncio.Event | None = None) -> None:
        super().__init__()
        self.kind = kind
        self._fanout = fanout
        self._max_queue = max_queue
        self._gate = gate
        self.subscriber: Subscriber | None = None

    async def recv(self) -> av.Packet:
        if self.readyState != "live":
            raise MediaStreamError
        if self.subscriber is None:
            if self._gate is not None:
                await self._gate.wait()
                if self.readyState != "live":
                    raise MediaStreamError
            self.subscriber = self._fanout.subscribe(self._max_queue)
        item = await self.subscriber.get()
        if item is None:
            raise MediaStreamError
        return item.packet

    def stop(self) -> None:
        super().stop()
        if self.subscriber is not None:
            self.subscriber.close()
        elif self._gate is not None:
            self._gate.set()  # wake a recv still waiting, so it ends


class FrameTrack(MediaStreamTrack):
    """The program's pictures as av.VideoFrames, for a peer connection that encodes them itself
    (aiortc's own encoder and its REMB-only rate control: the "stock" WHIP controller)."""

    kind = "video"

    def __init__(self, slot: LatestSlot, epoch: float) -> None:
        super().__init__()
        self._slot, self._epoch = slot, epoch

    async def recv(self) -> av.VideoFrame:
        while self.readyState == "live":
            item = await asyncio.to_thread(self._slot.get, 0.5)
            if isinstance(item, VideoFrame):
                frame = av.VideoFrame.from_ndarray(item.image, format="rgb24")
                frame.pts = int(round((item.capture_time - self._epoch) * 90000))
                frame.time_base = VIDEO_TIME_BASE
                return frame
        raise MediaStreamError
