"""Peer connections with an explicit ICE configuration.

aiortc's default configuration queries a public STUN server, which leaks the host's public address
and stalls gathering where UDP is blocked. The studio asks for STUN/TURN only when configured.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection

from .twcc import enable_transport_cc

ICE_SCHEMES = ("stun:", "turn:", "turns:")


def check_ice_servers(entries: list[dict]) -> None:
    """STUN/TURN servers as the host configures them: ``{"urls": "turn:relay.example.com:3478",
    "username": …, "credential": …}`` (the browser's RTCIceServer shape). ValueError says what is wrong."""
    for entry in entries:
        urls = entry.get("urls") if isinstance(entry, dict) else None
        urls = [urls] if isinstance(urls, str) else urls
        if not urls or not all(isinstance(u, str) and u.startswith(ICE_SCHEMES) for u in urls):
            raise ValueError(f"an ICE server needs urls starting with stun:, turn: or turns:, not {entry!r}")
        if any(u.startswith(("turn:", "turns:")) for u in urls) and not (entry.get("username")
                                                                         and entry.get("credential")):
            raise ValueError(f"a TURN server needs a username and a credential: {urls[0]}")


def ice_servers(entries: list[dict]) -> list[RTCIceServer]:
    return [RTCIceServer(e["urls"], e.get("username"), e.get("credential")) for e in entries]


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
