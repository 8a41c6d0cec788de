"""Encode once, deliver to many: per-viewer queues fed from one encoder thread.

The encoder thread hands each packet to the asyncio loop once; the loop copies a reference into
every subscriber's bounded queue. A viewer that falls behind loses packets (counted), not the
others, and waits for the next keyframe before it gets deltas again.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import av


@dataclass(slots=True)
class EncodedPacket:
    packet: av.Packet
    keyframe: bool
    capture_time: float
    size: int
    picture: tuple[int, int] | None = None  # a video packet's picture size (it changes with the canvas)


class Subscriber:
    _ids = itertools.count(1)

    def __init__(self, fanout: PacketFanout, needs_keyframe: bool, max_queue: int) -> None:
        self.id = next(self._ids)
        self._fanout = fanout
        self.queue: asyncio.Queue[EncodedPacket | None] = asyncio.Queue(max_queue)
        self.waiting_for_keyframe = needs_keyframe
        self.dropped = 0
        self.delivered = 0
        self.closed = False

    def offer(self, item: EncodedPacket) -> None:
        if self.waiting_for_keyframe:
            if not item.keyframe:
                return
            self.waiting_for_keyframe = False
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            # Drop this packet and everything until a keyframe: a decoder cannot use the rest.
            self.dropped += 1 + self.queue.qsize()
            while not self.queue.empty():
                self.queue.get_nowait()
            self.waiting_for_keyframe = True
            self._fanout.request_keyframe()

    async def get(self) -> EncodedPacket | None:
        """The next packet, or None once the subscription has ended."""
        item = await self.queue.get()
        if item is not None:
            self.delivered += 1
        return item

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._fanout.unsubscribe(self)
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)


class PacketFanout:
    """Delivers every packet of one encoder to all subscribers, on the asyncio loop."""

    def __init__(self, request_keyframe: Callable[[], None], needs_keyframe: bool,
                 max_queue: int = 90) -> None:
        self.request_keyframe = request_keyframe
        self._needs_keyframe = needs_keyframe
        self._max_queue = max_queue
        self._subscribers: dict[int, Subscriber] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def subscribe(self, max_queue: int | None = None) -> Subscriber:
        """``max_queue``: how many packets this subscriber may fall behind before it drops to the
        next keyframe (the latency it accepts); by default the fanout's."""
        sub = Subscriber(self, self._needs_keyframe, max_queue or self._max_queue)
        self._subscribers[sub.id] = sub
        if self._needs_keyframe:
            self.request_keyframe()
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self._subscribers.pop(sub.id, None)

    def publish_threadsafe(self, item: EncodedPacket) -> None:
        """Called from the encoder thread."""
        loop = self._loop
        if loop is not None and self._subscribers and not loop.is_closed():
            loop.call_soon_threadsafe(self._dispatch, item)

    def _dispatch(self, item: EncodedPacket) -> None:
        for sub in list(self._subscribers.values()):
            sub.offer(item)

    def close_all(self) -> None:
        for sub in list(self._subscribers.values()):
            sub.close()
