"""aiortc tracks that hand pre-encoded packets to a peer connection (no per-viewer encoding)."""

from __future__ import annotations

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from .fanout import PacketFanout, Subscriber


class PacketTrack(MediaStreamTrack):
    """Yields the shared encoder's packets; aiortc only packetizes them into RTP.

    It subscribes on the first ``recv``, which aiortc makes once DTLS is up: an offer that never
    connects holds no queue and asks the shared encoder for no keyframes.
    """

    def __init__(self, kind: str, fanout: PacketFanout) -> None:
        super().__init__()
        self.kind = kind
        self._fanout = fanout
        self.subscriber: Subscriber | None = None

    async def recv(self) -> av.Packet:
        if self.readyState != "live":
            raise MediaStreamError
        if self.subscriber is None:
            self.subscriber = self._fanout.subscribe()
        item = await self.subscriber.get()
        if item is None:
            raise MediaStreamError
        return item.packet

    def stop(self) -> None:
        super().stop()
        if self.subscriber is not None:
            self.subscriber.close()
