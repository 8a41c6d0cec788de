"""Peer connections with an explicit ICE configuration.

aiortc's default configuration queries a public STUN server, which leaks the host's public address
and stalls gathering where UDP is blocked. The studio asks for STUN/TURN only when configured.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable

from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection

from .twcc import enable_transport_cc

ICE_SCHEMES = ("stun:", "turn:", "turns:")


TURN_CREDENTIAL_TTL_S = 12 * 3600  # a show, with margin


def _urls(entry: dict) -> list[str]:
    urls = entry.get("urls")
    return [urls] if isinstance(urls, str) else list(urls or [])


def _is_turn(entry: dict) -> bool:
    return any(u.startswith(("turn:", "turns:")) for u in _urls(entry))


def check_ice_servers(entries: list[dict]) -> None:
    """STUN/TURN servers as the host configures them, in the browser's RTCIceServer shape:
    ``{"urls": "turn:relay.example.com:3478", "username": …, "credential": …}``, or with the TURN
    server's shared ``"secret"`` (coturn's use-auth-secret) instead of a fixed credential, so each
    guest gets one that expires. ValueError says what is wrong."""
    for entry in entries:
        urls = _urls(entry) if isinstance(entry, dict) else []
        if not urls or not all(isinstance(u, str) and u.startswith(ICE_SCHEMES) for u in urls):
            raise ValueError(f"an ICE server needs urls starting with stun:, turn: or turns:, not {entry!r}")
        if _is_turn(entry) and not entry.get("secret") and not (entry.get("username") and entry.get("credential")):
            raise ValueError(f"a TURN server needs a username and a credential, or its shared secret: {urls[0]}")


def with_credentials(entries: list[dict]) -> list[dict]:
    """The servers as a peer uses them: a TURN server with a shared secret gets a fresh credential
    valid for ``TURN_CREDENTIAL_TTL_S`` (the TURN REST scheme: the username is the expiry time, the
    credential its HMAC-SHA1 under the secret); the secret itself never leaves the studio."""
    servers = []
    for entry in entries:
        server = {"urls": entry["urls"]}
        if entry.get("secret"):
            username = f"{int(time.time()) + TURN_CREDENTIAL_TTL_S}:host-studio"
            digest = hmac.new(str(entry["secret"]).encode(), username.encode(), hashlib.sha1).digest()
            server.update(username=username, credential=base64.b64encode(digest).decode())
        elif entry.get("username"):
            server.update(username=entry["username"], credential=entry.get("credential"))
        servers.append(server)
    return servers


def stun_only(entries: list[dict]) -> list[dict]:
    """The STUN servers alone: for viewers, who get no TURN credentials (anyone may watch)."""
    return [{"urls": e["urls"]} for e in entries if not _is_turn(e)]


def ice_servers(entries: list[dict]) -> list[RTCIceServer]:
    """aiortc's form of ``with_credentials(entries)``; call it for each new connection."""
    return [RTCIceServer(e["urls"], e.get("username"), e.get("credential")) for e in with_credentials(entries)]


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
