"""Peer connections with an explicit ICE configuration.

aiortc's default configuration queries a public STUN server, which leaks the host's public address
and stalls gathering where UDP is blocked. The studio asks for STUN/TURN only when configured.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection

from .twcc import enable_transport_cc


def new_peer_connection(ice_servers: list[RTCIceServer] | None = None) -> RTCPeerConnection:
    enable_transport_cc()  # congestion feedback that aiortc lacks; see twcc.py
    return RTCPeerConnection(RTCConfiguration(iceServers=list(ice_servers or [])))


_expiries: set[asyncio.Task] = set()


def expire_unless_connected(pc: RTCPeerConnection, timeout: float, expire: Callable[[], Awaitable[object]]) -> None:
    """Run ``expire`` after ``timeout`` unless ``pc`` has connected by then. Once connected counts:
    under heavy loss aiortc's state can fall back to "connecting" for a moment, and a live
    session must not be ended for it (a dead one ends through "failed")."""
    connected = False

    def check() -> None:
        if not connected and pc.connectionState != "connected":
            task = asyncio.ensure_future(expire())
            _expiries.add(task)
            task.add_done_callback(_expiries.discard)

    timer = asyncio.get_running_loop().call_later(timeout, check)

    @pc.on("connectionstatechange")
    def _note() -> None:
        nonlocal connected
        connected = connected or pc.connectionState == "connected"
        if connected or pc.connectionState == "closed":
            timer.cancel()  # it would keep the session alive until it fired
