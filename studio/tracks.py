"""aiortc tracks that hand pre-encoded packets to a peer connection (no per-viewer encoding)."""

from __future__ import annotations

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from .fanout import Subscriber


class PacketTrack(MediaStreamTrack):
    """Yields the shared encoder's packets; aiortc only packetizes them into RTP."""

    def __init__(self, kind: str, subscriber: Subscriber) -> None:
        super().__init__()
        self.kind = kind
        self.subscriber = subscriber

    async def recv(self) -> av.Packet:
        item = await self.subscriber.get()
        if item is None:
            raise MediaStreamError
        return item.packet

    def stop(self) -> None:
        super().stop()
        self.subscriber.close()
